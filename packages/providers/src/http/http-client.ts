import type { KyInstance } from 'ky';
import { ProviderUnavailableError, RateLimitedError } from '../errors/index.js';
import { type BreakerTicket, CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker.js';
import { type Clock, systemClock } from './clock.js';
import { isNetworkError } from './network-error.js';
import { RateLimiter, type RateLimiterOptions } from './rate-limiter.js';
import { backoffDelay, parseRetryAfter, type RetryOptions, resolveRetryPolicy } from './retry-policy.js';

/**
 * Options every HTTP provider takes, so that tests, proxies and mirrors can point it elsewhere and
 * operators can tune the resilience layer.
 */
export interface HttpProviderOptions {
  /** Base URL of the API (scheme, host and optional path prefix). */
  baseUrl?: string;
  /** Per-attempt timeout in milliseconds, covering the response headers and body. Default 10 000. */
  timeout?: number;
  /** Extra headers sent with every request (e.g. `User-Agent`). */
  headers?: Record<string, string>;
  /** `fetch` implementation (a proxy agent, a test double). Default: the global `fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Retry policy, or `false` for a single attempt. */
  retry?: RetryOptions | false;
  /** A shared limiter, limits for a new one, or `false` for none. Defaults depend on the provider. */
  rateLimit?: RateLimiter | RateLimiterOptions | false;
  /** A shared breaker, settings for a new one, or `false` for none. */
  circuitBreaker?: CircuitBreaker | CircuitBreakerOptions | false;
  /** Time source for back-off, `Retry-After`, rate limiting and the breaker (tests pass a virtual clock). */
  clock?: Clock;
}

/** Options of {@link createHttpClient}. */
export interface HttpClientOptions extends HttpProviderOptions {
  /** Provider name, used in every error. */
  provider: string;
  /** Called before each retry; for logs and tests. */
  onRetry?: (event: RetryEvent) => void;
}

/** What {@link HttpClientOptions.onRetry} is told. */
export interface RetryEvent {
  /** The attempt that failed (1 for the first). */
  attempt: number;
  /** How long the client waits before the next attempt. */
  delayMs: number;
  /** Whether the delay came from the server's `Retry-After`. */
  fromRetryAfter: boolean;
  /** The failure of that attempt. */
  error: RateLimitedError | ProviderUnavailableError;
}

/** One GET request. */
export interface HttpRequest {
  /** Path below `baseUrl` (`/v8/finance/chart/MSFT`) or an absolute `http(s)://` URL. */
  path: string;
  /** Query parameters; `undefined` values are left out. */
  searchParams?: Record<string, string | number | undefined>;
  /** Headers for this request only. */
  headers?: Record<string, string>;
  /** Symbol the request is about, for the errors. */
  symbol?: string;
}

/** A response whose body has been read: any status except 429 and 5xx, which the client handles. */
export interface HttpResponse {
  status: number;
  ok: boolean;
  headers: Headers;
  body: string;
  /** The URL requested, without its query string (which may hold an API key). */
  url: string;
}

/** GET with timeouts, retries, rate limiting and a circuit breaker; see {@link createHttpClient}. */
export interface HttpClient {
  readonly provider: string;
  /** The limiter every attempt passes, if any. */
  readonly rateLimiter: RateLimiter | undefined;
  /** The breaker every attempt passes, if any. */
  readonly circuitBreaker: CircuitBreaker | undefined;
  /** Sends a GET; see {@link createHttpClient} for what is retried and what is thrown. */
  get(request: HttpRequest): Promise<HttpResponse>;
}

type AttemptOutcome =
  | { kind: 'response'; response: HttpResponse }
  | { kind: 'failure'; error: RateLimitedError | ProviderUnavailableError; retryAfterMs: number | undefined };

/**
 * Creates the HTTP client the providers share, over `ky` with ky's own retry and timeout turned
 * off: retries are owned here so that the rate limiter and the circuit breaker see every attempt
 * (ky would retry behind their backs), and the timeout covers the body as well as the headers
 * (ky's stops at the headers).
 *
 * Per attempt: breaker check → rate-limiter slot → request with timeout → body read. HTTP 429,
 * 5xx, network errors and timeouts are retried up to `retry.maxAttempts` with exponential back-off
 * and full jitter, or after the server's `Retry-After` (seconds or HTTP date) when it sends one
 * and it is at most `retry.maxRetryAfterMs`. When retries run out, 429 becomes a
 * `RateLimitedError` and the rest a `ProviderUnavailableError`; an open circuit throws
 * `CircuitOpenError` (a `ProviderUnavailableError`) without retrying; a refused rate-limiter slot
 * throws its `RateLimitedError` without sending. Every other status is returned for the provider to
 * interpret (Yahoo's 404 carries a JSON error, Alpha Vantage reports errors with 200).
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const provider = options.provider;
  const clock = options.clock ?? systemClock;
  const policy = resolveRetryPolicy(options.retry);
  const timeoutMs = options.timeout ?? 10_000;
  const baseUrl = options.baseUrl ?? '';
  const rateLimiter =
    options.rateLimit === false || options.rateLimit === undefined
      ? undefined
      : options.rateLimit instanceof RateLimiter
        ? options.rateLimit
        : new RateLimiter({ provider, clock, ...options.rateLimit });
  const circuitBreaker =
    options.circuitBreaker === false
      ? undefined
      : options.circuitBreaker instanceof CircuitBreaker
        ? options.circuitBreaker
        : new CircuitBreaker({ provider, clock, ...options.circuitBreaker });
  // ky is imported on the first request, not when the package is (it is ESM-only and costs start-up
  // time in programs that never make a request, such as the command line on a data folder).
  let api: Promise<KyInstance> | undefined;
  const kyClient = (): Promise<KyInstance> =>
    (api ??= import('ky').then(({ default: ky }) =>
      ky.create({
        headers: options.headers,
        fetch: options.fetch,
        retry: 0,
        timeout: false,
        throwHttpErrors: false,
      }),
    ));

  async function attempt(url: URL, request: HttpRequest): Promise<AttemptOutcome> {
    const client = await kyClient();
    const ticket: BreakerTicket | undefined = circuitBreaker?.enter(request.symbol);
    let release: (() => void) | undefined;
    try {
      release = await rateLimiter?.acquire(request.symbol);
    } catch (error) {
      ticket?.abandon();
      throw error;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const where = `GET ${url.origin}${url.pathname}`;
    try {
      const raw = await client.get(url, { headers: request.headers, signal: controller.signal });
      const body = await raw.text();
      const response: HttpResponse = {
        status: raw.status,
        ok: raw.ok,
        headers: raw.headers,
        body,
        url: `${url.origin}${url.pathname}`,
      };
      const retryAfterMs = parseRetryAfter(raw.headers.get('retry-after'), clock.now());
      if (raw.status === 429) {
        ticket?.success(); // the server is up and answering, only busy: not a breaker failure
        const reason = `HTTP 429 Too Many Requests from ${where}`;
        const error = new RateLimitedError({ provider, symbol: request.symbol, reason, retryAfterMs });
        return { kind: 'failure', error, retryAfterMs };
      }
      if (raw.status >= 500) {
        ticket?.failure();
        const later = retryAfterMs === undefined ? '' : `, Retry-After ${retryAfterMs} ms`;
        const reason = `HTTP ${raw.status} from ${where}${later}`;
        const error = new ProviderUnavailableError({ provider, symbol: request.symbol, reason });
        return { kind: 'failure', error, retryAfterMs };
      }
      ticket?.success();
      return { kind: 'response', response };
    } catch (cause) {
      const timedOut = controller.signal.aborted;
      if (!timedOut && !isNetworkError(cause)) {
        ticket?.abandon();
        throw cause;
      }
      ticket?.failure();
      const reason = timedOut
        ? `timed out after ${timeoutMs} ms: ${where}`
        : `network error on ${where}: ${describe(cause)}`;
      const error = new ProviderUnavailableError({ provider, symbol: request.symbol, reason, cause });
      return { kind: 'failure', error, retryAfterMs: undefined };
    } finally {
      clearTimeout(timer);
      release?.();
    }
  }

  return {
    provider,
    rateLimiter,
    circuitBreaker,
    async get(request) {
      const url = buildUrl(baseUrl, request);
      for (let attemptNumber = 1; ; attemptNumber++) {
        const outcome = await attempt(url, request);
        if (outcome.kind === 'response') return outcome.response;
        const { error, retryAfterMs } = outcome;
        const tooLong = retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs;
        if (attemptNumber >= policy.maxAttempts || tooLong) throw error;
        const delayMs = retryAfterMs ?? backoffDelay(attemptNumber, policy);
        options.onRetry?.({
          attempt: attemptNumber,
          delayMs,
          fromRetryAfter: retryAfterMs !== undefined,
          error,
        });
        await clock.sleep(delayMs);
      }
    },
  };
}

/** Joins `baseUrl` and a relative path (keeping any path prefix of the base); absolute URLs pass. */
export function buildUrl(baseUrl: string, request: Pick<HttpRequest, 'path' | 'searchParams'>): URL {
  const absolute = /^https?:\/\//i.test(request.path);
  const url = new URL(
    absolute ? request.path : `${baseUrl.replace(/\/+$/, '')}/${request.path.replace(/^\/+/, '')}`,
  );
  for (const [key, value] of Object.entries(request.searchParams ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
