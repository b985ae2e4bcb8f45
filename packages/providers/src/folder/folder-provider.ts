import {
  type BarRequest,
  type Fundamentals,
  type FundamentalsProvider,
  InvalidArgumentError,
  type MarketDataProvider,
  type NewsItem,
  type NewsProvider,
  type NewsRequest,
  type SectorProvider,
  type ValidatedBarSeries,
  validateBars,
} from '@da-ki/sdk';
import { NotFoundError, ProviderUnavailableError } from '../errors/index.js';
import type { DataReport } from './data-report.js';
import { FolderFingerprint } from './fingerprint.js';
import {
  type FolderData,
  type FolderSymbolInfo,
  loadFolder,
  rowsBefore,
  rowsUpTo,
  type ServedBars,
} from './load-folder.js';

const DAY_MS = 86_400_000;

/** Options of {@link FolderProvider}. */
export interface FolderProviderOptions {
  /** The data folder (see docs/data.md). */
  dir: string;
  /** Point in time, `YYYY-MM-DD` or epoch ms: prices, fundamentals and news after it are not used. Default: the latest bar date in the folder. */
  asOf?: string | number;
  /** Rank symbols whose last bar is more than 5 trading days before the as-of date. Default false. */
  includeStale?: boolean;
  /** Provider name and `source` of the bars. Default `folder`. */
  source?: string;
  /** Called after each file is read. */
  onProgress?: (p: { phase: 'read'; completed: number; total: number; file: string }) => void;
}

/**
 * Market data, fundamentals, news and sectors from a data folder (universe.csv, prices/,
 * prices.csv, fundamentals.csv, news.csv, da-ki.json; see docs/data.md), as of one date.
 * The folder is read once, lazily on the first call (concurrent first calls share the read), and
 * kept columnar. `report()` says what was used, what was left out and why.
 */
export class FolderProvider
  implements MarketDataProvider, FundamentalsProvider, NewsProvider, SectorProvider
{
  /** Provider name, also the `source` of the bars. */
  readonly name: string;
  /** The folder read. */
  readonly dir: string;
  readonly #asOf: number | undefined;
  readonly #includeStale: boolean;
  readonly #onProgress: FolderProviderOptions['onProgress'];
  readonly #fingerprint: FolderFingerprint;
  #loading: Promise<FolderData> | undefined;

  constructor(options: FolderProviderOptions) {
    if (typeof options?.dir !== 'string' || options.dir === '') {
      throw new InvalidArgumentError('dir', 'must be the path of a data folder');
    }
    const source = options.source ?? 'folder';
    if (typeof source !== 'string' || source === '')
      throw new InvalidArgumentError('source', 'must be a non-empty string');
    this.name = source;
    this.dir = options.dir;
    this.#asOf = parseAsOf(options.asOf);
    this.#includeStale = options.includeStale ?? false;
    this.#onProgress = options.onProgress;
    this.#fingerprint = new FolderFingerprint(options.dir);
  }

  /** Scorable symbols (status ok or warning), sorted by symbol. */
  async listSymbols(): Promise<FolderSymbolInfo[]> {
    return (await this.#data()).listed.map((info) => ({ ...info }));
  }

  /** Bars of `symbol` on or before the as-of date, within `from`/`to` (epoch ms, inclusive). */
  async getBars(symbol: string, request: BarRequest = {}): Promise<ValidatedBarSeries> {
    const { from, to } = request;
    if (from !== undefined && !Number.isFinite(from))
      throw new InvalidArgumentError('from', `must be a finite epoch-ms timestamp, got ${from}`);
    if (to !== undefined && !Number.isFinite(to))
      throw new InvalidArgumentError('to', `must be a finite epoch-ms timestamp, got ${to}`);
    const data = await this.#data();
    const canonical = this.#servable(data, symbol);
    const { store, end: cut } = data.bars.get(canonical) as ServedBars;
    const start = from === undefined ? 0 : Math.min(cut, rowsBefore(store, from));
    const end = to === undefined ? cut : Math.max(start, Math.min(cut, rowsUpTo(store, to)));
    // Decoded into new arrays on each call: a caller that writes into them cannot change the
    // folder's data, and only the requested symbol is ever held as Float64 columns. The six
    // columns are views of ONE new buffer: one allocation instead of six (scoring 10 000 symbols
    // fetches them all, and each typed-array allocation costs far more than its decoding).
    const n = end - start;
    const buffer = new ArrayBuffer(n * 6 * Float64Array.BYTES_PER_ELEMENT);
    const column = (k: number) => new Float64Array(buffer, k * n * Float64Array.BYTES_PER_ELEMENT, n);
    // Validated here, at the boundary, so the analyzer, the engine and @da-ki/ml take the series
    // without checking it again (the folder's own checks at load time report issues; these are
    // the SDK's rules every consumer relies on). Already ordered, so nothing is copied.
    return validateBars({
      symbol: canonical,
      source: this.name,
      timestamps: store.decode('timestamps', start, end, column(0)),
      open: store.decode('open', start, end, column(1)),
      high: store.decode('high', start, end, column(2)),
      low: store.decode('low', start, end, column(3)),
      close: store.decode('close', start, end, column(4)),
      volume: store.decode('volume', start, end, column(5)),
    }).series;
  }

  /**
   * The latest fundamentals row on or before the as-of date. A listed symbol without one gets
   * fundamentals with no metrics (nothing was known then): it stays rankable, its fundamental
   * factor says "No fundamentals", and the report warns `missing-fundamentals`. NotFoundError only
   * for symbols the folder does not have.
   */
  async getFundamentals(symbol: string): Promise<Fundamentals> {
    const data = await this.#data();
    const canonical = this.#known(data, symbol);
    const sector = data.info.get(canonical)?.sector ?? 'Unknown';
    const latest = data.fundamentals.get(canonical)?.at(-1);
    return latest ? { ...latest, sector } : { symbol: canonical, source: this.name, sector };
  }

  /** Headlines published on or before the as-of date (and at or after `since`), newest first. */
  async getNews(symbol: string, request: NewsRequest = {}): Promise<NewsItem[]> {
    const data = await this.#data();
    const canonical = this.#known(data, symbol);
    let items = data.news.get(canonical) ?? [];
    if (request.since !== undefined)
      items = items.filter((item) => item.publishedAt >= (request.since as number));
    if (request.limit !== undefined) items = items.slice(0, Math.max(0, request.limit));
    return items.map((item) => ({ ...item }));
  }

  /** Sector from universe.csv (`Unknown` without one). */
  async getSector(symbol: string): Promise<string> {
    const data = await this.#data();
    return data.info.get(this.#known(data, symbol))?.sector ?? 'Unknown';
  }

  /** What was read, used and left out, and why. */
  async report(): Promise<DataReport> {
    return structuredClone((await this.#data()).report);
  }

  /** SHA-256 (hex) of the folder's file names, sizes and contents; unchanged files are not re-read. */
  fingerprint(): Promise<string> {
    return this.#fingerprint.compute();
  }

  /** Reads the folder again (e.g. after its fingerprint changed). */
  async reload(): Promise<void> {
    this.#loading = this.#load();
    await this.#loading;
  }

  #data(): Promise<FolderData> {
    this.#loading ??= this.#load();
    return this.#loading;
  }

  async #load(): Promise<FolderData> {
    try {
      return await loadFolder({
        dir: this.dir,
        asOf: this.#asOf,
        includeStale: this.#includeStale,
        source: this.name,
        fingerprint: (read) => this.#fingerprint.compute(read),
        ...(this.#onProgress ? { onProgress: this.#onProgress } : {}),
      });
    } catch (error) {
      // A failed read is not cached: the next call tries again (the folder may appear).
      this.#loading = undefined;
      throw new ProviderUnavailableError({
        provider: this.name,
        cause: error,
        reason: `cannot read data folder ${JSON.stringify(this.dir)}: ${(error as Error).message}`,
      });
    }
  }

  #known(data: FolderData, symbol: string): string {
    const canonical = typeof symbol === 'string' ? symbol.trim().toUpperCase() : '';
    if (!data.info.has(canonical)) {
      throw new NotFoundError({
        provider: this.name,
        symbol: String(symbol),
        reason: `unknown symbol: ${JSON.stringify(symbol)} is not in ${JSON.stringify(this.dir)}`,
      });
    }
    return canonical;
  }

  #servable(data: FolderData, symbol: string): string {
    const canonical = this.#known(data, symbol);
    const reason = data.excluded.get(canonical);
    if (reason !== undefined || !data.bars.has(canonical)) {
      throw new NotFoundError({
        provider: this.name,
        symbol: canonical,
        reason: `${canonical} is excluded: ${reason ?? 'no bars'}`,
      });
    }
    return canonical;
  }
}

function parseAsOf(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new InvalidArgumentError('asOf', `must be YYYY-MM-DD or epoch ms, got ${value}`);
    return Math.floor(value / DAY_MS) * DAY_MS;
  }
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || new Date(time).toISOString().slice(0, 10) !== value) {
    throw new InvalidArgumentError(
      'asOf',
      `must be a date as YYYY-MM-DD or epoch ms, got ${JSON.stringify(value)}`,
    );
  }
  return time;
}
