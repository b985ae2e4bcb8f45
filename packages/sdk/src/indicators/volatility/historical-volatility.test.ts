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
