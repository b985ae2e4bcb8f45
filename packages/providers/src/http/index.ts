/**
 * `@da-ki/providers/http` — the machinery of the built-in HTTP providers, for writing your own:
 * one client with retries, rate limit, circuit breaker and timeouts, response parsing that fails
 * with typed provider errors, and bar validation at the boundary.
 */
export {
  type BreakerTicket,
  CircuitBreaker,
  type CircuitBreakerOptions,
  CircuitOpenError,
  type CircuitState,
} from './circuit-breaker.js';
export type { Clock } from './clock.js';
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
export type { RetryOptions } from './retry-policy.js';
export { validatedSeries } from './validated-bars.js';
