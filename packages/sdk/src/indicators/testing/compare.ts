// Test kit: compare an indicator column against a reference column.
import { expect } from 'vitest';

/**
 * Expects `actual` to match `expected` within `relTol` relative (absolute near zero), wherever the
 * reference is defined; where the reference is NaN (warm-up), `actual` must be NaN too unless
 * `allowExtraValues` (a reference with a longer warm-up than ours).
 */
export function expectCloseTo(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  relTol: number,
  label: string,
  options: { allowExtraValues?: boolean; from?: number } = {},
): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  let compared = 0;
  for (let i = options.from ?? 0; i < expected.length; i++) {
    const e = expected[i] as number;
    const a = actual[i] as number;
    if (Number.isNaN(e)) {
      if (!options.allowExtraValues) expect(a, `${label}[${i}] should be NaN`).toBeNaN();
      continue;
    }
    const tolerance = relTol * Math.max(1, Math.abs(e));
    if (!(Math.abs(a - e) <= tolerance)) {
      expect.fail(`${label}[${i}]: got ${a}, expected ${e} (tolerance ${tolerance})`);
    }
    compared++;
  }
  expect(compared, `${label}: compared no values`).toBeGreaterThan(0);
}
