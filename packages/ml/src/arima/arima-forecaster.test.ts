import { createRng, InvalidArgumentError } from '@da-ki/sdk';
import { describe, expect, it } from 'vitest';
import { ModelNotFittedError } from '../model/errors.js';
import { loadEuStockCloses } from '../testing/reference-series.js';
import { nodeRequire } from '../util/node-require.js';
import { ArimaForecaster } from './arima-forecaster.js';
import { fitArmaWithCtsa } from './ctsa.js';

function ar1(n: number, phi: number, mean: number, sd: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const x = new Float64Array(n);
  x[0] = mean + (sd / Math.sqrt(1 - phi * phi)) * rng.normal();
  for (let t = 1; t < n; t++) x[t] = mean + phi * ((x[t - 1] as number) - mean) + sd * rng.normal();
  return x;
}

function randomWalk(n: number, drift: number, sd: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const x = new Float64Array(n);
  x[0] = 100;
  for (let t = 1; t < n; t++) x[t] = (x[t - 1] as number) + drift + sd * rng.normal();
  return x;
}

/** Exact Gaussian log-likelihood of a stationary AR(1) (Hamilton 1994, eq. 5.2.9). */
function ar1LogLik(x: Float64Array, phi: number, mean: number, sigma2: number): number {
  const n = x.length;
  let ss = (1 - phi * phi) * ((x[0] as number) - mean) ** 2;
  for (let t = 1; t < n; t++) ss += ((x[t] as number) - mean - phi * ((x[t - 1] as number) - mean)) ** 2;
  return -(n / 2) * Math.log(2 * Math.PI * sigma2) + 0.5 * Math.log(1 - phi * phi) - ss / (2 * sigma2);
}

describe('ArimaForecaster estimation', () => {
  const x = ar1(1000, 0.6, 5, 1, 21);

  it('recovers the φ of a simulated AR(1), agreeing with least squares', () => {
    const model = new ArimaForecaster({ order: [1, 0, 0] }).fit(x);
    const phi = model.coefficients.ar[0] as number;
    expect(Math.abs(phi - 0.6)).toBeLessThan(0.06);
    // conditional least squares, an independent estimator: differs from exact ML by O(1/n)
    let mean = 0;
    for (const v of x) mean += v;
    mean /= x.length;
    let num = 0;
    let den = 0;
    for (let t = 1; t < x.length; t++) {
      num += ((x[t] as number) - mean) * ((x[t - 1] as number) - mean);
      den += ((x[t - 1] as number) - mean) ** 2;
    }
    expect(phi).toBeCloseTo(num / den, 2);
    expect(model.coefficients.mean).toBeCloseTo(mean, 1);
    expect(model.sigma2).toBeGreaterThan(0.9);
    expect(model.sigma2).toBeLessThan(1.1);
  });

  it('reports the exact AR(1) likelihood at its estimates, and AIC = −2 logLik + 2·3', () => {
    const model = new ArimaForecaster({ order: [1, 0, 0] }).fit(x);
    const { ar, mean } = model.coefficients;
    // ctsa prints 6 significant digits, hence the tolerance
    expect(ar1LogLik(x, ar[0] as number, mean, model.sigma2)).toBeCloseTo(model.logLik, 0);
    expect(model.aic).toBeCloseTo(-2 * model.logLik + 6, 1);
  });

  it('fits white noise in closed form exactly as ctsa does', () => {
    const rng = createRng(4);
    const noise = Float64Array.from({ length: 500 }, () => 3 + 2 * rng.normal());
    const model = new ArimaForecaster({ order: [0, 0, 0] }).fit(noise);
    const reference = fitArmaWithCtsa(noise, 0, 0);
    // ctsa prints 6 significant digits
    expect(model.coefficients.mean).toBeCloseTo(reference.mean, 4);
    expect(model.sigma2 / reference.sigma2).toBeCloseTo(1, 5);
    expect(model.logLik).toBeCloseTo(reference.logLik, 1);
    expect(model.aic).toBeCloseTo(reference.aic, 1);
  });

  it('selects d = 1 for a random walk and d = 0 for a stationary AR(1), by KPSS', () => {
    expect(new ArimaForecaster({ maxP: 1, maxQ: 1 }).fit(randomWalk(400, 0, 1, 2)).order[1]).toBe(1);
    const stationary = new ArimaForecaster({ maxP: 1, maxQ: 1 }).fit(ar1(400, 0.5, 0, 1, 3));
    expect(stationary.order[1]).toBe(0);
    expect(stationary.order[0] + stationary.order[2]).toBeGreaterThan(0);
  });

  it('keeps the lowest AIC of the grid it tried', () => {
    const model = new ArimaForecaster({ maxP: 2, maxQ: 1 }).fit(ar1(300, 0.7, 0, 1, 8));
    const fitted = model.candidates.filter((c) => c.aic !== null);
    // 3 × 2 orders, each with and without the mean (include: 'auto')
    expect(model.candidates.length).toBe(12);
    expect(model.aic).toBe(Math.min(...fitted.map((c) => c.aic as number)));
    const chosen = fitted.find((c) => c.aic === model.aic);
    expect(chosen?.order).toEqual(model.order);
  });
});

describe('ArimaForecaster forecasts', () => {
  it('forecast a random walk as its last value plus drift, with intervals widening as √h', () => {
    const walk = randomWalk(500, 0.2, 1, 5);
    const model = new ArimaForecaster({ order: [0, 1, 0], include: 'drift' }).fit(walk);
    const diffs = walk.slice(1).map((v, i) => v - (walk[i] as number));
    const drift = diffs.reduce((s, v) => s + v, 0) / diffs.length;
    const variance = diffs.reduce((s, v) => s + (v - drift) ** 2, 0) / diffs.length;
    const { mean, lower, upper, se } = model.forecast(10);
    const last = walk[walk.length - 1] as number;
    for (let k = 1; k <= 10; k++) {
      expect(mean[k - 1]).toBeCloseTo(last + k * drift, 3);
      expect(se[k - 1]).toBeCloseTo(Math.sqrt(k * variance), 3);
      expect((upper[k - 1] as number) - (mean[k - 1] as number)).toBeCloseTo(
        1.959964 * Math.sqrt(k * variance),
        2,
      );
      expect((mean[k - 1] as number) - (lower[k - 1] as number)).toBeCloseTo(
        (upper[k - 1] as number) - (mean[k - 1] as number),
        10,
      );
    }
  });

  it('matches the arima package’s own predict() for an ARMA(1, 1)', () => {
    const rng = createRng(12);
    const n = 400;
    const e = Float64Array.from({ length: n }, () => rng.normal());
    const x = new Float64Array(n);
    for (let t = 1; t < n; t++)
      x[t] = 0.5 * (x[t - 1] as number) + (e[t] as number) + 0.4 * (e[t - 1] as number);
    // the package always estimates a mean when d = 0
    const model = new ArimaForecaster({ order: [1, 0, 1], include: 'mean' }).fit(x);
    const ARIMA = nodeRequire()('arima') as new (
      o: object,
    ) => {
      train(ts: number[]): { predict(h: number): [number[], number[]] };
    };
    const [predicted, variances] = new ARIMA({ p: 1, d: 0, q: 1 }).train(Array.from(x)).predict(6);
    const ours = model.forecast(6);
    for (let k = 0; k < 6; k++) {
      expect(ours.mean[k]).toBeCloseTo(predicted[k] as number, 4);
      expect((ours.se[k] as number) ** 2 / (variances[k] as number)).toBeCloseTo(1, 4);
    }
  });

  it('forecasts from a longer series with the fitted coefficients, anchored at its end', () => {
    const walk = randomWalk(400, 0, 1, 6);
    const model = new ArimaForecaster({ order: [1, 1, 0] }).fit(walk.slice(0, 300));
    expect(Array.from(model.forecastFrom(walk.slice(0, 300), 5).mean)).toEqual(
      Array.from(model.forecast(5).mean),
    );
    const later = model.forecastFrom(walk, 1);
    const [phi] = model.coefficients.ar;
    const { mean: drift } = model.coefficients;
    const lastDiff = (walk[399] as number) - (walk[398] as number);
    expect(later.mean[0]).toBeCloseTo(
      (walk[399] as number) + drift + (phi as number) * (lastDiff - drift),
      10,
    );
  });

  it('round-trips through JSON with identical forecasts', () => {
    const model = new ArimaForecaster({ maxP: 1, maxQ: 1 }).fit(ar1(300, 0.4, 2, 1, 9));
    const restored = ArimaForecaster.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(restored.order).toEqual(model.order);
    expect(restored.aic).toBe(model.aic);
    expect(Array.from(restored.forecast(4).upper)).toEqual(Array.from(model.forecast(4).upper));
  });

  it('selects d = 1 on the log DAX and gives finite, widening intervals', () => {
    const dax = Array.from(loadEuStockCloses().DAX, Math.log);
    const model = new ArimaForecaster({ maxP: 1, maxQ: 1 }).fit(dax);
    expect(model.order[1]).toBe(1);
    const { lower, upper } = model.forecast(30, { level: 0.9 });
    expect(upper.every(Number.isFinite) && lower.every(Number.isFinite)).toBe(true);
    expect((upper[29] as number) - (lower[29] as number)).toBeGreaterThan(
      (upper[0] as number) - (lower[0] as number),
    );
  });
});

describe('ArimaForecaster input checks', () => {
  it('rejects short and non-finite series, naming the index', () => {
    expect(() => new ArimaForecaster({ order: [1, 1, 0] }).fit([1, 2, 3])).toThrow(/at least 21 values/);
    const error = (() => {
      try {
        new ArimaForecaster().fit([1, 2, Number.NaN, 4]);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).index).toBe(2);
  });

  it('rejects malformed orders and forecasting before fit', () => {
    expect(() => new ArimaForecaster({ order: [1, -1, 0] })).toThrow(/order\[1\]/);
    expect(() => new ArimaForecaster().forecast(3)).toThrow(ModelNotFittedError);
    const model = new ArimaForecaster({ order: [0, 1, 0] }).fit(randomWalk(50, 0, 1, 1));
    expect(() => model.forecast(0)).toThrow(/h/);
    expect(() => model.forecast(3, { level: 1 })).toThrow(/level/);
  });
});
