import fc from 'fast-check';
import { CCI as ReferenceCCI } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import type { BarInput } from '../streaming.js';
import { runReference, toColumns } from '../testing/columns.js';
import { expectCloseTo } from '../testing/compare.js';
import { barSeries, testIndicatorContract } from '../testing/contract.js';
import { loadReferenceBars } from '../testing/reference-data.js';
import { CCI, cci } from './cci.js';

type Bars = readonly Required<BarInput>[];

/** Lambert's CCI from its definition, window by window; a flat window → 0. */
function textbookCci(bars: Bars, period: number): { values: number[]; anyFlat: boolean } {
  const typical = bars.map((b) => (b.high + b.low + b.close) / 3);
  let anyFlat = false;
  const values = typical.map((tp, i) => {
    if (i < period - 1) return Number.NaN;
    const window = typical.slice(i - period + 1, i + 1);
    const mean = window.reduce((a, b) => a + b, 0) / period;
    const meanDeviation = window.reduce((a, b) => a + Math.abs(b - mean), 0) / period;
    if (window.every((v) => v === tp)) {
      anyFlat = true;
      return 0;
    }
    return (tp - mean) / (0.015 * meanDeviation);
  });
  return { values, anyFlat };
}

function compareWithReferences(bars: Bars, period: number, label: string): void {
  const { high, low, close } = toColumns(bars);
  const out = cci(high, low, close, period);
  const textbook = textbookCci(bars, period);
  expectCloseTo(out, textbook.values, 1e-9, `${label} vs textbook`);
  // trading-signals divides by a zero deviation on flat windows (and on period 1).
  if (!textbook.anyFlat && period > 1) {
    expectCloseTo(out, runReference(new ReferenceCCI(period), bars), 1e-9, `${label} vs trading-signals`);
  }
}

describe('cci', () => {
  it('scales the distance from the mean typical price by 0.015 × mean absolute deviation', () => {
    // Typical prices 1, 2, 3 (high = low = close): mean 2, mean deviation 2/3, latest 3.
    const tp = [1, 2, 3];
    const out = cci(tp, tp, tp, 3);
    expect(out[2]).toBeCloseTo(1 / (0.015 * (2 / 3)), 12);
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeNaN();
  });

  it('gives 0 on a flat window instead of dividing rounding residue by itself', () => {
    const flat = [0.1, 0.1, 0.1, 0.1];
    expect(Array.from(cci(flat, flat, flat, 3)).slice(2)).toEqual([0, 0]);
    expect(cci([5], [5], [5], 1)[0]).toBe(0);
  });

  it('matches trading-signals and the definition on the real MSFT bars to 1e-9', () => {
    const bars = loadReferenceBars();
    for (const period of [2, 5, 14, 20, 50]) compareWithReferences(bars, period, `MSFT cci(${period})`);
  });

  it('matches trading-signals and the definition on random bars to 1e-9 (property)', () => {
    fc.assert(
      fc.property(barSeries(250), fc.integer({ min: 1, max: 30 }), (bars, period) => {
        fc.pre(bars.length >= period);
        compareWithReferences(bars, period, `cci(${period})`);
      }),
      { numRuns: 60 },
    );
  });

  it('has no NaN after warm-up on valid input (property)', () => {
    fc.assert(
      fc.property(barSeries(150), fc.integer({ min: 1, max: 30 }), (bars, period) => {
        const { high, low, close } = toColumns(bars);
        const out = cci(high, low, close, period);
        for (let i = period - 1; i < bars.length; i++)
          expect(Number.isFinite(out[i]), `cci[${i}]`).toBe(true);
      }),
    );
  });

  it('refuses bad periods, mismatched lengths and non-finite values, naming them', () => {
    const h = [2, 3, 4];
    const l = [1, 2, 3];
    const c = [1.5, 2.5, 3.5];
    expect(() => cci(h, l, c, 0)).toThrow(/`period`.*at least 1/);
    expect(() => cci(h, l, c, 1.5)).toThrow(/`period`.*integer/);
    expect(() => cci(h, l, [1, 2, 3, 4])).toThrow(/`close`.*length 4/);
    expect(() => cci([2, Number.NEGATIVE_INFINITY, 4], l, c)).toThrow(/`high` at index 1/);
    expect(() => new CCI(-3)).toThrow(/`period`/);
  });
});

describe('CCI (streaming)', () => {
  testIndicatorContract({
    create: () => new CCI(6),
    restore: (state) => CCI.fromJSON(state),
    batch: (bars) => {
      const { high, low, close } = toColumns(bars as Bars);
      return [cci(high, low, close, 6)];
    },
    batchInto: (bars, [out]) => {
      const { high, low, close } = toColumns(bars as Bars);
      return [cci(high, low, close, 6, { out })];
    },
    toVector: (value) => [value],
    inputs: barSeries(),
    invalidInput: { high: 2, low: 1, close: Number.NaN },
    firstStableIndex: 5,
  });

  it('defaults to 20 periods', () => {
    expect(new CCI().period).toBe(20);
  });

  it('batch refuses an out that shares memory with an input, naming both', () => {
    const high = new Float64Array(50).fill(2);
    const low = new Float64Array(50).fill(1);
    const close = new Float64Array(50).fill(1.5);
    expect(() => cci(high, low, close, 5, { out: low })).toThrow(/`out`: .*`low`/);
  });
});
