/** Bar fields a CSV column can hold. */
export type CsvField =
  | 'date'
  | 'open'
  | 'high'
  | 'low'
  | 'close'
  | 'volume'
  | 'adjClose'
  | 'index'
  | 'symbol';

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
// Yahoo's "Adj Close", pandas' "adj_close", Nasdaq's "Close/Last", Investing.com's "Vol.",
// German exports ("Datum", "Zeit", "Eröffnung", "Hoch", "Tief", "Schluss", "Umsatz"),
// Stooq's "Data", R's unnamed row-name column "".
const ALIASES: Readonly<Record<CsvField, readonly string[]>> = {
  date: ['date', 'datetime', 'timestamp', 'time', 'day', 'datum', 'zeit', 'data', 'tradedate'],
  open: ['open', 'opening', 'erffnung', 'eroeffnung', 'offen'],
  high: ['high', 'hoch'],
  low: ['low', 'tief'],
  close: ['close', 'closeprice', 'last', 'closelast', 'price', 'schluss', 'schlusskurs', 'kurs', 'zuletzt'],
  volume: ['volume', 'vol', 'umsatz', 'volumen', 'stcke', 'stuecke'],
  adjClose: ['adjclose', 'adjustedclose', 'adjclosing'],
  index: ['index', '', 'row'],
  symbol: ['symbol', 'ticker'],
};

/** Extra header names per field (from `da-ki.json` `columns`), any spelling. */
export type ColumnAliases = Partial<Record<CsvField, string | readonly string[]>>;

/**
 * The 0-based column of every field found in `header` (the first match wins), using the built-in
 * aliases and `extra` (which are tried first). Fields not found are absent.
 */
export function findColumns(
  header: readonly string[],
  extra: ColumnAliases = {},
): Partial<Record<CsvField, number>> {
  const normalised = header.map(normaliseHeader);
  const found: Partial<Record<CsvField, number>> = {};
  const taken = new Set<number>();
  for (const field of Object.keys(ALIASES) as CsvField[]) {
    const own = extra[field];
    const names = [...(own === undefined ? [] : typeof own === 'string' ? [own] : own).map(normaliseHeader)];
    let index = names.map((name) => normalised.indexOf(name)).find((k) => k >= 0);
    if (index === undefined) {
      const k = normalised.findIndex(
        (name, position) => !taken.has(position) && ALIASES[field].includes(name),
      );
      index = k < 0 ? undefined : k;
    }
    if (index !== undefined) {
      found[field] = index;
      taken.add(index);
    }
  }
  return found;
}

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
