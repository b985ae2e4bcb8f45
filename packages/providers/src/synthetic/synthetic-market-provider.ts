import {
  type BarRequest,
  type Fundamentals,
  type FundamentalsProvider,
  fundamentalsSchema,
  InvalidArgumentError,
  type MarketDataProvider,
  type NewsItem,
  type NewsProvider,
  type NewsRequest,
  newsItemSchema,
  type SectorProvider,
  type SymbolInfo,
  sliceBarsByTime,
  type ValidatedBarSeries,
  validateBars,
} from '@da-ki/sdk';
import { InvalidResponseError, NotFoundError } from '../errors/index.js';
import { generateFundamentals } from './fundamentals.js';
import { type MarketFactors, simulateMarketFactors } from './market-factors.js';
import { generateNews } from './news.js';
import { type StockPath, simulateStock } from './stock-path.js';
import { tradingDaysEndingOn } from './trading-calendar.js';
import { generateUniverse, MAX_UNIVERSE_SIZE, type SyntheticCompany } from './universe.js';

/** Options of {@link SyntheticMarketProvider}. */
export interface SyntheticMarketProviderOptions {
  /** Seed of everything generated; the same seed gives byte-identical data. Default 42. */
  seed?: number | string;
  /** Number of symbols in the universe. Default 467. */
  symbols?: number;
  /** Trading days of history per symbol (NYSE calendar). Default 504, two years. */
  days?: number;
  /**
   * Last trading day (`YYYY-MM-DD`, UTC; a weekend or holiday means the trading day before).
   * Fixed by default (`2026-10-30`) rather than "today", so output never depends on the clock.
   */
  endDate?: string;
  /** How many symbols' generated data to keep in memory (least recently used are dropped). Default 2000. */
  cacheSize?: number;
}

/** Default options of {@link SyntheticMarketProvider}. */
export const SYNTHETIC_DEFAULTS = {
  seed: 42,
  symbols: 467,
  days: 504,
  endDate: '2026-10-30',
  cacheSize: 2000,
} as const;

interface GeneratedStock {
  company: SyntheticCompany;
  path: StockPath;
  series: ValidatedBarSeries;
}

const SOURCE = 'synthetic';

/**
 * The embedded default data source: a made-up but realistic equity universe generated from a
 * seed, with no network. Prices follow stock = drift + β·market + sector + idiosyncratic, with
 * bull/bear regimes, GARCH(1,1) volatility clustering, Student-t fat tails, trading halts (gaps),
 * volume that clusters and follows |return|; fundamentals drawn around sector norms and tied to
 * the price; headlines whose tone follows the actual moves. Everything is marked
 * `source: "synthetic"`, validated before it is returned, and identical for a seed on any machine.
 *
 * Market and sector factors are simulated once per instance; each symbol is generated on first
 * use and cached.
 */
export class SyntheticMarketProvider
  implements MarketDataProvider, FundamentalsProvider, NewsProvider, SectorProvider
{
  /** Provider name, also the `source` of everything it returns. */
  readonly name = SOURCE;
  /** The seed everything is generated from. */
  readonly seed: number | string;
  /** Trading days of history per symbol (before halts remove a few). */
  readonly days: number;
  /** Last trading day requested, `YYYY-MM-DD`. */
  readonly endDate: string;

  readonly #companies: readonly SyntheticCompany[];
  readonly #bySymbol: ReadonlyMap<string, SyntheticCompany>;
  readonly #cacheSize: number;
  readonly #stocks = new Map<string, GeneratedStock>();
  #calendar: Float64Array | undefined;
  #factors: MarketFactors | undefined;

  constructor(options: SyntheticMarketProviderOptions = {}) {
    const { seed, symbols, days, endDate, cacheSize } = {
      ...SYNTHETIC_DEFAULTS,
      ...withoutUndefined(options),
    };
    if (!(typeof seed === 'string' || Number.isFinite(seed))) {
      throw new InvalidArgumentError('seed', `must be a finite number or a string, got ${String(seed)}`);
    }
    if (!Number.isInteger(symbols) || symbols < 1 || symbols > MAX_UNIVERSE_SIZE) {
      throw new InvalidArgumentError(
        'symbols',
        `must be an integer from 1 to ${MAX_UNIVERSE_SIZE}, got ${symbols}`,
      );
    }
    if (!Number.isInteger(days) || days < 30 || days > 20_000) {
      throw new InvalidArgumentError('days', `must be an integer from 30 to 20000, got ${days}`);
    }
    if (!isCalendarDate(endDate)) {
      throw new InvalidArgumentError(
        'endDate',
        `must be a date as YYYY-MM-DD, got ${JSON.stringify(endDate)}`,
      );
    }
    if (!Number.isInteger(cacheSize) || cacheSize < 0) {
      throw new InvalidArgumentError('cacheSize', `must be a non-negative integer, got ${cacheSize}`);
    }
    this.seed = seed;
    this.days = days;
    this.endDate = endDate;
    this.#cacheSize = cacheSize;
    this.#companies = generateUniverse(seed, symbols);
    this.#bySymbol = new Map(this.#companies.map((company) => [company.symbol, company]));
  }

  /** Every symbol of the universe with its company name and GICS sector, sorted by symbol. */
  async listSymbols(): Promise<SymbolInfo[]> {
    return this.#companies.map(({ symbol, name, sector }) => ({ symbol, name, sector }));
  }

  /** Daily bars of `symbol` with `from <= timestamp <= to`; throws {@link NotFoundError} for unknown symbols. */
  async getBars(symbol: string, request: BarRequest = {}): Promise<ValidatedBarSeries> {
    const { from, to } = request;
    if (from !== undefined && !Number.isFinite(from)) {
      throw new InvalidArgumentError('from', `must be a finite epoch-ms timestamp, got ${from}`);
    }
    if (to !== undefined && !Number.isFinite(to)) {
      throw new InvalidArgumentError('to', `must be a finite epoch-ms timestamp, got ${to}`);
    }
    // Always a copy: callers may write into the returned arrays without touching the cache.
    return sliceBarsByTime(this.#stock(symbol).series, from, to);
  }

  /** Fundamentals of `symbol` as of its last bar, consistent with its price and sector. */
  async getFundamentals(symbol: string): Promise<Fundamentals> {
    const { company, path, series } = this.#stock(symbol);
    const asOf = series.timestamps[series.timestamps.length - 1] as number;
    const fundamentals = generateFundamentals(this.seed, company, path.traits, asOf);
    const parsed = fundamentalsSchema.safeParse(fundamentals);
    if (!parsed.success) throw InvalidResponseError.fromZodError(parsed.error, { provider: SOURCE, symbol });
    return parsed.data;
  }

  /** Headlines about `symbol`, newest first, optionally since a time and limited in number. */
  async getNews(symbol: string, request: NewsRequest = {}): Promise<NewsItem[]> {
    const { since, limit } = request;
    if (since !== undefined && !Number.isFinite(since)) {
      throw new InvalidArgumentError('since', `must be a finite epoch-ms timestamp, got ${since}`);
    }
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) {
      throw new InvalidArgumentError('limit', `must be a non-negative integer, got ${limit}`);
    }
    const { company, path } = this.#stock(symbol);
    let items = generateNews(this.seed, company, path);
    if (since !== undefined) items = items.filter((item) => item.publishedAt >= since);
    if (limit !== undefined) items = items.slice(0, limit);
    return items.map((item, index) => {
      const parsed = newsItemSchema.safeParse(item);
      if (!parsed.success) {
        throw InvalidResponseError.fromZodError(
          { issues: parsed.error.issues.map((issue) => ({ ...issue, path: [index, ...issue.path] })) },
          { provider: SOURCE, symbol, cause: parsed.error },
        );
      }
      return parsed.data;
    });
  }

  /** GICS sector of `symbol`. */
  async getSector(symbol: string): Promise<string> {
    return this.#company(symbol).sector;
  }

  #company(symbol: string): SyntheticCompany {
    const company = typeof symbol === 'string' ? this.#bySymbol.get(symbol.trim().toUpperCase()) : undefined;
    if (!company) throw new NotFoundError({ provider: SOURCE, symbol: String(symbol) });
    return company;
  }

  #stock(symbol: string): GeneratedStock {
    const company = this.#company(symbol);
    const cached = this.#stocks.get(company.symbol);
    if (cached) {
      // Re-insert to mark as most recently used (Map keeps insertion order).
      this.#stocks.delete(company.symbol);
      this.#stocks.set(company.symbol, cached);
      return cached;
    }
    this.#calendar ??= tradingDaysEndingOn(this.endDate, this.days);
    this.#factors ??= simulateMarketFactors(this.seed, this.days);
    const path = simulateStock(this.seed, company, this.#calendar, this.#factors);
    let series: ValidatedBarSeries;
    try {
      series = validateBars(path.bars).series;
    } catch (error) {
      throw new InvalidResponseError({
        provider: SOURCE,
        symbol: company.symbol,
        cause: error,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
    // Keep only the validated columns: the raw ones would double the memory of a cached symbol.
    const stock = { company, path: { ...path, bars: series }, series };
    if (this.#cacheSize > 0) {
      if (this.#stocks.size >= this.#cacheSize)
        this.#stocks.delete(this.#stocks.keys().next().value as string);
      this.#stocks.set(company.symbol, stock);
    }
    return stock;
  }
}

function isCalendarDate(text: unknown): text is string {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().startsWith(text);
}

function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
