import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../errors/index.js';
import { RateLimiter } from './rate-limiter.js';
import { VirtualClock } from './testing/virtual-clock.js';

const DAY_MS = 86_400_000;

/** Starts `n` acquisitions at once and records when (virtual time) each is granted. */
function grantTimes(limiter: RateLimiter, clock: VirtualClock, n: number): number[] {
  const start = clock.now();
  const times: number[] = new Array(n).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    void limiter.acquire().then((release) => {
      times[i] = clock.now() - start;
      release();
    });
  }
  return times;
}

describe('RateLimiter token bucket', () => {
  it('lets a burst of the bucket size through, then one request per interval / size', async () => {
    const clock = new VirtualClock({ autoAdvance: false });
    const limiter = new RateLimiter({ requestsPerInterval: 5, intervalMs: 60_000, clock });
    const times = grantTimes(limiter, clock, 7);
    await clock.advance(0);
    expect(times.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(times.slice(5).every(Number.isNaN)).toBe(true);
    await clock.advance(12_000);
    expect(times[5]).toBe(12_000);
    expect(times[6]).toBeNaN();
    await clock.advance(12_000);
    expect(times[6]).toBe(24_000);
  });

  it('grants the k-th of n simultaneous requests no earlier than the bucket allows, and on time', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 100, max: 2000 }),
        fc.integer({ min: 1, max: 15 }),
        async (size, intervalMs, n) => {
          const clock = new VirtualClock({ autoAdvance: false });
          const limiter = new RateLimiter({ requestsPerInterval: size, intervalMs, clock });
          const times = grantTimes(limiter, clock, n);
          for (let step = 0; step < 4 * n + 8 && times.some(Number.isNaN); step++)
            await clock.advance(intervalMs / 4);
          times.forEach((t, k) => {
            const earliest = Math.max(0, ((k + 1 - size) * intervalMs) / size);
            expect(t).toBeGreaterThanOrEqual(earliest - 1e-9);
            // Granted within one advance step (plus the rounding up of the refill wait).
            expect(t).toBeLessThanOrEqual(earliest + intervalMs / 4 + 1);
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses, without queueing, a request whose wait would exceed maxWaitMs', async () => {
    const clock = new VirtualClock({ autoAdvance: false });
    const limiter = new RateLimiter({
      requestsPerInterval: 2,
      intervalMs: 1000,
      maxWaitMs: 1000,
      provider: 'p',
      clock,
    });
    const granted = [limiter.acquire(), limiter.acquire(), limiter.acquire(), limiter.acquire()];
    const refused = await limiter.acquire('MSFT').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect(refused).toMatchObject({ provider: 'p', symbol: 'MSFT', retryAfterMs: 1500 });
    expect(limiter.usage().queued).toBe(2);
    await clock.advance(1000);
    await Promise.all(granted);
  });
});

describe('RateLimiter in-flight cap', () => {
  it('never has more than maxInFlight slots out and serves every waiter, whatever the hold times', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.nat(5), { minLength: 1, maxLength: 30 }),
        async (max, holds) => {
          const limiter = new RateLimiter({ maxInFlight: max });
          let open = 0;
          let peak = 0;
          await Promise.all(
            holds.map(async (ticks) => {
              const release = await limiter.acquire();
              open++;
              peak = Math.max(peak, open);
              for (let i = 0; i < ticks; i++) await Promise.resolve();
              open--;
              release();
            }),
          );
          expect(peak).toBeLessThanOrEqual(max);
          expect(limiter.usage()).toMatchObject({ inFlight: 0, queued: 0 });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('ignores a second release of the same slot', async () => {
    const limiter = new RateLimiter({ maxInFlight: 1 });
    const release = await limiter.acquire();
    release();
    release();
    expect(limiter.usage().inFlight).toBe(0);
    const again = await limiter.acquire();
    expect(limiter.usage().inFlight).toBe(1);
    again();
  });
});

describe('RateLimiter daily quota', () => {
  it('refuses once the UTC day’s quota is used, saying when it resets, and starts afresh the next day', async () => {
    const clock = new VirtualClock({ start: Date.UTC(2024, 4, 17, 18) });
    const limiter = new RateLimiter({ dailyQuota: 3, provider: 'alphavantage', clock });
    for (let i = 0; i < 3; i++) (await limiter.acquire())();
    const error = await limiter.acquire('IBM').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as Error).message).toBe(
      'alphavantage (IBM): daily quota of 3 requests used up; resets at 00:00 UTC, retry after 21600000 ms',
    );
    await clock.advance(6 * 3600_000);
    expect(clock.now() % DAY_MS).toBe(0);
    (await limiter.acquire())();
    expect(limiter.usage().today).toBe(1);
  });

  it('can be marked exhausted when the server says so', async () => {
    const limiter = new RateLimiter({ dailyQuota: 25, clock: new VirtualClock() });
    limiter.exhaustDailyQuota();
    await expect(limiter.acquire()).rejects.toThrow(/daily quota of 25/);
  });

  it('rejects limits that are not positive', () => {
    expect(() => new RateLimiter({ maxInFlight: 0 })).toThrow(/maxInFlight/);
    expect(() => new RateLimiter({ requestsPerInterval: -1 })).toThrow(/requestsPerInterval/);
  });
});
