import fc from 'fast-check';
import { SMA as ReferenceSMA } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { expectCloseTo } from '../testing/compare.js';
import { priceSeries, testIndicatorContract } from '../testing/contract.js';
import { loadReferenceCloses } from '../testing/reference-data.js';
import { SMA, sma } from './sma.js';

describe('sma', () => {
  it('averages the last n values, NaN during warm-up', () => {
    const out = sma([1, 2, 3, 4, 5], 3);
    expect(Array.from(out)).toEqual([Number.NaN, Number.NaN, 2, 3, 4]);
  });

  it('matches trading-signals on the real series and on random ones', () => {
    for (const [name, closes] of loadReferenceCloses()) {
      for (const period of [1, 5, 20, 50]) {
        const reference = new ReferenceSMA(period);
        const expected = closes.map((c) => {
          reference.add(c);
          return reference.isStable ? Number(reference.getResult()) : Number.NaN;
        });
        expectCloseTo(sma(closes, period), expected, 1e-9, `${name} sma(${period})`);
      }
    }
  });

  it('refuses bad periods and non-finite values, naming them', () => {
    expect(() => sma([1, 2, 3], 0)).toThrow(/`period`.*at least 1/);
    expect(() => sma([1, 2, 3], 2.5)).toThrow(/`period`.*integer/);
    expect(() => sma([1, Number.NaN, 3], 2)).toThrow(/`values` at index 1/);
  });

  it('has no NaN after warm-up on valid input (property)', () => {
    fc.assert(
      fc.property(priceSeries(), fc.integer({ min: 1, max: 30 }), (closes, period) => {
        const out = sma(closes, period);
        for (let i = period - 1; i < closes.length; i++) expect(Number.isFinite(out[i])).toBe(true);
      }),
    );
  });
});

describe('SMA (streaming)', () => {
  testIndicatorContract<number, number>({
    create: () => new SMA(7),
    restore: (state) => SMA.fromJSON(state),
    batch: (inputs) => [sma(inputs, 7)],
    batchInto: (inputs, [out]) => [sma(inputs, 7, { out })],
    toVector: (value) => [value],
    inputs: priceSeries(),
    invalidInput: Number.NaN,
    firstStableIndex: 6,
  });
});
