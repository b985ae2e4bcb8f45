import { InvalidArgumentError } from '@da-ki/sdk';
import { RateLimitedError } from '../errors/index.js';
import { type Clock, systemClock } from './clock.js';

const DAY_MS = 86_400_000;

/** Limits of a {@link RateLimiter}. Leave a field out for no limit of that kind. */
export interface RateLimiterOptions {
  /** Requests allowed per `intervalMs` (the token bucket's size and refill). Default: unlimited. */
  requestsPerInterval?: number;
  /** Length of the rate interval. Default 1000 ms. */
  intervalMs?: number;
  /** Requests allowed in flight at once. Default: unlimited. */
  maxInFlight?: number;
  /**
   * Requests allowed per UTC calendar day. Past it, requests are refused at once (not queued) with
   * a `RateLimitedError` that says when the quota resets. Default: unlimited.
   */
  dailyQuota?: number;
  /**
   * Longest expected wait for a rate token; a request that would wait longer is refused with a
   * `RateLimitedError` carrying the wait. Default: wait as long as it takes.
   */
  maxWaitMs?: number;
  /** Provider name for the errors. */
  provider?: string;
  /** Time source (tests pass a virtual clock). */
  clock?: Clock;
}

/** Counters of a {@link RateLimiter}, for logs and metrics. */
export interface RateLimiterUsage {
  /** Requests counted today (UTC) against the daily quota. */
  today: number;
  /** The daily quota, `Infinity` when there is none. */
  dailyQuota: number;
  /** Requests holding a slot now. */
  inFlight: number;
  /** Requests waiting for a slot. */
  queued: number;
}

/** Gives back the slot taken by {@link RateLimiter.acquire}; calling it twice is harmless. */
export type ReleaseSlot = () => void;

interface Waiter {
  grant: (release: ReleaseSlot) => void;
}

/**
 * Per-provider request limiter: a token bucket (`requestsPerInterval` per `intervalMs`, bursts up
 * to the bucket size) combined with a cap on requests in flight and an optional per-UTC-day
 * quota. Waiters are served first come, first served. One instance is shared by every request of a
 * provider, retries included, so the limits hold for what actually goes over the wire.
 */
export class RateLimiter {
  readonly provider: string;
  private readonly capacity: number;
  private readonly intervalMs: number;
  private readonly refillPerMs: number;
  private readonly maxInFlight: number;
  private readonly dailyQuota: number;
  private readonly maxWaitMs: number;
  private readonly clock: Clock;
  private tokens: number;
  private lastRefill: number;
  private inFlight = 0;
  private readonly queue: Waiter[] = [];
  private timerPending = false;
  private quotaDay: number;
  private usedToday = 0;

  constructor(options: RateLimiterOptions = {}) {
    const positive = (
      name: keyof RateLimiterOptions,
      value: number | undefined,
      fallback: number,
    ): number => {
      const resolved = value ?? fallback;
      if (!(resolved > 0)) throw new InvalidArgumentError(name, `must be > 0, got ${resolved}`);
      return resolved;
    };
    this.provider = options.provider ?? 'http';
    this.clock = options.clock ?? systemClock;
    this.capacity = positive('requestsPerInterval', options.requestsPerInterval, Number.POSITIVE_INFINITY);
    this.intervalMs = positive('intervalMs', options.intervalMs, 1000);
    this.refillPerMs = this.capacity / this.intervalMs;
    this.maxInFlight = positive('maxInFlight', options.maxInFlight, Number.POSITIVE_INFINITY);
    this.dailyQuota = positive('dailyQuota', options.dailyQuota, Number.POSITIVE_INFINITY);
    this.maxWaitMs = options.maxWaitMs ?? Number.POSITIVE_INFINITY;
    this.tokens = this.capacity;
    this.lastRefill = this.clock.now();
    this.quotaDay = Math.floor(this.lastRefill / DAY_MS);
  }

  /**
   * Waits for a slot and returns the function that gives it back (call it when the response has
   * been read). Refuses at once, without sending anything, with a `RateLimitedError` when the daily
   * quota is used up or the expected wait exceeds `maxWaitMs`.
   */
  acquire(symbol?: string): Promise<ReleaseSlot> {
    const quotaError = this.dailyQuotaError(symbol);
    if (quotaError) return Promise.reject(quotaError);
    const wait = this.expectedWaitMs();
    if (wait > this.maxWaitMs) {
      return Promise.reject(
        new RateLimitedError({
          provider: this.provider,
          symbol,
          reason: `request rate limit of ${this.describeRate()} reached`,
          retryAfterMs: Math.ceil(wait),
        }),
      );
    }
    this.usedToday++;
    return new Promise<ReleaseSlot>((grant) => {
      this.queue.push({ grant });
      this.pump();
    });
  }

  /**
   * Marks today's quota as used up, for when the server says so before the local count does
   * (another process shares the key, or the counter restarted).
   */
  exhaustDailyQuota(): void {
    this.rollDay();
    if (Number.isFinite(this.dailyQuota)) this.usedToday = Math.max(this.usedToday, this.dailyQuota);
  }

  /** Milliseconds until the daily quota resets (next 00:00 UTC). */
  msUntilQuotaReset(): number {
    const now = this.clock.now();
    return (Math.floor(now / DAY_MS) + 1) * DAY_MS - now;
  }

  /** Current counters. */
  usage(): RateLimiterUsage {
    this.rollDay();
    return {
      today: this.usedToday,
      dailyQuota: this.dailyQuota,
      inFlight: this.inFlight,
      queued: this.queue.length,
    };
  }

  private dailyQuotaError(symbol: string | undefined): RateLimitedError | undefined {
    this.rollDay();
    if (this.usedToday < this.dailyQuota) return undefined;
    return new RateLimitedError({
      provider: this.provider,
      symbol,
      reason: `daily quota of ${this.dailyQuota} requests used up; resets at 00:00 UTC`,
      retryAfterMs: this.msUntilQuotaReset(),
    });
  }

  private rollDay(): void {
    const day = Math.floor(this.clock.now() / DAY_MS);
    if (day !== this.quotaDay) {
      this.quotaDay = day;
      this.usedToday = 0;
    }
  }

  private refill(): void {
    const now = this.clock.now();
    if (Number.isFinite(this.capacity)) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.lastRefill) * this.refillPerMs);
    }
    this.lastRefill = now;
  }

  /** Time until a newly queued request would get a token (in-flight waits are not predictable). */
  private expectedWaitMs(): number {
    if (!Number.isFinite(this.capacity)) return 0;
    this.refill();
    const deficit = this.queue.length + 1 - this.tokens;
    return deficit <= 0 ? 0 : deficit / this.refillPerMs;
  }

  private pump(): void {
    this.refill();
    while (this.queue.length > 0 && this.inFlight < this.maxInFlight && this.tokens >= 1) {
      const waiter = this.queue.shift() as Waiter;
      if (Number.isFinite(this.capacity)) this.tokens -= 1;
      this.inFlight++;
      waiter.grant(this.releaseOnce());
    }
    if (this.queue.length > 0 && this.tokens < 1 && !this.timerPending) {
      this.timerPending = true;
      const waitMs = Math.ceil((1 - this.tokens) / this.refillPerMs);
      void this.clock.sleep(waitMs).then(() => {
        this.timerPending = false;
        this.pump();
      });
    }
  }

  private releaseOnce(): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      this.pump();
    };
  }

  private describeRate(): string {
    return `${this.capacity} per ${this.intervalMs} ms`;
  }
}
