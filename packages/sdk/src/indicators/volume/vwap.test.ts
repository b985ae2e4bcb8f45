import fc from 'fast-check';
import { VWAP as ReferenceVWAP } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import type { VolumeBarInput } from '../bar-args.js';
import { runReference, toColumns } from '../testing/columns.js';
import { expectCloseTo } from '../testing/compare.js';
import { barSeries, testIndicatorContract } from '../testing/contract.js';
import { columnsInOneBuffer } from '../testing/one-buffer.js';
import { loadReferenceBars } from '../testing/reference-data.js';
import { VWAP, vwap } from './vwap.js';

type Bars = readonly Required<VolumeBarInput>[];

const typical = (b: VolumeBarInput) => (b.high + b.low + b.close) / 3;

/** VWAP from its definition, summing each window afresh; no volume → the bar's typical price. */
function textbookVwap(bars: Bars, period?: number): number[] {
  return bars.map((bar, i) => {
    if (period !== undefined && i < period - 1) return Number.NaN;
    const window = bars.slice(period === undefined ? 0 : i - period + 1, i + 1);
    const volume = window.reduce((a, b) => a + b.volume, 0);
    return volume === 0 ? typical(bar) : window.reduce((a, b) => a + typical(b) * b.volume, 0) / volume;
  });
}

function compareWithReferences(bars: Bars, label: string): void {
  const { high, low, close, volume } = toColumns(bars);
  const cumulative = vwap(high, low, close, volume);
  expectCloseTo(cumulative, textbookVwap(bars), 1e-9, `${label} cumulative vs textbook`);
  // trading-signals' VWAP is cumulative and yields nothing on zero-volume bars.
  if (volume.some((v) => v > 0)) {
    expectCloseTo(cumulative, runReference(new ReferenceVWAP(), bars), 1e-9, `${label} vs trading-signals`, {
      allowExtraValues: true,
    });
  }
  for (const period of [1, 5, 20].filter((p) => p <= bars.length)) {
    expectCloseTo(
      vwap(high, low, close, volume, period),
      textbookVwap(bars, period),
      1e-9,
      `${label} vwap(${period})`,
    );
  }
}

describe('vwap', () => {
  it('weights typical prices by volume, cumulatively or over a rolling window', () => {
    // Typical prices 10, 20, 30 (high = low = close), volumes 1, 3, 0.
    const tp = [10, 20, 30];
    const volume = [1, 3, 0];
    expect(Array.from(vwap(tp, tp, tp, volume))).toEqual([10, 17.5, 17.5]);
    expect(Array.from(vwap(tp, tp, tp, volume, 2))).toEqual([Number.NaN, 17.5, 20]);
  });

  it('falls back to the typical price when the window has no volume, never NaN', () => {
    const tp = [10, 20, 30, 40];
    expect(Array.from(vwap(tp, tp, tp, [0, 0, 5, 0]))).toEqual([10, 20, 30, 30]);
    expect(Array.from(vwap(tp, tp, tp, [5, 0, 0, 0], 2))).toEqual([Number.NaN, 10, 30, 40]);
  });

  it('matches trading-signals and the definition on the real MSFT bars to 1e-9', () => {
    compareWithReferences(loadReferenceBars(), 'MSFT');
  });

  it('matches trading-signals and the definition on random bars to 1e-9 (property)', () => {
    fc.assert(
      fc.property(barSeries(250), (bars) => compareWithReferences(bars, 'random')),
      { numRuns: 60 },
    );
  });

  it('stays finite and within the typical prices of its window after warm-up (property)', () => {
    fc.assert(
      fc.property(barSeries(150), fc.integer({ min: 1, max: 30 }), (bars, period) => {
        const { high, low, close, volume } = toColumns(bars);
        const tps = bars.map(typical);
        const out = vwap(high, low, close, volume, period);
        for (let i = period - 1; i < bars.length; i++) {
          const window = tps.slice(i - period + 1, i + 1);
          const v = out[i] as number;
          const slack = 1e-12 * Math.max(...window);
          expect(Number.isFinite(v), `vwap[${i}]`).toBe(true);
          expect(
            v >= Math.min(...window) - slack && v <= Math.max(...window) + slack,
            `vwap[${i}] = ${v}`,
          ).toBe(true);
        }
      }),
    );
  });

  it('refuses bad periods, mismatched lengths, negative volume and non-finite values, naming them', () => {
    const h = [2, 3, 4];
    const l = [1, 2, 3];
    const c = [1.5, 2.5, 3.5];
    expect(() => vwap(h, l, c, [1, 2, 3], 0)).toThrow(/`period`.*at least 1/);
    expect(() => vwap(h, l, c, [1, 2, 3], 2.5)).toThrow(/`period`.*integer/);
    expect(() => vwap(h, l, c, [1, 2])).toThrow(/`volume`.*length 2/);
    expect(() => vwap(h, l, c, [1, -2, 3])).toThrow(/`volume` at index 1.*negative/);
    expect(() => vwap(h, l, [1.5, Number.NaN, 3.5], [1, 2, 3])).toThrow(/`close` at index 1/);
    expect(() => new VWAP(0)).toThrow(/`period`/);
  });

  it('refuses an `out` that shares memory with an input, naming both (rolling and cumulative)', () => {
    const { buffer, high, low, close, volume } = columnsInOneBuffer(50);
    expect(() => vwap(high, low, close, volume, 5, { out: volume })).toThrow(/`out`.*`volume`/);
    expect(() => vwap(high, low, close, volume, undefined, { out: buffer.subarray(30, 80) })).toThrow(
      /`out`.*`high`/,
    );
  });
});

describe('VWAP (streaming, rolling)', () => {
  testIndicatorContract({
    create: () => new VWAP(4),
    restore: (state) => VWAP.fromJSON(state),
    batch: (bars) => {
      const { high, low, close, volume } = toColumns(bars as Bars);
      return [vwap(high, low, close, volume, 4)];
    },
    batchInto: (bars, [out]) => {
      const { high, low, close, volume } = toColumns(bars as Bars);
      return [vwap(high, low, close, volume, 4, { out })];
    },
    toVector: (value) => [value],
    inputs: barSeries(),
    invalidInput: { high: 2, low: 1, close: 1.5, volume: Number.POSITIVE_INFINITY },
    firstStableIndex: 3,
  });
});

describe('VWAP (streaming, cumulative)', () => {
  testIndicatorContract({
    create: () => new VWAP(),
    restore: (state) => VWAP.fromJSON(state),
    batch: (bars) => {
      const { high, low, close, volume } = toColumns(bars as Bars);
      return [vwap(high, low, close, volume)];
    },
    batchInto: (bars, [out]) => {
      const { high, low, close, volume } = toColumns(bars as Bars);
      return [vwap(high, low, close, volume, undefined, { out })];
    },
    toVector: (value) => [value],
    inputs: barSeries(),
    invalidInput: { high: 1, low: 2, close: 1.5, volume: 1 },
    firstStableIndex: 0,
  });
});
