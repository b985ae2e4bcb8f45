// The pieces of issue 12's fault handling, each on a real PostgreSQL or Redis of the test's own:
// a transaction whose connection is killed (57P01) rejects as DatabaseUnavailableError without an
// unhandled 'error' event, and its client is not reused; live quotes fall back to the last known
// ones while Redis is down; the schedule keeper registers missing schedulers again and reports
// Redis unreachable. Compiled modules (dist/), as the server runs them.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as DatabaseModule from '../../src/db/database.js';
import type * as UnavailableModule from '../../src/db/database-unavailable.js';
import type * as JobsConfigModule from '../../src/jobs/jobs.config.js';
import type * as LastKnownModule from '../../src/jobs/last-known-quotes.js';
import type * as LiveQuotesModule from '../../src/jobs/live-quotes.js';
import type * as KeeperModule from '../../src/jobs/schedule-keeper.js';
import type * as StatusModule from '../../src/jobs/schedule-status.js';
import { eventually, freePort } from './support/free-port.js';
import { OwnPostgres } from './support/own-postgres.js';
import { OwnRedis } from './support/own-redis.js';

const dist = <T>(path: string): Promise<T> =>
  import(new URL(`../../dist/${path}`, import.meta.url).href) as Promise<T>;
const { openDatabase } = await dist<typeof DatabaseModule>('db/database.js');
const { DatabaseUnavailableError, isDatabaseUnavailable } = await dist<typeof UnavailableModule>(
  'db/database-unavailable.js',
);
const { LastKnownQuotes } = await dist<typeof LastKnownModule>('jobs/last-known-quotes.js');
const { RedisLiveQuotes } = await dist<typeof LiveQuotesModule>('jobs/live-quotes.js');
const { ScheduleKeeper } = await dist<typeof KeeperModule>('jobs/schedule-keeper.js');
const { ScheduleStatus } = await dist<typeof StatusModule>('jobs/schedule-status.js');
const { jobsEnvShape, toJobsConfig } = await dist<typeof JobsConfigModule>('jobs/jobs.config.js');
const { openRequestPathRedis } = (await import(
  new URL('../../dist/common/redis-connections.js', import.meta.url).href
)) as typeof import('../../src/common/redis-connections.js');

describe('database outages', () => {
  let cluster: OwnPostgres;
  beforeAll(async () => {
    cluster = await OwnPostgres.start();
  }, 60_000);
  afterAll(async () => {
    await cluster?.dispose();
  }, 60_000);

  it('a transaction whose session is terminated rejects as DatabaseUnavailableError, and the pool recovers', async () => {
    const database = await openDatabase({ databaseUrl: cluster.url });
    try {
      // Killing the transaction's own backend is what a PostgreSQL shutdown does to every session
      // (57P01): the checked-out client emits 'error'. Unhandled, that event would end this process.
      const failed = await database
        .transaction(async (tx) => {
          await tx.query('SELECT pg_terminate_backend(pg_backend_pid())');
        })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(failed).toBeInstanceOf(DatabaseUnavailableError);
      expect((failed as Error).message).toMatch(/57P01|terminat/);
      // The broken client is destroyed, not returned to the pool: every later query works.
      for (let i = 0; i < 12; i++)
        expect((await database.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      expect(await database.transaction(async (tx) => (await tx.query('SELECT 2 AS two')).rows)).toEqual([
        { two: 2 },
      ]);
    } finally {
      await database.close();
    }
  });

  it('a stopped database is DatabaseUnavailableError; a wrong query is not', async () => {
    const port = await freePort(); // nothing listens there
    const database = await openDatabase({ databaseUrl: `postgres://postgres@127.0.0.1:${port}/postgres` });
    try {
      await expect(database.query('SELECT 1')).rejects.toBeInstanceOf(DatabaseUnavailableError);
      await expect(database.transaction(async () => 1)).rejects.toBeInstanceOf(DatabaseUnavailableError);
      expect(await database.ping()).toBe(false);
    } finally {
      await database.close();
    }
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      const syntax = await client.query('SELEC 1').catch((error: unknown) => error);
      const missing = await client.query('SELECT * FROM no_such_table').catch((error: unknown) => error);
      expect(isDatabaseUnavailable(syntax)).toBe(false);
      expect(isDatabaseUnavailable(missing)).toBe(false);
    } finally {
      await client.end();
    }
  });
});

describe('Redis down when a process starts', () => {
  it('the schedule keeper starts anyway, reports Redis unreachable, and registers once Redis is up', async () => {
    const port = await freePort();
    const status = new ScheduleStatus();
    const keeper = new ScheduleKeeper(`redis://127.0.0.1:${port}`, keeperConfig('late'), status);
    let redis: OwnRedis | undefined;
    try {
      await keeper.start(); // resolves although nothing listens on the port
      expect(status.state).toBe('unreachable');
      redis = await OwnRedis.start(port);
      await eventually(
        'the schedulers registered once Redis is up',
        async () => (status.state === 'registered' ? true : undefined),
        { attempts: 100, everyMs: 100 },
      );
      expect(status.lastMissing).toHaveLength(5);
    } finally {
      await keeper.stop();
      await redis?.dispose();
    }
  }, 30_000);

  it('the schedule keeper stops within its deadlines while Redis never came up', async () => {
    const keeper = new ScheduleKeeper(
      `redis://127.0.0.1:${await freePort()}`,
      keeperConfig('never'),
      new ScheduleStatus(),
    );
    await keeper.start();
    await keeper.stop(); // bounded: the test's timeout would fail it otherwise
  }, 20_000);
});

describe('Redis outages', () => {
  let redis: OwnRedis;
  beforeAll(async () => {
    redis = await OwnRedis.start();
  }, 30_000);
  afterAll(async () => {
    await redis?.dispose();
  });

  it('live quotes: last known quotes answer while Redis is down; writes fail; fresh reads after it returns', async () => {
    const client = openRequestPathRedis(redis.url, 'test-quotes');
    try {
      const quotes = new LastKnownQuotes(new RedisLiveQuotes(client, 'lk'));
      const quote = (symbol: string, tick: number, price: number) => ({
        symbol,
        price,
        previousClose: 100,
        tick,
        at: tick,
      });
      await whenReady(client); // the offline queue is off: a command before the connection fails
      expect(await quotes.putIfNewer([quote('AAA', 1, 101), quote('BBB', 1, 50)])).toHaveLength(2);
      expect((await quotes.get('AAA'))?.price).toBe(101);

      await redis.kill();
      expect((await quotes.get('AAA'))?.price).toBe(101);
      expect([...(await quotes.getMany(['AAA', 'BBB', 'CCC'])).keys()]).toEqual(['AAA', 'BBB']);
      expect(quotes.fallbacks).toBe(2);
      await expect(quotes.putIfNewer([quote('AAA', 2, 102)])).rejects.toThrow();

      await redis.resume();
      await new Promise<void>((resolve) =>
        client.status === 'ready' ? resolve() : client.once('ready', resolve),
      );
      // Redis came back empty: nothing there, and the last known quote is not invented back into it.
      expect(await quotes.get('AAA')).toBeUndefined();
      expect(await quotes.putIfNewer([quote('AAA', 3, 103)])).toHaveLength(1);
      expect((await quotes.get('AAA'))?.price).toBe(103);
    } finally {
      client.disconnect();
    }
  });

  it('the schedule keeper registers the schedulers, registers them again when they are gone, and reports Redis unreachable', async () => {
    const config = toJobsConfig(
      Object.fromEntries(
        Object.entries(jobsEnvShape).map(([name, schema]) => [
          name,
          schema.parse(
            { JOB_SHARDS: '2', REDIS_PREFIX: 'keeper', SCHEDULE_CHECK_MS: String(60 * 60_000) }[name],
          ),
        ]),
      ) as Parameters<typeof toJobsConfig>[0],
    );
    const status = new ScheduleStatus();
    const keeper = new ScheduleKeeper(redis.url, config, status);
    const check = redis.client();
    try {
      await keeper.start();
      expect(status.state).toBe('registered');
      const ids = async () =>
        (
          await Promise.all(
            Object.values(keeper.queues).map(async (queue) =>
              (await queue.getJobSchedulers()).map((s) => s.id ?? s.key),
            ),
          )
        )
          .flat()
          .sort();
      const wanted = ['news-0-of-2', 'news-1-of-2', 'prices-0-of-2', 'prices-1-of-2', 'scores'];
      expect(await ids()).toEqual(wanted);
      expect(status.repairs).toBe(0);

      await check.flushall();
      await keeper.check();
      expect(status.state).toBe('registered');
      expect(status.lastMissing.sort()).toEqual(wanted);
      expect(status.repairs).toBe(1);
      expect(await ids()).toEqual(wanted);

      await redis.kill();
      await keeper.check();
      expect(status.state).toBe('unreachable');

      // Back empty: the reconnect itself triggers a check that registers them again.
      await redis.resume();
      await eventually(
        'the schedulers registered again after the reconnect',
        async () => (status.repairs === 2 && status.state === 'registered' ? true : undefined),
        { attempts: 100, everyMs: 100 },
      );
      expect(await ids()).toEqual(wanted);
    } finally {
      await keeper.stop();
      check.disconnect();
    }
  }, 30_000);
});

/** Resolves once `client` is connected (ioredis' `ready`); the test's timeout bounds the wait. */
function whenReady(client: {
  status: string;
  once(event: 'ready', listener: () => void): unknown;
}): Promise<void> {
  return client.status === 'ready'
    ? Promise.resolve()
    : new Promise((resolve) => client.once('ready', resolve));
}

/** Jobs settings of the keeper tests: 2 shards (5 schedulers), checks only when asked or on reconnect. */
function keeperConfig(prefix: string) {
  const env: Record<string, string> = {
    JOB_SHARDS: '2',
    REDIS_PREFIX: prefix,
    SCHEDULE_CHECK_MS: String(60 * 60_000),
  };
  return toJobsConfig(
    Object.fromEntries(
      Object.entries(jobsEnvShape).map(([name, schema]) => [name, schema.parse(env[name])]),
    ) as Parameters<typeof toJobsConfig>[0],
  );
}
