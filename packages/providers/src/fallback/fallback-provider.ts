import {
  type BarRequest,
  type Fundamentals,
  type FundamentalsProvider,
  InvalidArgumentError,
  type MarketDataProvider,
  type NewsItem,
  type NewsProvider,
  type NewsRequest,
  type SectorProvider,
  type SymbolInfo,
  toValidatedBars,
  type ValidatedBarSeries,
} from '@da-ki/sdk';
import { NotFoundError, ProviderError, ProviderUnavailableError, RateLimitedError } from '../errors/index.js';
import { isNetworkError } from '../http/network-error.js';

/** A member of a {@link FallbackProvider}: a named provider of any of the four interfaces. */
export type FallbackMember = { readonly name: string } & Partial<
  Pick<MarketDataProvider, 'listSymbols' | 'getBars'> & FundamentalsProvider & NewsProvider & SectorProvider
>;

/** The provider methods a {@link FallbackProvider} forwards. */
export type FallbackMethod = 'listSymbols' | 'getBars' | 'getFundamentals' | 'getNews' | 'getSector';

/** A member that failed and was skipped. */
export interface FallbackEvent {
  method: FallbackMethod;
  symbol: string | undefined;
  /** Name of the member that failed. */
  provider: string;
  error: unknown;
}

/** Options of {@link FallbackProvider}. */
export interface FallbackProviderOptions {
  /** Name in errors. Default `fallback(<member names>)`. */
  name?: string;
  /**
   * Whether a member's error lets the next member try. Default {@link isFallbackError}: not found,
   * rate limited, unavailable (incl. an open circuit), and network errors.
   */
  shouldFallback?: (error: unknown) => boolean;
  /** Called for each member that failed and was skipped. */
  onFallback?: (event: FallbackEvent) => void;
}

/**
 * The default fallback rule: try the next member after `NotFoundError` (another source may know
 * the symbol), `RateLimitedError`, `ProviderUnavailableError` and network errors. Other errors —
 * `InvalidResponseError`, bad arguments, programming errors — stop the chain: the next member
 * would hide a bug or a changed format.
 */
export function isFallbackError(error: unknown): boolean {
  return (
    error instanceof NotFoundError ||
    error instanceof RateLimitedError ||
    error instanceof ProviderUnavailableError ||
    isNetworkError(error)
  );
}

/**
 * Asks its members in order and returns the first answer. A member is skipped when it lacks the
 * method or fails with an error `shouldFallback` accepts; when every member fails, the error is a
 * `NotFoundError` if all of them said not found, a `RateLimitedError` (shortest wait) if the rest
 * were rate limits, else a `ProviderUnavailableError` listing each member's failure. The data
 * says who answered (`source`); {@link answeredBy} and {@link lastAnswer} record it too.
 */
export class FallbackProvider
  implements MarketDataProvider, FundamentalsProvider, NewsProvider, SectorProvider
{
  readonly name: string;
  readonly members: readonly FallbackMember[];
  /** The member that answered the most recent successful call. */
  lastAnswer: { method: FallbackMethod; symbol: string | undefined; provider: string } | undefined;
  private readonly shouldFallback: (error: unknown) => boolean;
  private readonly onFallback: FallbackProviderOptions['onFallback'];
  private readonly answers = new Map<string, string>();

  constructor(members: readonly FallbackMember[], options: FallbackProviderOptions = {}) {
    if (members.length === 0) throw new InvalidArgumentError('providers', 'give at least one provider');
    this.members = [...members];
    this.name = options.name ?? `fallback(${members.map((member) => member.name).join(',')})`;
    this.shouldFallback = options.shouldFallback ?? isFallbackError;
    this.onFallback = options.onFallback;
  }

  /** Name of the member that last answered `method` for `symbol`. */
  answeredBy(symbol: string, method: FallbackMethod = 'getBars'): string | undefined {
    return this.answers.get(`${method}:${symbol}`);
  }

  /**
   * The union of the members' symbol lists, first member first; a symbol listed by several
   * members appears once, as the first lists it. Members that fail (by the fallback rule) are
   * left out.
   */
  async listSymbols(): Promise<SymbolInfo[]> {
    const lists: SymbolInfo[][] = [];
    const failures: [string, unknown][] = [];
    for (const member of this.members) {
      if (member.listSymbols === undefined) continue;
      try {
        lists.push(await member.listSymbols());
      } catch (error) {
        if (!this.shouldFallback(error)) throw error;
        this.onFallback?.({ method: 'listSymbols', symbol: undefined, provider: member.name, error });
        failures.push([member.name, error]);
      }
    }
    if (lists.length === 0) throw this.allFailed('listSymbols', undefined, failures);
    const merged = new Map<string, SymbolInfo>();
    for (const info of lists.flat()) if (!merged.has(info.symbol)) merged.set(info.symbol, info);
    return [...merged.values()];
  }

  /** The first member's bars, validated (a member's validated series is passed on as it is). */
  async getBars(symbol: string, request?: BarRequest): Promise<ValidatedBarSeries> {
    const bars = await this.firstAnswer('getBars', symbol, (member) => member.getBars?.(symbol, request));
    return toValidatedBars(bars);
  }

  getFundamentals(symbol: string): Promise<Fundamentals> {
    return this.firstAnswer('getFundamentals', symbol, (member) => member.getFundamentals?.(symbol));
  }

  getNews(symbol: string, request?: NewsRequest): Promise<NewsItem[]> {
    return this.firstAnswer('getNews', symbol, (member) => member.getNews?.(symbol, request));
  }

  getSector(symbol: string): Promise<string> {
    return this.firstAnswer('getSector', symbol, (member) => member.getSector?.(symbol));
  }

  private async firstAnswer<T>(
    method: FallbackMethod,
    symbol: string,
    call: (member: FallbackMember) => Promise<T> | undefined,
  ): Promise<T> {
    const failures: [string, unknown][] = [];
    for (const member of this.members) {
      let answer: T;
      try {
        const pending = call(member);
        if (pending === undefined) continue;
        answer = await pending;
      } catch (error) {
        if (!this.shouldFallback(error)) throw error;
        this.onFallback?.({ method, symbol, provider: member.name, error });
        failures.push([member.name, error]);
        continue;
      }
      this.answers.set(`${method}:${symbol}`, member.name);
      this.lastAnswer = { method, symbol, provider: member.name };
      return answer;
    }
    throw this.allFailed(method, symbol, failures);
  }

  private allFailed(
    method: FallbackMethod,
    symbol: string | undefined,
    failures: [string, unknown][],
  ): ProviderError {
    if (failures.length === 0) {
      return new ProviderError(`no member implements ${method}`, { provider: this.name, symbol });
    }
    const errors = failures.map(([, error]) => error);
    const cause = new AggregateError(errors, `every provider failed on ${method}`);
    const details = failures
      .map(([name, error]) => `${name}: ${error instanceof Error ? error.message : String(error)}`)
      .join('; ');
    const context = { provider: this.name, symbol, cause };
    if (errors.every((error) => error instanceof NotFoundError)) {
      return new NotFoundError({ ...context, reason: `no provider knows the symbol (${details})` });
    }
    const limited = errors.filter((error) => !(error instanceof NotFoundError));
    if (limited.every((error) => error instanceof RateLimitedError)) {
      const waits = limited
        .map((error) => (error as RateLimitedError).retryAfterMs)
        .filter((ms) => ms !== undefined);
      return new RateLimitedError({
        ...context,
        reason: `every provider is rate limited (${details})`,
        retryAfterMs: waits.length > 0 ? Math.min(...waits) : undefined,
      });
    }
    return new ProviderUnavailableError({ ...context, reason: `every provider failed (${details})` });
  }
}
