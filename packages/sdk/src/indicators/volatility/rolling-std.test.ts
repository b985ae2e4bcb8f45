import fc from 'fast-check';
import { getStandardDeviation } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/random.js';
import { expectCloseTo } from '../testing/compare.js';
import { priceSeries, testIndicatorContract } from '../testing/contract.js';
import { loadReferenceCloses } from '../testing/reference-data.js';
import { RollingStd, rollingStd } from './rolling-std.js';

/** trading-signals' population sd of each window, rescaled to the sample sd (√(n/(n−1))). */
function referenceRollingStd(values: readonly number[], period: number): number[] {
  return values.map((_, i) =>
    i < period - 1
      ? Number.NaN
      : getStandardDeviation(values.slice(i - period + 1, i + 1)) * Math.sqrt(period / (period - 1)),
  );
}

/**
 * Two-pass sample sd of each window, on deviations from the window's last value (exact by
 * Sterbenz's lemma for close values), so the reference itself keeps all digits at any price level.
 */
function twoPassRollingStd(values: ArrayLike<number>, period: number): Float64Array {
  const out = new Float64Array(values.length).fill(Number.NaN);
  for (let i = period - 1; i < values.length; i++) {
    const anchor = values[i] as number;
    let mean = 0;
    for (let j = i - period + 1; j <= i; j++) mean += (values[j] as number) - anchor;
    mean /= period;
    let squares = 0;
    for (let j = i - period + 1; j <= i; j++) squares += ((values[j] as number) - anchor - mean) ** 2;
    out[i] = Math.sqrt(squares / (period - 1));
  }
  return out;
}

describe('rollingStd', () => {
  it('is the sample standard deviation (divisor n − 1) of the last n values', () => {
    // mean 5, squared deviations sum to 32: sd = √(32/7).
    const out = rollingStd([2, 4, 4, 4, 5, 5, 7, 9], 8);
    expect(out[6]).toBeNaN();
    expect(out[7]).toBeCloseTo(Math.sqrt(32 / 7), 14);
    expect(Array.from(rollingStd([1, 3, 5], 2))).toEqual([Number.NaN, Math.SQRT2, Math.SQRT2]);
  });

  it('matches trading-signals (rescaled to n − 1) on the real series and on random ones', () => {
    const rng = createRng(21);
    let price = 80;
    const walk = Array.from({ length: 3000 }, () => (price *= Math.exp(0.02 * rng.normal())));
    for (const [name, closes] of [...loadReferenceCloses(), ['random walk', walk] as const]) {
      for (const period of [2, 5, 20, 60]) {
        expectCloseTo(
          rollingStd(closes, period),
          referenceRollingStd(closes, period),
          1e-9,
          `${name} rollingStd(${period})`,
        );
      }
    }
    fc.assert(
      fc.property(priceSeries(150), fc.integer({ min: 2, max: 30 }), (closes, period) => {
        if (closes.length < period) return;
        expectCloseTo(rollingStd(closes, period), referenceRollingStd(closes, period), 1e-9, 'random');
      }),
    );
  });

  it('keeps its digits on prices near 1e6 with a tiny spread, against a two-pass reference', () => {
    // Running sums of x and x² would lose every digit here: Σx² ≈ 2e13 while n·σ² ≈ 2e-5.
    const rng = createRng(99);
    for (const [level, spread, drift] of [
      [1e6, 1e-3, 0],
      [1e6, 1e-3, 1e-2],
      [1e8, 1e-4, 0],
    ] as const) {
      let base = level;
      const prices = Float64Array.from({ length: 40_000 }, () => {
        base += drift * rng.normal();
        return base + spread * rng.normal();
      });
      for (const period of [5, 20, 100]) {
        const out = rollingStd(prices, period);
        const reference = twoPassRollingStd(prices, period);
        for (let i = period - 1; i < prices.length; i++) {
          const relative = Math.abs((out[i] as number) - (reference[i] as number)) / (reference[i] as number);
          if (!(relative <= 1e-9)) {
            expect.fail(`level ${level} period ${period} [${i}]: ${out[i]} vs ${reference[i]}`);
          }
        }
      }
    }
  });

  it('is exactly 0 on a flat window right after a jump has left it (no drift from history)', () => {
    const out = rollingStd([100.1, 100.1, 1e4 + 0.3, 100.1, 100.1, 100.1, 100.1, 100.1], 3);
    expect(out[5]).toBe(0);
    expect(out[7]).toBe(0);
  });

  it('is 0 on a constant series and never negative or NaN after warm-up (property)', () => {
    expect(Array.from(rollingStd([7, 7, 7, 7], 3))).toEqual([Number.NaN, Number.NaN, 0, 0]);
    fc.assert(
      fc.property(priceSeries(), fc.integer({ min: 2, max: 30 }), (closes, period) => {
        const out = rollingStd(closes, period);
        for (let i = 0; i < closes.length; i++) {
          if (i < period - 1) expect(out[i]).toBeNaN();
          else expect(out[i]).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('refuses periods below 2, non-integer periods and non-finite values, naming them', () => {
    expect(() => rollingStd([1, 2, 3], 1)).toThrow(/`period`.*at least 2/);
    expect(() => rollingStd([1, 2, 3], 2.5)).toThrow(/`period`.*integer/);
    expect(() => rollingStd([1, 2, Number.NEGATIVE_INFINITY], 2)).toThrow(/`values` at index 2/);
    expect(() => new RollingStd(1)).toThrow(/`period`/);
  });

  it('refuses an `out` that shares memory with the values', () => {
    const x = new Float64Array(50).fill(1);
    expect(() => rollingStd(x, 5, { out: x })).toThrow(/`out`: shares memory with `values`/);
    expect(() => rollingStd(x.subarray(0, 25), 5, { out: x.subarray(20, 45) })).toThrow(
      /`out`: shares memory with `values`/,
    );
  });
});

describe('RollingStd (streaming)', () => {
  testIndicatorContract<number, number>({
    create: () => new RollingStd(4),
    restore: (state) => RollingStd.fromJSON(state),
    batch: (inputs) => [rollingStd(inputs, 4)],
    batchInto: (inputs, [out]) => [rollingStd(inputs, 4, { out })],
    toVector: (value) => [value],
    inputs: priceSeries(),
    invalidInput: Number.NaN,
    firstStableIndex: 3,
  });
});
