/**
 * @packageDocumentation
 * `@da-ki/providers` — data sources for DA-KI (synthetic, data folder, CSV, Yahoo Finance, Alpha
 * Vantage, RSS), resilience for HTTP providers (retries, rate limits, circuit breaker, fallback)
 * and storage adapters (Redis cache store).
 *
 * The toolkit for writing an HTTP provider of your own (`createHttpClient`, `parseJsonBody`,
 * `unexpectedStatusError`, `validatedSeries`) is the subpath `@da-ki/providers/http`; the root
 * exports what the built-in providers' options name (limiter, breaker, clock, retry options).
 */
export {
  ALPHA_VANTAGE_FREE_TIER,
  AlphaVantageProvider,
  type AlphaVantageProviderOptions,
} from './alphavantage/index.js';
export {
  CsvFormatError,
  type CsvLocation,
  CsvProvider,
  type CsvProviderOptions,
  type CsvReadReport,
  type CsvReadResult,
} from './csv/index.js';
export {
  InvalidResponseError,
  type InvalidResponseErrorOptions,
  NotFoundError,
  ProviderError,
  type ProviderErrorContext,
  type ProviderErrorOptions,
  ProviderUnavailableError,
  RateLimitedError,
  type RateLimitedErrorOptions,
  type SchemaIssueSource,
} from './errors/index.js';
export {
  type FallbackEvent,
  type FallbackMember,
  type FallbackMethod,
  FallbackProvider,
  type FallbackProviderOptions,
  isFallbackError,
} from './fallback/index.js';
export {
  type DataFolderContent,
  type DataIssue,
  type DataIssueCode,
  type DataReport,
  type DataStatus,
  type FileReport,
  type FolderConfig,
  FolderProvider,
  type FolderProviderOptions,
  type FolderSymbolInfo,
  FULL_HISTORY_BARS,
  MIN_SCORABLE_BARS,
  STALE_TRADING_DAYS,
  type SymbolReport,
  writeDataFolder,
} from './folder/index.js';
export {
  type BreakerTicket,
  CircuitBreaker,
  type CircuitBreakerOptions,
  CircuitOpenError,
  type CircuitState,
  type Clock,
  type HttpProviderOptions,
  RateLimiter,
  type RateLimiterOptions,
  type RateLimiterUsage,
  type ReleaseSlot,
  type RetryEvent,
  type RetryOptions,
} from './http/index.js';
export { RedisCacheStore, type RedisCacheStoreOptions } from './redis/index.js';
export { RssNewsProvider, type RssNewsProviderOptions, YAHOO_HEADLINE_FEED } from './rss/index.js';
export {
  nyseHolidays,
  SYNTHETIC_DEFAULTS,
  SyntheticMarketProvider,
  type SyntheticMarketProviderOptions,
} from './synthetic/index.js';
export {
  type SymbolSearchOptions,
  type SymbolSearchResult,
  YahooFinanceProvider,
  type YahooFinanceProviderOptions,
} from './yahoo/index.js';
