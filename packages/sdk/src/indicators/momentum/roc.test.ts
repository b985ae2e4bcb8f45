import fc from 'fast-check';
import { ROC as ReferenceROC } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/random.js';
import { expectCloseTo } from '../testing/compare.js';
import { priceSeries, testIndicatorContract } from '../testing/contract.js';
import { loadReferenceCloses } from '../testing/reference-data.js';
import { ROC, roc } from './roc.js';

function referenceRoc(values: readonly number[], period: number): number[] {
  const reference = new ReferenceROC(period);
  return values.map((x) => {
    const value = reference.add(x);
    return value === null ? Number.NaN : value;
  });
}

describe('roc', () => {
  it('is the fractional change over n bars', () => {
    expect(Array.from(roc([100, 110, 121, 99], 1))).toEqual([Number.NaN, 0.1, 0.1, (99 - 121) / 121]);
    expect(Array.from(roc([100, 110, 125], 2))).toEqual([Number.NaN, Number.NaN, 0.25]);
  });

  it('matches trading-signals on the real series and on random ones', () => {
    const rng = createRng(4);
    let price = 40;
    const walk = Array.from({ length: 3000 }, () => (price *= Math.exp(0.03 * rng.normal())));
    for (const [name, closes] of [...loadReferenceCloses(), ['random walk', walk] as const]) {
      for (const period of [1, 7, 20, 200]) {
        expectCloseTo(roc(closes, period), referenceRoc(closes, period), 1e-9, `${name} roc(${period})`);
      }
    }
    fc.assert(
      fc.property(priceSeries(), fc.integer({ min: 1, max: 30 }), (closes, period) => {
        if (closes.length <= period) return;
        expectCloseTo(roc(closes, period), referenceRoc(closes, period), 1e-9, `random roc(${period})`);
      }),
    );
  });

  it('gives 0, not Infinity, for a zero base (as TA-Lib)', () => {
    expect(Array.from(roc([0, 5, 0, 0], 1))).toEqual([Number.NaN, 0, -1, 0]);
    const streaming = new ROC(1);
    streaming.update(0);
    expect(streaming.update(5)).toBe(0);
  });

  it('refuses bad periods and non-finite values, naming them', () => {
    expect(() => roc([1, 2, 3], 0)).toThrow(/`period`.*at least 1/);
    expect(() => roc([1, 2, 3], 1.5)).toThrow(/`period`.*integer/);
    expect(() => roc([Number.NaN, 2, 3], 1)).toThrow(/`values` at index 0/);
    expect(() => new ROC(0)).toThrow(/`period`/);
  });

  it('is defined from index n, above −1 on positive prices (property)', () => {
    fc.assert(
      fc.property(priceSeries(), fc.integer({ min: 1, max: 30 }), (closes, period) => {
        const out = roc(closes, period);
        for (let i = 0; i < closes.length; i++) {
          if (i < period) expect(out[i]).toBeNaN();
          else expect(out[i]).toBeGreaterThan(-1);
        }
      }),
    );
  });
});

describe('ROC (streaming)', () => {
  testIndicatorContract<number, number>({
    create: () => new ROC(3),
    restore: (state) => ROC.fromJSON(state),
    batch: (inputs) => [roc(inputs, 3)],
    batchInto: (inputs, [out]) => [roc(inputs, 3, { out })],
    toVector: (value) => [value],
    inputs: priceSeries(),
    invalidInput: Number.NaN,
    firstStableIndex: 3,
  });

  it('batch refuses an out that shares memory with the input, naming both', () => {
    const x = new Float64Array(50).fill(1);
    expect(() => roc(x, 5, { out: x })).toThrow(/`out`: .*`values`/);
  });
});
