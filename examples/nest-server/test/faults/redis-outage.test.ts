// Redis killed under load, then started again empty (issue 12, items 2 and 3): every request is
// answered without a 5xx during the outage (position endpoints included, which used to wait through
// ioredis' offline queue), `/ready` reports Redis as degraded, and after the restart the job
// schedulers are registered again so that price ticks resume. Counts only, never latencies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPosition, type FaultUser, signUp, someSymbols } from './support/api.js';
import { eventually, pause } from './support/free-port.js';
import { countBy, LoadDriver, type LoadRequest, send } from './support/load.js';
import { OwnPostgres } from './support/own-postgres.js';
import { OwnRedis } from './support/own-redis.js';
import { NodeProcess } from './support/server-process.js';

const WARM_MS = 1_500;
const OUTAGE_MS = 4_000;
const RECOVERED_MS = 1_500;
const PREFIX = 'faults';
const QUOTES_KEY = `${PREFIX}:quotes`;

describe('a Redis outage under load, and Redis back empty', () => {
  let database: OwnPostgres;
  let redis: OwnRedis;
  let server: NodeProcess;
  let worker: NodeProcess;

  beforeAll(async () => {
    [database, redis] = await Promise.all([OwnPostgres.start(), OwnRedis.start()]);
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      REDIS_PREFIX: PREFIX,
      PRICE_INTERVAL_MS: '400',
      SCORE_INTERVAL_MS: String(24 * 60 * 60_000),
      NEWS_INTERVAL_MS: String(24 * 60 * 60_000),
      SCHEDULE_CHECK_MS: '1000',
      JOB_SHARDS: '1',
      // A failed tick is retried soon rather than after the default minute.
      JOB_BACKOFF_MS: '200',
    };
    server = await NodeProcess.start('server', env);
    worker = await NodeProcess.start('worker', env);
  }, 60_000);

  afterAll(async () => {
    await Promise.allSettled([worker?.stop(), server?.stop()]);
    await Promise.allSettled([redis?.dispose(), database?.dispose()]);
  }, 60_000);

  it('answers every request without a 5xx, reports Redis degraded, and resumes ticks', async () => {
    const user: FaultUser = await signUp(server.url, 'redis-outage');
    const symbols = await someSymbols(server.url, 4);
    for (const symbol of symbols) await addPosition(server.url, user.token, symbol);
    const check = redis.client();
    try {
      // The worker ticks: quotes appear in Redis.
      await eventually(
        'a first price tick',
        async () => ((await check.hlen(QUOTES_KEY)) > 0 ? true : undefined),
        {
          attempts: 150,
          everyMs: 200,
        },
      );

      const requests: ((i: number) => LoadRequest)[] = [
        () => ({ name: 'live-monitoring', method: 'GET', path: '/api/live-monitoring', token: user.token }),
        () => ({ name: 'summary', method: 'GET', path: '/api/monitoring/summary', token: user.token }),
        (i) => ({
          name: 'add',
          method: 'POST',
          path: '/api/live-monitoring/add',
          token: user.token,
          body: { symbol: symbols[i % symbols.length], shares: 1, investment: 100 },
        }),
        (i) => ({ name: 'stock', method: 'GET', path: `/api/stocks/${symbols[i % symbols.length]}` }),
        () => ({ name: 'top10', method: 'GET', path: '/api/wachstumsprognose/top10' }),
      ];
      const load = new LoadDriver({
        baseUrl: server.url,
        concurrency: 5,
        next: (i) => (requests[i % requests.length] as (i: number) => LoadRequest)(i),
        // Far above any deadline of the server: a request still open then waited on Redis.
        timeoutMs: 8_000,
        maxRequests: 4_000,
        gapMs: 25,
      });
      load.start();
      await pause(WARM_MS);

      load.phase = 'outage';
      await redis.kill();
      await pause(OUTAGE_MS / 2);
      const ready = await send(
        server.url,
        { name: 'ready', method: 'GET', path: '/ready' },
        'outage',
        10_000,
      );
      await pause(OUTAGE_MS / 2);

      load.phase = 'recovered';
      const redisBackAt = Date.now();
      await redis.resume();
      await pause(RECOVERED_MS);
      const outcomes = await load.stop();

      const context = `outcomes: ${JSON.stringify(countBy(outcomes, (o) => `${o.phase} ${o.name} ${o.status}`))}\nserver log:\n${server.log()}`;
      expect(server.alive, `the server ${server.ending}\n${context}`).toBe(true);
      expect(worker.alive, `the worker ${worker.ending}\n${worker.log()}`).toBe(true);
      expect(
        outcomes.filter((o) => o.status >= 500),
        context,
      ).toEqual([]);
      expect(
        outcomes.filter((o) => o.timedOut || o.status === 0),
        context,
      ).toEqual([]);
      expect(
        outcomes.filter((o) => o.status !== 200 && o.status !== 201),
        context,
      ).toEqual([]);
      // Every endpoint was answered while Redis was still down (a request that waits for the
      // reconnect is answered only after Redis is back, however long the outage).
      const answeredInOutage = countBy(
        outcomes.filter((o) => o.phase === 'outage' && o.startedAt + o.ms < redisBackAt),
        (o) => o.name,
      );
      for (const name of ['live-monitoring', 'summary', 'add', 'stock', 'top10'])
        expect(answeredInOutage[name] ?? 0, `${name} during the outage\n${context}`).toBeGreaterThan(0);

      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ status: 'degraded', checks: { database: 'up', redis: 'degraded' } });

      // Redis came back empty: the schedulers are registered again and the worker ticks again.
      await eventually(
        'price ticks after Redis restarted empty',
        async () => ((await check.hlen(QUOTES_KEY)) > 0 ? true : undefined),
        { attempts: 150, everyMs: 200 },
      );
      const readyAgain = await eventually(
        '/ready after the restart',
        async () => {
          const answer = await send(
            server.url,
            { name: 'ready', method: 'GET', path: '/ready' },
            'after',
            10_000,
          );
          const body = answer.body as { status?: string } | undefined;
          return body?.status === 'ready' ? answer : undefined;
        },
        { attempts: 50, everyMs: 200 },
      );
      expect(readyAgain.body).toMatchObject({
        checks: { database: 'up', redis: 'up', schedules: 'registered' },
      });
    } finally {
      check.disconnect();
    }
  }, 85_000);
});
