import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  type BarRequest,
  type BarValidationReport,
  DataValidationError,
  InvalidArgumentError,
  type MarketDataProvider,
  type SectorProvider,
  type SymbolInfo,
  sliceBarsByTime,
  symbolSchema,
  type ValidatedBarSeries,
  validateBars,
} from '@da-ki/sdk';
import { NotFoundError, ProviderUnavailableError } from '../errors/index.js';
import { CsvFormatError } from './csv-format-error.js';
import { parseDate } from './parse-values.js';
import { type BarFileRows, readBarFile } from './read-bar-file.js';

/** Options of {@link CsvProvider}. */
export interface CsvProviderOptions {
  /** Folder with one `<SYMBOL>.csv` per symbol. */
  dir: string;
  /** Provider name and `source` of the bars. Default `csv`. */
  source?: string;
  /** Sector per symbol, for `listSymbols` and `getSector`; symbols without one get `Unknown`. */
  sectors?: Readonly<Record<string, string>>;
  /**
   * Scale open, high, low and close by `Adj Close / Close` in files that have an `Adj Close`
   * column (Yahoo downloads), so that returns include dividends and splits. Default `false`: bars
   * as traded.
   */
  adjust?: boolean;
  /**
   * Read files without OHLCV columns as closes-only series from this column (e.g. `gold`, `DAX`):
   * open = high = low = close, volume 0, dated by their date column, else by their `index`
   * column (or row order) as business days from `startDate`.
   */
  closeColumn?: string;
  /** First business day of closes-only files without dates (`YYYY-MM-DD`). Default `2000-01-03`. */
  startDate?: string;
}

/** What reading one file found, besides the bars. */
export interface CsvReadReport extends BarValidationReport {
  /** File name, e.g. `MSFT.csv`. */
  file: string;
  /** Rows skipped because a value was missing (`null`, empty, `NA`). */
  skippedRows: number;
}

/** Bars of a whole file and the report of what was skipped, dropped, sorted or found missing. */
export interface CsvReadResult {
  series: ValidatedBarSeries;
  report: CsvReadReport;
}

/** Sector of symbols the options do not map. */
export const UNKNOWN_SECTOR = 'Unknown';

/**
 * Daily bars from a folder of CSV files, one per symbol (`MSFT.csv` → `MSFT`, any case). Reads
 * the Yahoo download layout `Date,Open,High,Low,Close,Adj Close,Volume` and the plain
 * `date,open,high,low,close,volume` (headers case-insensitive, any column order), streaming.
 * Yahoo's `null` rows are skipped and counted; the rest goes through `validateBars` (sorted,
 * exact duplicates dropped, gaps reported). Problems throw a {@link CsvFormatError} that names
 * file and line.
 */
export class CsvProvider implements MarketDataProvider, SectorProvider {
  /** Provider name, also the `source` of the bars. */
  readonly name: string;
  /** The folder read. */
  readonly dir: string;
  readonly #sectors: ReadonlyMap<string, string>;
  readonly #adjust: boolean;
  readonly #closeColumn: string | undefined;
  readonly #startDate: number;

  constructor(options: CsvProviderOptions) {
    if (typeof options?.dir !== 'string' || options.dir === '') {
      throw new InvalidArgumentError('dir', 'must be the path of a folder of CSV files');
    }
    const source = options.source ?? 'csv';
    if (typeof source !== 'string' || source === '')
      throw new InvalidArgumentError('source', 'must be a non-empty string');
    const startDate = parseDate(options.startDate ?? '2000-01-03');
    if (startDate === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(options.startDate ?? '2000-01-03')) {
      throw new InvalidArgumentError(
        'startDate',
        `must be a date as YYYY-MM-DD, got ${JSON.stringify(options.startDate)}`,
      );
    }
    this.name = source;
    this.dir = options.dir;
    this.#sectors = new Map(
      Object.entries(options.sectors ?? {}).map(([symbol, sector]) => [symbol.toUpperCase(), sector]),
    );
    this.#adjust = options.adjust ?? false;
    this.#closeColumn = options.closeColumn;
    this.#startDate = startDate;
  }

  /** One entry per `*.csv` file whose name is a valid symbol, sorted; name = symbol. */
  async listSymbols(): Promise<SymbolInfo[]> {
    const files = await this.#files();
    return [...files.keys()]
      .sort()
      .map((symbol) => ({ symbol, name: symbol, sector: this.#sectorOf(symbol) }));
  }

  /** Bars of `symbol` with `from <= timestamp <= to` (both optional, epoch ms). */
  async getBars(symbol: string, request: BarRequest = {}): Promise<ValidatedBarSeries> {
    const { from, to } = request;
    if (from !== undefined && !Number.isFinite(from)) {
      throw new InvalidArgumentError('from', `must be a finite epoch-ms timestamp, got ${from}`);
    }
    if (to !== undefined && !Number.isFinite(to)) {
      throw new InvalidArgumentError('to', `must be a finite epoch-ms timestamp, got ${to}`);
    }
    const { series } = await this.readBars(symbol);
    return from === undefined && to === undefined ? series : sliceBarsByTime(series, from, to);
  }

  /** The whole file of `symbol`, validated, with a report of skipped rows, duplicates, sorting and gaps. */
  async readBars(symbol: string): Promise<CsvReadResult> {
    const { symbol: canonical, file } = await this.#locate(symbol);
    const options = {
      provider: this.name,
      symbol: canonical,
      path: join(this.dir, file),
      file,
      adjust: this.#adjust,
      startDate: this.#startDate,
      ...(this.#closeColumn === undefined ? {} : { closeColumn: this.#closeColumn }),
    };
    let rows: BarFileRows;
    try {
      rows = await readBarFile(options);
    } catch (error) {
      if (error instanceof CsvFormatError) throw error;
      throw new ProviderUnavailableError({
        provider: this.name,
        symbol: canonical,
        cause: error,
        reason: `cannot read ${file}: ${(error as Error).message}`,
      });
    }
    try {
      const { series, report } = validateBars(rows.columns);
      return { series, report: { ...report, file, skippedRows: rows.skippedRows } };
    } catch (error) {
      if (error instanceof DataValidationError)
        throw this.#locateValidationError(error, rows, canonical, file);
      throw error;
    }
  }

  /** Sector from the `sectors` option, `Unknown` when not mapped; NotFoundError when there is no file. */
  async getSector(symbol: string): Promise<string> {
    const { symbol: canonical } = await this.#locate(symbol);
    return this.#sectorOf(canonical);
  }

  #sectorOf(symbol: string): string {
    return this.#sectors.get(symbol) ?? UNKNOWN_SECTOR;
  }

  /** Symbol → file name of every `*.csv` in the folder whose base name is a valid symbol. */
  async #files(): Promise<Map<string, string>> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      throw new ProviderUnavailableError({
        provider: this.name,
        cause: error,
        reason: `cannot read folder ${JSON.stringify(this.dir)}: ${(error as Error).message}`,
      });
    }
    const files = new Map<string, string>();
    for (const name of names.sort()) {
      if (!/\.csv$/i.test(name)) continue;
      const symbol = basename(name, name.slice(-4)).toUpperCase();
      // Names that are no ticker ("my prices.csv") are not symbols; an exact upper-case name wins.
      if (!symbolSchema.safeParse(symbol).success) continue;
      if (!files.has(symbol) || name === `${symbol}.csv`) files.set(symbol, name);
    }
    return files;
  }

  async #locate(symbol: string): Promise<{ symbol: string; file: string }> {
    const canonical = typeof symbol === 'string' ? symbol.trim().toUpperCase() : '';
    const file = (await this.#files()).get(canonical);
    if (file === undefined) {
      throw new NotFoundError({
        provider: this.name,
        symbol: String(symbol),
        reason: `unknown symbol: no ${canonical || String(symbol)}.csv in ${JSON.stringify(this.dir)}`,
      });
    }
    return { symbol: canonical, file };
  }

  /** Points a `validateBars` failure (which counts rows from 0) at the line of the file. */
  #locateValidationError(
    error: DataValidationError,
    rows: BarFileRows,
    symbol: string,
    file: string,
  ): CsvFormatError {
    const location = { provider: this.name, symbol, file, cause: error };
    const conflict = /rows (\d+) and (\d+)/.exec(error.message);
    if (error.field === 'timestamps' && conflict) {
      const [first, second] = [rows.lines[Number(conflict[1])], rows.lines[Number(conflict[2])]];
      const day = new Date(error.value as number).toISOString().slice(0, 10);
      return new CsvFormatError(`two different bars for ${day} (lines ${first} and ${second})`, {
        ...location,
        line: second,
      });
    }
    const line = error.index === undefined ? undefined : rows.lines[error.index];
    const reason = error.message.slice(error.message.lastIndexOf(': ') + 2);
    return new CsvFormatError(`${reason} (${error.field} = ${String(error.value)})`, {
      ...location,
      line,
      column: error.field,
    });
  }
}
