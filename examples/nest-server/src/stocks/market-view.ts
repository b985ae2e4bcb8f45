import { type BarSeries, bollingerBands, macd, rsi, sma } from '@da-ki/sdk';

/** Bars of the stock page's chart. */
const HISTORY_BARS = 120;

/** Latest indicator values of a stock; `null` during an indicator's warm-up. */
export interface IndicatorValues {
  rsi_14: number | null;
  macd: number | null;
  macd_signal: number | null;
  macd_histogram: number | null;
  bollinger_upper: number | null;
  bollinger_middle: number | null;
  bollinger_lower: number | null;
  sma_20: number | null;
  sma_50: number | null;
  sma_200: number | null;
}

/** One daily bar of the stock page. */
export interface HistoryBar {
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** The stock page's market view: latest indicators and the recent bars. */
export interface MarketView {
  indicators: IndicatorValues;
  history: HistoryBar[];
}

/** Identifies the bars a view was computed from: a new or corrected last bar is another view. */
export function barsVersion(bars: BarSeries): string {
  const last = bars.close.length - 1;
  return `${bars.close.length}:${bars.timestamps[last]}:${bars.close[last]}`;
}

/** The market view of a series, by the SDK's batch indicator functions over the whole series. */
export function marketView(bars: BarSeries): MarketView {
  const close = bars.close;
  const last = close.length - 1;
  const m = macd(close);
  const bb = bollingerBands(close);
  const indicators: IndicatorValues = {
    rsi_14: finiteOrNull(rsi(close, 14)[last]),
    macd: finiteOrNull(m.macd[last]),
    macd_signal: finiteOrNull(m.signal[last]),
    macd_histogram: finiteOrNull(m.histogram[last]),
    bollinger_upper: finiteOrNull(bb.upper[last]),
    bollinger_middle: finiteOrNull(bb.middle[last]),
    bollinger_lower: finiteOrNull(bb.lower[last]),
    sma_20: finiteOrNull(sma(close, 20)[last]),
    sma_50: finiteOrNull(sma(close, 50)[last]),
    sma_200: finiteOrNull(sma(close, 200)[last]),
  };
  const history: HistoryBar[] = [];
  for (let i = Math.max(0, last - (HISTORY_BARS - 1)); i <= last; i++) {
    history.push({
      date: new Date(bars.timestamps[i] as number).toISOString().slice(0, 10),
      open: bars.open[i] as number,
      high: bars.high[i] as number,
      low: bars.low[i] as number,
      close: bars.close[i] as number,
      volume: bars.volume[i] as number,
    });
  }
  return { indicators, history };
}

function finiteOrNull(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}
