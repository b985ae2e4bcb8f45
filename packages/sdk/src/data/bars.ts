import type { Bar, BarSeries } from './schemas.js';
import { isValidatedBars, markValidated, type ValidatedBarSeries } from './validated-bars.js';

/** Builds a columnar {@link BarSeries} from bar objects (no validation: see `validateBars`). */
export function barsToSeries(symbol: string, source: string, bars: readonly Bar[]): BarSeries {
  const n = bars.length;
  const series: BarSeries = {
    symbol,
    source,
    timestamps: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const bar = bars[i] as Bar;
    series.timestamps[i] = bar.timestamp;
    series.open[i] = bar.open;
    series.high[i] = bar.high;
    series.low[i] = bar.low;
    series.close[i] = bar.close;
    series.volume[i] = bar.volume;
  }
  return series;
}

/** Row `i` of a series as a bar object. */
export function barAt(series: BarSeries, i: number): Bar {
  return {
    timestamp: series.timestamps[i] as number,
    open: series.open[i] as number,
    high: series.high[i] as number,
    low: series.low[i] as number,
    close: series.close[i] as number,
    volume: series.volume[i] as number,
  };
}

/**
 * Rows with `from <= timestamp <= to` (either bound optional), as a new series (copied columns).
 * A slice of a validated series is itself validated: a run of checked, ascending rows stays so.
 */
export function sliceBarsByTime(series: ValidatedBarSeries, from?: number, to?: number): ValidatedBarSeries;
export function sliceBarsByTime(series: BarSeries, from?: number, to?: number): BarSeries;
export function sliceBarsByTime(series: BarSeries, from?: number, to?: number): BarSeries {
  const slice = copyRows(series, from, to);
  return isValidatedBars(series) ? markValidated(slice) : slice;
}

function copyRows(series: BarSeries, from: number | undefined, to: number | undefined): BarSeries {
  const t = series.timestamps;
  let start = 0;
  let end = t.length;
  if (from !== undefined) while (start < end && (t[start] as number) < from) start++;
  if (to !== undefined) while (end > start && (t[end - 1] as number) > to) end--;
  return {
    symbol: series.symbol,
    source: series.source,
    timestamps: t.slice(start, end),
    open: series.open.slice(start, end),
    high: series.high.slice(start, end),
    low: series.low.slice(start, end),
    close: series.close.slice(start, end),
    volume: series.volume.slice(start, end),
  };
}
