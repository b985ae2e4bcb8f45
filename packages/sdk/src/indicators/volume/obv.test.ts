import fc from 'fast-check';
import { OBV as ReferenceOBV } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import type { VolumeBarInput } from '../bar-args.js';
import { runReference, toColumns } from '../testing/columns.js';
import { expectCloseTo } from '../testing/compare.js';
import { barSeries, testIndicatorContract } from '../testing/contract.js';
import { loadReferenceBars } from '../testing/reference-data.js';
import { OBV, obv } from './obv.js';

type Bars = readonly Required<VolumeBarInput>[];

/**
 * trading-signals' OBV starts from 0 at the second bar; TA-Lib and TTR (the convention we follow)
 * start from the first bar's volume, so theirs plus the first volume must equal ours.
 */
function referenceObvPlusFirstVolume(bars: Bars): number[] {
  const first = bars[0]?.volume ?? 0;
  return runReference(new ReferenceOBV(2), bars).map((v) => v + first);
}

function compareWithReference(bars: Bars, label: string): void {
  const { close, volume } = toColumns(bars);
  const out = obv(close, volume);
  expect(out[0], `${label}[0] is the first volume`).toBe(volume[0]);
  expectCloseTo(out, referenceObvPlusFirstVolume(bars), 1e-9, label, { allowExtraValues: true });
}

describe('obv', () => {
  it('starts at the first volume and adds up-bar volume, subtracts down-bar volume', () => {
    const out = obv([10, 11, 11, 9, 12], [100, 20, 30, 40, 50]);
    expect(Array.from(out)).toEqual([100, 120, 120, 80, 130]);
  });

  it('is empty for an empty series', () => {
    expect(obv([], []).length).toBe(0);
  });

  it('matches trading-signals (shifted by the first volume) on the real MSFT bars to 1e-9', () => {
    compareWithReference(loadReferenceBars(), 'MSFT obv');
  });

  it('matches trading-signals (shifted by the first volume) on random bars to 1e-9 (property)', () => {
    fc.assert(
      fc.property(barSeries(300), (bars) => {
        fc.pre(bars.length >= 2);
        compareWithReference(bars, 'obv');
      }),
      { numRuns: 60 },
    );
  });

  it('has no NaN on valid input (property)', () => {
    fc.assert(
      fc.property(barSeries(150), (bars) => {
        const { close, volume } = toColumns(bars);
        for (const v of obv(close, volume)) expect(Number.isFinite(v)).toBe(true);
      }),
    );
  });

  it('refuses mismatched lengths, negative volume and non-finite values, naming them', () => {
    expect(() => obv([1, 2, 3], [1, 2])).toThrow(/`volume`.*length 2/);
    expect(() => obv([1, Number.NaN, 3], [1, 2, 3])).toThrow(/`close` at index 1/);
    expect(() => obv([1, 2, 3], [1, 2, -3])).toThrow(/`volume` at index 2.*negative/);
    expect(() => new OBV().update({ close: 1, volume: -1 })).toThrow(/bar\.volume/);
  });

  it('refuses an `out` that shares memory with an input, naming both', () => {
    const close = new Float64Array(50).fill(1);
    const volume = new Float64Array(50).fill(2);
    expect(() => obv(close, volume, { out: close })).toThrow(/`out`.*`close`/);
    const buffer = new Float64Array(100).fill(3);
    // A view of the same buffer that overlaps `volume` by one value.
    expect(() => obv(close, buffer.subarray(0, 50), { out: buffer.subarray(49, 99) })).toThrow(
      /`out`.*`volume`/,
    );
    // Adjacent views of one buffer share no memory.
    const out = buffer.subarray(50);
    expect(obv(close, buffer.subarray(0, 50), { out })).toBe(out);
  });
});

describe('OBV (streaming)', () => {
  testIndicatorContract({
    create: () => new OBV(),
    restore: (state) => OBV.fromJSON(state),
    batch: (bars) => {
      const { close, volume } = toColumns(bars as Bars);
      return [obv(close, volume)];
    },
    batchInto: (bars, [out]) => {
      const { close, volume } = toColumns(bars as Bars);
      return [obv(close, volume, { out })];
    },
    toVector: (value) => [value],
    inputs: barSeries(),
    invalidInput: { close: Number.NaN, volume: 1 },
    firstStableIndex: 0,
  });
});
