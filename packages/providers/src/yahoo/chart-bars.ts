import type { RawBarColumns } from '@da-ki/sdk';
import { InvalidResponseError } from '../errors/index.js';
import { scaleToAdjustedClose } from '../http/adjusted-bars.js';
import type { ChartResult } from './yahoo-schemas.js';

const DAY_MS = 86_400_000;

/** What {@link chartToColumns} needs besides the result. */
export interface ChartConversion {
  symbol: string;
  provider: string;
  /** Replace OHLC by their split- and dividend-adjusted values (scaled by adjclose / close). */
  adjusted: boolean;
}

/**
 * Turns a chart result into raw bar columns: rows whose open, high, low or close is `null` are
 * dropped (Yahoo emits such rows for days without trades), a `null` volume reads as 0, and every
 * bar is stamped with 00:00 UTC of its trading date in the exchange's time zone, the convention of
 * the other providers (Yahoo stamps daily bars with the session's opening time).
 */
export function chartToColumns(result: ChartResult, conversion: ChartConversion): RawBarColumns {
  const { symbol, provider } = conversion;
  const timestamps = result.timestamp ?? [];
  const quote = result.indicators.quote[0] ?? {};
  const n = timestamps.length;
  const column = (values: readonly (number | null)[] | undefined, path: (string | number)[]) => {
    const got = values ?? [];
    if (got.length !== n) {
      throw new InvalidResponseError({
        provider,
        symbol,
        path: ['chart', 'result', 0, ...path],
        reason: `has ${got.length} values but timestamp has ${n}`,
      });
    }
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

  const offsetMs = (result.meta.gmtoffset ?? 0) * 1000;
  const rows: number[] = [];
  const dates: number[] = [];
  for (let i = 0; i < n; i++) {
    if (open[i] === null || high[i] === null || low[i] === null || close[i] === null) continue;
    if (adjclose !== undefined && adjclose[i] === null) continue;
    const date = Math.floor(((timestamps[i] as number) * 1000 + offsetMs) / DAY_MS) * DAY_MS;
    // During a session Yahoo appends the live bar, which can repeat today's date: the later row is newer.
    if (dates.length > 0 && dates[dates.length - 1] === date) {
      rows[rows.length - 1] = i;
      continue;
    }
    rows.push(i);
    dates.push(date);
  }
  const pick = (values: readonly (number | null)[]) => Float64Array.from(rows, (i) => values[i] ?? 0);
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
  return adjclose === undefined ? columns : scaleToAdjustedClose(columns, pick(adjclose));
}
