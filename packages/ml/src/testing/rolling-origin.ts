// Test kit: rolling-origin comparison of Prophet, ARIMA and the naive forecasts on a real series.
import { ArimaForecaster } from '../arima/arima-forecaster.js';
import { ProphetForecaster } from '../prophet/prophet-forecaster.js';

/** Mean absolute error of log-price forecasts over steps 1…h, and the 80 % interval coverage. */
export interface OriginScores {
  model: 'prophet' | 'arima' | 'naive' | 'drift';
  /** Mean |forecast − actual| of the log price over every step and origin. */
  mae: number;
  /** The same at step h only. */
  maeAtHorizon: number;
  /** Share of actual values inside the model's 80 % interval (naive models: none). */
  coverage: number | null;
  origins: number;
}

/**
 * Forecasts `log(values)` `h` steps ahead from every `every`-th origin after `firstOrigin`, each
 * model fitted on everything up to the origin (missing values `NaN`: Prophet skips them, ARIMA
 * and the naive forecasts use the series with gaps filled by the last value, as a trader's
 * chart does). Steps whose actual value is missing are not scored.
 */
export function rollingOrigin(
  timestamps: Float64Array,
  values: Float64Array,
  options: { h: number; firstOrigin: number; every: number },
): OriginScores[] {
  const logs = Float64Array.from(values, Math.log);
  const filled = logs.slice();
  for (let i = 1; i < filled.length; i++) if (Number.isNaN(filled[i])) filled[i] = filled[i - 1] as number;
  const { h } = options;
  const sums = new Map<
    OriginScores['model'],
    { abs: number; n: number; last: number; nLast: number; inside: number; nInside: number }
  >();
  const add = (
    model: OriginScores['model'],
    forecast: ArrayLike<number>,
    origin: number,
    band?: { lower: ArrayLike<number>; upper: ArrayLike<number> },
  ) => {
    const s = sums.get(model) ?? { abs: 0, n: 0, last: 0, nLast: 0, inside: 0, nInside: 0 };
    for (let k = 0; k < h; k++) {
      const actual = logs[origin + 1 + k] as number;
      if (Number.isNaN(actual)) continue;
      const error = Math.abs((forecast[k] as number) - actual);
      s.abs += error;
      s.n++;
      if (k === h - 1) {
        s.last += error;
        s.nLast++;
      }
      if (band) {
        s.nInside++;
        if (actual >= (band.lower[k] as number) && actual <= (band.upper[k] as number)) s.inside++;
      }
    }
    sums.set(model, s);
  };
  let origins = 0;
  for (let origin = options.firstOrigin; origin + h < logs.length; origin += options.every) {
    origins++;
    const last = filled[origin] as number;
    add('naive', new Float64Array(h).fill(last), origin);
    const drift = (last - (filled[0] as number)) / origin;
    add(
      'drift',
      Float64Array.from({ length: h }, (_, k) => last + (k + 1) * drift),
      origin,
    );
    const arima = new ArimaForecaster().fit(filled.subarray(0, origin + 1)).forecast(h, { level: 0.8 });
    add('arima', arima.mean, origin, arima);
    const prophet = new ProphetForecaster({ uncertaintySamples: 300 })
      .fit(timestamps.subarray(0, origin + 1), logs.subarray(0, origin + 1))
      .forecast(h, { level: 0.8 });
    add('prophet', prophet.mean, origin, prophet);
  }
  return (['prophet', 'arima', 'naive', 'drift'] as const).map((model) => {
    const s = sums.get(model) as {
      abs: number;
      n: number;
      last: number;
      nLast: number;
      inside: number;
      nInside: number;
    };
    return {
      model,
      mae: s.abs / s.n,
      maeAtHorizon: s.last / s.nLast,
      coverage: s.nInside > 0 ? s.inside / s.nInside : null,
      origins,
    };
  });
}
