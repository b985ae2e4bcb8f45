/**
 * Time as the resilience layer sees it. Retry back-off, `Retry-After`, the rate limiter's token
 * refill, the daily quota and the circuit breaker's cool-down all read `now()` and wait with
 * `sleep()`, so tests can substitute a virtual clock and never wait real seconds.
 */
export interface Clock {
  /** Current time, epoch milliseconds. */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}

/** The real clock: `Date.now()` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
