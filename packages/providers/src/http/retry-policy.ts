import { InvalidArgumentError } from '@da-ki/sdk';

/** How a failed request is retried. Every field has a default. */
export interface RetryOptions {
  /** Attempts in total, the first included (1 = no retry). Default 3. */
  maxAttempts?: number;
  /** Back-off base: the cap of the first retry's delay, doubled per retry. Default 500 ms. */
  baseDelayMs?: number;
  /** Upper bound of a back-off delay. Default 30 s. */
  maxDelayMs?: number;
  /**
   * Longest `Retry-After` the client waits out itself. A server asking for longer gets no retry:
   * the request fails at once with a `RateLimitedError` (or `ProviderUnavailableError`) carrying
   * `retryAfterMs`, so the caller decides. Default 60 s.
   */
  maxRetryAfterMs?: number;
  /** Source of randomness for the jitter, in [0, 1). Default `Math.random`. */
  random?: () => number;
}

/** {@link RetryOptions} with every default filled in. */
export type RetryPolicy = Required<RetryOptions>;

/** Fills in the defaults of {@link RetryOptions}; `false` means a single attempt. */
export function resolveRetryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  const given = options === false ? { maxAttempts: 1 } : (options ?? {});
  const policy: RetryPolicy = {
    maxAttempts: given.maxAttempts ?? 3,
    baseDelayMs: given.baseDelayMs ?? 500,
    maxDelayMs: given.maxDelayMs ?? 30_000,
    maxRetryAfterMs: given.maxRetryAfterMs ?? 60_000,
    random: given.random ?? Math.random,
  };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new InvalidArgumentError('retry.maxAttempts', `must be an integer >= 1, got ${policy.maxAttempts}`);
  }
  for (const key of ['baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs'] as const) {
    if (!(policy[key] >= 0))
      throw new InvalidArgumentError(`retry.${key}`, `must be >= 0, got ${policy[key]}`);
  }
  return policy;
}

/**
 * Delay before retry number `retry` (1 for the first retry): exponential back-off with full
 * jitter, a uniform draw from [0, min(maxDelay, base * 2^(retry-1))). Full jitter spreads the
 * retries of many clients that failed together (AWS Architecture Blog, "Exponential Backoff and
 * Jitter", 2015), which a fixed or "equal" jitter does not.
 */
export function backoffDelay(retry: number, policy: RetryPolicy): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(policy.random() * cap);
}

/**
 * Milliseconds to wait according to a `Retry-After` header (RFC 9110 §10.2.3): either
 * delay-seconds or an HTTP date. `undefined` when the header is absent or unreadable; a date in
 * the past gives 0.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP date always names its month and zone ("Fri, 17 May 2024 12:00:30 GMT"); bare numbers
  // such as "-5" are not dates, although Date.parse would read them as years.
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
