import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forecastFan } from '../web/src/forecast-fan.js';
import type { Forecast } from '../web/src/prediction.js';

const forecast = (over: Partial<Forecast>): Forecast => ({
  predictedPrice: 110,
  expectedReturn: 0.1,
  lower: 90,
  upper: 130,
  level: 0.9,
  horizon: 30,
  confidence: null,
  modelVersion: null,
  ...over,
});

describe('forecastFan', () => {
  it('runs from the last bar over every trading day to the horizon, ending at the served interval', () => {
    // 2024-06-28 is a Friday: the fan's first day is Monday 2024-07-01, 30 trading days end on 2024-08-09.
    const fan = forecastFan('2024-06-28', 100, forecast({}));
    expect(fan).toHaveLength(31);
    expect(fan[0]).toEqual({ time: '2024-06-28', median: 100, lower: 100, upper: 100 });
    expect(fan[1]?.time).toBe('2024-07-01');
    const end = fan[30];
    expect(end?.time).toBe('2024-08-09');
    expect(end?.median).toBeCloseTo(110, 9);
    expect(end?.lower).toBeCloseTo(90, 9);
    expect(end?.upper).toBeCloseTo(130, 9);
    for (const p of fan) expect([0, 6]).not.toContain(new Date(`${p.time}T00:00:00Z`).getUTCDay());
  });

  it('keeps the median inside a band whose half-widths only grow (in log terms while the interval is positive)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e4, noNaN: true }),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        fc.double({ min: -0.9, max: 0.9, noNaN: true }),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.integer({ min: 1, max: 260 }),
        (close, ratio, down, up, horizon) => {
          const predictedPrice = close * ratio;
          const f = forecast({
            predictedPrice,
            lower: predictedPrice * (1 - Math.abs(down)) - (down < 0 ? close : 0),
            upper: predictedPrice * (1 + up),
            horizon,
          });
          const fan = forecastFan('2024-01-02', close, f);
          expect(fan).toHaveLength(horizon + 1);
          // The median itself may fall, so the band's absolute width need not grow; its spread around
          // the median does: log ratios when the interval is positive, price distances otherwise.
          const spread = (p: (typeof fan)[number]) =>
            f.lower > 0
              ? [Math.log(p.upper / p.median), Math.log(p.median / p.lower)]
              : [p.upper - p.median, p.median - p.lower];
          let previous = [0, 0];
          for (let t = 0; t < fan.length; t++) {
            const p = fan[t] as (typeof fan)[number];
            expect(p.lower).toBeLessThanOrEqual(p.median + 1e-9 * close);
            expect(p.median).toBeLessThanOrEqual(p.upper + 1e-9 * close);
            if (t > 0) expect(p.time > (fan[t - 1] as typeof p).time).toBe(true);
            const now = spread(p);
            expect(now[0]).toBeGreaterThanOrEqual((previous[0] as number) - 1e-9);
            expect(now[1]).toBeGreaterThanOrEqual((previous[1] as number) - 1e-9);
            previous = now;
          }
          const end = fan[horizon] as (typeof fan)[number];
          expect(end.lower).toBeCloseTo(f.lower, 6);
          expect(end.upper).toBeCloseTo(f.upper, 6);
        },
      ),
    );
  });

  it('refuses a forecast it cannot draw, with the numbers', () => {
    expect(() => forecastFan('2024-01-02', 100, forecast({ lower: 120 }))).toThrow(
      /lower ≤ predicted ≤ upper, got close 100, predicted 110, interval 120–130/,
    );
    expect(() => forecastFan('2024-01-02', 0, forecast({}))).toThrow(RangeError);
  });
});
