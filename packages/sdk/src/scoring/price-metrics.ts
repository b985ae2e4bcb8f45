import { DataValidationError } from '../data/errors.js';
import { emaAlpha } from '../indicators/trend/ema.js';
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

/** Measures every snapshot's close series; throws a {@link DataValidationError} on a bad bar. */
export function computePriceMetrics(snapshots: readonly StockSnapshot[]): PriceMetrics {
  const n = snapshots.length;
  const metrics = {} as PriceMetrics;
  for (const column of COLUMNS) metrics[column] = new Float64Array(n).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    const snapshot = snapshots[i] as StockSnapshot;
    measureSeries(snapshot.symbol, snapshot.bars.close, snapshot.bars.timestamps, metrics, i);
  }
  return metrics;
}

/**
 * One pass over a close series, no allocation: validates each bar and carries RSI (Wilder), both
 * MACD EMAs and its signal EMA (seeded with SMAs, aligned as TA-Lib), the
 * tail sums of the three SMAs, and the risk window's return moments (Welford) and drawdown.
 * The last-bar values equal the batch indicators `rsi`, `macd` and `sma` at the last index.
 */
function measureSeries(
  symbol: string,
  close: ArrayLike<number>,
  timestamps: ArrayLike<number>,
  out: PriceMetrics,
  i: number,
): void {
  const n = close.length;
  out.barCount[i] = n;
  out.riskReturns[i] = 0;
  if (n === 0) return;

  const { rsi: rsiPeriod, macdFast, macdSlow, macdSignal, smaShort, smaMedium, smaLong } = MOMENTUM_PERIODS;
  const fastAlpha = emaAlpha(macdFast);
  const slowAlpha = emaAlpha(macdSlow);
  const signalAlpha = emaAlpha(macdSignal);
  const riskStart = Math.max(0, n - 1 - RISK_WINDOW);

  let gain = 0;
  let loss = 0;
  let emaFast = 0;
  let emaSlow = 0;
  let signal = 0;
  let macdLine = Number.NaN;
  let smaShortSum = 0;
  let smaMediumSum = 0;
  let smaLongSum = 0;
  let count = 0;
  let mean = 0;
  let m2 = 0;
  let peak = 0;
  let drawdown = 0;
  let previous = Number.NaN;
  let previousTime = Number.NEGATIVE_INFINITY;

  for (let t = 0; t < n; t++) {
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

    if (t > 0) {
      // RSI, Wilder smoothing as TA-Lib and TTR: SMA of the first `period` changes, then
      // avg = (avg · (period − 1) + change) / period, in `rsi`'s operation order.
      const change = c - previous;
      const up = Math.max(change, 0);
      const down = Math.max(-change, 0);
      if (t <= rsiPeriod) {
        gain += up;
        loss += down;
        if (t === rsiPeriod) {
          gain /= rsiPeriod;
          loss /= rsiPeriod;
        }
      } else {
        gain = (gain * (rsiPeriod - 1) + up) / rsiPeriod;
        loss = (loss * (rsiPeriod - 1) + down) / rsiPeriod;
      }
    }

    // MACD with TA-Lib's alignment, as `macd`: both EMAs are seeded at bar `slow − 1`, the slow
    // one with the mean of the first `slow` closes, the fast one with the mean of the last `fast`
    // of them; the signal EMA is seeded with the mean of the first `signal` MACD values.
    if (t < macdSlow) {
      emaSlow += c;
      if (t >= macdSlow - macdFast) emaFast += c;
      if (t === macdSlow - 1) {
        emaSlow /= macdSlow;
        emaFast /= macdFast;
      }
    } else {
      emaFast = (c - emaFast) * fastAlpha + emaFast;
      emaSlow = (c - emaSlow) * slowAlpha + emaSlow;
    }
    if (t >= macdSlow - 1) {
      macdLine = emaFast - emaSlow;
      const k = t - (macdSlow - 1);
      if (k < macdSignal - 1) signal += macdLine;
      else if (k === macdSignal - 1) signal = (signal + macdLine) / macdSignal;
      else signal = (macdLine - signal) * signalAlpha + signal;
    }

    if (t >= n - smaShort) smaShortSum += c;
    if (t >= n - smaMedium) smaMediumSum += c;
    if (t >= n - smaLong) smaLongSum += c;

    if (t === riskStart) peak = c;
    else if (t > riskStart) {
      const r = c / previous - 1;
      count++;
      const delta = r - mean;
      mean += delta / count;
      m2 += delta * (r - mean);
      if (c > peak) peak = c;
      else if (1 - c / peak > drawdown) drawdown = 1 - c / peak;
    }
    previous = c;
  }

  const last = close[n - 1] as number;
  out.lastClose[i] = last;
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
  if (n > rsiPeriod) out.rsi[i] = rsiFromAverages(gain, loss);
  if (n >= macdSlow + macdSignal - 1) out.macdHistogram[i] = macdLine - signal;
  if (n >= smaShort) out.sma20[i] = smaShortSum / smaShort;
  if (n >= smaMedium) out.sma50[i] = smaMediumSum / smaMedium;
  if (n >= smaLong) out.sma200[i] = smaLongSum / smaLong;
}

function horizonReturn(close: ArrayLike<number>, bars: number): number {
  const n = close.length;
  return n > bars ? (close[n - 1] as number) / (close[n - 1 - bars] as number) - 1 : Number.NaN;
}

/** RSI from Wilder averages, as `rsi`: 50 (neutral) for a series that never moved. */
function rsiFromAverages(gain: number, loss: number): number {
  const total = gain + loss;
  return total === 0 ? 50 : 100 * (gain / total);
}
