// The pieces of the schedule that need no server: trading hours, sharding, the simulated price feed,
// job options and ticks, configuration, and the live-quote store (in memory and in the real Redis).
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type * as LiveQuotesModule from '../src/jobs/live-quotes.js';
import type * as QueuesModule from '../src/jobs/queues.js';
import type * as ShardingModule from '../src/jobs/sharding.js';
import type * as TradingHoursModule from '../src/jobs/trading-hours.js';
import {
  dailyVolatility,
  loadConfig,
  REDIS_URL,
  simulatedTickPrice,
  uniqueSuffix,
} from './realtime-support.js';

const dist = <T>(path: string): Promise<T> =>
  import(new URL(`../dist/${path}`, import.meta.url).href) as Promise<T>;
const { isTradingHours } = await dist<typeof TradingHoursModule>('jobs/trading-hours.js');
const { shardOf, symbolsOfShard } = await dist<typeof ShardingModule>('jobs/sharding.js');
const { updateJobOptions, tickOf, shardJobSchema } = await dist<typeof QueuesModule>('jobs/queues.js');
const { MemoryLiveQuotes, RedisLiveQuotes } = await dist<typeof LiveQuotesModule>('jobs/live-quotes.js');

describe('isTradingHours (NYSE regular session, New York time)', () => {
  it.each([
    // Winter (EST, UTC-5): 09:30 is 14:30 UTC.
    ['2025-01-15T14:29:59Z', false],
    ['2025-01-15T14:30:00Z', true],
    ['2025-01-15T20:59:59Z', true],
    ['2025-01-15T21:00:00Z', false],
    // Summer (EDT, UTC-4): 09:30 is 13:30 UTC; 2025-03-10 is the first Monday after the switch.
    ['2025-03-10T13:30:00Z', true],
    ['2025-03-07T13:30:00Z', false],
    ['2025-07-02T19:59:00Z', true],
    ['2025-07-02T20:00:00Z', false],
    // Weekend, and NYSE holidays (Independence Day, Christmas, Good Friday 2025-04-18).
    ['2025-07-05T15:00:00Z', false],
    ['2025-07-04T15:00:00Z', false],
    ['2025-12-25T15:00:00Z', false],
    ['2025-04-18T15:00:00Z', false],
  ])('%s → %s', (at, open) => {
    expect(isTradingHours(new Date(at))).toBe(open);
  });

  it('is closed whenever it is Saturday or Sunday in New York', () => {
    const HOUR = 3_600_000;
    const weekend = (ms: number) => [0, 6].includes(new Date(ms).getUTCDay());
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }), (ms) => {
        // New York is UTC-5 or UTC-4: if both shifted instants fall on a weekend, so does New York.
        if (weekend(ms - 5 * HOUR) && weekend(ms - 4 * HOUR))
          expect(isTradingHours(new Date(ms))).toBe(false);
      }),
    );
  });
});

describe('sharding', () => {
  const symbol = fc.stringMatching(/^[A-Z]{1,5}$/);

  it('puts every symbol in exactly one shard, the same one every time', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(symbol, { maxLength: 60 }),
        fc.integer({ min: 1, max: 16 }),
        (universe, shards) => {
          const parts = Array.from({ length: shards }, (_, shard) => symbolsOfShard(universe, shard, shards));
          expect(parts.flat().sort()).toEqual([...universe].sort());
          for (const [shard, part] of parts.entries())
            for (const s of part) expect(shardOf(s, shards)).toBe(shard);
        },
      ),
    );
  });

  it('spreads a realistic universe evenly', () => {
    const universe = Array.from({ length: 4_000 }, (_, i) => `S${i.toString(36).toUpperCase()}`);
    const sizes = Array.from({ length: 4 }, (_, shard) => symbolsOfShard(universe, shard, 4).length);
    for (const size of sizes) expect(Math.abs(size - 1_000)).toBeLessThan(150);
  });

  it('rejects a shard outside the shard count', () => {
    expect(() => symbolsOfShard(['A'], 4, 4)).toThrow(/shard must be an integer in \[0, 3\]/);
    expect(() => symbolsOfShard(['A'], 0, 0)).toThrow(/shards must be a positive integer/);
    expect(shardJobSchema.safeParse({ shard: 2, shards: 2 }).success).toBe(false);
  });
});

describe('simulated intraday prices', () => {
  const input = { seed: 42, symbol: 'ACME', lastClose: 123.45, dailyVolatility: 0.02 };

  it('are a deterministic function of seed, symbol and tick', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e10 }), (tick) => {
        expect(simulatedTickPrice({ ...input, tick })).toBe(simulatedTickPrice({ ...input, tick }));
      }),
    );
    expect(simulatedTickPrice({ ...input, tick: 7 })).not.toBe(
      simulatedTickPrice({ ...input, symbol: 'OTHER', tick: 7 }),
    );
  });

  it('stay around the last close: positive, within a few daily moves, centred on it over a session', () => {
    const prices = Array.from({ length: 390 }, (_, k) => simulatedTickPrice({ ...input, tick: 5_000 + k }));
    const logs = prices.map((p) => Math.log(p / input.lastClose));
    for (const x of logs) expect(Math.abs(x)).toBeLessThan(4 * input.dailyVolatility);
    const mean = logs.reduce((s, x) => s + x, 0) / logs.length;
    expect(Math.abs(mean)).toBeLessThan(input.dailyVolatility);
    // They move: a demo shows a changing price at almost every tick.
    expect(new Set(prices).size).toBeGreaterThan(380);
  });

  it('are rounded to the 4 decimals the database stores, and reject a bad close', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1e5, noNaN: true }),
        fc.integer({ min: 0, max: 1e6 }),
        (lastClose, tick) => {
          const price = simulatedTickPrice({ ...input, lastClose, tick });
          expect(price).toBeGreaterThanOrEqual(0);
          expect(Math.round(price * 1e4) / 1e4).toBe(price);
        },
      ),
    );
    expect(() => simulatedTickPrice({ ...input, lastClose: Number.NaN, tick: 1 })).toThrow(
      /lastClose of ACME/,
    );
    expect(() => simulatedTickPrice({ ...input, lastClose: -1, tick: 1 })).toThrow(/lastClose of ACME/);
  });

  it('dailyVolatility is the sample standard deviation of the last log returns', () => {
    const close = [100, 101, 99, 102, 103, 101];
    const returns = close.slice(1).map((c, i) => Math.log(c / (close[i] as number)));
    const mean = returns.reduce((s, r) => s + r, 0) / returns.length;
    const sd = Math.sqrt(returns.reduce((s, r) => s + (r - mean) ** 2, 0) / (returns.length - 1));
    expect(dailyVolatility(close)).toBeCloseTo(sd, 12);
    expect(dailyVolatility([100])).toBeNaN();
  });
});

describe('job options and configuration', () => {
  it('default to the concept: prices every minute, scores every 5, news every 15; 3 retries from 60 s', () => {
    const jobs = loadConfig({ DATA_DIR: `/tmp/daki-rt-cfg-${uniqueSuffix()}` }).jobs;
    expect(jobs).toMatchObject({
      priceIntervalMs: 60_000,
      scoreIntervalMs: 300_000,
      newsIntervalMs: 900_000,
      retries: 3,
      backoffMs: 60_000,
    });
    expect(updateJobOptions(jobs)).toMatchObject({
      attempts: 4,
      backoff: { type: 'exponential', delay: 60_000 },
    });
  });

  it('reports a bad interval by its variable', () => {
    expect(() => loadConfig({ PRICE_INTERVAL_MS: '5' })).toThrow(/PRICE_INTERVAL_MS/);
    expect(() => loadConfig({ REDIS_PREFIX: 'a b' })).toThrow(/REDIS_PREFIX/);
  });

  it("takes a scheduled job's tick from its scheduled time, the same for every shard of a turn", () => {
    const at = 1_700_000_040_000;
    const job = (shard: number) => ({
      data: { shard, shards: 4 },
      opts: { prevMillis: at },
      timestamp: at - 5_000 + shard,
    });
    expect(new Set([0, 1, 2, 3].map((s) => tickOf(job(s), 60_000))).size).toBe(1);
    expect(tickOf(job(0), 60_000)).toBe(at / 60_000);
    expect(tickOf({ data: { shard: 0, shards: 1, tick: 9 }, opts: {}, timestamp: at }, 60_000)).toBe(9);
  });
});

describe('live quotes', () => {
  const redis = new Redis(REDIS_URL);
  const prefix = `t-rtq-${uniqueSuffix()}`;
  afterAll(async () => {
    await redis.del(`${prefix}:quotes`);
    redis.disconnect();
  });

  it('never go back in time: in memory and in Redis, a quote replaces only an older tick', async () => {
    const quote = fc.record({
      symbol: fc.constantFrom('A', 'B', 'C'),
      price: fc.integer({ min: 1, max: 10_000 }),
      tick: fc.integer({ min: 0, max: 20 }),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(quote, { maxLength: 4 }), { maxLength: 8 }), async (batches) => {
        const memory = new MemoryLiveQuotes();
        const shared = new RedisLiveQuotes(redis, `${prefix}:${run++}`);
        const newest = new Map<string, number>();
        for (const batch of batches) {
          const quotes = batch.map((q) => ({ ...q, previousClose: 1, at: 0 }));
          const storedInMemory = await memory.putIfNewer(quotes);
          expect(await shared.putIfNewer(quotes)).toEqual(storedInMemory);
          for (const q of storedInMemory) {
            expect(q.tick).toBeGreaterThan(newest.get(q.symbol) ?? -1);
            newest.set(q.symbol, q.tick);
          }
        }
        const symbols = ['A', 'B', 'C'];
        expect(await shared.getMany(symbols)).toEqual(await memory.getMany(symbols));
        for (const s of symbols) expect((await memory.get(s))?.tick).toBe(newest.get(s));
        await redis.del(`${prefix}:${run - 1}:quotes`);
      }),
      { numRuns: 40 },
    );
  });
});
