import fc from 'fast-check';
import { StochasticOscillator } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import type { BarInput } from '../streaming.js';
import { toColumns } from '../testing/columns.js';
import { expectCloseTo } from '../testing/compare.js';
import { barSeries, testIndicatorContract } from '../testing/contract.js';
import { loadReferenceBars } from '../testing/reference-data.js';
import { Stochastic, type StochasticOptions, stochastic } from './stochastic.js';

type Bars = readonly Required<BarInput>[];

/** Lane's stochastic straight from the definition, window by window (O(n·k)), flat range → 50. */
function textbookStochastic(bars: Bars, kPeriod: number, dPeriod: number, kSmoothing: number) {
  const fast = bars.map((bar, i) => {
    if (i < kPeriod - 1) return Number.NaN;
    const window = bars.slice(i - kPeriod + 1, i + 1);
    const highest = Math.max(...window.map((b) => b.high));
    const lowest = Math.min(...window.map((b) => b.low));
    return highest === lowest ? 50 : (100 * (bar.close - lowest)) / (highest - lowest);
  });
  const mean = (xs: number[], i: number, n: number) =>
    i < n - 1 ? Number.NaN : xs.slice(i - n + 1, i + 1).reduce((a, b) => a + b, 0) / n;
  const k = fast.map((_, i) => mean(fast, i, kSmoothing));
  const d = k.map((_, i) => mean(k, i, dPeriod));
  const flat = bars.map((_, i) => {
    const window = bars.slice(Math.max(0, i - kPeriod + 1), i + 1);
    return Math.max(...window.map((b) => b.high)) === Math.min(...window.map((b) => b.low));
  });
  return { k, d, anyFlat: flat.some((f, i) => f && i >= kPeriod - 1) };
}

/** trading-signals' StochasticOscillator, which only yields once %D exists (flat range → 0). */
function referenceStochastic(bars: Bars, kPeriod: number, dPeriod: number, kSmoothing: number) {
  const reference = new StochasticOscillator({ kPeriod, dPeriod, kSlowingPeriod: kSmoothing });
  const k: number[] = [];
  const d: number[] = [];
  for (const bar of bars) {
    const result = reference.add(bar);
    k.push(result ? result.stochK : Number.NaN);
    d.push(result ? result.stochD : Number.NaN);
  }
  return { k, d };
}

function compareWithReferences(bars: Bars, options: Required<StochasticOptions>, label: string): void {
  const { kPeriod, dPeriod, kSmoothing } = options;
  const { high, low, close } = toColumns(bars);
  const out = stochastic(high, low, close, options);
  const textbook = textbookStochastic(bars, kPeriod, dPeriod, kSmoothing);
  expectCloseTo(out.k, textbook.k, 1e-9, `${label} %K vs textbook`);
  expectCloseTo(out.d, textbook.d, 1e-9, `${label} %D vs textbook`);
  if (!textbook.anyFlat) {
    const reference = referenceStochastic(bars, kPeriod, dPeriod, kSmoothing);
    const from = kPeriod + kSmoothing + dPeriod - 3;
    expectCloseTo(out.k, reference.k, 1e-9, `${label} %K`, { allowExtraValues: true, from });
    expectCloseTo(out.d, reference.d, 1e-9, `${label} %D`);
  }
}

describe('stochastic', () => {
  it('places the close in the range of the last kPeriod bars and averages %K into %D', () => {
    const high = [10, 12, 11, 13, 12];
    const low = [8, 9, 9, 10, 10];
    const close = [9, 11, 10, 12, 10];
    const { k, d } = stochastic(high, low, close, { kPeriod: 3, dPeriod: 2 });
    // Index 2: range 8..12, close 10 → 50; index 3: 9..13, 12 → 75; index 4: 9..13, 10 → 25.
    expect(Array.from(k)).toEqual([Number.NaN, Number.NaN, 50, 75, 25]);
    expect(Array.from(d)).toEqual([Number.NaN, Number.NaN, Number.NaN, 62.5, 50]);
  });

  it('gives 50 on a flat range (high = low over the whole window)', () => {
    const flat = [5, 5, 5, 5];
    const { k, d } = stochastic(flat, flat, flat, { kPeriod: 2, dPeriod: 2 });
    expect(Array.from(k).slice(1)).toEqual([50, 50, 50]);
    expect(Array.from(d).slice(2)).toEqual([50, 50]);
  });

  it('matches trading-signals and the textbook definition on the real MSFT bars to 1e-9', () => {
    const bars = loadReferenceBars();
    for (const options of [
      { kPeriod: 14, dPeriod: 3, kSmoothing: 1 },
      { kPeriod: 14, dPeriod: 3, kSmoothing: 3 },
      { kPeriod: 5, dPeriod: 5, kSmoothing: 2 },
      { kPeriod: 1, dPeriod: 1, kSmoothing: 1 },
    ]) {
      compareWithReferences(bars, options, `MSFT ${JSON.stringify(options)}`);
    }
  });

  it('matches trading-signals and the textbook definition on random bars to 1e-9 (property)', () => {
    fc.assert(
      fc.property(
        barSeries(250),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        (bars, kPeriod, dPeriod, kSmoothing) => {
          fc.pre(bars.length >= kPeriod + kSmoothing + dPeriod);
          compareWithReferences(
            bars,
            { kPeriod, dPeriod, kSmoothing },
            `stochastic(${kPeriod},${dPeriod},${kSmoothing})`,
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps %K and %D in [0, 100] with no NaN after warm-up (property)', () => {
    fc.assert(
      fc.property(
        barSeries(150),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 4 }),
        (bars, kPeriod, kSmoothing) => {
          const { high, low, close } = toColumns(bars);
          const { k, d } = stochastic(high, low, close, { kPeriod, kSmoothing, dPeriod: 3 });
          for (let i = kPeriod + kSmoothing - 2; i < bars.length; i++) {
            expect((k[i] as number) >= 0 && (k[i] as number) <= 100, `k[${i}] = ${k[i]}`).toBe(true);
            if (i >= kPeriod + kSmoothing)
              expect((d[i] as number) >= 0 && (d[i] as number) <= 100, `d[${i}]`).toBe(true);
          }
        },
      ),
    );
  });

  it('refuses bad periods, mismatched lengths and inconsistent bars, naming them', () => {
    const h = [2, 3, 4];
    const l = [1, 2, 3];
    const c = [1.5, 2.5, 3.5];
    expect(() => stochastic(h, l, c, { kPeriod: 0 })).toThrow(/`kPeriod`.*at least 1/);
    expect(() => stochastic(h, l, c, { dPeriod: 2.5 })).toThrow(/`dPeriod`.*integer/);
    expect(() => stochastic(h, l, c, { kSmoothing: -1 })).toThrow(/`kSmoothing`/);
    expect(() => stochastic(h, l, [1.5, 2.5], {})).toThrow(/`close`.*length 2/);
    expect(() => stochastic(h, [1, Number.NaN, 3], c)).toThrow(/`low` at index 1/);
    expect(() => stochastic(h, [1, 2, 5], [1.5, 2.5, 4.5])).toThrow(/`high` at index 2.*below `low`/);
    expect(() => stochastic(h, l, [1.5, 3.5, 3.5])).toThrow(/`close` at index 1.*above `high`/);
    expect(() => new Stochastic({ kPeriod: 1.5 })).toThrow(/`kPeriod`/);
    expect(() => new Stochastic().update({ high: 2, low: 1, close: 0.5 })).toThrow(/bar\.close.*below/);
  });
});

describe('Stochastic (streaming)', () => {
  describe('slow (kSmoothing 2)', () => {
    testIndicatorContract({
      create: () => new Stochastic({ kPeriod: 5, dPeriod: 3, kSmoothing: 2 }),
      restore: (state) => Stochastic.fromJSON(state),
      batch: (bars) => {
        const { high, low, close } = toColumns(bars as Bars);
        const { k, d } = stochastic(high, low, close, { kPeriod: 5, dPeriod: 3, kSmoothing: 2 });
        return [k, d];
      },
      batchInto: (bars, [k, d]) => {
        const { high, low, close } = toColumns(bars as Bars);
        const out = stochastic(high, low, close, { kPeriod: 5, dPeriod: 3, kSmoothing: 2, out: { k, d } });
        return [out.k, out.d];
      },
      toVector: (value) => [value.k, value.d],
      inputs: barSeries(),
      invalidInput: { high: 1, low: 2, close: 1.5 },
      firstStableIndex: 7,
    });
  });

  describe('fast, default periods', () => {
    testIndicatorContract({
      create: () => new Stochastic(),
      restore: (state) => Stochastic.fromJSON(state),
      batch: (bars) => {
        const { high, low, close } = toColumns(bars as Bars);
        const { k, d } = stochastic(high, low, close);
        return [k, d];
      },
      batchInto: (bars, [k, d]) => {
        const { high, low, close } = toColumns(bars as Bars);
        const out = stochastic(high, low, close, { out: { k, d } });
        return [out.k, out.d];
      },
      toVector: (value) => [value.k, value.d],
      inputs: barSeries(60),
      invalidInput: { high: Number.NaN, low: 1, close: 1 },
      firstStableIndex: 15,
    });
  });

  it('batch refuses an out that shares memory with an input or with the other output, and unknown outputs', () => {
    const buffer = new Float64Array(200).fill(1.5);
    const high = new Float64Array(50).fill(2);
    const low = new Float64Array(50).fill(1);
    const close = buffer.subarray(0, 50);
    expect(() => stochastic(high, low, close, { out: { d: buffer.subarray(25, 75) } })).toThrow(
      /`out\.d`: .*`close`/,
    );
    const k = new Float64Array(50);
    expect(() => stochastic(high, low, close, { out: { k, d: k } })).toThrow(/`out\.d`: .*`out\.k`/);
    expect(() =>
      stochastic(high, low, close, { out: { notAnOutput: new Float64Array(50) } as never }),
    ).toThrow(/`out\.notAnOutput`/);
    // Only the columns given are the caller's; the other is allocated.
    const d = new Float64Array(50);
    const out = stochastic(high, low, close, { out: { d } });
    expect(out.d).toBe(d);
    expect(out.k).not.toBe(d);
  });
});
