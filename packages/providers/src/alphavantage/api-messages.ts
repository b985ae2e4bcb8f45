import { NotFoundError, ProviderError, RateLimitedError } from '../errors/index.js';

/** What to do about a message Alpha Vantage returned with HTTP 200 instead of data. */
export type ApiMessageVerdict =
  | { kind: 'rate-limited'; error: RateLimitedError; daily: boolean }
  | { kind: 'error'; error: ProviderError };

/** Context of {@link classifyApiMessage}. */
export interface ApiMessageContext {
  provider: string;
  symbol?: string;
  /** The API function called, e.g. `TIME_SERIES_DAILY`. */
  fn: string;
  /** The key, removed from messages (Alpha Vantage echoes it: "We have detected your API key as ..."). */
  apiKey: string;
  /** Milliseconds until 00:00 UTC, for the daily limit's `retryAfterMs`. */
  msUntilMidnightUtc: number;
}

/**
 * Recognises Alpha Vantage's in-band errors, which arrive with HTTP 200 as a lone `Note`,
 * `Information` or `Error Message` field, and turns them into typed errors:
 * - rate limits ("standard API rate limit is 25 requests per day", "5 calls per minute", "Burst
 *   pattern detected") → {@link RateLimitedError} with the wait (to midnight UTC for the daily limit);
 * - "Invalid API call" (unknown symbol) and "Invalid inputs" (unknown ticker for news) →
 *   {@link NotFoundError};
 * - premium-only functions and parameters → {@link ProviderError} saying which option avoids them;
 * - a rejected API key, and anything else → {@link ProviderError} quoting the message.
 * Returns `undefined` when `body` is not such a message.
 */
export function classifyApiMessage(body: unknown, context: ApiMessageContext): ApiMessageVerdict | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const fields = body as Record<string, unknown>;
  const raw = fields['Error Message'] ?? fields.Note ?? fields.Information;
  if (typeof raw !== 'string') return undefined;
  const message = context.apiKey === '' ? raw : raw.split(context.apiKey).join('***');
  const base = { provider: context.provider, symbol: context.symbol };
  const quoted = `Alpha Vantage says: "${message}"`;

  if (typeof fields['Error Message'] === 'string') {
    if (/api ?key/i.test(message)) {
      return { kind: 'error', error: new ProviderError(`API key rejected. ${quoted}`, base) };
    }
    if (/invalid api call/i.test(message)) {
      return {
        kind: 'error',
        error: new NotFoundError({ ...base, reason: `unknown symbol for ${context.fn}. ${quoted}` }),
      };
    }
    return { kind: 'error', error: new ProviderError(quoted, base) };
  }
  if (
    /rate limit|call frequency|calls? per (minute|day)|requests? per (minute|day)|burst pattern/i.test(
      message,
    )
  ) {
    const burst = /burst pattern/i.test(message);
    const daily = !burst && /per day/i.test(message) && !/per minute/i.test(message);
    const retryAfterMs = burst ? 1000 : daily ? context.msUntilMidnightUtc : 60_000;
    const reason = daily
      ? `daily request limit reached; resets at 00:00 UTC. ${quoted}`
      : `rate limited. ${quoted}`;
    return { kind: 'rate-limited', daily, error: new RateLimitedError({ ...base, reason, retryAfterMs }) };
  }
  if (/premium/i.test(message)) {
    const hint =
      context.fn === 'TIME_SERIES_DAILY_ADJUSTED'
        ? 'the adjusted series needs a premium key: use { adjusted: false }'
        : /outputsize/i.test(message)
          ? "outputsize=full needs a premium key: use { outputSize: 'compact' }"
          : `${context.fn} needs a premium key`;
    return { kind: 'error', error: new ProviderError(`premium feature: ${hint}. ${quoted}`, base) };
  }
  if (/invalid inputs/i.test(message)) {
    return {
      kind: 'error',
      error: new NotFoundError({ ...base, reason: `unknown symbol for ${context.fn}. ${quoted}` }),
    };
  }
  return { kind: 'error', error: new ProviderError(quoted, base) };
}
