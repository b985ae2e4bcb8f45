import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HistoricalVolatility, historicalVolatility } from './historical-volatility.js';

/** The streaming class over the closes: the kernel's path, bar by bar. */
function streamed(close: readonly number[], period: number): number[] {
  const indicator = new HistoricalVolatility({ period });
  return close.map((c) => indicator.update({ close: c }) ?? Number.NaN);
}

describe('historicalVolatility, close-to-close over whole columns', () => {
  it('gives the streaming class its bits on positive closes, for windows of every length up to the direct pass and past it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 1e6, noNaN: true }), { minLength: 0, maxLength: 120 }),
        fc.integer({ min: 3, max: 80 }),
        (close, period) => {
          const batch = Array.from(historicalVolatility({ close: Float64Array.from(close) }, { period }));
          expect(batch).toEqual(streamed(close, period));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a price of 0 or below, naming the column and index (batch) or the field (streaming), and keeps the state', () => {
    expect(() => historicalVolatility({ close: [1, 2, 0, 3, 4] }, { period: 3 })).toThrow(
      /`bars\.close`.*above 0.*got 0 at index 2/,
    );
    expect(() => historicalVolatility({ close: [1, 2, -1, 3, 4, 5, 6] }, { period: 3 })).toThrow(/index 2/);
    const bars = { open: [1, 1, 1], high: [2, 2, 2], low: [0.5, -0.5, 0.5], close: [1, 1, 1] };
    expect(() => historicalVolatility(bars, { estimator: 'parkinson', period: 2 })).toThrow(
      /`bars\.low`.*index 1/,
    );
    const streaming = new HistoricalVolatility({ period: 3 });
    for (const c of [1, 2, 3]) streaming.update({ close: c });
    const before = streaming.value;
    expect(() => streaming.update({ close: 0 })).toThrow(/`bar\.close`.*above 0/);
    expect(streaming.value).toBe(before);
    expect(streaming.update({ close: 4 })).toBe(
      historicalVolatility({ close: [1, 2, 3, 4] }, { period: 3 })[3],
    );
    expect(() => historicalVolatility({ close: [1, 2, Number.NaN, 3] }, { period: 3 })).toThrow(
      /`close`.*index 2/,
    );
  });
});

describe('historicalVolatility options.out', () => {
  const closes = (n: number) =>
    Float64Array.from({ length: n }, (_, i) => 100 * Math.exp(0.01 * Math.sin(i * 1.7)));

  it('writes into the caller column on the whole-column and the kernel paths (a window past the direct pass)', () => {
    for (const period of [5, 80]) {
      const close = closes(150);
      const fresh = historicalVolatility({ close }, { period });
      const out = new Float64Array(150).fill(-7.5e300);
      expect(historicalVolatility({ close }, { period, out })).toBe(out);
      expect(Array.from(out)).toEqual(Array.from(fresh));
    }
  });

  it('refuses an out that shares memory with an input column, on both paths', () => {
    const close = closes(100);
    expect(() => historicalVolatility({ close }, { period: 5, out: close })).toThrow(
      /`out`: shares memory with `close`/,
    );
    expect(() => historicalVolatility({ close }, { period: 80, out: close.subarray(0, 100) })).toThrow(
      /`out`: shares memory with `close`/,
    );
    const open = close.map((c) => c * 1.001);
    const high = close.map((c) => c * 1.01);
    const low = close.map((c) => c * 0.99);
    expect(() =>
      historicalVolatility({ open, high, low, close }, { estimator: 'parkinson', out: low }),
    ).toThrow(/`out`: shares memory with `low`/);
  });
});
