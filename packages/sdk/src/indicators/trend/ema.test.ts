import fc from 'fast-check';
import { EMA as ReferenceEMA, SMA as ReferenceSMA } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/random.js';
import { expectCloseTo } from '../testing/compare.js';
import { priceSeries, testIndicatorContract } from '../testing/contract.js';
import { loadReferenceCloses } from '../testing/reference-data.js';
import { EMA, ema } from './ema.js';

/**
 * TA-Lib's EMA assembled from trading-signals parts: its SMA of the first `period` values is fed to
 * its EMA as the first input (trading-signals seeds an EMA with its first input), then the rest.
 */
function seededReferenceEma(values: readonly number[], period: number): number[] {
  const seed = new ReferenceSMA(period);
  const smoother = new ReferenceEMA(period);
  return values.map((x, i) => {
    if (i < period - 1) {
      seed.add(x);
      return Number.NaN;
    }
    return (i === period - 1 ? smoother.add(seed.add(x) as number) : smoother.add(x)) ?? Number.NaN;
  });
}

/** trading-signals' own EMA (seeded with the first value), NaN until it calls itself stable. */
function plainReferenceEma(values: readonly number[], period: number): number[] {
  const reference = new ReferenceEMA(period);
  return values.map((x) => {
    const value = reference.add(x);
    return reference.isStable && value !== null ? value : Number.NaN;
  });
}

function randomWalk(seed: number, length: number): number[] {
  const rng = createRng(seed);
  let price = 50 + 100 * rng.next();
  return Array.from({ length }, () => (price *= Math.exp(0.02 * rng.normal())));
}

const series = [...loadReferenceCloses(), ['random walk', randomWalk(11, 3000)] as const];

describe('ema', () => {
  it('seeds with the SMA of the first n values, then smooths with alpha 2/(n+1)', () => {
    // alpha = 0.5: seed mean(1,2,3) = 2, then (4 − 2)·0.5 + 2 = 3, (5 − 3)·0.5 + 3 = 4.
    expect(Array.from(ema([1, 2, 3, 4, 5], 3))).toEqual([Number.NaN, Number.NaN, 2, 3, 4]);
    expect(Array.from(ema([1, 2], 3))).toEqual([Number.NaN, Number.NaN]);
  });

  it('matches trading-signals (SMA-seeded) from the first value, on real and random series', () => {
    for (const [name, closes] of series) {
      for (const period of [1, 2, 9, 12, 26, 50]) {
        expectCloseTo(
          ema(closes, period),
          seededReferenceEma(closes, period),
          1e-9,
          `${name} ema(${period})`,
        );
      }
    }
    fc.assert(
      fc.property(priceSeries(200), fc.integer({ min: 1, max: 40 }), (closes, period) => {
        if (closes.length < period) return;
        expectCloseTo(ema(closes, period), seededReferenceEma(closes, period), 1e-9, `random ema(${period})`);
      }),
    );
  });

  it("matches trading-signals' first-value-seeded EMA once the seed has decayed below 1e-10", () => {
    for (const [name, closes] of series) {
      for (const period of [9, 20, 50]) {
        const alpha = 2 / (period + 1);
        const offset = period - 1 + Math.ceil(Math.log(1e-10) / Math.log(1 - alpha));
        if (closes.length <= offset) continue;
        expectCloseTo(
          ema(closes, period),
          plainReferenceEma(closes, period),
          1e-9,
          `${name} ema(${period})`,
          {
            from: offset,
          },
        );
      }
    }
  });

  it('forgets its seed by a factor 1e-6 after ceil(ln 1e-6 / ln(1 − alpha)) bars (docs/indicators.md)', () => {
    const dax = loadReferenceCloses().get('DAX') as number[];
    for (const [period, documented] of [
      [9, 62],
      [12, 83],
      [20, 139],
      [26, 180],
      [50, 346],
      [200, 1382],
    ] as const) {
      const bars = Math.ceil(Math.log(1e-6) / Math.log(1 - 2 / (period + 1)));
      expect(bars, `ema(${period})`).toBe(documented);
      const start = 100;
      const early = ema(dax, period);
      const late = ema(dax.slice(start), period);
      const first = start + period - 1; // first value of the late start
      if (first + bars >= dax.length) continue;
      const initialGap = Math.abs((late[period - 1] as number) - (early[first] as number));
      const gapAfter = Math.abs((late[period - 1 + bars] as number) - (early[first + bars] as number));
      expect(gapAfter).toBeLessThanOrEqual(1e-6 * initialGap + 1e-12 * (early[first + bars] as number));
    }
  });

  it('refuses bad periods and non-finite values, naming them', () => {
    expect(() => ema([1, 2, 3], 0)).toThrow(/`period`.*at least 1/);
    expect(() => ema([1, 2, 3], 1.5)).toThrow(/`period`.*integer/);
    expect(() => ema([1, Number.POSITIVE_INFINITY, 3], 2)).toThrow(/`values` at index 1/);
    expect(() => new EMA(-3)).toThrow(/`period`/);
  });

  it('has no NaN after warm-up on valid input (property)', () => {
    fc.assert(
      fc.property(priceSeries(), fc.integer({ min: 1, max: 30 }), (closes, period) => {
        const out = ema(closes, period);
        for (let i = 0; i < closes.length; i++) expect(Number.isNaN(out[i])).toBe(i < period - 1);
      }),
    );
  });
});

describe('ema({ out })', () => {
  it('refuses an out that shares memory with the input, naming both, in either convention', () => {
    const x = new Float64Array(50).fill(1);
    expect(() => ema(x, 5, { out: x })).toThrow(/`out`: shares memory with `values`/);
    expect(() => ema(x.subarray(0, 25), 5, { out: x.subarray(20, 45) })).toThrow(
      /`out`: shares memory with `values`/,
    );
    expect(() => ema(x, 5, { convention: 'tradingview', out: x })).toThrow(
      /`out`: shares memory with `values`/,
    );
    // A series shorter than the period: all NaN, and still checked.
    expect(() => ema(x.subarray(0, 3), 5, { out: x.subarray(2, 5) })).toThrow(
      /`out`: shares memory with `values`/,
    );
  });
});

describe('EMA (streaming)', () => {
  testIndicatorContract<number, number>({
    create: () => new EMA(5),
    restore: (state) => EMA.fromJSON(state),
    batch: (inputs) => [ema(inputs, 5)],
    batchInto: (inputs, [out]) => [ema(inputs, 5, { out })],
    toVector: (value) => [value],
    inputs: priceSeries(),
    invalidInput: Number.NaN,
    firstStableIndex: 4,
  });
});

describe("ema({ convention: 'tradingview' })", () => {
  it("equals trading-signals' EMA (seeded with the first value) wherever it gives one, and is defined from index 0", () => {
    for (const [name, closes] of loadReferenceCloses()) {
      for (const period of [1, 9, 20]) {
        const reference = new ReferenceEMA(period);
        const expected = closes.map((x) => reference.add(x) ?? Number.NaN);
        const out = ema(closes, period, { convention: 'tradingview' });
        expectCloseTo(out, expected, 1e-12, `${name} ema(${period})`, { allowExtraValues: true });
        expect(out[0]).toBe(closes[0]);
      }
    }
  });

  it('refuses an unknown convention, naming it', () => {
    expect(() => ema([1, 2], 2, { convention: 'x' as never })).toThrow(/`convention`/);
  });
});

describe("EMA (streaming, convention 'tradingview')", () => {
  testIndicatorContract<number, number>({
    create: () => new EMA(4, { convention: 'tradingview' }),
    restore: (state) => EMA.fromJSON(state),
    batch: (inputs) => [ema(inputs, 4, { convention: 'tradingview' })],
    batchInto: (inputs, [out]) => [ema(inputs, 4, { convention: 'tradingview', out })],
    toVector: (value) => [value],
    inputs: priceSeries(),
    invalidInput: Number.NaN,
    firstStableIndex: 0,
  });
});
