// Scale-out against the real Redis and PostgreSQL: two server instances and worker processes on
// loopback. The workers run the BullMQ jobs (scheduled prices every 400 ms; scores and news once at
// start), publish through the Socket.IO Redis streams adapter, and every instance delivers.
import { type ChildProcess, spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { type Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as QueuesModule from '../src/jobs/queues.js';
import {
  addPosition,
  connect,
  createSchema,
  DATABASE_URL,
  dropSchema,
  eventually,
  type LiveClient,
  loadConfig,
  REDIS_URL,
  type RunningServer,
  registerUser,
  startServer,
  suiteSecrets,
  topSymbols,
  uniqueSuffix,
  WORKER_ENTRY,
  withSql,
} from './realtime-support.js';

const { QUEUE_NAMES, queuePrefix, updateJobOptions } = (await import(
  new URL('../dist/jobs/queues.js', import.meta.url).href
)) as typeof QueuesModule;

const suffix = uniqueSuffix();
const schema = `t_realtime_cl_${suffix}`;
const DAY_MS = '86400000';
const env: Record<string, string> = {
  NODE_ENV: 'test',
  PORT: '0',
  LOG_LEVEL: 'silent',
  DATA_DIR: `/tmp/daki-realtime-cl-${suffix}`,
  DATABASE_URL,
  REDIS_URL,
  REDIS_PREFIX: `t-rtcl-${suffix}`,
  RATE_LIMIT_PER_MINUTE: '10000',
  // A smaller synthetic universe: scoring runs and price turns cost a fraction of the default 467.
  SYNTHETIC_SYMBOLS: '80',
  PRICE_INTERVAL_MS: '400',
  SCORE_INTERVAL_MS: DAY_MS,
  NEWS_INTERVAL_MS: DAY_MS,
  JOB_SHARDS: '2',
  JOB_RETRIES: '3',
  JOB_BACKOFF_MS: '100',
  JOB_LOCK_MS: '2000',
  JOB_STALLED_INTERVAL_MS: '500',
  WORKER_CONCURRENCY: '2',
  ...suiteSecrets(),
};
const config = loadConfig(env);
const connection = { url: REDIS_URL, maxRetriesPerRequest: null };

let a: RunningServer;
let b: RunningServer;
let redis: Redis;
let symbol: string;
const queues: Queue[] = [];
const workers: ChildProcess[] = [];
const clients: LiveClient[] = [];

/** Starts `node dist/worker.js` on the suite's schema and prefix. */
function spawnWorker(): ChildProcess {
  const child = spawn(process.execPath, [WORKER_ENTRY], {
    env: { ...process.env, ...env, DATABASE_SCHEMA: schema },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal === null) console.error(`worker ${child.pid} exited with ${code}: ${stderr}`);
  });
  workers.push(child);
  return child;
}

const queue = (name: string) => {
  const created = new Queue(name, { connection, prefix: queuePrefix(config.jobs) });
  queues.push(created);
  return created;
};
const track = (client: LiveClient) => {
  clients.push(client);
  return client;
};

beforeAll(async () => {
  await createSchema(schema);
  a = await startServer(config, { databaseSchema: schema });
  b = await startServer(config, { databaseSchema: schema });
  redis = new Redis(REDIS_URL);
  [symbol] = await topSymbols(a.url, 1);
  spawnWorker();
});

afterAll(async () => {
  for (const client of clients) client.close();
  for (const child of workers)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.allSettled(queues.map((q) => q.close()));
  await Promise.allSettled([a?.close(), b?.close()]);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${env.REDIS_PREFIX}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
  await dropSchema(schema);
}, 30_000);

describe('two instances and a worker', () => {
  it('a client on instance B receives the prices the worker computed, as does a client on A', async () => {
    const onB = track(await connect(b.url));
    const onA = track(await connect(a.url));
    expect(await onB.subscribe({ symbols: [symbol] })).toMatchObject({ ok: true });
    expect(await onA.subscribe({ symbols: [symbol] })).toMatchObject({ ok: true });
    await onB.waitFor('price:update');
    // The servers run no jobs with Redis: the quote in Redis was written by the worker.
    const stored = JSON.parse((await redis.hget(`${env.REDIS_PREFIX}:quotes`, symbol)) as string) as {
      tick: number;
      price: number;
    };
    const same = (p: Record<string, unknown>) =>
      p.tick === stored.tick && p.price === stored.price && p.symbol === symbol;
    await onB.waitFor('price:update', same);
    await onA.waitFor('price:update', same);
  });

  it("delivers a user's portfolio, valued by the worker, on whichever instance the user is connected to", async () => {
    const user = await registerUser(a.url);
    const positionId = await addPosition(a.url, user, { symbol, shares: 4, investment: 400 });
    const onB = track(await connect(b.url, { token: user.token }));
    expect(await onB.subscribe({ portfolio: true, symbols: [symbol] })).toMatchObject({ ok: true });
    const update = await onB.waitFor('portfolio:update');
    expect((update.positions as { position_id: string }[]).map((p) => p.position_id)).toEqual([positionId]);
    // REST on either instance values the position at a live price the worker broadcast.
    const rest = (await (
      await fetch(`${b.url}/api/live-monitoring`, { headers: { authorization: `Bearer ${user.token}` } })
    ).json()) as { positions: { current_price: number }[] };
    const price = rest.positions[0]?.current_price;
    await onB.waitFor('price:update', (p) => p.price === price);
  });

  it('a client dropped for a few ticks and back on the other instance misses no update', async () => {
    const watched = [symbol];
    const witness = track(await connect(a.url));
    const dropped = track(await connect(b.url));
    await witness.subscribe({ symbols: watched });
    await dropped.subscribe({ symbols: watched });
    const first = await dropped.waitFor('price:update');
    const firstTick = first.tick as number;
    // What the client library keeps to ask for recovery: its session id and the last stream offset.
    const session = dropped.socket as unknown as { _pid: string; _lastOffset: string };
    const disconnected = new Promise((resolve) => dropped.socket.once('disconnect', resolve));
    dropped.socket.io.engine.close();
    await disconnected;
    const lastTickBeforeDrop = Math.max(...dropped.events('price:update').map((p) => p.tick as number));
    await witness.waitFor('price:update', (p) => (p.tick as number) >= lastTickBeforeDrop + 3);
    // Back on instance A with the session of instance B: rooms and missed updates come from Redis.
    const back = track(await connect(a.url, { pid: session._pid, offset: session._lastOffset }));
    const finalTick = (
      await witness.waitFor('price:update', (p) => (p.tick as number) >= lastTickBeforeDrop + 4)
    ).tick as number;
    await back.waitFor('price:update', (p) => p.tick === finalTick);
    const window = (updates: Record<string, unknown>[]) =>
      updates
        .filter((p) => (p.tick as number) >= firstTick && (p.tick as number) <= finalTick)
        .map((p) => `${p.symbol}@${p.tick}:${p.price}`);
    const received = [...window(dropped.events('price:update')), ...window(back.events('price:update'))];
    // It never subscribed on A: the recovered session brought its rooms along, and the ticks of the drop.
    expect(back.events('price:update').some((p) => (p.tick as number) <= lastTickBeforeDrop + 2)).toBe(true);
    expect(received.sort()).toEqual(window(witness.events('price:update')).sort());
    expect(new Set(received).size).toBe(received.length);
  });
});

describe('job failures', () => {
  it('retries a failing job with backoff, then moves it to the dead-letter queue', async () => {
    const prices = queue(QUEUE_NAMES.prices);
    const deadLetters = queue(QUEUE_NAMES.deadLetter);
    // A real failure in the worker: the table the prices job writes to is gone for a moment.
    await withSql(schema, (sql) => sql.query('ALTER TABLE positions RENAME TO positions_parked'));
    try {
      const tick = Math.round(Date.now() / config.jobs.priceIntervalMs) + 10_000;
      const job = await prices.add(
        'prices',
        { shard: 0, shards: 1, tick },
        { ...updateJobOptions(config.jobs), jobId: `fail-${suffix}` },
      );
      let letter: Job | undefined;
      await eventually(
        async () => Boolean((letter = await deadLetters.getJob(`prices-${job.id}`))),
        20_000,
        'dead letter',
      );
      expect(letter?.data).toMatchObject({
        queue: 'prices',
        jobId: job.id,
        attemptsMade: config.jobs.retries + 1,
        failedReason: expect.stringContaining('positions'),
        data: { shard: 0, shards: 1, tick },
      });
      expect(await prices.getJobState(job.id as string)).toBe('failed');
    } finally {
      await withSql(schema, (sql) => sql.query('ALTER TABLE positions_parked RENAME TO positions'));
    }
  });

  it('sends a malformed job to the dead letters without retrying it', async () => {
    const news = queue(QUEUE_NAMES.news);
    const deadLetters = queue(QUEUE_NAMES.deadLetter);
    const job = await news.add(
      'news',
      { shard: 3, shards: 2 },
      { ...updateJobOptions(config.jobs), jobId: `bad-${suffix}` },
    );
    let letter: Job | undefined;
    await eventually(
      async () => Boolean((letter = await deadLetters.getJob(`news-${job.id}`))),
      15_000,
      'dead letter',
    );
    expect(letter?.data).toMatchObject({
      attemptsMade: 1,
      failedReason: expect.stringContaining('invalid news job data'),
    });
  });

  it('a worker killed mid-job leaves the job to another worker, which completes and broadcasts it', async () => {
    const scores = queue(QUEUE_NAMES.scores);
    const watcher = track(await connect(b.url));
    await watcher.subscribe({ top10: true });
    // Hold the table a scoring run is persisted to, so the job is certainly in progress when the worker dies.
    const blocker = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE growth_forecasts IN EXCLUSIVE MODE');
      const job = await scores.add(
        'scores',
        {},
        { ...updateJobOptions(config.jobs), jobId: `kill-${suffix}` },
      );
      const waitingForLock = async () =>
        Number(
          (
            await blocker.query(
              `SELECT count(*) AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
               WHERE c.relname = 'growth_forecasts' AND c.relnamespace = $1::regnamespace AND NOT l.granted`,
              [schema],
            )
          ).rows[0].n,
        ) > 0;
      await eventually(
        async () => (await scores.getJobState(job.id as string)) === 'active' && (await waitingForLock()),
        20_000,
        'job blocked mid-way',
      );
      const first = workers[0] as ChildProcess;
      first.kill('SIGKILL');
      await new Promise((resolve) => first.once('exit', resolve));
      await blocker.query('ROLLBACK');
      const second = spawnWorker();
      let finished: Job | undefined;
      await eventually(
        async () => Boolean((finished = await scores.getJob(job.id as string))?.finishedOn),
        30_000,
        'job finished',
      );
      expect(finished?.failedReason ?? '').toBe('');
      expect(finished?.processedBy).toBe(`${hostname()}:${second.pid}`);
      expect(finished?.stalledCounter).toBe(1);
      const runId = (finished?.returnvalue as { runId?: string } | undefined)?.runId;
      expect(runId).toEqual(expect.any(String));
      const persisted = await withSql(schema, (sql) =>
        sql.query('SELECT count(*) AS n FROM growth_forecasts WHERE run_id = $1', [runId]),
      );
      expect(Number(persisted.rows[0].n)).toBeGreaterThan(0);
      await watcher.waitFor('top10:update', (p) => p.run_id === runId);
    } finally {
      await blocker.end();
    }
  });
});
