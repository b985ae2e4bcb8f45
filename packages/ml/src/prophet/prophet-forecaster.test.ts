import { createRng, InvalidArgumentError } from '@da-ki/sdk';
import { describe, expect, it } from 'vitest';
import { ModelNotFittedError } from '../model/errors.js';
import { weekdayTimestamps } from '../testing/reference-series.js';
import { ProphetForecaster } from './prophet-forecaster.js';

const DAY = 86_400_000;
const YEAR_DAYS = 365.25;

/** Three years of weekdays with a known trend, yearly wave, weekday effects and noise. */
function simulate(options: {
  seed: number;
  slopes: [number, number];
  changeAt: number;
  yearlyAmplitude: number;
  weekday?: number[];
  noise: number;
  multiplicative?: boolean;
}) {
  const ts = weekdayTimestamps('2020-01-06', 780);
  const rng = createRng(options.seed);
  const t0 = ts[0] as number;
  const changeTime = ts[options.changeAt] as number;
  const values = new Float64Array(ts.length);
  const trend = new Float64Array(ts.length);
  ts.forEach((t, i) => {
    const days = (t - t0) / DAY;
    const daysAfter = Math.max(0, (t - changeTime) / DAY);
    trend[i] = 200 + options.slopes[0] * days + (options.slopes[1] - options.slopes[0]) * daysAfter;
    const yearly = Math.sin((2 * Math.PI * t) / DAY / YEAR_DAYS);
    const weekday = options.weekday?.[new Date(t).getUTCDay() - 1] ?? 0;
    const seasonal = options.yearlyAmplitude * yearly + weekday;
    values[i] =
      (options.multiplicative ? (trend[i] as number) * (1 + seasonal) : (trend[i] as number) + seasonal) +
      options.noise * rng.normal();
  });
  return { ts, values, trend, changeTime };
}

/** Half the peak-to-peak range of a component over one year of days. */
function yearlyAmplitude(model: ProphetForecaster, from: number): number {
  const days = Float64Array.from({ length: 366 }, (_, i) => from + i * DAY);
  const { components } = model.predictAt(days);
  return (Math.max(...components.yearly) - Math.min(...components.yearly)) / 2;
}

describe('ProphetForecaster on simulated series', () => {
  const sim = simulate({
    seed: 3,
    slopes: [0.3, -0.2],
    changeAt: 400,
    yearlyAmplitude: 10,
    weekday: [1.5, 0, 0, 0, -1.5],
    noise: 1,
  });
  const model = new ProphetForecaster().fit(sim.ts, sim.values);

  it('recovers a trend change: the rates before and after, and where it happened', () => {
    const { components } = model.predictAt(sim.ts);
    const rate = (i: number, j: number) =>
      ((components.trend[j] as number) - (components.trend[i] as number)) /
      (((sim.ts[j] as number) - (sim.ts[i] as number)) / DAY);
    expect(rate(50, 300)).toBeCloseTo(0.3, 1);
    expect(rate(500, 700)).toBeCloseTo(-0.2, 1);
    // the fitted rate changes add up to the true change, and sit near the true date
    const changes = model.changepoints;
    const total = changes.reduce((sum, c) => sum + c.rateChangePerDay, 0);
    expect(total).toBeCloseTo(-0.5, 1);
    const near = changes
      .filter((c) => Math.abs(c.timestamp - sim.changeTime) <= 60 * DAY)
      .reduce((sum, c) => sum + c.rateChangePerDay, 0);
    expect(Math.abs(near - total)).toBeLessThan(0.1 * Math.abs(total));
    // sparse: most potential changepoints carry no change at all
    expect(changes.filter((c) => Math.abs(c.rateChangePerDay) < 1e-6).length).toBeGreaterThan(12);
  });

  it('recovers the yearly amplitude and the weekday effects', () => {
    expect(yearlyAmplitude(model, Date.UTC(2021, 0, 1))).toBeGreaterThan(9);
    expect(yearlyAmplitude(model, Date.UTC(2021, 0, 1))).toBeLessThan(11);
    // one week: Monday … Friday, centred as the truth is (it sums to 0)
    const week = Float64Array.from({ length: 5 }, (_, i) => Date.UTC(2021, 5, 7) + i * DAY);
    const weekly = Array.from(model.predictAt(week).components.weekly);
    const centre = weekly.reduce((a, b) => a + b, 0) / 5;
    [1.5, 0, 0, 0, -1.5].forEach((truth, i) => {
      expect(Math.abs((weekly[i] as number) - centre - truth)).toBeLessThan(0.35);
    });
    // the MLE of σ, below the true 1 by about the share of parameters (47 of 780 rows) and chance
    expect(model.sigma).toBeGreaterThan(0.9);
    expect(model.sigma).toBeLessThan(1.05);
  });

  it('forecasts trading days only, components summing to the mean, the interval covering the noise', () => {
    const forecast = model.forecast(30);
    expect(forecast.timestamps.every((t) => ![0, 6].includes(new Date(t).getUTCDay()))).toBe(true);
    for (let i = 0; i < 30; i++) {
      const { trend, yearly, weekly, events } = forecast.components;
      const sum =
        (trend[i] as number) + (yearly[i] as number) + (weekly[i] as number) + (events[i] as number);
      expect(sum).toBeCloseTo(forecast.mean[i] as number, 9);
      expect(forecast.lower[i]).toBeLessThan(forecast.mean[i] as number);
      expect(forecast.upper[i]).toBeGreaterThan(forecast.mean[i] as number);
    }
    // one step ahead the 80 % interval is about ±1.28 σ (little trend uncertainty yet)
    const width = (forecast.upper[0] as number) - (forecast.lower[0] as number);
    expect(width / (2 * 1.2816 * model.sigma)).toBeGreaterThan(0.85);
    expect(width / (2 * 1.2816 * model.sigma)).toBeLessThan(1.2);
    // simulated future trend changes widen it with the horizon
    const last = (forecast.upper[29] as number) - (forecast.lower[29] as number);
    expect(last).toBeGreaterThan(width);
  });

  it('tolerates missing values', () => {
    const values = sim.values.slice();
    const rng = createRng(9);
    for (let i = 0; i < values.length; i++) if (rng.next() < 0.15) values[i] = Number.NaN;
    const gappy = new ProphetForecaster().fit(sim.ts, values);
    const amplitude = yearlyAmplitude(gappy, Date.UTC(2021, 0, 1));
    expect(amplitude).toBeGreaterThan(9);
    expect(amplitude).toBeLessThan(11);
    expect(Array.from(gappy.forecast(10).mean).every(Number.isFinite)).toBe(true);
  });

  it('recovers a multiplicative yearly amplitude as a share of the trend', () => {
    const mult = simulate({
      seed: 4,
      slopes: [0.3, 0.3],
      changeAt: 0,
      yearlyAmplitude: 0.08,
      noise: 0.5,
      multiplicative: true,
    });
    const fitted = new ProphetForecaster({ seasonalityMode: 'multiplicative', weekly: false }).fit(
      mult.ts,
      mult.values,
    );
    const days = Float64Array.from({ length: 366 }, (_, i) => Date.UTC(2021, 0, 1) + i * DAY);
    const { components } = fitted.predictAt(days);
    const share = Array.from(components.yearly, (v, i) => v / (components.trend[i] as number));
    const amplitude = (Math.max(...share) - Math.min(...share)) / 2;
    expect(amplitude).toBeGreaterThan(0.072);
    expect(amplitude).toBeLessThan(0.088);
  });

  it('estimates event effects, in the window around each date', () => {
    const base = simulate({ seed: 5, slopes: [0.1, 0.1], changeAt: 0, yearlyAmplitude: 0, noise: 1 });
    const eventDays = [100, 250, 400, 550, 700].map((i) => base.ts[i] as number);
    const values = base.values.slice();
    base.ts.forEach((t, i) => {
      if (eventDays.includes(t)) values[i] = (values[i] as number) + 12;
      if (eventDays.includes(t - DAY)) values[i] = (values[i] as number) + 4; // the next calendar day
    });
    const fitted = new ProphetForecaster({
      events: [{ name: 'earnings', dates: eventDays, upperWindow: 1 }],
      yearly: false,
      weekly: false,
    }).fit(base.ts, values);
    const effect = (t: number) => fitted.predictAt([t]).components.events[0] as number;
    expect(effect(eventDays[2] as number)).toBeGreaterThan(10);
    expect(effect(eventDays[2] as number)).toBeLessThan(14);
    expect(Math.abs(effect((eventDays[2] as number) + DAY) - 4)).toBeLessThan(2);
    expect(effect((eventDays[2] as number) + 7 * DAY)).toBe(0);
  });

  it('round-trips through JSON with identical forecasts', () => {
    const restored = ProphetForecaster.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    const a = model.forecast(15);
    const b = restored.forecast(15);
    expect(Array.from(b.mean)).toEqual(Array.from(a.mean));
    expect(Array.from(b.lower)).toEqual(Array.from(a.lower));
  });

  it('validates its input and options', () => {
    expect(() => new ProphetForecaster().forecast(3)).toThrow(ModelNotFittedError);
    expect(() => new ProphetForecaster().fit([1, 2], [1])).toThrow(/values.*2/);
    expect(() => new ProphetForecaster().fit([2, 1], [1, 2])).toThrow(/increasing/);
    expect(() =>
      new ProphetForecaster().fit(sim.ts.slice(0, 20), sim.values.slice(0, 20).fill(Number.NaN)),
    ).toThrow(/at least 10 observed/);
    const withInfinity = sim.values.slice();
    withInfinity[5] = Number.POSITIVE_INFINITY;
    expect(() => new ProphetForecaster().fit(sim.ts, withInfinity)).toThrow(InvalidArgumentError);
    expect(() => new ProphetForecaster({ seasonalityMode: 'both' as never })).toThrow(/seasonalityMode/);
    expect(() => new ProphetForecaster({ events: [{ name: 'x', dates: ['2020-13-45'] }] })).toThrow(
      /events\[0\]\.dates/,
    );
  });
});
