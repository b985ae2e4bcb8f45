export { scaleToAdjustedClose } from './adjusted-bars.js';
export {
  type BreakerTicket,
  CircuitBreaker,
  type CircuitBreakerOptions,
  CircuitOpenError,
  type CircuitState,
} from './circuit-breaker.js';
export { type Clock, systemClock } from './clock.js';
export * from './configured-symbols.js';
export { type CurrencyUnit, currencyUnit } from './currency-units.js';
export { toGicsSector } from './gics-sector.js';
export {
  createHttpClient,
  type HttpClient,
  type HttpClientOptions,
  type HttpProviderOptions,
  type HttpRequest,
  type HttpResponse,
  type RetryEvent,
} from './http-client.js';
export { isNetworkError } from './network-error.js';
export { parseJsonBody, unexpectedStatusError, validateWith } from './parse-response.js';
export {
  RateLimiter,
  type RateLimiterOptions,
  type RateLimiterUsage,
  type ReleaseSlot,
} from './rate-limiter.js';
export { backoffDelay, parseRetryAfter, type RetryOptions, type RetryPolicy } from './retry-policy.js';
export { validatedSeries } from './validated-bars.js';
