import { describe, expect, it } from 'vitest';
import { giveBackScratch, takeScratch } from './scratch-columns.js';
import { randomWalkBars } from './testing/long-series.js';
import { aroon } from './trend/aroon.js';
import { hma } from './trend/hma.js';
import { ichimoku } from './trend/ichimoku.js';

describe('scratch columns', () => {
  it('hands a given-back column to the next taker of the same type and length, and only to one', () => {
    const column = takeScratch(Float64Array, 100);
    giveBackScratch(column);
    expect(takeScratch(Int32Array, 100)).not.toBe(column);
    expect(takeScratch(Float64Array, 99)).not.toBe(column);
    expect(takeScratch(Float64Array, 100)).toBe(column);
    expect(takeScratch(Float64Array, 100)).not.toBe(column); // taken: not handed out twice
  });

  it('keeps a bounded number of columns', () => {
    const columns = Array.from({ length: 40 }, () => new Float64Array(3));
    giveBackScratch(...columns);
    const taken = new Set(Array.from({ length: 40 }, () => takeScratch(Float64Array, 3)));
    const recycled = columns.filter((column) => taken.has(column));
    expect(recycled.length).toBe(24);
    // The newest are kept.
    expect(recycled).toEqual(columns.slice(16));
  });

  it('leave no trace in the results of the indicators that use them (other series in between)', () => {
    const a = randomWalkBars(5_000, 1);
    const b = randomWalkBars(5_000, 2);
    const run = (s: typeof a) => ({
      hma: hma(s.close, 20),
      ichimoku: ichimoku(s.high, s.low, s.close),
      aroon: aroon(s.high, s.low, 25),
    });
    const first = run(a);
    run(b);
    hma(b.close.subarray(0, 300), 9);
    const again = run(a);
    expect(again).toEqual(first);
  });
});
