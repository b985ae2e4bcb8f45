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
} from '@da-ki/sdk';
import { z } from 'zod';
import { NotFoundError } from '../errors/index.js';
import { type Clock, systemClock } from '../http/clock.js';
import { parseConfiguredSymbols, sectorFromListOrFundamentals } from '../http/configured-symbols.js';
import { createHttpClient, type HttpClient, type HttpProviderOptions } from '../http/http-client.js';
import { parseJsonBody, unexpectedStatusError, validateWith } from '../http/parse-response.js';
import { RateLimiter, type RateLimiterOptions } from '../http/rate-limiter.js';
import { assertSymbol } from '../http/symbol.js';
import { validatedSeries } from '../http/validated-bars.js';
import {
  adjustedSeriesToColumns,
  dailySeriesToColumns,
  feedToNewsItems,
  formatAlphaVantageTime,
  overviewToFundamentals,
} from './alphavantage-mapping.js';
import {
  adjustedDailySeriesSchema,
  dailySeriesSchema,
  newsSentimentSchema,
  type Overview,
  overviewSchema,
} from './alphavantage-schemas.js';
import { classifyApiMessage } from './api-messages.js';

const DAY_MS = 86_400_000;
// "compact" holds the latest 100 trading days, about 140 calendar days; ask for less to be safe.
const COMPACT_SPAN_MS = 130 * DAY_MS;

/** The free tier's limits: 5 requests a minute, 25 a day. */
export const ALPHA_VANTAGE_FREE_TIER: RateLimiterOptions = {
  requestsPerInterval: 5,
  intervalMs: 60_000,
  dailyQuota: 25,
  maxWaitMs: 60_000,
};

/** Options of {@link AlphaVantageProvider}. */
export interface AlphaVantageProviderOptions extends HttpProviderOptions {
  /** API key. Default: the `ALPHA_VANTAGE_API_KEY` environment variable; required. */
  apiKey?: string;
  /** API host. Default `https://www.alphavantage.co`. */
  baseUrl?: string;
  /**
   * Use `TIME_SERIES_DAILY_ADJUSTED` (a premium function) and return bars scaled to the adjusted
   * close. Default `false`: `TIME_SERIES_DAILY`, which free keys may call.
   */
  adjusted?: boolean;
  /**
   * `compact` (latest 100 bars), `full` (20+ years; premium on some keys), or `auto` (default):
   * full only when `from` lies more than ~130 days back, else compact.
   */
  outputSize?: 'compact' | 'full' | 'auto';
  /** How long a company overview is reused before it is fetched again. Default 24 h. */
  overviewTtlMs?: number;
  /** What `listSymbols` returns (default empty): Alpha Vantage's listing has no sectors. */
  symbols?: readonly SymbolInfo[];
  /** Provider name in errors and as `source` of the data. Default `alphavantage`. */
  name?: string;
  /**
   * Limits of the request limiter; merged over {@link ALPHA_VANTAGE_FREE_TIER} (5 a minute, 25 a
   * day). Pass a shared `RateLimiter` when several provider instances use one key.
   */
  rateLimit?: RateLimiter | RateLimiterOptions | false;
}

interface CachedOverview {
  expiresAt: number;
  value: Promise<Overview>;
}

/**
 * Alpha Vantage: daily bars (`TIME_SERIES_DAILY`, or `TIME_SERIES_DAILY_ADJUSTED` with
 * `adjusted`), company overview → fundamentals and sector, and `NEWS_SENTIMENT` → news with
 * sentiment. Alpha Vantage reports errors and rate limits with HTTP 200; they are recognised and
 * thrown as typed errors. Quota-aware: requests are counted per minute and per UTC day and
 * refused before sending once the daily quota is used up; overviews are cached in process.
 */
export class AlphaVantageProvider
  implements MarketDataProvider, FundamentalsProvider, NewsProvider, SectorProvider
{
  readonly name: string;
  private readonly apiKey: string;
  private readonly adjusted: boolean;
  private readonly outputSize: 'compact' | 'full' | 'auto';
  private readonly overviewTtlMs: number;
  private readonly symbols: readonly SymbolInfo[];
  private readonly clock: Clock;
  private readonly client: HttpClient;
  private readonly limiter: RateLimiter | undefined;
  private readonly overviews = new Map<string, CachedOverview>();

  constructor(options: AlphaVantageProviderOptions = {}) {
    const apiKey =
      options.apiKey ?? (typeof process === 'undefined' ? undefined : process.env.ALPHA_VANTAGE_API_KEY);
    if (apiKey === undefined || apiKey.trim() === '') {
      throw new InvalidArgumentError(
        'apiKey',
        'no Alpha Vantage API key: pass { apiKey } or set ALPHA_VANTAGE_API_KEY (free keys: https://www.alphavantage.co/support/#api-key)',
      );
    }
    this.apiKey = apiKey.trim();
    this.name = options.name ?? 'alphavantage';
    this.clock = options.clock ?? systemClock;
    this.adjusted = options.adjusted ?? false;
    this.outputSize = options.outputSize ?? 'auto';
    this.overviewTtlMs = options.overviewTtlMs ?? DAY_MS;
    this.symbols = parseConfiguredSymbols(options.symbols);
    const given = options.rateLimit;
    this.limiter =
      given === false
        ? undefined
        : given instanceof RateLimiter
          ? given
          : new RateLimiter({ provider: this.name, clock: this.clock, ...ALPHA_VANTAGE_FREE_TIER, ...given });
    this.client = createHttpClient({
      ...options,
      provider: this.name,
      baseUrl: options.baseUrl ?? 'https://www.alphavantage.co',
      clock: this.clock,
      rateLimit: this.limiter ?? false,
    });
  }

  /** The configured symbols (see {@link AlphaVantageProviderOptions.symbols}). */
  async listSymbols(): Promise<SymbolInfo[]> {
    return this.symbols.map((info) => ({ ...info }));
  }

  /**
   * Daily bars, `from`/`to` inclusive (default: everything the chosen output size holds — the
   * latest 100 bars unless `from` asks for more).
   */
  async getBars(symbol: string, request: BarRequest = {}): Promise<ValidatedBarSeries> {
    assertSymbol(symbol);
    const { from, to } = request;
    if (from !== undefined && to !== undefined && from > to) {
      throw new InvalidArgumentError('request.from', `${from} is after request.to ${to}`);
    }
    const fn = this.adjusted ? 'TIME_SERIES_DAILY_ADJUSTED' : 'TIME_SERIES_DAILY';
    const body = await this.query(fn, symbol, { symbol, outputsize: this.chooseOutputSize(from) });
    const columns = this.adjusted
      ? adjustedSeriesToColumns(this.validate(adjustedDailySeriesSchema, body, symbol), symbol, this.name)
      : dailySeriesToColumns(this.validate(dailySeriesSchema, body, symbol), symbol, this.name);
    return sliceBarsByTime(validatedSeries(columns, this.name), from, to);
  }

  /** Fundamentals from the (cached) company overview; see `overviewToFundamentals` for the mapping. */
  async getFundamentals(symbol: string): Promise<Fundamentals> {
    const overview = await this.overview(symbol);
    const fundamentals = overviewToFundamentals(overview, symbol, this.name);
    return this.validate(fundamentalsSchema, fundamentals, symbol);
  }

  /** The GICS sector, from the configured symbols when listed there, else from the (cached) overview. */
  async getSector(symbol: string): Promise<string> {
    return sectorFromListOrFundamentals(this.name, this.symbols, symbol, () => this.getFundamentals(symbol));
  }

  /** Headlines with Alpha Vantage's sentiment score for the ticker, newest first. */
  async getNews(symbol: string, request: NewsRequest = {}): Promise<NewsItem[]> {
    assertSymbol(symbol);
    const { since, limit } = request;
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
      throw new InvalidArgumentError('request.limit', `must be a non-negative integer, got ${limit}`);
    }
    if (limit === 0) return [];
    const body = await this.query('NEWS_SENTIMENT', symbol, {
      tickers: symbol,
      sort: 'LATEST',
      limit: Math.min(limit ?? 50, 1000),
      time_from: since === undefined ? undefined : formatAlphaVantageTime(since),
    });
    const { feed } = this.validate(newsSentimentSchema, body, symbol);
    const items = this.validate(z.array(newsItemSchema), feedToNewsItems(feed, symbol, this.name), symbol);
    return items
      .filter((item) => since === undefined || item.publishedAt >= since)
      .sort((a, b) => b.publishedAt - a.publishedAt)
      .slice(0, limit);
  }

  /** Requests counted today against the daily quota, and the quota. */
  quotaUsage(): { today: number; dailyQuota: number } {
    const usage = this.limiter?.usage();
    return { today: usage?.today ?? 0, dailyQuota: usage?.dailyQuota ?? Number.POSITIVE_INFINITY };
  }

  private overview(symbol: string): Promise<Overview> {
    assertSymbol(symbol);
    const now = this.clock.now();
    const cached = this.overviews.get(symbol);
    if (cached && cached.expiresAt > now) return cached.value;
    const value = this.fetchOverview(symbol);
    const entry = { expiresAt: now + this.overviewTtlMs, value };
    this.overviews.set(symbol, entry);
    // Failures are not cached: the next call asks again.
    value.catch(() => {
      if (this.overviews.get(symbol) === entry) this.overviews.delete(symbol);
    });
    return value;
  }

  private async fetchOverview(symbol: string): Promise<Overview> {
    const body = await this.query('OVERVIEW', symbol, { symbol });
    // OVERVIEW answers an unknown symbol with an empty object.
    if (typeof body === 'object' && body !== null && Object.keys(body).length === 0) {
      throw new NotFoundError({
        provider: this.name,
        symbol,
        reason: 'unknown symbol (OVERVIEW returned {})',
      });
    }
    return this.validate(overviewSchema, body, symbol);
  }

  private chooseOutputSize(from: number | undefined): 'compact' | 'full' {
    if (this.outputSize !== 'auto') return this.outputSize;
    // Without `from` the compact series is the answer: full history is premium on some free keys.
    return from !== undefined && from < this.clock.now() - COMPACT_SPAN_MS ? 'full' : 'compact';
  }

  /** One call of `/query`: HTTP status, JSON, and the in-band error messages checked. */
  private async query(
    fn: string,
    symbol: string,
    params: Record<string, string | number | undefined>,
  ): Promise<unknown> {
    const context = { provider: this.name, symbol };
    const response = await this.client.get({
      path: '/query',
      searchParams: { function: fn, ...params, apikey: this.apiKey },
      symbol,
    });
    if (!response.ok) throw unexpectedStatusError(response, context);
    const body = parseJsonBody(response.body, z.unknown(), context);
    const verdict = classifyApiMessage(body, {
      ...context,
      fn,
      apiKey: this.apiKey,
      msUntilMidnightUtc: DAY_MS - (this.clock.now() % DAY_MS),
    });
    if (verdict === undefined) return body;
    // The server's count wins over ours (another process may share the key).
    if (verdict.kind === 'rate-limited' && verdict.daily) this.limiter?.exhaustDailyQuota();
    throw verdict.error;
  }

  private validate<S extends z.ZodType>(schema: S, value: unknown, symbol: string): z.output<S> {
    return validateWith(schema, value, { provider: this.name, symbol });
  }
}
