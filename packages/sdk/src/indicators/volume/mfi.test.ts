import fc from 'fast-check';
import { MFI as ReferenceMFI } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import type { VolumeBarInput } from '../bar-args.js';
import { runReference, toColumns } from '../testing/columns.js';
import { expectCloseTo } from '../testing/compare.js';
import { barSeries, testIndicatorContract } from '../testing/contract.js';
import { columnsInOneBuffer } from '../testing/one-buffer.js';
import { loadReferenceBars } from '../testing/reference-data.js';
import { MFI, mfi } from './mfi.js';

type Bars = readonly Required<VolumeBarInput>[];

/** MFI from its definition, window by window (no running sums); no money flow → 50. */
function textbookMfi(bars: Bars, period: number): number[] {
  const typical = bars.map((b) => (b.high + b.low + b.close) / 3);
  return bars.map((_, i) => {
    if (i < period) return Number.NaN;
    let positive = 0;
    let negative = 0;
    for (let j = i - period + 1; j <= i; j++) {
      const flow = (typical[j] as number) * (bars[j] as VolumeBarInput).volume;
      if ((typical[j] as number) > (typical[j - 1] as number)) positive += flow;
      else if ((typical[j] as number) < (typical[j - 1] as number)) negative += flow;
    }
    return positive + negative === 0 ? 50 : (100 * positive) / (positive + negative);
  });
}

function compareWithReferences(bars: Bars, period: number, label: string): void {
  const { high, low, close, volume } = toColumns(bars);
  const out = mfi(high, low, close, volume, period);
  expectCloseTo(out, textbookMfi(bars, period), 1e-9, `${label} vs textbook`);
  expectCloseTo(out, runReference(new ReferenceMFI(period), bars), 1e-9, `${label} vs trading-signals`);
}

describe('mfi', () => {
  it('weighs rising and falling typical prices by their money flow', () => {
    // Typical prices 10, 11, 10, 10 (high = low = close); volumes 1, 2, 3, 4.
    // Flows: +11·2 = 22, −10·3 = 30, unchanged (neither side).
    const tp = [10, 11, 10, 10];
    const out = mfi(tp, tp, tp, [1, 2, 3, 4], 3);
    expect(out[2]).toBeNaN();
    expect(out[3]).toBeCloseTo((100 * 22) / 52, 12);
  });

  it('gives 50 without money flow, 100 when all flow is positive, 0 when all is negative', () => {
    const up = [1, 2, 3, 4];
    const down = [4, 3, 2, 1];
    expect(mfi(up, up, up, [0, 0, 0, 0], 2)[3]).toBe(50);
    expect(mfi([5, 5, 5, 5], [5, 5, 5, 5], [5, 5, 5, 5], [9, 9, 9, 9], 2)[3]).toBe(50);
    expect(mfi(up, up, up, [1, 1, 1, 1], 2)[3]).toBe(100);
    expect(mfi(down, down, down, [1, 1, 1, 1], 2)[3]).toBe(0);
  });

  it('returns exactly to 50 when the money flow leaves the window (no running-sum residue)', () => {
    // A plain running sum keeps 4.7e-10 of positive flow here and would say 100.
    const tp = [55.3, 57.1, 58.9, 58.9, 58.9];
    const out = mfi(tp, tp, tp, [1, 12345, 67891, 0, 0], 2);
    expect(out[4]).toBe(50);
  });

  it('matches trading-signals and the definition on the real MSFT bars to 1e-9', () => {
    const bars = loadReferenceBars();
    for (const period of [1, 5, 14, 30]) compareWithReferences(bars, period, `MSFT mfi(${period})`);
  });

  it('matches trading-signals and the definition on random bars to 1e-9 (property)', () => {
    fc.assert(
      fc.property(barSeries(250), fc.integer({ min: 1, max: 30 }), (bars, period) => {
        fc.pre(bars.length > period);
        compareWithReferences(bars, period, `mfi(${period})`);
      }),
      { numRuns: 60 },
    );
  });

  it('stays in [0, 100] with no NaN after warm-up (property)', () => {
    fc.assert(
      fc.property(barSeries(150), fc.integer({ min: 1, max: 30 }), (bars, period) => {
        const { high, low, close, volume } = toColumns(bars);
        const out = mfi(high, low, close, volume, period);
        for (let i = period; i < bars.length; i++) {
          const v = out[i] as number;
          expect(v >= 0 && v <= 100, `mfi[${i}] = ${v}`).toBe(true);
        }
      }),
    );
  });

  it('refuses bad periods, mismatched lengths, negative volume and non-finite values, naming them', () => {
    const h = [2, 3, 4];
    const l = [1, 2, 3];
    const c = [1.5, 2.5, 3.5];
    const v = [10, 20, 30];
    expect(() => mfi(h, l, c, v, 0)).toThrow(/`period`.*at least 1/);
    expect(() => mfi(h, l, c, v, 2.5)).toThrow(/`period`.*integer/);
    expect(() => mfi(h, l, c, [10, 20])).toThrow(/`volume`.*length 2/);
    expect(() => mfi(h, l, c, [10, -1, 30])).toThrow(/`volume` at index 1.*negative/);
    expect(() => mfi(h, l, c, [10, 20, Number.NaN])).toThrow(/`volume` at index 2/);
    expect(() => new MFI(0)).toThrow(/`period`/);
    expect(() => new MFI().update({ high: 2, low: 1, close: 1.5, volume: -5 })).toThrow(/bar\.volume/);
  });

  it('refuses an `out` that shares memory with an input, naming both', () => {
    const { buffer, high, low, close, volume } = columnsInOneBuffer(50);
    expect(() => mfi(high, low, close, volume, 5, { out: high })).toThrow(/`out`.*`high`/);
    expect(() => mfi(high, low, close, volume, 5, { out: buffer.subarray(120, 170) })).toThrow(
      /`out`.*`close`/,
    );
    expect(() => mfi(high, low, close, volume, 5, { out: new Float64Array(49) })).toThrow(/`out`.*length 49/);
  });
});

describe('MFI (streaming)', () => {
  testIndicatorContract({
    create: () => new MFI(5),
    restore: (state) => MFI.fromJSON(state),
    batch: (bars) => {
      const { high, low, close, volume } = toColumns(bars as Bars);
      return [mfi(high, low, close, volume, 5)];
    },
    batchInto: (bars, [out]) => {
      const { high, low, close, volume } = toColumns(bars as Bars);
      return [mfi(high, low, close, volume, 5, { out })];
    },
    toVector: (value) => [value],
    inputs: barSeries(),
    invalidInput: { high: 2, low: 1, close: 1.5, volume: Number.NaN },
    firstStableIndex: 5,
  });

  it('defaults to 14 periods', () => {
    expect(new MFI().period).toBe(14);
  });
});
