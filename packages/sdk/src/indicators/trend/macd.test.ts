import fc from 'fast-check';
import { MACD as TechnicalMACD } from 'technicalindicators';
import { EMA as ReferenceEMA, MACD as ReferenceMACD, SMA as ReferenceSMA } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/random.js';
import { expectCloseTo } from '../testing/compare.js';
import { priceSeries, testIndicatorContract } from '../testing/contract.js';
import { randomWalkBars } from '../testing/long-series.js';
import { loadReferenceCloses } from '../testing/reference-data.js';
import { ema } from './ema.js';
import { MACD, type MacdValue, macd } from './macd.js';

/**
 * An EMA seeded, as TA-Lib's, with the SMA of `period` values starting at `start`, assembled from
 * trading-signals' SMA and EMA (its EMA takes its first input as the seed). NaN before.
 */
function seededReferenceEma(values: readonly number[], period: number, start: number): number[] {
  const seed = new ReferenceSMA(period);
  const smoother = new ReferenceEMA(period);
  return values.map((x, i) => {
    if (i < start) return Number.NaN;
    if (i < start + period - 1) {
      seed.add(x);
      return Number.NaN;
    }
    return (i === start + period - 1 ? smoother.add(seed.add(x) as number) : smoother.add(x)) ?? Number.NaN;
  });
}

/** TA-Lib's MACD (both EMAs seeded at index slow − 1) built from trading-signals parts. */
function taLibMacdFromReferenceParts(values: readonly number[], fast: number, slow: number, signal: number) {
  const fastEma = seededReferenceEma(values, fast, slow - fast);
  const slowEma = seededReferenceEma(values, slow, 0);
  const line = values.map((_, i) => (fastEma[i] as number) - (slowEma[i] as number));
  const signalLine = seededReferenceEma(line, signal, slow - 1);
  return { macd: line, signal: signalLine, histogram: line.map((m, i) => m - (signalLine[i] as number)) };
}

/** trading-signals' own MACD: EMAs seeded with the first value; all three outputs from index slow − 1. */
function plainReferenceMacd(values: readonly number[], fast: number, slow: number, signal: number) {
  const reference = new ReferenceMACD(
    new ReferenceEMA(fast),
    new ReferenceEMA(slow),
    new ReferenceEMA(signal),
  );
  const out = { macd: [] as number[], signal: [] as number[], histogram: [] as number[] };
  for (const x of values) {
    const value = reference.add(x);
    out.macd.push(value?.macd ?? Number.NaN);
    out.signal.push(value?.signal ?? Number.NaN);
    out.histogram.push(value?.histogram ?? Number.NaN);
  }
  return out;
}

function randomWalk(seed: number, length: number): number[] {
  const rng = createRng(seed);
  let price = 30 + 300 * rng.next();
  return Array.from({ length }, () => (price *= Math.exp(0.02 * rng.normal())));
}

const series = [...loadReferenceCloses(), ['random walk', randomWalk(3, 3000)] as const];
const settings = [
  { fast: 12, slow: 26, signal: 9 },
  { fast: 5, slow: 35, signal: 5 },
  { fast: 1, slow: 2, signal: 1 },
];

describe('macd', () => {
  it('seeds both EMAs at index slow − 1, the fast one with the SMA of the last `fast` values', () => {
    // fast 2 (alpha 2/3), slow 3 (alpha 1/2), signal 2 (alpha 2/3), worked by hand:
    // [2]: fast mean(3,2) = 5/2, slow mean(1,3,2) = 2 → macd 1/2.
    // [3]: fast 5/2 + (6 − 5/2)·2/3 = 29/6, slow 2 + (6 − 2)/2 = 4 → macd 5/6; signal mean(1/2, 5/6) = 2/3.
    // [4]: fast 29/6 + (4 − 29/6)·2/3 = 77/18, slow 4 → macd 5/18; signal 2/3 + (5/18 − 2/3)·2/3 = 11/27.
    const out = macd([1, 3, 2, 6, 4], { fast: 2, slow: 3, signal: 2 });
    const expected = {
      macd: [Number.NaN, Number.NaN, 1 / 2, 5 / 6, 5 / 18],
      signal: [Number.NaN, Number.NaN, Number.NaN, 2 / 3, 11 / 27],
      histogram: [Number.NaN, Number.NaN, Number.NaN, 1 / 6, 5 / 18 - 11 / 27],
    };
    for (const key of ['macd', 'signal', 'histogram'] as const) {
      expectCloseTo(out[key], expected[key], 1e-14, key);
    }
  });

  it("matches TA-Lib's alignment built from trading-signals' SMA and EMA, from the first value", () => {
    for (const [name, closes] of series) {
      for (const { fast, slow, signal } of settings) {
        const expected = taLibMacdFromReferenceParts(closes, fast, slow, signal);
        const out = macd(closes, { fast, slow, signal });
        for (const key of ['macd', 'signal', 'histogram'] as const) {
          expectCloseTo(out[key], expected[key], 1e-9, `${name} ${key}(${fast},${slow},${signal})`);
        }
      }
    }
    fc.assert(
      fc.property(priceSeries(150), (closes) => {
        if (closes.length < 34) return;
        const expected = taLibMacdFromReferenceParts(closes, 12, 26, 9);
        const out = macd(closes);
        for (const key of ['macd', 'signal', 'histogram'] as const) {
          expectCloseTo(out[key], expected[key], 1e-9, `random ${key}`);
        }
      }),
      { numRuns: 50 },
    );
  });

  it("matches trading-signals' own MACD after 600 bars, once the different seeds have decayed", () => {
    // trading-signals seeds each EMA with the first value and starts the signal line at slow − 1:
    // the seeds' effect decays as (25/27)^k; after 600 bars it is far below 1e-9.
    const offset = 600;
    for (const [name, closes] of series) {
      if (closes.length <= offset + 100) continue;
      const expected = plainReferenceMacd(closes, 12, 26, 9);
      const out = macd(closes);
      for (const key of ['macd', 'signal', 'histogram'] as const) {
        expectCloseTo(out[key], expected[key], 1e-9, `${name} ${key}`, { from: offset });
      }
    }
  });

  it('refuses fast ≥ slow, bad periods and non-finite values, naming them', () => {
    expect(() => macd([1, 2, 3], { fast: 26, slow: 12 })).toThrow(/`fast`.*less than slow/);
    expect(() => macd([1, 2, 3], { fast: 5, slow: 5 })).toThrow(/`fast`/);
    expect(() => macd([1, 2, 3], { signal: 0 })).toThrow(/`signal`.*at least 1/);
    expect(() => macd([1, 2, 3], { slow: 2.5 })).toThrow(/`slow`.*integer/);
    expect(() => macd([1, Number.NaN, 3])).toThrow(/`values` at index 1/);
    expect(() => new MACD({ fast: 9, slow: 3 })).toThrow(/`fast`/);
  });

  it('defines MACD from slow − 1 and signal/histogram from slow + signal − 2, with no NaN after (property)', () => {
    fc.assert(
      fc.property(
        priceSeries(),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 15 }),
        fc.integer({ min: 1, max: 10 }),
        (closes, fast, extra, signal) => {
          const slow = fast + extra;
          const out = macd(closes, { fast, slow, signal });
          for (let i = 0; i < closes.length; i++) {
            expect(Number.isNaN(out.macd[i])).toBe(i < slow - 1);
            expect(Number.isNaN(out.signal[i])).toBe(i < slow + signal - 2);
            if (i >= slow + signal - 2) {
              expect(out.histogram[i]).toBe((out.macd[i] as number) - (out.signal[i] as number));
            }
          }
        },
      ),
    );
  });
});

/** technicalindicators' MACD (EMAs seeded with their own SMA), aligned to the input's indices. */
function technicalIndicatorsMacd(values: readonly number[], fast: number, slow: number, signal: number) {
  const rows = TechnicalMACD.calculate({
    values: [...values],
    fastPeriod: fast,
    slowPeriod: slow,
    signalPeriod: signal,
    SimpleMAOscillator: false,
    SimpleMASignal: false,
  });
  const pad = values.length - rows.length;
  const at = (pick: (row: (typeof rows)[number]) => number | undefined) =>
    values.map((_, i) =>
      i < pad ? Number.NaN : (pick(rows[i - pad] as (typeof rows)[number]) ?? Number.NaN),
    );
  return { macd: at((r) => r.MACD), signal: at((r) => r.signal), histogram: at((r) => r.histogram) };
}

describe("macd({ seed: 'ttr' })", () => {
  it('is exactly ema(x, fast) − ema(x, slow) on its line, with the same signal seeding', () => {
    for (const [name, closes] of series) {
      for (const { fast, slow, signal } of settings) {
        const out = macd(closes, { fast, slow, signal, seed: 'ttr' });
        const fastEma = ema(closes, fast);
        const slowEma = ema(closes, slow);
        const line = closes.map((_, i) =>
          i < slow - 1 ? Number.NaN : (fastEma[i] as number) - (slowEma[i] as number),
        );
        expectCloseTo(out.macd, line, 0, `${name} line(${fast},${slow})`);
        const signalLine = ema(line.slice(slow - 1), signal);
        const expectedSignal = [...new Array(slow - 1).fill(Number.NaN), ...signalLine];
        expectCloseTo(out.signal, expectedSignal, 1e-12, `${name} signal(${fast},${slow},${signal})`);
      }
    }
  });

  it("matches technicalindicators' MACD (SMA-seeded EMAs) from the first value", () => {
    for (const [name, closes] of series) {
      for (const { fast, slow, signal } of settings.slice(0, 2)) {
        const expected = technicalIndicatorsMacd(closes, fast, slow, signal);
        const out = macd(closes, { fast, slow, signal, seed: 'ttr' });
        for (const key of ['macd', 'signal', 'histogram'] as const) {
          expectCloseTo(out[key], expected[key], 1e-9, `${name} ${key}(${fast},${slow},${signal})`);
        }
      }
    }
  });

  it("differs from the 'talib' seed at first and converges to it", () => {
    const closes = series[0]?.[1] as readonly number[];
    const talib = macd(closes).macd;
    const ttr = macd(closes, { seed: 'ttr' }).macd;
    expect(Math.abs((talib[25] as number) - (ttr[25] as number))).toBeGreaterThan(1e-3);
    expect(Math.abs((talib[25 + 200] as number) - (ttr[25 + 200] as number))).toBeLessThan(1e-9);
  });

  it('refuses an unknown seed, naming it', () => {
    expect(() => macd([1, 2, 3], { seed: 'tv' as never })).toThrow(/`seed`/);
  });
});

describe('macd({ out })', () => {
  it('refuses an out column that shares memory with the input or another output, and unknown outputs', () => {
    const x = new Float64Array(50).fill(1);
    expect(() => macd(x, { out: { signal: x } })).toThrow(/`out.signal`: shares memory with `values`/);
    expect(() =>
      macd(x.subarray(0, 25), { out: { histogram: x.subarray(25, 50), macd: x.subarray(24, 49) } }),
    ).toThrow(/`out.macd`: shares memory with `values`/);
    const column = new Float64Array(50);
    expect(() => macd(x, { out: { macd: column, histogram: column } })).toThrow(
      /`out.histogram`: shares memory with `out.macd`/,
    );
    expect(() => macd(x, { out: { notAnOutput: column } as never })).toThrow(/`out.notAnOutput`/);
  });

  it('writes only the columns given, allocating the others', () => {
    const x = Float64Array.from({ length: 60 }, (_, i) => 100 + Math.sin(i));
    const fresh = macd(x);
    const signal = new Float64Array(60).fill(-7.5e300);
    const out = macd(x, { out: { signal } });
    expect(out.signal).toBe(signal);
    expect(out).toEqual(fresh);
  });
});

describe('MACD (streaming)', () => {
  testIndicatorContract<number, MacdValue>({
    create: () => new MACD({ fast: 3, slow: 6, signal: 4 }),
    restore: (state) => MACD.fromJSON(state),
    batch: (inputs) => {
      const out = macd(inputs, { fast: 3, slow: 6, signal: 4 });
      return [out.macd, out.signal, out.histogram];
    },
    batchInto: (inputs, [line, signal, histogram]) => {
      const out = macd(inputs, { fast: 3, slow: 6, signal: 4, out: { macd: line, signal, histogram } });
      return [out.macd, out.signal, out.histogram];
    },
    toVector: (value) => [value.macd, value.signal, value.histogram],
    inputs: priceSeries(),
    invalidInput: Number.NaN,
    firstStableIndex: 8,
  });
});

describe("MACD (streaming, seed: 'ttr')", () => {
  testIndicatorContract<number, MacdValue>({
    create: () => new MACD({ fast: 3, slow: 6, signal: 4, seed: 'ttr' }),
    restore: (state) => MACD.fromJSON(state),
    batch: (inputs) => {
      const out = macd(inputs, { fast: 3, slow: 6, signal: 4, seed: 'ttr' });
      return [out.macd, out.signal, out.histogram];
    },
    batchInto: (inputs, [line, signal, histogram]) => {
      const out = macd(inputs, {
        fast: 3,
        slow: 6,
        signal: 4,
        seed: 'ttr',
        out: { macd: line, signal, histogram },
      });
      return [out.macd, out.signal, out.histogram];
    },
    toVector: (value) => [value.macd, value.signal, value.histogram],
    inputs: priceSeries(),
    invalidInput: Number.NaN,
    firstStableIndex: 8,
  });
});

describe('macd over long series (past the signal seed it runs in chunks of up to 4096 values)', () => {
  // A random walk long enough to cross several chunk boundaries.
  const x = randomWalkBars(20_000, 15).close;

  for (const seed of ['talib', 'ttr'] as const) {
    it(`equals the streaming MACD bit for bit, typed or plain (seed: '${seed}')`, () => {
      const options = { fast: 12, slow: 26, signal: 9, seed };
      const batch = macd(x, options);
      expect(macd(Array.from(x), options)).toEqual(batch);
      const stream = new MACD(options);
      for (let i = 0; i < x.length; i++) {
        const v = stream.update(x[i] as number);
        const same =
          Object.is(v.macd, batch.macd[i]) &&
          Object.is(v.signal, batch.signal[i]) &&
          Object.is(v.histogram, batch.histogram[i]);
        if (!same) expect.fail(`index ${i}: streaming ${JSON.stringify(v)}, batch ${batch.macd[i]}`);
      }
    });

    it(`writes every slot of reused columns across the chunks (seed: '${seed}')`, () => {
      const options = { fast: 12, slow: 26, signal: 9, seed };
      const fresh = macd(x, options);
      const columns = {
        macd: new Float64Array(x.length).fill(-7.5e300),
        signal: new Float64Array(x.length).fill(0),
        histogram: new Float64Array(x.length).fill(-7.5e300),
      };
      const out = macd(x, { ...options, out: columns });
      expect(out.macd).toBe(columns.macd);
      expect(out.signal).toBe(columns.signal);
      expect(out.histogram).toBe(columns.histogram);
      expect(out).toEqual(fresh);
    });
  }
});
