// Test kit: compare unrounded scores with the rounded scores vaderSentiment publishes.
import { expect } from 'vitest';
import type { SentimentScore } from '../types.js';

/** A score as vaderSentiment prints it: compound rounded to 4 decimals, proportions to 3. */
export interface PublishedScore {
  neg: number;
  neu: number;
  pos: number;
  compound: number;
}

/**
 * Asserts that an unrounded score rounds to a published (rounded) one: within half a unit of the
 * last printed decimal (plus float noise).
 */
export function expectRoundsTo(actual: SentimentScore, published: Partial<PublishedScore>, label = ''): void {
  const checks: [keyof PublishedScore, number, number][] = [
    ['compound', actual.compound, 5e-5],
    ['pos', actual.positive, 5e-4],
    ['neu', actual.neutral, 5e-4],
    ['neg', actual.negative, 5e-4],
  ];
  for (const [field, value, halfUnit] of checks) {
    const expected = published[field];
    if (expected === undefined) continue;
    expect(
      Math.abs(value - expected),
      `${label} ${field}: got ${value}, published ${expected}`,
    ).toBeLessThanOrEqual(halfUnit + 1e-12);
  }
}
