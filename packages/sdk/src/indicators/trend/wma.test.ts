import fc from 'fast-check';
import { WMA as ReferenceWMA } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/random.js';
import { expectCloseTo } from '../testing/compare.js';
import { priceSeries, testIndicatorContract } from '../testing/contract.js';
import { loadReferenceCloses } from '../testing/reference-data.js';
import { WMA, wma } from './wma.js';

function referenceWma(values: readonly number[], period: number): number[] {
  const reference = new ReferenceWMA(period);
  return values.map((x) => {
    const value = reference.add(x);
    return value === null ? Number.NaN : value;
  });
}

function randomWalk(seed: number, length: number): number[] {
  const rng = createRng(seed);
  let price = 20 + 200 * rng.next();
  return Array.from({ length }, () => (price *= Math.exp(0.015 * rng.normal())));
}

describe('wma', () => {
  it('weighs the newest value most, with weights 1..n', () => {
    // (1·1 + 2·2 + 3·3) / 6 = 14/6, (1·2 + 2·3 + 3·4) / 6 = 20/6.
    const out = wma([1, 2, 3, 4], 3);
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(14 / 6, 14);
    expect(out[3]).toBeCloseTo(20 / 6, 14);
  });

  it('matches trading-signals on the real series and on random ones', () => {
    const series = [...loadReferenceCloses(), ['random walk', randomWalk(5, 5000)] as const];
    for (const [name, closes] of series) {
      for (const period of [1, 2, 10, 30, 100]) {
        expectCloseTo(wma(closes, period), referenceWma(closes, period), 1e-9, `${name} wma(${period})`);
      }
    }
    fc.assert(
      fc.property(priceSeries(200), fc.integer({ min: 1, max: 40 }), (closes, period) => {
        if (closes.length < period) return;
        expectCloseTo(wma(closes, period), referenceWma(closes, period), 1e-9, `random wma(${period})`);
      }),
    );
  });

  it('refuses bad periods and non-finite values, naming them', () => {
    expect(() => wma([1, 2, 3], 0)).toThrow(/`period`.*at least 1/);
    expect(() => wma([1, 2, 3], 2.5)).toThrow(/`period`.*integer/);
    expect(() => wma([1, 2, Number.NaN], 2)).toThrow(/`values` at index 2/);
    expect(() => new WMA(0)).toThrow(/`period`/);
  });

  it('has no NaN after warm-up and stays within the window range (property)', () => {
    fc.assert(
      fc.property(priceSeries(), fc.integer({ min: 1, max: 30 }), (closes, period) => {
        const out = wma(closes, period);
        for (let i = 0; i < closes.length; i++) {
          expect(Number.isNaN(out[i])).toBe(i < period - 1);
          if (i < period - 1) continue;
          const window = closes.slice(i - period + 1, i + 1);
          expect(out[i]).toBeGreaterThanOrEqual(Math.min(...window) * (1 - 1e-12));
          expect(out[i]).toBeLessThanOrEqual(Math.max(...window) * (1 + 1e-12));
        }
      }),
    );
  });
});

describe('wma({ out })', () => {
  it('refuses an out that shares memory with the input, naming both', () => {
    const x = new Float64Array(50).fill(1);
    expect(() => wma(x, 5, { out: x })).toThrow(/`out`: shares memory with `values`/);
    expect(() => wma(x.subarray(0, 25), 5, { out: x.subarray(24, 49) })).toThrow(
      /`out`: shares memory with `values`/,
    );
  });
});

describe('WMA (streaming)', () => {
  testIndicatorContract<number, number>({
    create: () => new WMA(6),
    restore: (state) => WMA.fromJSON(state),
    batch: (inputs) => [wma(inputs, 6)],
    batchInto: (inputs, [out]) => [wma(inputs, 6, { out })],
    toVector: (value) => [value],
    inputs: priceSeries(),
    invalidInput: Number.POSITIVE_INFINITY,
    firstStableIndex: 5,
  });
});
