import type { RawBarColumns } from '@da-ki/sdk';
import { InvalidResponseError } from '../errors/index.js';
import { scaleToAdjustedClose } from '../http/adjusted-bars.js';
import { tradingDateAtOffset, tradingDateInZone } from './trading-date.js';
import type { ChartResult } from './yahoo-schemas.js';

/** What {@link chartToColumns} needs besides the result. */
export interface ChartConversion {
  symbol: string;
  provider: string;
  /** The bar size that was asked for (`1d`): an answer of another granularity is refused. */
  interval: string;
  /**
   * `true`: split- and dividend-adjusted OHLC (scaled by adjclose / close), volume split-adjusted
   * as Yahoo reports it. `false`: prices and volume as traded, reconstructed from the split events.
   */
  adjusted: boolean;
}

type Column = readonly (number | null)[];

/**
 * Turns a chart result into raw bar columns: rows whose open, high, low or close is `null` are
 * dropped (Yahoo emits such rows for days without trades), a `null` volume reads as 0, and every
 * bar is stamped with 00:00 UTC of its trading date in the exchange's time zone, the convention of
 * the other providers. The date comes from each bar's own offset (the zone's rules at that instant,
 * via `Intl`): Yahoo stamps daily bars with the session's opening time, FX at local midnight, and
 * the response's `gmtoffset` is only today's offset.
 *
 * Yahoo's `close` is split-adjusted as of the day of the request. As traded (`adjusted: false`),
 * each bar before a split in the response is multiplied back by the split ratio (cumulative over
 * the later splits) and its volume divided by it. The caller must ask for the range up to today,
 * so that every split the closes were adjusted for is in `events.splits`.
 */
export function chartToColumns(result: ChartResult, conversion: ChartConversion): RawBarColumns {
  const { symbol, provider } = conversion;
  const fail = (path: (string | number)[], reason: string) =>
    new InvalidResponseError({ provider, symbol, path: ['chart', 'result', 0, ...path], reason });
  const granularity = result.meta.dataGranularity;
  if (granularity !== undefined && granularity !== conversion.interval) {
    throw fail(
      ['meta', 'dataGranularity'],
      `is "${granularity}" but "${conversion.interval}" bars were requested (the bars would be misread as one per day)`,
    );
  }
  const timestamps = result.timestamp ?? [];
  const quote = result.indicators.quote[0] ?? {};
  const n = timestamps.length;
  const column = (values: Column | undefined, path: (string | number)[]) => {
    const got = values ?? [];
    if (got.length !== n) throw fail(path, `has ${got.length} values but timestamp has ${n}`);
    return got;
  };
  const open = column(quote.open, ['indicators', 'quote', 0, 'open']);
  const high = column(quote.high, ['indicators', 'quote', 0, 'high']);
  const low = column(quote.low, ['indicators', 'quote', 0, 'low']);
  const close = column(quote.close, ['indicators', 'quote', 0, 'close']);
  const volume = column(quote.volume, ['indicators', 'quote', 0, 'volume']);
  const adjclose = conversion.adjusted
    ? column(result.indicators.adjclose?.[0]?.adjclose, ['indicators', 'adjclose', 0, 'adjclose'])
    : undefined;

  const dateOf = tradingDateFunction(result, fail);
  const rows: number[] = [];
  const dates: number[] = [];
  for (let i = 0; i < n; i++) {
    if (open[i] === null || high[i] === null || low[i] === null || close[i] === null) continue;
    if (adjclose !== undefined && adjclose[i] === null) continue;
    const date = dateOf(timestamps[i] as number);
    // During a session Yahoo appends the live bar, which can repeat today's date: the later row is newer.
    if (dates.length > 0 && dates[dates.length - 1] === date) {
      rows[rows.length - 1] = i;
      continue;
    }
    rows.push(i);
    dates.push(date);
  }
  const pick = (values: Column) => Float64Array.from(rows, (i) => values[i] ?? 0);
  const columns: RawBarColumns = {
    symbol,
    source: provider,
    timestamps: Float64Array.from(dates),
    open: pick(open),
    high: pick(high),
    low: pick(low),
    close: pick(close),
    volume: pick(volume),
  };
  if (adjclose !== undefined) return scaleToAdjustedClose(columns, pick(adjclose));
  return undoSplitAdjustment(columns, splitsByDate(result, dateOf));
}

/** A split as its trading date (00:00 UTC) and ratio (new shares per old share, 4 for 4:1). */
interface Split {
  date: number;
  ratio: number;
}

function splitsByDate(result: ChartResult, dateOf: (epochSeconds: number) => number): Split[] {
  const splits = Object.values(result.events?.splits ?? {}).map((split) => ({
    date: dateOf(split.date),
    ratio: split.numerator / split.denominator,
  }));
  return splits.sort((a, b) => a.date - b.date);
}

/**
 * Prices × the product of the ratios of the splits after each bar, volume ÷ the same: the bar as
 * it traded. A split's own date is its first post-split session, which stays as it is.
 */
function undoSplitAdjustment(bars: RawBarColumns, splits: readonly Split[]): RawBarColumns {
  if (splits.length === 0) return bars;
  const n = bars.close.length;
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const date = bars.timestamps[i] as number;
    let factor = 1;
    for (const split of splits) if (date < split.date) factor *= split.ratio;
    open[i] = (bars.open[i] as number) * factor;
    high[i] = (bars.high[i] as number) * factor;
    low[i] = (bars.low[i] as number) * factor;
    close[i] = (bars.close[i] as number) * factor;
    // Shares traded are whole numbers; Yahoo's adjusted volume was multiplied by the same factor.
    volume[i] = Math.round((bars.volume[i] as number) / factor);
  }
  return { ...bars, open, high, low, close, volume };
}

function tradingDateFunction(
  result: ChartResult,
  fail: (path: (string | number)[], reason: string) => InvalidResponseError,
): (epochSeconds: number) => number {
  const zone = result.meta.exchangeTimezoneName;
  if (zone === undefined) {
    const offset = result.meta.gmtoffset ?? 0;
    return (epochSeconds) => tradingDateAtOffset(epochSeconds, offset);
  }
  try {
    tradingDateInZone(0, zone);
  } catch (cause) {
    if (!(cause instanceof RangeError)) throw cause;
    throw fail(['meta', 'exchangeTimezoneName'], `"${zone}" is not a time zone Intl knows`);
  }
  return (epochSeconds) => tradingDateInZone(epochSeconds, zone);
}
