/** Bar fields a CSV column can hold. */
export type CsvField = 'date' | 'open' | 'high' | 'low' | 'close' | 'volume' | 'adjClose' | 'index';

/** Which column (0-based) holds which field. */
export type CsvLayout =
  | {
      kind: 'ohlcv';
      date: number;
      open: number;
      high: number;
      low: number;
      close: number;
      volume: number;
      adjClose: number | undefined;
    }
  | {
      /** A single price series: the close, with a date or row-index column or neither. */
      kind: 'closes';
      close: number;
      date: number | undefined;
      index: number | undefined;
    };

// Header spellings seen in the wild, compared after lower-casing and dropping non-alphanumerics:
// Yahoo's "Adj Close", pandas' "adj_close", Stooq's "Data", R's unnamed row-name column "".
const ALIASES: Readonly<Record<CsvField, readonly string[]>> = {
  date: ['date', 'datetime', 'timestamp', 'time', 'day'],
  open: ['open'],
  high: ['high'],
  low: ['low'],
  close: ['close', 'closeprice', 'last'],
  volume: ['volume', 'vol'],
  adjClose: ['adjclose', 'adjustedclose'],
  index: ['index', '', 'row'],
};

/** Lower-cased header with everything but letters and digits removed ("Adj Close" → "adjclose"). */
export function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** What {@link detectLayout} needs besides the header. */
export interface LayoutOptions {
  /** Column to read as the close of a closes-only file (e.g. `DAX`, `gold`); case-insensitive. */
  closeColumn?: string;
}

/**
 * Finds the columns of a header row. A file with date, open, high, low, close and volume is read
 * as OHLCV; otherwise, when `closeColumn` is given and present, as a closes-only series. Returns
 * the names of the missing columns when neither fits.
 */
export function detectLayout(
  header: readonly string[],
  options: LayoutOptions,
): { layout: CsvLayout } | { missing: string[] } {
  const normalised = header.map(normaliseHeader);
  const find = (field: CsvField): number | undefined => {
    const index = normalised.findIndex((name) => ALIASES[field].includes(name));
    return index < 0 ? undefined : index;
  };
  const required = ['date', 'open', 'high', 'low', 'close', 'volume'] as const;
  const found = required.map(find);
  if (found.every((index) => index !== undefined)) {
    const [date, open, high, low, close, volume] = found as number[];
    return {
      layout: {
        kind: 'ohlcv',
        date: date as number,
        open: open as number,
        high: high as number,
        low: low as number,
        close: close as number,
        volume: volume as number,
        adjClose: find('adjClose'),
      },
    };
  }
  if (options.closeColumn !== undefined) {
    const wanted = normaliseHeader(options.closeColumn);
    const close = normalised.indexOf(wanted);
    if (close >= 0) return { layout: { kind: 'closes', close, date: find('date'), index: find('index') } };
    return { missing: [options.closeColumn] };
  }
  return { missing: required.filter((_, k) => found[k] === undefined) };
}
