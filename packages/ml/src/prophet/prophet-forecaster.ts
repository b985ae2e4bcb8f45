import { createRng, InvalidArgumentError } from '@da-ki/sdk';
import { ModelNotFittedError } from '../model/errors.js';
import type { ModelJSON } from '../model/regressor.js';
import { assertInRange, assertInteger, assertModelJSON } from '../model/validate.js';
import {
  betaBlocks,
  type DesignLayout,
  type EventTerm,
  type SeasonalityTerm,
  scaledTime,
  seasonalFeatures,
  trendAt,
} from './design.js';
import { fitMap, type ProphetParameters } from './map-fit.js';
import { isWeekend, nextTimestamps } from './trading-calendar.js';

const DAY_MS = 86_400_000;

/** An event (holiday, earnings date …) whose days get their own effects. */
export interface ProphetEvent {
  name: string;
  /** Days of the event, past and future: epoch ms or `YYYY-MM-DD` (UTC). */
  dates: readonly (number | string)[];
  /** Days before each date with their own effect (≤ 0). Default 0. */
  lowerWindow?: number;
  /** Days after each date with their own effect (≥ 0). Default 0. */
  upperWindow?: number;
}

/** Options of {@link ProphetForecaster}; the defaults are Prophet's. */
export interface ProphetForecasterOptions {
  /** Potential changepoints, spread over the first `changepointRange` of the history. Default 25. */
  nChangepoints?: number;
  /** Share of the history that may hold changepoints. Default 0.8. */
  changepointRange?: number;
  /** Scale τ of the Laplace prior on rate changes (larger: a more flexible trend). Default 0.05. */
  changepointPriorScale?: number;
  /**
   * Yearly seasonality: a Fourier order, `true` (order 10), `false`, or `'auto'` (default: order
   * 10 when the history spans at least two years).
   */
  yearly?: number | boolean | 'auto';
  /**
   * Weekly seasonality: a Fourier order, `true` (order 3), `false`, or `'auto'` (default: order 3
   * when the history spans at least two weeks of daily data). On trading-day data (no weekend
   * observations) it is fitted on Monday–Friday only, with order at most 2, which spans every
   * weekday profile.
   */
  weekly?: number | boolean | 'auto';
  /** `'additive'` (default): y = trend + seasonality + events; `'multiplicative'`: trend · (1 + …). */
  seasonalityMode?: 'additive' | 'multiplicative';
  /** Standard deviation of the normal prior on Fourier coefficients. Default 10. */
  seasonalityPriorScale?: number;
  /** Events as regressors (they follow `seasonalityMode`). */
  events?: readonly ProphetEvent[];
  /** Standard deviation of the normal prior on event effects. Default 10. */
  eventPriorScale?: number;
  /** Coverage of the forecast interval. Default 0.8 (Prophet's `interval_width`). */
  intervalLevel?: number;
  /** Simulated future paths behind the interval. Default 1000. */
  uncertaintySamples?: number;
  /** Seed of the simulated paths. Default 1. */
  seed?: number;
}

/** Each component of a forecast in the units of the series; they sum to `mean`. */
export interface ProphetComponents {
  trend: Float64Array;
  yearly: Float64Array;
  weekly: Float64Array;
  /** All events together. */
  events: Float64Array;
}

/** A forecast: per future timestamp, the mean, the interval and the components. */
export interface ProphetForecast {
  timestamps: Float64Array;
  mean: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  level: number;
  components: ProphetComponents;
}

/** A potential changepoint and the rate change fitted there (in series units per day). */
export interface ProphetChangepoint {
  timestamp: number;
  rateChangePerDay: number;
}

type Settings = Required<Omit<ProphetForecasterOptions, 'events'>> & { events: ProphetEvent[] };

interface Fitted {
  layout: DesignLayout;
  params: ProphetParameters;
  yScale: number;
  last: number;
  weekends: boolean;
}

const VERSION = 1;
const MIN_OBSERVATIONS = 10;

/**
 * A decomposable forecaster after Taylor & Letham (2018), "Forecasting at scale" (Prophet):
 * y(t) = trend(t) + seasonality(t) + events(t) + noise, or with `seasonalityMode:
 * 'multiplicative'` trend(t) · (1 + seasonality(t) + events(t)) + noise. The trend is piecewise
 * linear with potential changepoints spread over the history and a sparse Laplace prior on the
 * rate changes; yearly and weekly seasonality are Fourier series; events are indicator
 * regressors. Fitted by maximum a posteriori (coordinate descent: the L1 prior sets most rate
 * changes to exactly 0). Missing values (`NaN`) are skipped. The interval simulates future trend
 * changes at the historical rate and size, plus noise, as Prophet does.
 */
export class ProphetForecaster {
  readonly options: Readonly<Settings>;
  private fitted: Fitted | undefined;

  constructor(options: ProphetForecasterOptions = {}) {
    this.options = {
      nChangepoints: options.nChangepoints ?? 25,
      changepointRange: options.changepointRange ?? 0.8,
      changepointPriorScale: options.changepointPriorScale ?? 0.05,
      yearly: options.yearly ?? 'auto',
      weekly: options.weekly ?? 'auto',
      seasonalityMode: options.seasonalityMode ?? 'additive',
      seasonalityPriorScale: options.seasonalityPriorScale ?? 10,
      events: [...(options.events ?? [])],
      eventPriorScale: options.eventPriorScale ?? 10,
      intervalLevel: options.intervalLevel ?? 0.8,
      uncertaintySamples: options.uncertaintySamples ?? 1000,
      seed: options.seed ?? 1,
    };
    const o = this.options;
    assertInteger('nChangepoints', o.nChangepoints, 0, 1000);
    assertInRange('changepointRange', o.changepointRange, 0, 1);
    assertInRange('changepointPriorScale', o.changepointPriorScale, 0, Number.MAX_VALUE, true);
    assertInRange('seasonalityPriorScale', o.seasonalityPriorScale, 0, Number.MAX_VALUE, true);
    assertInRange('eventPriorScale', o.eventPriorScale, 0, Number.MAX_VALUE, true);
    assertInRange('intervalLevel', o.intervalLevel, 0, 1, true);
    assertInteger('uncertaintySamples', o.uncertaintySamples, 10, 100_000);
    assertInteger('seed', o.seed, 0, 2 ** 31 - 1);
    for (const name of ['yearly', 'weekly'] as const) {
      const v = o[name];
      if (typeof v === 'number') assertInteger(name, v, 1, 50);
      else if (typeof v !== 'boolean' && v !== 'auto')
        throw new InvalidArgumentError(
          name,
          `must be a Fourier order, true, false or 'auto', got ${String(v)}`,
        );
    }
    if (o.seasonalityMode !== 'additive' && o.seasonalityMode !== 'multiplicative')
      throw new InvalidArgumentError(
        'seasonalityMode',
        `must be 'additive' or 'multiplicative', got ${String(o.seasonalityMode)}`,
      );
    for (const [i, event] of o.events.entries()) eventTerm(event, `events[${i}]`);
  }

  /**
   * Fits the model to `values` observed at `timestamps` (epoch ms, strictly increasing). A `NaN`
   * value is a missing observation and is skipped; at least 10 must be present.
   */
  fit(timestamps: ArrayLike<number>, values: ArrayLike<number>): this {
    if (timestamps.length !== values.length)
      throw new InvalidArgumentError(
        'values',
        `has ${values.length} entries but timestamps has ${timestamps.length}`,
      );
    const ts: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < timestamps.length; i++) {
      const t = timestamps[i] as number;
      if (!Number.isFinite(t))
        throw new InvalidArgumentError('timestamps', `is ${t}; must be finite epoch ms`, i);
      if (i > 0 && t <= (timestamps[i - 1] as number))
        throw new InvalidArgumentError('timestamps', 'must be strictly increasing', i);
      const v = values[i] as number;
      if (Number.isNaN(v)) continue;
      if (!Number.isFinite(v))
        throw new InvalidArgumentError('values', `is ${v}; use NaN for a missing value`, i);
      ts.push(t);
      ys.push(v);
    }
    if (ts.length < MIN_OBSERVATIONS)
      throw new InvalidArgumentError(
        'values',
        `needs at least ${MIN_OBSERVATIONS} observed values, got ${ts.length}`,
      );
    const o = this.options;
    const start = ts[0] as number;
    const span = (ts[ts.length - 1] as number) - start;
    const spanDays = span / DAY_MS;
    const seasonalities: SeasonalityTerm[] = [];
    const yearly = fourierOrder(o.yearly, 10, spanDays >= 730);
    if (yearly > 0) seasonalities.push({ name: 'yearly', periodDays: 365.25, order: yearly });
    const dailyData = medianGapDays(ts) < 7;
    const weekends = ts.some(isWeekend);
    // On Monday–Friday data order 2 already spans every weekday profile (4 terms + the level for
    // 5 days); order 3 would add two columns the data cannot identify.
    const weekly = Math.min(fourierOrder(o.weekly, 3, spanDays >= 14 && dailyData), weekends ? 50 : 2);
    if (weekly > 0) seasonalities.push({ name: 'weekly', periodDays: 7, order: weekly });

    // Prophet's changepoints: evenly spaced over the observed rows of the first changepointRange
    const historySize = Math.floor(ts.length * o.changepointRange);
    const count = Math.max(0, Math.min(o.nChangepoints, historySize - 1));
    const changepoints = new Float64Array(count);
    for (let j = 1; j <= count; j++) {
      const index = Math.round(((historySize - 1) * j) / count);
      changepoints[j - 1] = ((ts[index] as number) - start) / span;
    }
    const layout: DesignLayout = {
      changepoints,
      seasonalities,
      events: o.events.map((e, i) => eventTerm(e, `events[${i}]`)),
      start,
      span,
    };
    const yScale = Math.max(...ys.map(Math.abs)) || 1;
    const s = Float64Array.from(ts, (t) => scaledTime(layout, t));
    const y = Float64Array.from(ys, (v) => v / yScale);
    const X = seasonalFeatures(layout, ts);
    const precision = new Float64Array(X.length / ts.length);
    for (const block of betaBlocks(layout)) {
      const sd = block.name.startsWith('event:') ? o.eventPriorScale : o.seasonalityPriorScale;
      precision.fill(1 / sd ** 2, block.from, block.to);
    }
    const params = fitMap(s, y, X, layout, precision, o, o.seasonalityMode);
    this.fitted = { layout, params, yScale, last: ts[ts.length - 1] as number, weekends };
    return this;
  }

  /** The model's mean and components at any timestamps (past or future), without intervals. */
  predictAt(timestamps: ArrayLike<number>): { mean: Float64Array; components: ProphetComponents } {
    const f = this.state('predict with');
    const n = timestamps.length;
    const { layout, params, yScale } = f;
    const X = seasonalFeatures(layout, timestamps);
    const width = params.beta.length;
    const blocks = betaBlocks(layout);
    const components: ProphetComponents = {
      trend: new Float64Array(n),
      yearly: new Float64Array(n),
      weekly: new Float64Array(n),
      events: new Float64Array(n),
    };
    const mean = new Float64Array(n);
    const multiplicative = this.options.seasonalityMode === 'multiplicative';
    for (let i = 0; i < n; i++) {
      const g = trendAt(
        scaledTime(layout, timestamps[i] as number),
        params.k,
        params.m,
        params.delta,
        layout.changepoints,
      );
      components.trend[i] = g * yScale;
      let total = g;
      for (const block of blocks) {
        let v = 0;
        for (let c = block.from; c < block.to; c++)
          v += (X[i * width + c] as number) * (params.beta[c] as number);
        const effect = (multiplicative ? g * v : v) * yScale;
        const target =
          block.name === 'yearly'
            ? components.yearly
            : block.name === 'weekly'
              ? components.weekly
              : components.events;
        target[i] = (target[i] as number) + effect;
        total += multiplicative ? g * v : v;
      }
      mean[i] = total * yScale;
    }
    return { mean, components };
  }

  /**
   * Forecasts the `h` trading days after the last fitted timestamp (calendar days when the
   * history has weekend observations). The interval at `level` (default `intervalLevel`) comes
   * from `uncertaintySamples` simulated paths: new rate changes at the history's changepoint
   * frequency with Laplace sizes of the fitted changes' mean magnitude, plus N(0, σ) noise.
   */
  forecast(h: number, options: { level?: number } = {}): ProphetForecast {
    const f = this.state('forecast with');
    assertInteger('h', h, 1, 100_000);
    const level = options.level ?? this.options.intervalLevel;
    assertInRange('level', level, 0, 1, true);
    const timestamps = nextTimestamps(f.last, h, f.weekends);
    const { mean, components } = this.predictAt(timestamps);
    const { lower, upper } = this.simulateInterval(timestamps, components, level);
    return { timestamps, mean, lower, upper, level, components };
  }

  /**
   * The change of the model's mean from timestamp `from` to `h` trading days later (calendar
   * days when the history had weekend observations): the expected change the fitted trend,
   * seasonality and events imply, wherever `from` lies. The ensemble's Prophet forecast of the
   * log return over its horizon.
   */
  meanChange(from: number, h: number): number {
    const f = this.state('forecast with');
    assertInteger('h', h, 1, 100_000);
    if (!Number.isFinite(from)) throw new InvalidArgumentError('from', `is ${from}; must be finite epoch ms`);
    const to = nextTimestamps(from, h, f.weekends)[h - 1] as number;
    const { mean } = this.predictAt([from, to]);
    return (mean[1] as number) - (mean[0] as number);
  }

  /** The potential changepoints and the rate change fitted at each (0 for most: the prior is sparse). */
  get changepoints(): ProphetChangepoint[] {
    const { layout, params, yScale } = this.state('read the changepoints of');
    const perDay = (yScale * DAY_MS) / layout.span;
    return Array.from(layout.changepoints, (c, j) => ({
      timestamp: layout.start + c * layout.span,
      rateChangePerDay: (params.delta[j] as number) * perDay,
    }));
  }

  /** Residual standard deviation σ of the fit, in series units. */
  get sigma(): number {
    const f = this.state('read σ of');
    return f.params.sigma * f.yScale;
  }

  /** Options, the design's layout and the MAP estimates. */
  toJSON(): ModelJSON {
    const f = this.state('serialise');
    return {
      type: 'ProphetForecaster',
      version: VERSION,
      data: {
        options: this.options,
        layout: { ...f.layout, changepoints: Array.from(f.layout.changepoints) },
        params: { ...f.params, delta: Array.from(f.params.delta), beta: Array.from(f.params.beta) },
        yScale: f.yScale,
        last: f.last,
        weekends: f.weekends,
      },
    };
  }

  /** Rebuilds a fitted forecaster. */
  static fromJSON(json: ModelJSON): ProphetForecaster {
    assertModelJSON(json, 'ProphetForecaster', VERSION);
    const data = json.data as {
      options: ProphetForecasterOptions;
      layout: Omit<DesignLayout, 'changepoints'> & { changepoints: number[] };
      params: { k: number; m: number; delta: number[]; beta: number[]; sigma: number };
      yScale: number;
      last: number;
      weekends: boolean;
    };
    const forecaster = new ProphetForecaster(data.options);
    const finite = (name: string, values: number[]) => {
      if (!Array.isArray(values) || !values.every(Number.isFinite))
        throw new InvalidArgumentError(`json.data.${name}`, 'must be an array of finite numbers');
    };
    finite('layout.changepoints', data.layout.changepoints);
    finite('params.delta', data.params.delta);
    finite('params.beta', data.params.beta);
    finite('params', [
      data.params.k,
      data.params.m,
      data.params.sigma,
      data.yScale,
      data.last,
      data.layout.span,
    ]);
    if (data.params.delta.length !== data.layout.changepoints.length)
      throw new InvalidArgumentError('json.data.params.delta', 'must have one value per changepoint');
    forecaster.fitted = {
      layout: { ...data.layout, changepoints: Float64Array.from(data.layout.changepoints) },
      params: {
        k: data.params.k,
        m: data.params.m,
        delta: Float64Array.from(data.params.delta),
        beta: Float64Array.from(data.params.beta),
        sigma: data.params.sigma,
      },
      yScale: data.yScale,
      last: data.last,
      weekends: data.weekends,
    };
    return forecaster;
  }

  private simulateInterval(
    timestamps: Float64Array,
    components: ProphetComponents,
    level: number,
  ): { lower: Float64Array; upper: Float64Array } {
    const f = this.state('forecast with');
    const { layout, params, yScale } = f;
    const h = timestamps.length;
    const rng = createRng(`prophet:${this.options.seed}`);
    const s = Float64Array.from(timestamps, (t) => scaledTime(layout, t));
    const sEnd = s[h - 1] as number;
    // Prophet: new changes arrive at the history's rate (changepoints per unit of scaled time),
    // with sizes Laplace(0, λ), λ the mean magnitude of the fitted changes
    let lambda = 1e-8;
    for (const d of params.delta) lambda += Math.abs(d) / Math.max(1, params.delta.length);
    const rate = layout.changepoints.length;
    const samples = this.options.uncertaintySamples;
    const paths = Array.from({ length: h }, () => new Float64Array(samples));
    const multiplicative = this.options.seasonalityMode === 'multiplicative';
    for (let k = 0; k < samples; k++) {
      const changes = poisson(rng, rate * Math.max(0, sEnd - 1));
      const at: number[] = [];
      const size: number[] = [];
      for (let c = 0; c < changes; c++) {
        at.push(1 + rng.next() * (sEnd - 1));
        const u = rng.next() - 0.5;
        size.push(-lambda * Math.sign(u) * Math.log(1 - 2 * Math.abs(u)));
      }
      for (let i = 0; i < h; i++) {
        let extra = 0;
        for (let c = 0; c < changes; c++)
          if ((s[i] as number) > (at[c] as number))
            extra += (size[c] as number) * ((s[i] as number) - (at[c] as number));
        const g = (components.trend[i] as number) / yScale;
        const seasonal =
          ((components.yearly[i] as number) +
            (components.weekly[i] as number) +
            (components.events[i] as number)) /
          yScale;
        const value = multiplicative
          ? (g + extra) * (1 + (g !== 0 ? seasonal / g : 0))
          : g + extra + seasonal;
        (paths[i] as Float64Array)[k] = (value + params.sigma * rng.normal()) * yScale;
      }
    }
    const lower = new Float64Array(h);
    const upper = new Float64Array(h);
    paths.forEach((path, i) => {
      path.sort();
      lower[i] = quantile(path, (1 - level) / 2);
      upper[i] = quantile(path, (1 + level) / 2);
    });
    return { lower, upper };
  }

  private state(action: string): Fitted {
    if (!this.fitted) throw new ModelNotFittedError('ProphetForecaster', action);
    return this.fitted;
  }
}

function fourierOrder(option: number | boolean | 'auto', standard: number, autoOn: boolean): number {
  if (typeof option === 'number') return option;
  if (option === 'auto') return autoOn ? standard : 0;
  return option ? standard : 0;
}

function medianGapDays(ts: number[]): number {
  const gaps = ts.slice(1).map((t, i) => (t - (ts[i] as number)) / DAY_MS);
  gaps.sort((a, b) => a - b);
  return gaps[gaps.length >> 1] ?? Number.POSITIVE_INFINITY;
}

function eventTerm(event: ProphetEvent, name: string): EventTerm {
  if (!event || typeof event.name !== 'string' || event.name === '')
    throw new InvalidArgumentError(`${name}.name`, 'must be a non-empty string');
  const lowerWindow = event.lowerWindow ?? 0;
  const upperWindow = event.upperWindow ?? 0;
  assertInteger(`${name}.lowerWindow`, lowerWindow, -366, 0);
  assertInteger(`${name}.upperWindow`, upperWindow, 0, 366);
  if (!Array.isArray(event.dates) || event.dates.length === 0)
    throw new InvalidArgumentError(`${name}.dates`, 'must list at least one date');
  const days = event.dates.map((d, i) => {
    const t = typeof d === 'string' ? Date.parse(`${d}T00:00:00Z`) : d;
    if (!Number.isFinite(t))
      throw new InvalidArgumentError(
        `${name}.dates`,
        `${JSON.stringify(d)} is not a date (epoch ms or YYYY-MM-DD)`,
        i,
      );
    return Math.floor(t / DAY_MS) * DAY_MS;
  });
  return { name: event.name, days, lowerWindow, upperWindow };
}

/** Knuth's Poisson sampler (the means here are small: a few changes per forecast). */
function poisson(rng: ReturnType<typeof createRng>, mean: number): number {
  if (mean <= 0) return 0;
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** Linear-interpolated quantile of sorted values. */
function quantile(sorted: Float64Array, q: number): number {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return (sorted[lo] as number) + (at - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}
