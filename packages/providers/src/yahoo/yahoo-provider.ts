import {
  type BarRequest,
  type Fundamentals,
  type FundamentalsProvider,
  fundamentalsSchema,
  InvalidArgumentError,
  type MarketDataProvider,
  type SectorProvider,
  type SymbolInfo,
  sliceBarsByTime,
  symbolSchema,
  type ValidatedBarSeries,
} from '@da-ki/sdk';
import { InvalidResponseError, NotFoundError, ProviderError } from '../errors/index.js';
import { type Clock, systemClock } from '../http/clock.js';
import { parseConfiguredSymbols, sectorFromListOrFundamentals } from '../http/configured-symbols.js';
import { toGicsSector } from '../http/gics-sector.js';
import {
  createHttpClient,
  type HttpClient,
  type HttpProviderOptions,
  type HttpRequest,
  type HttpResponse,
} from '../http/http-client.js';
import { parseJsonBody, unexpectedStatusError } from '../http/parse-response.js';
import { RateLimiter, type RateLimiterOptions } from '../http/rate-limiter.js';
import { assertSymbol } from '../http/symbol.js';
import { validatedSeries } from '../http/validated-bars.js';
import { chartToColumns } from './chart-bars.js';
import { YahooExchangeRates } from './exchange-rates.js';
import { QUOTE_SUMMARY_MODULES, quoteSummaryToFundamentals, summaryCurrencies } from './quote-summary.js';
import { chartResponseSchema, quoteSummaryResponseSchema, searchResponseSchema } from './yahoo-schemas.js';
import { type YahooCredentials, YahooSession } from './yahoo-session.js';

const DAY_S = 86_400;
/** The bar size the provider asks Yahoo for. */
const DAILY = '1d';

/** Options of {@link YahooFinanceProvider}. */
export interface YahooFinanceProviderOptions extends HttpProviderOptions {
  /** API host. Default `https://query2.finance.yahoo.com`. */
  baseUrl?: string;
  /** Where the consent cookie of the crumb handshake comes from. Default `https://fc.yahoo.com`. */
  cookieUrl?: string;
  /**
   * Return split- and dividend-adjusted bars (OHLC scaled by Yahoo's adjclose / close, volume
   * split-adjusted as Yahoo reports it). Default `false`: prices and volume as traded, rebuilt from
   * the chart's split events, like the CSV and Alpha Vantage providers by default.
   */
  adjusted?: boolean;
  /**
   * What {@link YahooFinanceProvider.listSymbols} returns. Yahoo has no endpoint that lists a
   * universe, so the list is yours to give (default empty); {@link YahooFinanceProvider.search}
   * helps to build it.
   */
  symbols?: readonly SymbolInfo[];
  /** Provider name in errors and as `source` of the data. Default `yahoo`. */
  name?: string;
  /** Limits merged over the default `{ maxInFlight: 4 }`, a shared `RateLimiter`, or `false`. */
  rateLimit?: RateLimiter | RateLimiterOptions | false;
}

/** One match of {@link YahooFinanceProvider.search}. */
export interface SymbolSearchResult {
  symbol: string;
  /** Long name when Yahoo has one, else the short name, else the symbol. */
  name: string;
  /** Exchange code, e.g. `NMS` (Nasdaq), `NYQ` (NYSE). */
  exchange?: string;
  /** Yahoo's quote type: `EQUITY`, `ETF`, `INDEX`, `MUTUALFUND`, ... */
  type?: string;
  /** GICS sector, when Yahoo reports one that maps. */
  sector?: string;
}

/** Options of {@link YahooFinanceProvider.search}. */
export interface SymbolSearchOptions {
  /** Most matches to return. Default 10. */
  limit?: number;
}

/**
 * Yahoo Finance's unofficial JSON API: daily bars from the chart endpoint, fundamentals from the
 * quote summary modules (behind the cookie/crumb handshake), sectors, and symbol search. Every
 * response is validated with zod and `validateBars`; failures are typed provider errors naming
 * the symbol. At most 4 requests are in flight by default; retries, the rate limiter and the
 * circuit breaker are those of {@link createHttpClient}.
 */
export class YahooFinanceProvider implements MarketDataProvider, FundamentalsProvider, SectorProvider {
  readonly name: string;
  private readonly client: HttpClient;
  private readonly session: YahooSession;
  private readonly adjusted: boolean;
  private readonly symbols: readonly SymbolInfo[];
  private readonly clock: Clock;
  private readonly rates: YahooExchangeRates;

  constructor(options: YahooFinanceProviderOptions = {}) {
    this.name = options.name ?? 'yahoo';
    this.clock = options.clock ?? systemClock;
    this.adjusted = options.adjusted ?? false;
    this.symbols = parseConfiguredSymbols(options.symbols);
    this.client = createHttpClient({
      ...options,
      provider: this.name,
      baseUrl: options.baseUrl ?? 'https://query2.finance.yahoo.com',
      clock: this.clock,
      // Yahoo answers 429 to clients without a browser-like User-Agent.
      headers: { 'user-agent': 'Mozilla/5.0 (compatible; DA-KI)', ...options.headers },
      rateLimit:
        options.rateLimit === false || options.rateLimit instanceof RateLimiter
          ? options.rateLimit
          : { maxInFlight: 4, ...options.rateLimit },
    });
    this.session = new YahooSession(this.client, options.cookieUrl ?? 'https://fc.yahoo.com');
    this.rates = new YahooExchangeRates(this.name, this.clock, (pair) =>
      this.send(
        {
          path: `/v8/finance/chart/${encodeURIComponent(pair)}`,
          searchParams: { interval: DAILY, range: '5d' },
          symbol: pair,
        },
        false,
      ),
    );
  }

  /** The configured symbols (see {@link YahooFinanceProviderOptions.symbols}). */
  async listSymbols(): Promise<SymbolInfo[]> {
    return this.symbols.map((info) => ({ ...info }));
  }

  /**
   * Daily bars from `/v8/finance/chart/{symbol}`, `from`/`to` inclusive (default: all history up
   * to now), each on its trading date in the exchange's time zone. Rows Yahoo reports with `null`
   * prices are dropped. As traded by default (Yahoo's split-adjusted closes multiplied back by the
   * splits after them), split- and dividend-adjusted with `adjusted: true`. Prices are in the unit
   * the exchange quotes (`GBp` for London); an answer of another bar size than daily is an
   * {@link InvalidResponseError}.
   */
  async getBars(symbol: string, request: BarRequest = {}): Promise<ValidatedBarSeries> {
    assertSymbol(symbol);
    const now = this.clock.now();
    const to = request.to ?? now;
    const from = request.from ?? 0;
    if (from > to) throw new InvalidArgumentError('request.from', `${from} is after request.to ${to}`);
    const response = await this.send(
      {
        path: `/v8/finance/chart/${encodeURIComponent(symbol)}`,
        searchParams: {
          interval: DAILY,
          period1: Math.floor(from / 1000),
          // Up to today whatever `to` is: Yahoo's closes are split-adjusted as of today, and only a
          // range reaching today lists every split that must be undone. period2 is exclusive: one
          // day past keeps the last bar.
          period2: Math.floor(Math.max(to, now) / 1000) + DAY_S,
          events: 'div,split',
          includeAdjustedClose: 'true',
        },
        symbol,
      },
      false,
    );
    const context = { provider: this.name, symbol };
    if (response.status !== 200 && response.status !== 404) throw unexpectedStatusError(response, context);
    const { chart } = parseJsonBody(response.body, chartResponseSchema, context);
    if (chart.error) throw this.yahooError(chart.error, symbol);
    const result = chart.result?.[0];
    if (result === undefined) {
      if (response.status === 404) throw unexpectedStatusError(response, context);
      throw new InvalidResponseError({
        ...context,
        path: ['chart', 'result'],
        reason: 'no result and no error',
      });
    }
    const columns = chartToColumns(result, {
      symbol,
      provider: this.name,
      interval: DAILY,
      adjusted: this.adjusted,
    });
    return sliceBarsByTime(validatedSeries(columns, this.name), from, to);
  }

  /**
   * Fundamentals from `/v10/finance/quoteSummary/{symbol}` (needs the crumb handshake), money in
   * one currency: `currency` is the price's major unit (GBP for a quote in GBp). A foreign filer's
   * statements (BABA: CNY) are converted with Yahoo's own `<FROM><TO>=X` rate, fetched once a day
   * per pair; without a rate they stay in `financialCurrency` and the mixed ratios are left out
   * (`currencyNote` says why). See {@link quoteSummaryToFundamentals} for each field.
   */
  async getFundamentals(symbol: string): Promise<Fundamentals> {
    assertSymbol(symbol);
    const response = await this.send(
      {
        path: `/v10/finance/quoteSummary/${encodeURIComponent(symbol)}`,
        searchParams: { modules: QUOTE_SUMMARY_MODULES, formatted: 'true' },
        symbol,
      },
      true,
    );
    const context = { provider: this.name, symbol };
    if (response.status !== 200 && response.status !== 404) throw unexpectedStatusError(response, context);
    const { quoteSummary } = parseJsonBody(response.body, quoteSummaryResponseSchema, context);
    if (quoteSummary.error) throw this.yahooError(quoteSummary.error, symbol);
    const summary = quoteSummary.result?.[0];
    if (summary === undefined) throw new NotFoundError({ ...context, reason: 'no quote summary' });
    const { price, financial } = summaryCurrencies(summary);
    const rate =
      price !== undefined && financial !== undefined && price.currency !== financial.currency
        ? await this.rates.rate(financial.currency, price.currency)
        : undefined;
    const fundamentals = quoteSummaryToFundamentals(summary, symbol, this.name, rate);
    const checked = fundamentalsSchema.safeParse(fundamentals);
    if (!checked.success) throw InvalidResponseError.fromZodError(checked.error, context);
    return checked.data;
  }

  /** The GICS sector: from the configured symbols when listed there, else from the asset profile. */
  async getSector(symbol: string): Promise<string> {
    return sectorFromListOrFundamentals(this.name, this.symbols, symbol, () => this.getFundamentals(symbol));
  }

  /** Symbols matching `query` (a ticker or company name) from `/v1/finance/search`, best first. */
  async search(query: string, options: SymbolSearchOptions = {}): Promise<SymbolSearchResult[]> {
    if (query.trim() === '') throw new InvalidArgumentError('query', 'must not be empty');
    const limit = options.limit ?? 10;
    if (!Number.isInteger(limit) || limit < 1)
      throw new InvalidArgumentError('limit', `must be an integer >= 1`);
    const response = await this.send(
      {
        path: '/v1/finance/search',
        searchParams: {
          q: query,
          quotesCount: limit,
          newsCount: 0,
          listsCount: 0,
          enableFuzzyQuery: 'false',
        },
      },
      false,
    );
    const context = { provider: this.name };
    if (response.status !== 200) throw unexpectedStatusError(response, context);
    const { quotes } = parseJsonBody(response.body, searchResponseSchema, context);
    const results: SymbolSearchResult[] = [];
    for (const quote of quotes) {
      // Entries without a symbol the SDK accepts (none seen so far) could not be used anyway.
      if (quote.symbol === undefined || !symbolSchema.safeParse(quote.symbol).success) continue;
      const sector = toGicsSector(quote.sector ?? undefined, quote.industry ?? undefined);
      results.push({
        symbol: quote.symbol,
        name: quote.longname || quote.shortname || quote.symbol,
        ...(quote.exchange ? { exchange: quote.exchange } : {}),
        ...(quote.quoteType ? { type: quote.quoteType } : {}),
        ...(sector ? { sector } : {}),
      });
    }
    return results.slice(0, limit);
  }

  /**
   * Sends a request with the session's cookie and crumb when `needsCrumb` (or once a session
   * exists), and on HTTP 401 performs the handshake again and retries once.
   */
  private async send(request: HttpRequest, needsCrumb: boolean): Promise<HttpResponse> {
    const withCredentials = (credentials: YahooCredentials | undefined): HttpRequest =>
      credentials === undefined
        ? request
        : {
            ...request,
            searchParams: { ...request.searchParams, crumb: credentials.crumb },
            headers: { ...request.headers, cookie: credentials.cookie },
          };
    const credentials =
      needsCrumb || this.session.started ? await this.session.credentials(request.symbol) : undefined;
    const response = await this.client.get(withCredentials(credentials));
    if (response.status !== 401) return response;
    const renewed =
      credentials === undefined
        ? await this.session.credentials(request.symbol)
        : await this.session.refresh(credentials, request.symbol);
    const retried = await this.client.get(withCredentials(renewed));
    if (retried.status === 401) {
      throw new ProviderError(`HTTP 401 from ${retried.url} even after a new crumb handshake`, {
        provider: this.name,
        symbol: request.symbol,
      });
    }
    return retried;
  }

  private yahooError(error: { code: string; description?: string | null }, symbol: string): ProviderError {
    const reason = error.description ? `${error.code}: ${error.description}` : error.code;
    const context = { provider: this.name, symbol, reason };
    return error.code === 'Not Found' ? new NotFoundError(context) : new ProviderError(reason, context);
  }
}
