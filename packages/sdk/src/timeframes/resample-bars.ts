import { InvalidArgumentError } from '../data/errors.js';
import type { BarSeries } from '../data/schemas.js';
import { assertFiniteSeries, assertSameLength } from '../indicators/args.js';
import { assertTimeframe, bucketOf, type Timeframe } from './timeframe.js';

/**
 * Merges bars into longer ones: weekly (ISO weeks), monthly (calendar months) or n-minute bars.
 * Each output bar is stamped with its bucket's start (Monday 00:00 UTC, the 1st 00:00 UTC, the
 * minute bucket's start) and takes the first open, the highest high, the lowest low, the last
 * close and the summed volume of the bars inside it. Buckets without bars give no bar; the last
 * one may be incomplete (the week still running). Timestamps must increase strictly.
 */
export function resampleBars(series: BarSeries, timeframe: Timeframe): BarSeries {
  assertTimeframe(timeframe);
  const { timestamps: t, open, high, low, close, volume } = series;
  const n = assertSameLength({ timestamps: t, open, high, low, close, volume });
  for (const [name, column] of Object.entries({ timestamps: t, open, high, low, close, volume })) {
    assertFiniteSeries(name, column);
  }
  const out = {
    timestamps: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  let k = -1;
  let end = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const time = t[i] as number;
    if (i > 0 && !(time > (t[i - 1] as number))) {
      throw new InvalidArgumentError(
        'timestamps',
        `must increase strictly, got ${time} after ${t[i - 1]}`,
        i,
      );
    }
    if (time >= end) {
      // A new bucket: the previous one is complete (timestamps only increase).
      const bucket = bucketOf(timeframe, time);
      end = bucket.end;
      k++;
      out.timestamps[k] = bucket.start;
      out.open[k] = open[i] as number;
      out.high[k] = high[i] as number;
      out.low[k] = low[i] as number;
      out.close[k] = close[i] as number;
      out.volume[k] = volume[i] as number;
      continue;
    }
    if ((high[i] as number) > (out.high[k] as number)) out.high[k] = high[i] as number;
    if ((low[i] as number) < (out.low[k] as number)) out.low[k] = low[i] as number;
    out.close[k] = close[i] as number;
    out.volume[k] = (out.volume[k] as number) + (volume[i] as number);
  }
  const length = k + 1;
  return {
    symbol: series.symbol,
    source: series.source,
    timestamps: out.timestamps.slice(0, length),
    open: out.open.slice(0, length),
    high: out.high.slice(0, length),
    low: out.low.slice(0, length),
    close: out.close.slice(0, length),
    volume: out.volume.slice(0, length),
  };
}
