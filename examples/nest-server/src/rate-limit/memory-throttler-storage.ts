import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** A client's counter: hits of the current fixed window, and a block that outlives it. */
interface Counter {
  hits: number;
  windowEnds: number;
  blockEnds: number;
}

/** Expired counters are swept after this many hits (amortised O(1) per hit). */
const SWEEP_EVERY = 10_000;

/**
 * Rate-limit counters in this process, with the semantics of the Redis storage (fixed window: the
 * first hit opens a window of `ttl`, a hit past the limit sets a block of `blockDuration`, hits are
 * not counted while blocked) and O(1) work per hit. @nestjs/throttler's own in-memory storage keeps
 * one timestamp per hit and filters them all on every hit, so its cost per request grows with the
 * request rate of a client (a third of the server's CPU at 2 000 requests/s from one client).
 */
export class MemoryThrottlerStorage implements ThrottlerStorage {
  private readonly counters = new Map<string, Counter>();
  private untilSweep = SWEEP_EVERY;

  /** `now` is the clock in epoch ms (tests pass their own). */
  constructor(private readonly now: () => number = Date.now) {}

  /** Counts a hit of `key`; `ttl` and `blockDuration` in milliseconds, the answer's times in seconds. */
  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    _throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    if (--this.untilSweep <= 0) this.sweep(now);
    let counter = this.counters.get(key);
    if (counter && counter.blockEnds > now) {
      return record(counter, now, true);
    }
    if (!counter || counter.windowEnds <= now) {
      counter = { hits: 0, windowEnds: now + Math.max(1, ttl), blockEnds: 0 };
      this.counters.set(key, counter);
    }
    counter.hits++;
    if (counter.hits > limit) {
      counter.blockEnds = now + (blockDuration > 0 ? blockDuration : counter.windowEnds - now);
      return record(counter, now, true);
    }
    return record(counter, now, false);
  }

  private sweep(now: number): void {
    this.untilSweep = SWEEP_EVERY;
    for (const [key, counter] of this.counters)
      if (counter.windowEnds <= now && counter.blockEnds <= now) this.counters.delete(key);
  }
}

function record(counter: Counter, now: number, blocked: boolean): ThrottlerStorageRecord {
  return {
    totalHits: counter.hits,
    timeToExpire: Math.ceil(Math.max(0, counter.windowEnds - now) / 1000),
    isBlocked: blocked,
    timeToBlockExpire: blocked ? Math.ceil(Math.max(0, counter.blockEnds - now) / 1000) : 0,
  };
}
