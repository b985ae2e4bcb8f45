import { assertFiniteSeries, InvalidArgumentError } from '@da-ki/sdk';
import { ModelNotFittedError, ModelTrainingError } from '../model/errors.js';
import type { ModelJSON } from '../model/regressor.js';
import { assertInRange, assertInteger, assertModelJSON } from '../model/validate.js';
import { normalQuantile } from '../util/normal.js';
import { type ArmaCoefficients, difference, forecastLevels, psiWeights } from './arima-math.js';
import { type CtsaArmaFit, fitArmaWithCtsa } from './ctsa.js';
import { chooseDifferencing } from './kpss.js';

/** An ARIMA order `[p, d, q]`. */
export type ArimaOrder = [p: number, d: number, q: number];

/**
 * Which constant the model carries, in the terms of R's `forecast` package:
 * - `'mean'`: a mean when d = 0, nothing when d > 0 — R's `stats::arima` (`include.mean = TRUE`,
 *   ignored for d > 0);
 * - `'drift'`: a constant in the d-th differences — the mean when d = 0, the drift (a linear
 *   trend) when d = 1 — `forecast::Arima(include.drift = TRUE)`;
 * - `'none'`: no constant at any d — `stats::arima(include.mean = FALSE)`;
 * - `'auto'`: with and without the constant, the lower AIC kept, as `forecast::auto.arima`.
 */
export type ArimaInclude = 'auto' | 'drift' | 'mean' | 'none';

/** Options of {@link ArimaForecaster}. */
export interface ArimaForecasterOptions {
  /** The constant: see {@link ArimaInclude}. Default `'auto'`. */
  include?: ArimaInclude;
  /** Fixed order; when absent, d comes from KPSS tests and (p, q) from the lowest AIC. */
  order?: ArimaOrder;
  /** Largest AR order tried. Default 2. */
  maxP?: number;
  /** Largest MA order tried. Default 2. */
  maxQ?: number;
  /** Most differences taken. Default 2. */
  maxD?: number;
}

/** Point forecasts and a prediction interval, one value per step ahead. */
export interface ArimaForecast {
  mean: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  /** Forecast standard error per step (σ times the root of the summed squared ψ-weights). */
  se: Float64Array;
  /** Coverage of [lower, upper] under Gaussian innovations. */
  level: number;
}

/** One order tried during selection. */
export interface ArimaCandidate {
  order: ArimaOrder;
  /** Whether this candidate carried the constant (mean or drift). */
  constant: boolean;
  /** AIC, or `null` when ctsa could not fit this order. */
  aic: number | null;
  /** Why the fit failed, when it did. */
  error?: string;
}

/**
 * ARMA(0, 0) with mean in closed form — the sample mean and the MLE variance — which is what ctsa
 * returns for it (checked in the tests), without its ~10 ms of call overhead.
 */
function whiteNoiseFit(w: Float64Array): CtsaArmaFit {
  const n = w.length;
  let mean = 0;
  for (const v of w) mean += v;
  mean /= n;
  let ss = 0;
  for (const v of w) ss += (v - mean) ** 2;
  const sigma2 = ss / n;
  const logLik = -(n / 2) * (Math.log(2 * Math.PI * sigma2) + 1);
  return { ar: [], ma: [], mean, sigma2, logLik, aic: -2 * logLik + 4 };
}

/** White noise of mean 0: σ² = mean square, in closed form. */
function zeroMeanNoiseFit(w: Float64Array): CtsaArmaFit {
  let ss = 0;
  for (const v of w) ss += v * v;
  const sigma2 = ss / w.length;
  const logLik = -(w.length / 2) * (Math.log(2 * Math.PI * sigma2) + 1);
  return { ar: [], ma: [], mean: 0, sigma2, logLik, aic: -2 * logLik + 2 };
}

/**
 * ARMA(p, q) of mean 0 on `w`, by ctsa's exact likelihood: ctsa estimates no mean only when it
 * differences itself (d = 1), so it is handed the running sum of `w`, whose differences are `w`.
 * Its diffuse start makes this the exact likelihood of `w` (checked against R's `stats::arima`).
 */
function zeroMeanArmaFit(w: Float64Array, p: number, q: number): CtsaArmaFit {
  if (p === 0 && q === 0) return zeroMeanNoiseFit(w);
  const level = new Float64Array(w.length + 1);
  for (let t = 0; t < w.length; t++) level[t + 1] = (level[t] as number) + (w[t] as number);
  return { ...fitArmaWithCtsa(level, p, q, 1), mean: 0 };
}

/** The constants to try for an `include` at differencing order d. */
function constantsFor(include: ArimaInclude, d: number): boolean[] {
  switch (include) {
    case 'auto':
      return [true, false];
    case 'drift':
      return [true];
    case 'mean':
      return [d === 0];
    case 'none':
      return [false];
  }
}

const INCLUDES: readonly ArimaInclude[] = ['auto', 'drift', 'mean', 'none'];

/** Fewest observations accepted after differencing (ctsa itself needs 10). */
const MIN_LENGTH = 20;
const VERSION = 1;
/**
 * Values of the fitted series kept for forecasting (and serialised): enough for the innovation
 * recursion of an invertible MA part to forget its zero start.
 */
const TAIL_LENGTH = 300;

/**
 * ARIMA(p, d, q) on one series (prices or log prices), estimated by exact maximum likelihood in
 * the `arima` package (ctsa compiled to WASM). The package's own AutoARIMA is broken (it forecasts
 * 0 on a random walk), so this class does the auto-ARIMA steps itself, as Hyndman & Khandakar
 * (2008): d from repeated KPSS tests, then for every (p, q) of a small grid an ARMA on the d-th
 * differences with and/or without a constant (`include`), the lowest AIC kept. Forecasts and
 * intervals are computed here from the estimates (ψ-weights), which also lets a fitted model
 * forecast from a newer stretch of the series ({@link ArimaForecaster.forecastFrom}) without
 * re-estimating. With `include: 'none'` (or `'mean'`) and d = 1 the fit is R's
 * `stats::arima(x, order = c(p, 1, q))`.
 */
export class ArimaForecaster {
  readonly options: Readonly<Required<Omit<ArimaForecasterOptions, 'order'>>> & { order?: ArimaOrder };
  private fitted:
    | {
        order: ArimaOrder;
        constant: boolean;
        coefficients: ArmaCoefficients;
        sigma2: number;
        aic: number;
        logLik: number;
        tail: Float64Array;
      }
    | undefined;
  private tried: ArimaCandidate[] = [];

  constructor(options: ArimaForecasterOptions = {}) {
    this.options = {
      include: options.include ?? 'auto',
      maxP: options.maxP ?? 2,
      maxQ: options.maxQ ?? 2,
      maxD: options.maxD ?? 2,
    };
    if (!INCLUDES.includes(this.options.include))
      throw new InvalidArgumentError(
        'include',
        `must be one of ${INCLUDES.map((i) => `'${i}'`).join(', ')}, got ${JSON.stringify(this.options.include)}`,
      );
    assertInteger('maxP', this.options.maxP, 0, 10);
    assertInteger('maxQ', this.options.maxQ, 0, 10);
    assertInteger('maxD', this.options.maxD, 0, 3);
    if (options.order !== undefined) {
      const order = options.order;
      if (!Array.isArray(order) || order.length !== 3)
        throw new InvalidArgumentError('order', 'must be [p, d, q]');
      assertInteger('order[0] (p)', order[0], 0, 10);
      assertInteger('order[1] (d)', order[1], 0, 3);
      assertInteger('order[2] (q)', order[2], 0, 10);
      this.options.order = [order[0], order[1], order[2]];
    }
  }

  /** Selects the order (unless fixed) and estimates the model on `series`. */
  fit(series: ArrayLike<number>): this {
    assertFiniteSeries('series', series);
    const fixed = this.options.order;
    const d = fixed ? fixed[1] : chooseDifferencing(series, this.options.maxD);
    const w = difference(series, d);
    if (w.length < MIN_LENGTH) {
      throw new InvalidArgumentError(
        'series',
        `needs at least ${MIN_LENGTH + d} values for d = ${d}, got ${series.length}`,
      );
    }
    const grid: [number, number][] = [];
    if (fixed) grid.push([fixed[0], fixed[2]]);
    else
      for (let p = 0; p <= this.options.maxP; p++)
        for (let q = 0; q <= this.options.maxQ; q++) grid.push([p, q]);

    this.tried = [];
    let best: ReturnType<typeof fitArmaWithCtsa> | undefined;
    let bestOrder: ArimaOrder | undefined;
    let bestConstant = false;
    for (const [p, q] of grid) {
      const order: ArimaOrder = [p, d, q];
      for (const constant of constantsFor(this.options.include, d)) {
        try {
          const fit = constant
            ? p === 0 && q === 0
              ? whiteNoiseFit(w)
              : fitArmaWithCtsa(w, p, q)
            : zeroMeanArmaFit(w, p, q);
          this.tried.push({ order, constant, aic: fit.aic });
          if (!best || fit.aic < best.aic) {
            best = fit;
            bestOrder = order;
            bestConstant = constant;
          }
        } catch (error) {
          if (!(error instanceof ModelTrainingError)) throw error;
          this.tried.push({ order, constant, aic: null, error: error.message });
        }
      }
    }
    if (!best || !bestOrder) {
      throw new ModelTrainingError(
        'arima',
        `no order could be fitted: ${this.tried.map((c) => c.error).join('; ')}`,
      );
    }
    const [p] = bestOrder;
    this.fitted = {
      order: bestOrder,
      constant: bestConstant,
      coefficients: { ar: best.ar, ma: best.ma, mean: bestConstant ? best.mean : 0 },
      sigma2: best.sigma2,
      aic: best.aic,
      logLik: best.logLik,
      tail: Float64Array.from(series).slice(-Math.max(TAIL_LENGTH, p + d + 1)),
    };
    return this;
  }

  /** The fitted order `[p, d, q]`. */
  get order(): ArimaOrder {
    return [...this.state('read the order of').order];
  }

  /**
   * Whether the fitted model carries a constant (the mean when d = 0, the drift when d = 1):
   * what `include: 'auto'` chose. Pass `include: constant ? 'drift' : 'none'` with the order to
   * refit the same model on another window.
   */
  get constant(): boolean {
    return this.state('read the constant of').constant;
  }

  /** AIC of the fitted model (on the differenced series, as R reports it for d > 0). */
  get aic(): number {
    return this.state('read the AIC of').aic;
  }

  /** Maximised log-likelihood of the fitted model. */
  get logLik(): number {
    return this.state('read the log-likelihood of').logLik;
  }

  /** Innovation variance σ². */
  get sigma2(): number {
    return this.state('read σ² of').sigma2;
  }

  /** AR and MA coefficients and the mean of the differenced series (the drift when d > 0). */
  get coefficients(): ArmaCoefficients {
    const { ar, ma, mean } = this.state('read the coefficients of').coefficients;
    return { ar: [...ar], ma: [...ma], mean };
  }

  /** Every order tried by the last `fit`, with its AIC. */
  get candidates(): readonly ArimaCandidate[] {
    return this.tried;
  }

  /** Forecasts `h` steps past the end of the fitted series. */
  forecast(h: number, options: { level?: number } = {}): ArimaForecast {
    const fitted = this.state('forecast with');
    return this.forecastSeries(fitted.tail, h, options.level ?? 0.95);
  }

  /**
   * Forecasts `h` steps past the end of `series` with the fitted coefficients, without
   * re-estimating: for a series that has grown since `fit`, or for walk-forward evaluation. The
   * innovations are rebuilt over `series`, so pass enough history for the MA part to settle.
   */
  forecastFrom(series: ArrayLike<number>, h: number, options: { level?: number } = {}): ArimaForecast {
    const fitted = this.state('forecast with');
    assertFiniteSeries('series', series);
    const [p, d] = fitted.order;
    if (series.length < p + d + 1) {
      throw new InvalidArgumentError(
        'series',
        `needs at least ${p + d + 1} values for ARIMA(${fitted.order.join(',')})`,
      );
    }
    return this.forecastSeries(series, h, options.level ?? 0.95);
  }

  /** Order, estimates and the tail of the fitted series. */
  toJSON(): ModelJSON {
    const fitted = this.state('serialise');
    return {
      type: 'ArimaForecaster',
      version: VERSION,
      data: {
        options: this.options,
        order: fitted.order,
        constant: fitted.constant,
        coefficients: fitted.coefficients,
        sigma2: fitted.sigma2,
        aic: fitted.aic,
        logLik: fitted.logLik,
        tail: Array.from(fitted.tail),
      },
    };
  }

  /** Rebuilds a fitted forecaster. */
  static fromJSON(json: ModelJSON): ArimaForecaster {
    assertModelJSON(json, 'ArimaForecaster', VERSION);
    const data = json.data as {
      options: ArimaForecasterOptions;
      order: ArimaOrder;
      /** absent in models saved before `include` existed: they always carried the drift */
      constant?: boolean;
      coefficients: ArmaCoefficients;
      sigma2: number;
      aic: number;
      logLik: number;
      tail: number[];
    };
    const forecaster = new ArimaForecaster(data.options);
    const check = new ArimaForecaster({ order: data.order });
    assertFiniteSeries('json.data.tail', data.tail);
    assertInRange('json.data.sigma2', data.sigma2, 0, Number.MAX_VALUE);
    forecaster.fitted = {
      order: check.options.order as ArimaOrder,
      constant: data.constant ?? true,
      coefficients: {
        ar: [...data.coefficients.ar],
        ma: [...data.coefficients.ma],
        mean: data.coefficients.mean,
      },
      sigma2: data.sigma2,
      aic: data.aic,
      logLik: data.logLik,
      tail: Float64Array.from(data.tail),
    };
    return forecaster;
  }

  private forecastSeries(series: ArrayLike<number>, h: number, level: number): ArimaForecast {
    assertInteger('h', h, 1, 100_000);
    assertInRange('level', level, 0, 1, true);
    const fitted = this.state('forecast with');
    const d = fitted.order[1];
    const mean = forecastLevels(series, d, fitted.coefficients, h);
    const psi = psiWeights(fitted.coefficients, d, h);
    const z = normalQuantile(0.5 + level / 2);
    const se = new Float64Array(h);
    const lower = new Float64Array(h);
    const upper = new Float64Array(h);
    let sumSquares = 0;
    for (let k = 0; k < h; k++) {
      sumSquares += (psi[k] as number) ** 2;
      se[k] = Math.sqrt(fitted.sigma2 * sumSquares);
      lower[k] = (mean[k] as number) - z * (se[k] as number);
      upper[k] = (mean[k] as number) + z * (se[k] as number);
    }
    return { mean, lower, upper, se, level };
  }

  private state(action: string) {
    if (!this.fitted) throw new ModelNotFittedError('ArimaForecaster', action);
    return this.fitted;
  }
}
