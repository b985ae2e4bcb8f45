import { basename } from 'node:path';
import { symbolSchema } from '@da-ki/sdk';
import { type CsvField, findColumns } from '../csv/csv-layout.js';
import {
  describeDateProblem,
  isMissing,
  isoDateIn,
  parseDate,
  parseNumber,
  shortDecimalIn,
} from '../csv/parse-values.js';
import { SessionCalendar } from './calendar.js';
import { ColumnStore, DecodeScratch } from './column-store.js';
import { detectDialect } from './csv-dialect.js';
import { type CsvInput, openCsvInput } from './csv-input.js';
import type { DataIssue, FileReport } from './data-report.js';
import type { FileHash } from './fingerprint.js';
import type { FileSettings } from './folder-config.js';
import type { LineReaderSlot, PlainLineReader } from './plain-csv.js';
import { CsvReadError, forEachRecord } from './read-records.js';
import { findGaps, findSuspiciousTicks, orderSeries } from './series-checks.js';

/** Bad rows named one by one in the report; beyond that they are counted. */
const BAD_ROWS_LISTED = 20;

/** One symbol's bars as read from a price file, ordered, with what was found in them. */
export interface ReadSeries {
  symbol: string;
  file: string;
  /** The bars, strictly ascending in time, stored compactly (decode the rows you need). */
  columns: ColumnStore;
  /** True when the file had only closes (open = high = low = close, volume 0). */
  closesOnly: boolean;
  issues: DataIssue[];
}

/** What reading one price file gave. */
export interface PriceFileResult {
  report: FileReport;
  series: ReadSeries[];
  /** Symbols the file would have supplied, when it (or their column) was excluded. */
  excludedSymbols: { symbol: string; issues: DataIssue[] }[];
}

/** How to read a price file. */
export interface PriceFileOptions {
  path: string;
  /** Relative path, as reported (`prices/MSFT.csv`, `prices.csv`). */
  file: string;
  settings: FileSettings;
  /** `symbolFromFile` from da-ki.json. */
  symbolFromFile?: string;
  /** Told the hash of the file's content once it has been read whole (see `openCsvInput`). */
  onHashed?: (hash: FileHash) => void;
  /**
   * Date text → epoch ms, for `settings.dateFormat`, shared by the files of a folder: they repeat
   * the same trading days, so each distinct text is parsed once. Default: one per file.
   */
  dates?: Map<string, number>;
}

type Layout =
  | { kind: 'single'; symbol: string; ohlc: boolean }
  | { kind: 'long'; ohlc: boolean }
  | { kind: 'wide'; columns: { index: number; symbol: string }[] };

class StopReading extends Error {}

/**
 * Reads one price file in any of the three layouts (see docs/data.md): `<SYMBOL>.csv` with
 * date and OHLCV or only a close, a wide file with one close column per symbol, or a long file
 * with a symbol column. Streams row by row into {@link ColumnStore}s. A value that cannot be
 * read excludes the whole file (its first such line is named), unless `skipBadRows`, which makes
 * each such row a `bad-row` warning; missing values (empty, `NA`, `null`) are gaps.
 */
export async function readPriceFile(options: PriceFileOptions): Promise<PriceFileResult> {
  const { file, settings } = options;
  const fileIssues: DataIssue[] = [];
  const report: FileReport = { file, kind: 'prices', status: 'ok', rows: 0, symbols: [], issues: fileIssues };
  const result: PriceFileResult = { report, series: [], excludedSymbols: [] };
  const exclude = (issue: Omit<DataIssue, 'severity' | 'file'>): PriceFileResult => {
    fileIssues.push({ ...issue, severity: 'excluded', file });
    report.status = 'excluded';
    return result;
  };

  const nameSymbol = symbolOfFile(file, options.symbolFromFile);
  let dialect: Awaited<ReturnType<typeof detectDialect>>;
  let input: CsvInput;
  try {
    input = await openCsvInput(options.path, options.onHashed);
    dialect = await detectDialect(input, settings);
  } catch (error) {
    return exclude({ code: 'unreadable', message: `${file}: cannot be read: ${(error as Error).message}` });
  }

  const stores = new Map<string, ColumnStore>();
  const missing = new Map<string, { count: number; firstLine: number }>();
  const badRows: DataIssue[] = [];
  let badRowCount = 0;
  let header: string[] | undefined;
  let found: Partial<Record<CsvField, number>> = {};
  let layout: Layout | undefined;
  let calendar: SessionCalendar | undefined;
  let rowNumber = 0;
  let adjusted = false;

  const storeOf = (symbol: string): ColumnStore => {
    let store = stores.get(symbol);
    if (!store) {
      store = new ColumnStore();
      stores.set(symbol, store);
    }
    return store;
  };
  const noteMissing = (symbol: string, line: number) => {
    const entry = missing.get(symbol);
    if (entry) entry.count++;
    else missing.set(symbol, { count: 1, firstLine: line });
  };
  const bad = (line: number, column: string | undefined, message: string): void => {
    const text = `${file} line ${line}${column === undefined ? '' : `, column ${column}`}: ${message}`;
    if (!settings.skipBadRows) {
      fileIssues.push({
        code: 'unreadable',
        severity: 'excluded',
        file,
        line,
        ...(column === undefined ? {} : { column }),
        message: `${text}; the file is not used (fix the row, or set "skipBadRows": true in da-ki.json to skip such rows)`,
      });
      throw new StopReading();
    }
    badRowCount++;
    if (badRows.length < BAD_ROWS_LISTED) {
      badRows.push({
        code: 'bad-row',
        severity: 'warning',
        file,
        line,
        ...(column === undefined ? {} : { column }),
        message: `${text} (row skipped)`,
      });
    }
  };

  // Symbol text as written -> canonical symbol, for texts already validated: one look-up per row
  // instead of zod (which would dominate a long file's read) and a new upper-cased string per row.
  const validSymbols = new Map<string, string>();
  const dateCache = options.dates ?? new Map<string, number>();
  const slot: LineReaderSlot = {};
  const onHeader = (record: string[], line: number): boolean => {
    header = record;
    found = findColumns(header, settings.columns);
    const chosen = chooseLayout(header, found, nameSymbol, file);
    if ('issue' in chosen) {
      exclude(chosen.issue);
      return false;
    }
    layout = chosen.layout;
    if (found.date === undefined) {
      if (layout.kind === 'long') {
        exclude({
          code: 'unreadable',
          line,
          message: `${file}: a long price file needs a date column (header: ${header.join(',')})`,
        });
        return false;
      }
      if (settings.startDate === undefined) {
        exclude({
          code: 'unreadable',
          line,
          message: `${file}: has no date column (header: ${header.join(',')}); its rows are numbered, so set "startDate" (and "calendar") for it in da-ki.json, e.g. "files": { "${file}": { "startDate": "YYYY-MM-DD", "calendar": "business" } }`,
        });
        return false;
      }
      calendar = new SessionCalendar(
        Date.parse(`${settings.startDate}T00:00:00Z`),
        settings.calendar ?? 'business',
      );
    }
    adjusted = layout.kind !== 'wide' && found.adjClose !== undefined;
    slot.read = inPlaceReader();
    return true;
  };
  const onRecord = (record: string[], line: number): boolean => {
    if (!header || !layout) return onHeader(record, line);
    report.rows++;
    const row = rowNumber++;
    if (record.length !== header.length) {
      bad(line, undefined, `has ${record.length} fields, the header has ${header.length}`);
      return true;
    }
    const timestamp = readTimestamp(record, line, row);
    if (timestamp === undefined) return true;
    if (layout.kind === 'wide') {
      for (const { index, symbol } of layout.columns) {
        const text = record[index] ?? '';
        if (isMissing(text)) {
          noteMissing(symbol, line);
          continue;
        }
        const value = parseNumber(text, dialect.decimalComma);
        if (value === undefined || !(value > 0)) {
          bad(line, header[index], `${JSON.stringify(text)} is not a positive number`);
          continue;
        }
        storeOf(symbol).push(timestamp, value, value, value, value, 0, line);
      }
      return true;
    }
    let symbol: string;
    if (layout.kind === 'single') symbol = layout.symbol;
    else {
      const text = record[found.symbol as number] ?? '';
      const known = validSymbols.get(text);
      if (known !== undefined) symbol = known;
      else {
        symbol = text.toUpperCase();
        if (!symbolSchema.safeParse(symbol).success) {
          bad(line, header[found.symbol as number], `${JSON.stringify(text)} is not a symbol`);
          return true;
        }
        validSymbols.set(text, symbol);
      }
    }
    readBar(record, line, timestamp, symbol, layout.ohlc);
    return true;
  };

  try {
    await forEachRecord(input, dialect, onRecord, slot);
  } catch (error) {
    if (!(error instanceof StopReading)) {
      const line = error instanceof CsvReadError ? error.line : undefined;
      exclude({
        code: 'unreadable',
        ...(line === undefined ? {} : { line }),
        message: `${file}${line === undefined ? '' : ` line ${line}`}: cannot be read as CSV: ${(error as Error).message}`,
      });
    }
    report.status = 'excluded';
  }

  const supplied =
    layout === undefined ? (nameSymbol.symbol ? [nameSymbol.symbol] : []) : layoutSymbols(layout, stores);
  if (report.status === 'excluded') {
    for (const symbol of supplied) result.excludedSymbols.push({ symbol, issues: [...fileIssues] });
    return result;
  }
  if (!header) return exclude({ code: 'unreadable', message: `${file}: the file is empty (no header row)` });
  if (report.rows === 0) {
    exclude({ code: 'header-only', line: 1, message: `${file}: has a header and no data rows` });
    for (const symbol of supplied) result.excludedSymbols.push({ symbol, issues: [...fileIssues] });
    return result;
  }
  fileIssues.push(...badRows);
  if (badRowCount > badRows.length) {
    fileIssues.push({
      code: 'bad-row',
      severity: 'warning',
      file,
      message: `${file}: ${badRowCount - badRows.length} more bad rows skipped`,
    });
  }
  if (adjusted) {
    fileIssues.push({
      code: 'adjusted-close',
      severity: 'warning',
      file,
      column: header[found.adjClose as number] as string,
      message: `${file}: prices adjusted by column ${header[found.adjClose as number]} (open, high, low and close scaled by adjusted close / close), so returns include dividends and splits`,
    });
  }
  report.kind = layout?.kind === 'wide' ? 'prices-wide' : layout?.kind === 'long' ? 'prices-long' : 'prices';
  const closeColumn = header[found.adjClose ?? found.close ?? 0] ?? 'close';
  const scratch = new DecodeScratch();
  for (const symbol of supplied) {
    const store = stores.get(symbol);
    const columnName =
      layout?.kind === 'wide'
        ? (layout.columns.find((c) => c.symbol === symbol)?.symbol ?? symbol)
        : closeColumn;
    const issues: DataIssue[] = [];
    const gaps = missing.get(symbol);
    if (gaps) {
      issues.push({
        code: 'gap',
        severity: 'warning',
        file,
        line: gaps.firstLine,
        column: columnName,
        message: `${file}: ${gaps.count} row(s) without a value for ${symbol} (first at line ${gaps.firstLine}); those days have no bar`,
      });
    }
    if (!store || store.length === 0) {
      issues.push({
        code: 'header-only',
        severity: 'excluded',
        file,
        column: columnName,
        message: `${file}: no values for ${symbol}`,
      });
      result.excludedSymbols.push({ symbol, issues });
      continue;
    }
    store.finish(layout?.kind === 'single');
    // The checks run on the series decoded into reused buffers; the compact store is what is kept.
    const decoded = store.decodeAll(scratch);
    const ordered = orderSeries(decoded, file, issues);
    stores.delete(symbol);
    if (!ordered) {
      result.excludedSymbols.push({ symbol, issues });
      continue;
    }
    if (calendar === undefined) {
      const gap = findGaps(ordered, file, header[found.date as number] ?? 'date');
      if (gap) issues.push(gap);
    }
    issues.push(...findSuspiciousTicks(ordered, file, columnName));
    const kept = ordered === decoded ? store : ColumnStore.of(ordered);
    const closesOnly = layout?.kind === 'wide' || (layout !== undefined && 'ohlc' in layout && !layout.ohlc);
    result.series.push({ symbol, file, columns: kept, closesOnly, issues });
  }
  report.symbols = result.series.map((s) => s.symbol);
  const allIssues = [
    ...fileIssues,
    ...result.series.flatMap((s) => s.issues),
    ...result.excludedSymbols.flatMap((s) => s.issues),
  ];
  report.issues = fileIssues;
  if (result.series.length === 0) report.status = 'excluded';
  else if (allIssues.some((issue) => issue.severity === 'warning' || issue.severity === 'excluded'))
    report.status = 'warning';
  return result;

  /**
   * For a `<SYMBOL>.csv` with a date column (the common case, and thousands of files in a
   * folder): reads a line in place — fields located by their delimiters, the date and numbers
   * parsed where they stand, no strings made — when every value has its plain form and the bar
   * is valid, exactly as `onRecord` would store it. Anything else (a missing or malformed value,
   * white space, a wrong field count, an inconsistent bar) is declined and goes through
   * `onRecord`, which reads or reports it as usual.
   */
  function inPlaceReader(): PlainLineReader | undefined {
    if (layout === undefined || layout.kind === 'wide') return undefined;
    if (found.date === undefined || found.close === undefined) return undefined;
    if (adjusted || dialect.decimalComma) return undefined;
    const { ohlc } = layout;
    const single = layout.kind === 'single' ? layout.symbol : undefined;
    const symbolAt = found.symbol ?? -1;
    const symbolStore = symbolReader();
    const width = (header as string[]).length;
    const delimiter = dialect.delimiter.charCodeAt(0);
    const { date: dateAt, close: closeAt, volume: volumeAt } = found;
    const [openAt, highAt, lowAt] = [found.open ?? 0, found.high ?? 0, found.low ?? 0];
    // bounds[k]: where field k starts; field k ends one before bounds[k + 1].
    const bounds = new Int32Array(width + 1);
    let store: ColumnStore | undefined;
    const number = (k: number, bytes: Uint8Array) =>
      shortDecimalIn(bytes, bounds[k] as number, (bounds[k + 1] as number) - 1);
    return (bytes, start, end, line) => {
      let fields = 1;
      bounds[0] = start;
      for (let at = start; at < end; at++) {
        if (bytes[at] !== delimiter) continue;
        if (fields === width) return false;
        bounds[fields++] = at + 1;
      }
      if (fields !== width) return false;
      bounds[width] = end + 1;
      const time = isoDateIn(bytes, bounds[dateAt] as number, (bounds[dateAt + 1] as number) - 1);
      if (Number.isNaN(time)) return false;
      const close = number(closeAt, bytes);
      if (!(close > 0)) return false;
      let volume = 0;
      if (volumeAt !== undefined) {
        volume = number(volumeAt, bytes);
        if (!(volume >= 0)) return false;
      }
      let open = close;
      let high = close;
      let low = close;
      if (ohlc) {
        open = number(openAt, bytes);
        high = number(highAt, bytes);
        low = number(lowAt, bytes);
        if (!(open > 0 && high > 0 && low > 0)) return false;
        if (high < low || high < open || high < close || low > open || low > close) return false;
      }
      if (single !== undefined) store ??= storeOf(single);
      else {
        store = symbolStore(bytes, bounds[symbolAt] as number, (bounds[symbolAt + 1] as number) - 1);
        if (store === undefined) return false;
      }
      report.rows++;
      rowNumber++;
      store.push(time, open, high, low, close, volume, line);
      return true;
    };
  }

  /**
   * A long file's symbol column read in place: the store of the symbol in `bytes[from, to)` when
   * that text was already seen and validated by the record path (a new or unusual one — spaces
   * around it, lower case not yet seen — is declined and goes through `onRecord`). Rows of a
   * symbol usually follow each other, so the bytes are compared with the previous row's first.
   */
  function symbolReader(): (bytes: Uint8Array, from: number, to: number) => ColumnStore | undefined {
    const MAX_IN_PLACE_SYMBOL = 64;
    let last = new Uint8Array(16);
    let lastLength = -1;
    let lastStore: ColumnStore | undefined;
    return (bytes, from, to) => {
      const length = to - from;
      if (length === lastLength) {
        let same = true;
        for (let k = 0; k < length; k++) {
          if (bytes[from + k] !== last[k]) {
            same = false;
            break;
          }
        }
        if (same) return lastStore;
      }
      // Longer than any valid symbol (and too long to spread into arguments): the record path says why.
      if (length > MAX_IN_PLACE_SYMBOL) return undefined;
      const text = String.fromCharCode(...bytes.subarray(from, to));
      const known = validSymbols.get(text);
      if (known === undefined) return undefined;
      if (last.length < length) last = new Uint8Array(length * 2);
      last.set(bytes.subarray(from, to));
      lastLength = length;
      lastStore = storeOf(known);
      return lastStore;
    };
  }

  function readTimestamp(record: string[], line: number, row: number): number | undefined {
    const h = header as string[];
    if (found.date !== undefined) {
      const text = record[found.date] ?? '';
      // A long file repeats each date once per symbol: parse each distinct text once.
      let time = dateCache.get(text);
      if (time === undefined) {
        time = parseDate(text, settings.dateFormat);
        if (time !== undefined && dateCache.size < 100_000) dateCache.set(text, time);
      }
      if (time === undefined)
        bad(line, h[found.date], `date ${describeDateProblem(text, settings.dateFormat)}`);
      return time;
    }
    if (found.index !== undefined) {
      const text = record[found.index] ?? '';
      if (!/^\d+$/.test(text)) {
        bad(line, h[found.index], `index ${JSON.stringify(text)} is not a row number`);
        return undefined;
      }
      return (calendar as SessionCalendar).day(Number(text));
    }
    return (calendar as SessionCalendar).day(row);
  }

  /** The positive number in `record[index]`; `undefined` when missing (a gap) or bad (reported). */
  function positiveNumber(
    record: string[],
    index: number,
    field: string,
    symbol: string,
    line: number,
  ): number | undefined {
    const text = record[index] ?? '';
    if (isMissing(text)) {
      noteMissing(symbol, line);
      return undefined;
    }
    const value = parseNumber(text, dialect.decimalComma);
    if (value === undefined || !(value > 0)) {
      bad(line, (header as string[])[index], `${field} ${JSON.stringify(text)} is not a positive number`);
      return undefined;
    }
    return value;
  }

  function readBar(record: string[], line: number, timestamp: number, symbol: string, ohlc: boolean): void {
    const h = header as string[];
    let close =
      found.close === undefined ? undefined : positiveNumber(record, found.close, 'close', symbol, line);
    if (close === undefined && found.close !== undefined) return;
    let factor = 1;
    if (adjusted) {
      const adjClose = positiveNumber(record, found.adjClose as number, 'adjusted close', symbol, line);
      if (adjClose === undefined) return;
      if (close === undefined) close = adjClose;
      else factor = adjClose / close;
    }
    let volume = 0;
    if (found.volume !== undefined) {
      const text = record[found.volume] ?? '';
      if (!isMissing(text)) {
        const value = parseNumber(text, dialect.decimalComma);
        if (value === undefined || value < 0) {
          bad(line, h[found.volume], `volume ${JSON.stringify(text)} is not a non-negative number`);
          return;
        }
        volume = value;
      }
    }
    const c = close as number;
    if (!ohlc) {
      storeOf(symbol).push(timestamp, c * factor, c * factor, c * factor, c * factor, volume, line);
      return;
    }
    const o = positiveNumber(record, found.open as number, 'open', symbol, line);
    const hi =
      o === undefined ? undefined : positiveNumber(record, found.high as number, 'high', symbol, line);
    const lo =
      hi === undefined ? undefined : positiveNumber(record, found.low as number, 'low', symbol, line);
    if (o === undefined || hi === undefined || lo === undefined) return;
    if (hi < lo || hi < o || hi < c || lo > o || lo > c) {
      bad(line, h[found.high as number], `high ${hi} / low ${lo} do not contain open ${o} and close ${c}`);
      return;
    }
    // Yahoo's adjustment: the whole bar scaled by adjusted close / close (dividends and splits);
    // one factor for all four prices keeps low <= open, close <= high.
    storeOf(symbol).push(timestamp, o * factor, hi * factor, lo * factor, c * factor, volume, line);
  }
}

/** The symbols a layout supplies, in file order. */
function layoutSymbols(layout: Layout, stores: Map<string, ColumnStore>): string[] {
  if (layout.kind === 'single') return [layout.symbol];
  if (layout.kind === 'wide') return layout.columns.map((c) => c.symbol);
  return [...stores.keys()].sort();
}

/** The symbol a price file's name stands for, or the reason it stands for none. */
export function symbolOfFile(
  file: string,
  symbolFromFile: string | undefined,
): { symbol?: string; problem?: string } {
  const name = basename(file).replace(/\.csv$/i, '');
  let candidate = name;
  if (symbolFromFile !== undefined) {
    const match = new RegExp(symbolFromFile).exec(name);
    if (!match?.[1]) return { problem: `does not match "symbolFromFile" ${JSON.stringify(symbolFromFile)}` };
    candidate = match[1];
  }
  if (symbolSchema.safeParse(candidate).success) return { symbol: candidate.toUpperCase() };
  const probable = /^[A-Za-z0-9.^=-]+/.exec(candidate)?.[0];
  const hint =
    probable && probable !== candidate
      ? `; it probably means ${probable.toUpperCase()}: rename it to ${probable.toUpperCase()}.csv or set "symbolFromFile" in da-ki.json (e.g. "^([A-Z.]+)_")`
      : '; name the file after its ticker, e.g. MSFT.csv';
  return { problem: `is not a symbol (letters, digits, ".", "-", "^", "=" only)${hint}` };
}

function chooseLayout(
  header: string[],
  found: Partial<Record<CsvField, number>>,
  nameSymbol: { symbol?: string; problem?: string },
  file: string,
): { layout: Layout } | { issue: Omit<DataIssue, 'severity' | 'file'> } {
  const ohlc = found.open !== undefined && found.high !== undefined && found.low !== undefined;
  const hasClose = found.close !== undefined || found.adjClose !== undefined;
  if (found.symbol !== undefined) {
    if (!hasClose)
      return {
        issue: {
          code: 'unreadable',
          line: 1,
          message: `${file}: a long price file needs a close column (header: ${header.join(',')})`,
        },
      };
    return { layout: { kind: 'long', ohlc } };
  }
  if (hasClose) {
    if (!nameSymbol.symbol)
      return { issue: { code: 'not-a-symbol', message: `${file}: the file name ${nameSymbol.problem}` } };
    return { layout: { kind: 'single', symbol: nameSymbol.symbol, ohlc } };
  }
  const used = new Set([found.date, found.index].filter((k) => k !== undefined));
  const columns: { index: number; symbol: string }[] = [];
  for (const [index, name] of header.entries()) {
    if (used.has(index)) continue;
    columns.push({ index, symbol: name.trim().toUpperCase() });
  }
  const bad = columns.filter((c) => !symbolSchema.safeParse(c.symbol).success);
  if (columns.length === 0) {
    return {
      issue: {
        code: 'unreadable',
        line: 1,
        message: `${file}: no price column found (header: ${header.join(',')}); expected close, or one column per symbol`,
      },
    };
  }
  if (bad.length > 0) {
    return {
      issue: {
        code: 'not-a-symbol',
        line: 1,
        column: header[bad[0]?.index as number] as string,
        message: `${file}: read as a wide file (one column per symbol), but column ${JSON.stringify(header[bad[0]?.index as number])} is not a symbol; rename it, or name the close column "close"`,
      },
    };
  }
  return { layout: { kind: 'wide', columns } };
}
