import { createHash } from 'node:crypto';
import { createThrottledWarn, type ThrottledWarn, withTimeout } from '@da-ki/sdk';
import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import { MemoryThrottlerStorage } from './memory-throttler-storage.js';

/** What {@link ThrottlerStorage.increment} answers (the record type is not exported by @nestjs/throttler's barrel). */
export type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** Options of {@link RedisThrottlerStorage}. */
export interface RedisThrottlerStorageOptions {
  /** Prefix of every key, so several apps (or test runs) can share one Redis. Default `daki:ratelimit:`. */
  keyPrefix?: string;
  /** A Redis call slower than this counts as failed. Default 250 ms. */
  timeoutMs?: number;
  /** Where the fallback warnings go. Default a Nest `Logger('RateLimit')`. */
  logger?: { warn(message: string): void };
}

// One round trip, atomic: count the hit in a fixed window, and once the count passes the limit
// set a block marker that lives for the block duration. While blocked, hits are not counted (as in
// @nestjs/throttler's in-memory storage). KEYS: hits, block. ARGV: ttl ms, limit, block ms.
// Returns { hits, window ms left, blocked 0/1, block ms left }.
const INCREMENT_SCRIPT = `
local blockLeft = redis.call('PTTL', KEYS[2])
if blockLeft > 0 then
  local hits = tonumber(redis.call('GET', KEYS[1]) or '0')
  return { hits, redis.call('PTTL', KEYS[1]), 1, blockLeft }
end
local hits = redis.call('INCR', KEYS[1])
local windowLeft = redis.call('PTTL', KEYS[1])
if windowLeft < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  windowLeft = tonumber(ARGV[1])
end
if hits > tonumber(ARGV[2]) then
  local block = tonumber(ARGV[3])
  if block <= 0 then block = windowLeft end
  redis.call('SET', KEYS[2], '1', 'PX', block)
  return { hits, windowLeft, 1, block }
end
return { hits, windowLeft, 0, 0 }
`;
const INCREMENT_SHA = createHash('sha1').update(INCREMENT_SCRIPT).digest('hex');

/**
 * Rate-limit counters in Redis, shared by every server instance: a client gets one budget however
 * the load balancer spreads its requests. Each hit is one atomic Lua call (fixed window: INCR, PEXPIRE
 * on the first hit, a block marker past the limit). Keys use a hash tag, so both keys of a client land
 * in one slot on Redis Cluster.
 *
 * When Redis fails or is slow, the hit is counted by an in-process fallback (the storage the server
 * uses without Redis) and a warning is logged at most every 30 s: a Redis outage
 * loosens the limit to per-instance budgets but never turns into an API outage.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly keyPrefix: string;
  private readonly timeoutMs: number;
  private readonly fallback = new MemoryThrottlerStorage();
  private readonly warn: ThrottledWarn;

  constructor(
    private readonly redis: Redis,
    options: RedisThrottlerStorageOptions = {},
  ) {
    this.keyPrefix = options.keyPrefix ?? 'daki:ratelimit:';
    this.timeoutMs = options.timeoutMs ?? 250;
    const logger = options.logger ?? new Logger('RateLimit');
    this.warn = createThrottledWarn({ warn: (message: string) => logger.warn(message) }, 30_000);
  }

  /** Counts a hit of `key`; `ttl` and `blockDuration` in milliseconds, the answer's times in seconds. */
  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const base = `${this.keyPrefix}{${key}}`;
    const args = [
      `${base}:hits`,
      `${base}:block`,
      Math.max(1, Math.round(ttl)),
      limit,
      Math.max(0, Math.round(blockDuration)),
    ];
    try {
      const [hits, windowLeft, blocked, blockLeft] = await withTimeout(
        this.evaluate(args),
        this.timeoutMs,
        'rate-limit store "redis"',
        'increment',
      );
      return {
        totalHits: hits,
        timeToExpire: Math.ceil(windowLeft / 1000),
        isBlocked: blocked === 1,
        timeToBlockExpire: Math.ceil(blockLeft / 1000),
      };
    } catch (error) {
      this.warn(
        'redis',
        `rate limiting falls back to this instance's memory: Redis failed (${(error as Error).message})`,
      );
      return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  private async evaluate(args: (string | number)[]): Promise<[number, number, number, number]> {
    try {
      return (await this.redis.evalsha(INCREMENT_SHA, 2, ...args)) as [number, number, number, number];
    } catch (error) {
      // First use on this Redis (or after SCRIPT FLUSH / a restart): send the script itself once.
      if (!(error as Error).message?.startsWith('NOSCRIPT')) throw error;
      return (await this.redis.eval(INCREMENT_SCRIPT, 2, ...args)) as [number, number, number, number];
    }
  }
}
