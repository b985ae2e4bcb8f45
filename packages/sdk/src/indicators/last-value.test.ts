import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastRsi, rsi } from './momentum/rsi.js';
import { lastMacdHistogram, macd } from './trend/macd.js';

// The last-value forms the scoring engine uses run the batch loops without the output arrays:
// they must give the batch series' last value bit for bit, NaN while it is warming up.
const closes = fc.array(fc.double({ min: 0.01, max: 1e4, noNaN: true }), { minLength: 0, maxLength: 120 });

describe('last-value forms of rsi and macd', () => {
  it('lastRsi is the last value of rsi, bit for bit, for any period', () => {
    fc.assert(
      fc.property(closes, fc.integer({ min: 1, max: 30 }), (values, period) => {
        expect(Object.is(lastRsi(values, period), rsi(values, period).at(-1) ?? Number.NaN)).toBe(true);
      }),
    );
  });

  it('lastMacdHistogram is the last histogram value of macd, bit for bit, for both seeds', () => {
    fc.assert(
      fc.property(
        closes,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 14 }),
        fc.integer({ min: 1, max: 9 }),
        fc.constantFrom('talib' as const, 'ttr' as const),
        (values, fast, extra, signal, seed) => {
          const options = { fast, slow: fast + extra, signal, seed };
          const expected = macd(values, options).histogram.at(-1) ?? Number.NaN;
          expect(Object.is(lastMacdHistogram(values, options), expected)).toBe(true);
        },
      ),
    );
  });

  it('checks its input like the batch form', () => {
    expect(() => lastRsi([1, Number.NaN, 2], 1)).toThrow(/values/);
    expect(() => lastMacdHistogram([1, 2, 3], { fast: 0 })).toThrow(/fast/);
  });
});
