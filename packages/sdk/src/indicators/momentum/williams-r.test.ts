import fc from 'fast-check';
import { WilliamsR as ReferenceWilliamsR } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import type { BarInput } from '../streaming.js';
import { runReference, toColumns } from '../testing/columns.js';
import { expectCloseTo } from '../testing/compare.js';
import { barSeries, testIndicatorContract } from '../testing/contract.js';
import { loadReferenceBars } from '../testing/reference-data.js';
import { stochastic } from './stochastic.js';
import { WilliamsR, williamsR } from './williams-r.js';

type Bars = readonly Required<BarInput>[];

/** Williams %R from its definition, window by window; flat range → −50. */
function textbookWilliamsR(bars: Bars, period: number): { values: number[]; anyFlat: boolean } {
  let anyFlat = false;
  const values = bars.map((bar, i) => {
    if (i < period - 1) return Number.NaN;
    const window = bars.slice(i - period + 1, i + 1);
    const highest = Math.max(...window.map((b) => b.high));
    const lowest = Math.min(...window.map((b) => b.low));
    if (highest === lowest) {
      anyFlat = true;
      return -50;
    }
    return (-100 * (highest - bar.close)) / (highest - lowest);
  });
  return { values, anyFlat };
}

function compareWithReferences(bars: Bars, period: number, label: string): void {
  const { high, low, close } = toColumns(bars);
  const out = williamsR(high, low, close, period);
  const textbook = textbookWilliamsR(bars, period);
  expectCloseTo(out, textbook.values, 1e-9, `${label} vs textbook`);
  // trading-signals says −100 on a flat range; compare where it is defined the same way.
  if (!textbook.anyFlat) {
    expectCloseTo(
      out,
      runReference(new ReferenceWilliamsR(period), bars),
      1e-9,
      `${label} vs trading-signals`,
    );
  }
}

describe('williamsR', () => {
  it('is 0 at the highest high, −100 at the lowest low, −50 on a flat range', () => {
    const high = [10, 12, 11, 7, 7, 7];
    const low = [8, 9, 9, 7, 7, 7];
    const close = [9, 12, 9, 7, 7, 7];
    const out = williamsR(high, low, close, 2);
    // Index 1: range 8..12, close 12 → 0; index 2: 9..12, close 9 → −100; index 3: 7..11, 7 → −100.
    expect(Array.from(out)).toEqual([Number.NaN, 0, -100, -100, -50, -50]);
    expect(Object.is(out[1], 0)).toBe(true);
  });

  it('matches trading-signals and the definition on the real MSFT bars to 1e-9', () => {
    const bars = loadReferenceBars();
    for (const period of [1, 5, 14, 50]) compareWithReferences(bars, period, `MSFT williamsR(${period})`);
  });

  it('matches trading-signals and the definition on random bars to 1e-9 (property)', () => {
    fc.assert(
      fc.property(barSeries(250), fc.integer({ min: 1, max: 30 }), (bars, period) => {
        fc.pre(bars.length >= period);
        compareWithReferences(bars, period, `williamsR(${period})`);
      }),
      { numRuns: 60 },
    );
  });

  it('is the fast stochastic %K minus 100 (property)', () => {
    fc.assert(
      fc.property(barSeries(120), fc.integer({ min: 1, max: 20 }), (bars, period) => {
        const { high, low, close } = toColumns(bars);
        const k = stochastic(high, low, close, { kPeriod: period, dPeriod: 1 }).k;
        const expected = Array.from(k, (v) => v - 100);
        if (bars.length >= period) expectCloseTo(williamsR(high, low, close, period), expected, 1e-12, '%R');
      }),
    );
  });

  it('stays in [−100, 0] with no NaN after warm-up (property)', () => {
    fc.assert(
      fc.property(barSeries(150), fc.integer({ min: 1, max: 30 }), (bars, period) => {
        const { high, low, close } = toColumns(bars);
        const out = williamsR(high, low, close, period);
        for (let i = period - 1; i < bars.length; i++) {
          const v = out[i] as number;
          expect(v >= -100 && v <= 0, `%R[${i}] = ${v}`).toBe(true);
        }
      }),
    );
  });

  it('refuses bad periods, mismatched lengths and inconsistent bars, naming them', () => {
    const h = [2, 3, 4];
    const l = [1, 2, 3];
    const c = [1.5, 2.5, 3.5];
    expect(() => williamsR(h, l, c, 0)).toThrow(/`period`.*at least 1/);
    expect(() => williamsR(h, l, c, 2.5)).toThrow(/`period`.*integer/);
    expect(() => williamsR(h, [1, 2], c)).toThrow(/`low`.*length 2/);
    expect(() => williamsR(h, l, [1.5, Number.NaN, 3.5])).toThrow(/`close` at index 1/);
    expect(() => williamsR(h, l, [1.5, 2.5, 2.5])).toThrow(/`close` at index 2.*below `low`/);
    expect(() => new WilliamsR(0)).toThrow(/`period`/);
  });
});

describe('WilliamsR (streaming)', () => {
  testIndicatorContract({
    create: () => new WilliamsR(6),
    restore: (state) => WilliamsR.fromJSON(state),
    batch: (bars) => {
      const { high, low, close } = toColumns(bars as Bars);
      return [williamsR(high, low, close, 6)];
    },
    batchInto: (bars, [out]) => {
      const { high, low, close } = toColumns(bars as Bars);
      return [williamsR(high, low, close, 6, { out })];
    },
    toVector: (value) => [value],
    inputs: barSeries(),
    invalidInput: { high: 1, low: 2, close: 1.5 },
    firstStableIndex: 5,
  });

  it('defaults to 14 periods', () => {
    expect(new WilliamsR().period).toBe(14);
  });

  it('batch refuses an out that shares memory with an input, naming both', () => {
    const high = new Float64Array(50).fill(2);
    const low = new Float64Array(50).fill(1);
    const close = new Float64Array(50).fill(1.5);
    expect(() => williamsR(high, low, close, 5, { out: close })).toThrow(/`out`: .*`close`/);
  });
});
