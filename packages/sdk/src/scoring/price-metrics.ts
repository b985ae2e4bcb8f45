import { DataValidationError } from '../data/errors.js';
import { isValidatedBars } from '../data/validated-bars.js';
import { lastRsi } from '../indicators/momentum/rsi.js';
import { lastMacdHistogram } from '../indicators/trend/macd.js';
import { sma } from '../indicators/trend/sma.js';
import type { StockSnapshot } from './types.js';

/** Trading days per horizon: one month ≈ 21, a year ≈ 252 sessions (the usual US-equity convention). */
export const HORIZON_BARS = Object.freeze({ '1m': 21, '3m': 63, '6m': 126, '12m': 252 });

/** Daily returns in the risk window (volatility, Sharpe ratio, drawdown, beta): the last year. */
export const RISK_WINDOW = 252;

/** Fewest daily returns for a volatility, Sharpe ratio, drawdown or beta to be reported. */
export const MIN_RISK_RETURNS = 20;

/** Trading days per year, for annualising. */
export const TRADING_DAYS_PER_YEAR = 252;

/** Indicator periods of the momentum factor: RSI(14), MACD(12, 26, 9), SMA 20/50/200. */
export const MOMENTUM_PERIODS = Object.freeze({
  rsi: 14,
  macdFast: 12,
  macdSlow: 26,
  macdSignal: 9,
  smaShort: 20,
  smaMedium: 50,
  smaLong: 200,
});

/**
 * Annualised volatility below which it is floored in the Sharpe ratio, so that a perfectly smooth
 * series gets a large but finite ratio.
 */
export const VOLATILITY_FLOOR = 1e-4;

/** Per-stock price metrics, one `Float64Array` column per metric, `NaN` where not computable. */
export interface PriceMetrics {
  /** Number of bars. */
  barCount: Float64Array;
  /** Timestamp of the last bar (epoch ms). */
  lastTimestamp: Float64Array;
  lastClose: Float64Array;
  /** Simple returns over 21, 63, 126 and 252 bars (fractions). */
  return1m: Float64Array;
  return3m: Float64Array;
  return6m: Float64Array;
  return12m: Float64Array;
  /** Daily returns in the risk window. */
  riskReturns: Float64Array;
  /** Annualised sample standard deviation of daily simple returns over the risk window. */
  volatility: Float64Array;
  /** Annualised mean daily return over annualised volatility (Sharpe ratio with a zero risk-free rate). */
  sharpe: Float64Array;
  /** Largest peak-to-trough decline of the close over the risk window (positive fraction). */
  maxDrawdown: Float64Array;
  /** RSI(14), Wilder smoothing, at the last bar. */
  rsi: Float64Array;
  /** MACD(12, 26, 9) histogram at the last bar, in price units. */
  macdHistogram: Float64Array;
  /** Simple moving averages of the close at the last bar. */
  sma20: Float64Array;
  sma50: Float64Array;
  sma200: Float64Array;
}

const COLUMNS = [
  'barCount',
  'lastTimestamp',
  'lastClose',
  'return1m',
  'return3m',
  'return6m',
  'return12m',
  'riskReturns',
  'volatility',
  'sharpe',
  'maxDrawdown',
  'rsi',
  'macdHistogram',
  'sma20',
  'sma50',
  'sma200',
] as const satisfies readonly (keyof PriceMetrics)[];

/**
 * Measures every snapshot's close series. A series `validateBars` produced is taken as it is; any
 * other is checked first and a bad bar throws a {@link DataValidationError} naming symbol and index.
 */
export function computePriceMetrics(snapshots: readonly StockSnapshot[]): PriceMetrics {
  const n = snapshots.length;
  const metrics = {} as PriceMetrics;
  for (const column of COLUMNS) metrics[column] = new Float64Array(n).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    const { symbol, bars } = snapshots[i] as StockSnapshot;
    if (!isValidatedBars(bars)) checkCloseSeries(symbol, bars.close, bars.timestamps);
    measureSeries(bars.close, bars.timestamps, metrics, i);
  }
  return metrics;
}

/** What the metrics need of a series that did not come from `validateBars`: positive closes, ascending time. */
function checkCloseSeries(symbol: string, close: ArrayLike<number>, timestamps: ArrayLike<number>): void {
  let previousTime = Number.NEGATIVE_INFINITY;
  for (let t = 0; t < close.length; t++) {
    const c = close[t] as number;
    const time = timestamps[t] as number;
    if (!(c > 0) || c === Number.POSITIVE_INFINITY) {
      throw new DataValidationError('close must be a finite positive price', {
        symbol,
        field: 'close',
        index: t,
        value: c,
      });
    }
    if (!(time > previousTime) || !Number.isFinite(time)) {
      throw new DataValidationError('timestamps must be finite and strictly ascending', {
        symbol,
        field: 'timestamps',
        index: t,
        value: time,
      });
    }
    previousTime = time;
  }
}

/**
 * The momentum indicators at the last bar come from the SDK's own indicator code (`rsi` and `macd`
 * through their last-value forms, which run the same loops without building the series; `sma`),
 * so the engine and every other consumer agree on one implementation; the returns, the
 * risk window's moments (Welford) and its drawdown take one pass over the closes.
 */
function measureSeries(
  close: ArrayLike<number>,
  timestamps: ArrayLike<number>,
  out: PriceMetrics,
  i: number,
): void {
  const n = close.length;
  out.barCount[i] = n;
  out.riskReturns[i] = 0;
  if (n === 0) return;

  const riskStart = Math.max(0, n - 1 - RISK_WINDOW);
  let count = 0;
  let mean = 0;
  let m2 = 0;
  let peak = close[riskStart] as number;
  let drawdown = 0;
  for (let t = riskStart + 1; t < n; t++) {
    const c = close[t] as number;
    const r = c / (close[t - 1] as number) - 1;
    count++;
    const delta = r - mean;
    mean += delta / count;
    m2 += delta * (r - mean);
    if (c > peak) peak = c;
    else if (1 - c / peak > drawdown) drawdown = 1 - c / peak;
  }

  out.lastClose[i] = close[n - 1] as number;
  out.lastTimestamp[i] = timestamps[n - 1] as number;
  out.return1m[i] = horizonReturn(close, HORIZON_BARS['1m']);
  out.return3m[i] = horizonReturn(close, HORIZON_BARS['3m']);
  out.return6m[i] = horizonReturn(close, HORIZON_BARS['6m']);
  out.return12m[i] = horizonReturn(close, HORIZON_BARS['12m']);
  out.riskReturns[i] = count;
  if (count >= MIN_RISK_RETURNS) {
    const volatility = Math.sqrt((m2 / (count - 1)) * TRADING_DAYS_PER_YEAR);
    out.volatility[i] = volatility;
    out.sharpe[i] = (mean * TRADING_DAYS_PER_YEAR) / Math.max(volatility, VOLATILITY_FLOOR);
    out.maxDrawdown[i] = drawdown;
  }

  const { rsi: rsiPeriod, macdFast, macdSlow, macdSignal, smaShort, smaMedium, smaLong } = MOMENTUM_PERIODS;
  if (n > rsiPeriod) out.rsi[i] = lastRsi(close, rsiPeriod);
  if (n >= macdSlow + macdSignal - 1) {
    out.macdHistogram[i] = lastMacdHistogram(close, { fast: macdFast, slow: macdSlow, signal: macdSignal });
  }
  // A simple average needs only its window: the tail, not the whole history.
  out.sma20[i] = lastSma(close, smaShort);
  out.sma50[i] = lastSma(close, smaMedium);
  out.sma200[i] = lastSma(close, smaLong);
}

function horizonReturn(close: ArrayLike<number>, bars: number): number {
  const n = close.length;
  return n > bars ? (close[n - 1] as number) / (close[n - 1 - bars] as number) - 1 : Number.NaN;
}

function lastSma(close: ArrayLike<number>, period: number): number {
  const n = close.length;
  if (n < period) return Number.NaN;
  return lastOf(sma(tail(close, period), period));
}

function tail(values: ArrayLike<number>, length: number): ArrayLike<number> {
  const start = values.length - length;
  if (values instanceof Float64Array) return values.subarray(start);
  return Float64Array.from({ length }, (_, k) => values[start + k] as number);
}

function lastOf(values: Float64Array): number {
  return values[values.length - 1] as number;
}
