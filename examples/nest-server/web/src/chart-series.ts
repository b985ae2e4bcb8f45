import { bollingerBands, macd, rsi, sma } from '@da-ki/sdk/indicators';
import type { HistoryBar } from './api/types.js';

/** A value at a date; `NaN` stays out (warm-up). */
export interface Point {
  time: string;
  value: number;
}

/** What the stock chart draws besides the candles: the SDK's indicators over the served history. */
export interface ChartSeries {
  sma20: Point[];
  sma50: Point[];
  bollinger: { upper: Point[]; middle: Point[]; lower: Point[] };
  rsi14: Point[];
  macd: { macd: Point[]; signal: Point[]; histogram: Point[] };
}

function points(dates: readonly string[], values: ArrayLike<number>): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < dates.length; i++) {
    const value = values[i] as number;
    if (Number.isFinite(value)) out.push({ time: dates[i] as string, value });
  }
  return out;
}

/**
 * Indicator series over `history`, computed with the same SDK functions the server uses for its
 * latest values (TA-Lib conventions: Wilder RSI, SMA-seeded EMAs, population-sd Bollinger bands).
 * The served history is about 120 bars, so each series starts after its warm-up; by the last bar
 * the exponential ones have converged to the server's full-history values.
 */
export function computeChartSeries(history: readonly HistoryBar[]): ChartSeries {
  const dates = history.map((bar) => bar.date);
  const close = Float64Array.from(history, (bar) => bar.close);
  const bands = bollingerBands(close, { period: 20, stdDev: 2 });
  const m = macd(close, { fast: 12, slow: 26, signal: 9 });
  return {
    sma20: points(dates, sma(close, 20)),
    sma50: points(dates, sma(close, 50)),
    bollinger: {
      upper: points(dates, bands.upper),
      middle: points(dates, bands.middle),
      lower: points(dates, bands.lower),
    },
    rsi14: points(dates, rsi(close, 14)),
    macd: {
      macd: points(dates, m.macd),
      signal: points(dates, m.signal),
      histogram: points(dates, m.histogram),
    },
  };
}
