import { z } from 'zod';
import { InvalidArgumentError } from '../data/errors.js';
import type { FactorWeights } from './types.js';

/** The concept's factor weights: performance 30 %, fundamental 25 %, sentiment 20 %, sector 15 %, momentum 10 %. */
export const DEFAULT_WEIGHTS: Readonly<FactorWeights> = Object.freeze({
  performance: 0.3,
  fundamental: 0.25,
  sentiment: 0.2,
  sector: 0.15,
  momentum: 0.1,
});

/** Largest accepted distance between the sum of the weights and 1. */
export const WEIGHT_SUM_TOLERANCE = 1e-9;

const weight = z.number().finite().nonnegative();

/** Zod schema of {@link FactorWeights}: all five keys, non-negative finite numbers, no other keys. */
export const factorWeightsSchema = z.strictObject({
  performance: weight,
  fundamental: weight,
  sentiment: weight,
  sector: weight,
  momentum: weight,
});

/**
 * Validates factor weights: every factor present, each a finite non-negative number, no unknown
 * key, sum 1 within {@link WEIGHT_SUM_TOLERANCE}. Throws an {@link InvalidArgumentError} naming
 * the offending key (`weights.momentum`) or the sum. Returns a frozen copy.
 */
export function validateWeights(weights: unknown): Readonly<FactorWeights> {
  const parsed = factorWeightsSchema.safeParse(weights);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.code === 'unrecognized_keys') {
      const keys = issue.keys.map((key) => `"${key}"`).join(', ');
      throw new InvalidArgumentError(
        `weights.${issue.keys[0]}`,
        `unknown factor ${keys}; expected performance, fundamental, sentiment, sector, momentum`,
      );
    }
    const path = issue?.path.length ? `weights.${issue.path.map(String).join('.')}` : 'weights';
    const received = issue?.path.length ? valueAt(weights, issue.path) : weights;
    throw new InvalidArgumentError(
      path,
      `${issue?.message ?? 'invalid value'} (got ${describe(received)}); weights must be non-negative finite numbers`,
    );
  }
  const values = parsed.data;
  const sum = values.performance + values.fundamental + values.sentiment + values.sector + values.momentum;
  if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
    throw new InvalidArgumentError('weights', `must sum to 1, got a sum of ${sum}`);
  }
  return Object.freeze({ ...values });
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}
