import { DaKiError } from '@da-ki/sdk';

/** Who failed and about what: every provider error names its provider, and the symbol when known. */
export interface ProviderErrorContext {
  /** Name of the provider (its `name`, e.g. `yahoo`, `alphavantage`, `csv`, `synthetic`). */
  provider: string;
  /** The symbol the request was about, when there was one. */
  symbol?: string;
  /** The underlying error (HTTP error, parse error, zod error, ...). */
  cause?: unknown;
}

/** Context plus an optional text that replaces the subclass's default reason. */
export interface ProviderErrorOptions extends ProviderErrorContext {
  /** What went wrong, in words; each subclass has a default. */
  reason?: string;
}

/**
 * Base class of every error a data provider throws on purpose. Catch it to handle any provider
 * failure; catch a subclass to handle one kind. `retryable` tells retry and fallback layers
 * whether asking again (later, or elsewhere) can help.
 */
export class ProviderError extends DaKiError {
  override name = 'ProviderError';
  /** Name of the provider that failed. */
  readonly provider: string;
  /** The symbol the request was about, if any. */
  readonly symbol: string | undefined;
  /** Whether the same request may succeed when retried later. */
  readonly retryable: boolean = false;

  constructor(reason: string, context: ProviderErrorContext) {
    super(formatMessage(reason, context), context.cause === undefined ? undefined : { cause: context.cause });
    this.provider = context.provider;
    this.symbol = context.symbol;
  }
}

/** The provider does not know the symbol (or has no data for it). Not retryable. */
export class NotFoundError extends ProviderError {
  override name = 'NotFoundError';

  constructor(options: ProviderErrorOptions) {
    super(options.reason ?? 'unknown symbol', options);
  }
}

/** Options of {@link RateLimitedError}. */
export interface RateLimitedErrorOptions extends ProviderErrorOptions {
  /** How long the provider asked us to wait (e.g. from `Retry-After`), in milliseconds. */
  retryAfterMs?: number;
}

/**
 * The provider refused because of a rate limit or quota (HTTP 429, Alpha Vantage's "Note" /
 * "Information" messages, a local quota counter). Retryable after `retryAfterMs` when given.
 */
export class RateLimitedError extends ProviderError {
  override name = 'RateLimitedError';
  override readonly retryable = true;
  /** How long to wait before asking again, in milliseconds, when the provider said so. */
  readonly retryAfterMs: number | undefined;

  constructor(options: RateLimitedErrorOptions) {
    const wait = options.retryAfterMs === undefined ? '' : `, retry after ${options.retryAfterMs} ms`;
    super(`${options.reason ?? 'rate limited'}${wait}`, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * The provider could not be reached or failed on its side: network error, timeout, HTTP 5xx, an
 * open circuit breaker, a missing data folder. Retryable.
 */
export class ProviderUnavailableError extends ProviderError {
  override name = 'ProviderUnavailableError';
  override readonly retryable = true;

  constructor(options: ProviderErrorOptions) {
    super(options.reason ?? 'provider unavailable', options);
  }
}

/** Minimal shape of a zod error, so this module does not depend on zod itself. */
export interface SchemaIssueSource {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}

/** Options of {@link InvalidResponseError}. */
export interface InvalidResponseErrorOptions extends ProviderErrorOptions {
  /** Path of the offending value inside the response (a zod issue path), e.g. `['chart', 'result', 0]`. */
  path?: readonly PropertyKey[];
}

/**
 * The provider answered, but with data that failed validation (zod schema, `validateBars`,
 * malformed JSON/CSV/XML). Not retryable: the same answer would come back. `path` locates the
 * bad value in the response.
 */
export class InvalidResponseError extends ProviderError {
  override name = 'InvalidResponseError';
  /** Path of the offending value in the response; empty when not known. */
  readonly path: readonly (string | number)[];

  constructor(options: InvalidResponseErrorOptions) {
    const path = (options.path ?? []).map((key) => (typeof key === 'symbol' ? String(key) : key));
    const where = path.length > 0 ? ` at ${formatPath(path)}` : '';
    super(`invalid response${where}: ${options.reason ?? 'does not match the expected format'}`, options);
    this.path = path;
  }

  /** Builds the error from a zod error (its first issue gives path and reason); the zod error is the cause. */
  static fromZodError(error: SchemaIssueSource, context: ProviderErrorContext): InvalidResponseError {
    const issue = error.issues[0];
    return new InvalidResponseError({
      ...context,
      cause: context.cause ?? error,
      path: issue?.path ?? [],
      reason: issue?.message ?? 'does not match the expected format',
    });
  }
}

function formatMessage(reason: string, { provider, symbol }: ProviderErrorContext): string {
  return symbol === undefined ? `${provider}: ${reason}` : `${provider} (${symbol}): ${reason}`;
}

function formatPath(path: readonly (string | number)[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`)).join('');
}
