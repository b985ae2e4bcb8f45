// Fault benchmark of the reference server (examples/nest-server, compiled: run `npm run build -w
// @da-ki/nest-server` first). Starts a PostgreSQL cluster and a redis-server of its own (free
// loopback ports, temp folders: the shared ones on 5432/6379 are never touched), the server and one
// worker as child processes, and drives a FIXED open-loop load (a request every 1000/RATE ms, whatever
// the answers) through four phases:
//   baseline (all up) -> Redis killed for OUTAGE_S -> Redis back empty, recovery -> PostgreSQL
//   stopped (fast shutdown: 57P01 to every session) for OUTAGE_S -> PostgreSQL back, recovery.
// Reported per phase: requests answered per second, answers by class, unanswered requests (no answer
// within TIMEOUT_MS), p50/p99 per endpoint; then time to recover after each outage, lost
// acknowledged writes (201 answered but the row absent afterwards) and lost socket messages (price
// updates the worker published, sampled from Redis every 250 ms, that a Socket.IO client subscribed
// to those symbols the whole time did not receive).
// Run: npx tsx benchmarks/faults/run.ts     Knobs: FAULT_BENCH_RATE=100 (req/s)  FAULT_BENCH_OUTAGE_S=10
import { cpus, loadavg } from 'node:os';
import { Redis } from 'ioredis';
import pg from 'pg';
import { io } from 'socket.io-client';
import { addPosition, signUp, someSymbols } from '../../examples/nest-server/test/faults/support/api.js';
import { eventually, pause } from '../../examples/nest-server/test/faults/support/free-port.js';
import {
  type LoadOutcome,
  type LoadRequest,
  send,
} from '../../examples/nest-server/test/faults/support/load.js';
import { OwnPostgres } from '../../examples/nest-server/test/faults/support/own-postgres.js';
import { OwnRedis } from '../../examples/nest-server/test/faults/support/own-redis.js';
import { NodeProcess } from '../../examples/nest-server/test/faults/support/server-process.js';
import { printTable } from '../table.js';

const RATE = Number(process.env.FAULT_BENCH_RATE ?? 100);
const OUTAGE_S = Number(process.env.FAULT_BENCH_OUTAGE_S ?? 10);
const BASELINE_S = 10;
const RECOVERY_S = 10;
const TIMEOUT_MS = 30_000;
const MAX_IN_FLIGHT = 2_000;
const PREFIX = 'faultbench';
const PRICE_INTERVAL_MS = 1_000;

type Phase = 'baseline' | 'redis outage' | 'redis recovery' | 'postgres outage' | 'postgres recovery';

async function main(): Promise<void> {
  console.log(
    `fault benchmark: ${RATE} req/s fixed open-loop load, outages of ${OUTAGE_S} s; ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(2)}`,
  );
  const [database, redis] = await Promise.all([OwnPostgres.start(), OwnRedis.start()]);
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    REDIS_PREFIX: PREFIX,
    LOG_LEVEL: process.env.FAULT_BENCH_LOG_LEVEL ?? 'error',
    SYNTHETIC_SYMBOLS: '120',
    PRICE_INTERVAL_MS: String(PRICE_INTERVAL_MS),
    SCORE_INTERVAL_MS: String(24 * 60 * 60_000),
    NEWS_INTERVAL_MS: String(24 * 60 * 60_000),
    SCHEDULE_CHECK_MS: '5000',
    JOB_SHARDS: '1',
    JOB_BACKOFF_MS: '500',
  };
  const server = await NodeProcess.start('server', env);
  const worker = await NodeProcess.start('worker', env);
  const sampler = new Redis(redis.url, {
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    commandTimeout: 200,
  });
  sampler.on('error', () => undefined);
  try {
    // Reads come from a user with a fixed portfolio; writes go to another, whose portfolio grows.
    const user = await signUp(server.url, 'faultbench-reader');
    const writer = await signUp(server.url, 'faultbench-writer');
    const symbols = await someSymbols(server.url, 5);
    for (const symbol of symbols) await addPosition(server.url, user.token, symbol);

    // The socket witness: subscribed to the position symbols for the whole run.
    const received = new Set<string>();
    const socket = io(server.url, { transports: ['websocket'], auth: { token: user.token } });
    socket.on('price:update', (update: { symbol: string; tick: number }) =>
      received.add(`${update.symbol}@${update.tick}`),
    );
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const ack = (await socket.timeout(10_000).emitWithAck('subscribe', { symbols })) as { ok: boolean };
    if (!ack.ok) throw new Error('subscribe refused');
    await eventually(
      'a first price update on the socket',
      async () => (received.size > 0 ? true : undefined),
      {
        attempts: 150,
        everyMs: 200,
      },
    );
    const firstTick = Math.min(...[...received].map((key) => Number(key.split('@')[1])));

    // Published ticks, sampled from the live-quotes hash (the worker stores a quote, then broadcasts it).
    const published = new Map<string, number>(); // symbol@tick -> when sampled
    let sampling = true;
    const sampleLoop = (async () => {
      while (sampling) {
        const values = await sampler
          .hmget(`${PREFIX}:quotes`, ...symbols)
          .catch(() => [] as (string | null)[]);
        for (const value of values) {
          if (!value) continue;
          const quote = JSON.parse(value) as { symbol: string; tick: number };
          const key = `${quote.symbol}@${quote.tick}`;
          if (quote.tick >= firstTick && !published.has(key)) published.set(key, Date.now());
        }
        await pause(250);
      }
    })();

    const endpoints: ((i: number) => LoadRequest)[] = [
      () => ({
        name: 'GET /api/live-monitoring',
        method: 'GET',
        path: '/api/live-monitoring',
        token: user.token,
      }),
      () => ({
        name: 'GET /api/monitoring/summary',
        method: 'GET',
        path: '/api/monitoring/summary',
        token: user.token,
      }),
      (i) => ({
        name: 'POST /api/live-monitoring/add',
        method: 'POST',
        path: '/api/live-monitoring/add',
        token: writer.token,
        body: { symbol: symbols[i % symbols.length], shares: 1, investment: 100 },
      }),
      (i) => ({
        name: 'GET /api/stocks/:symbol',
        method: 'GET',
        path: `/api/stocks/${symbols[i % symbols.length]}`,
      }),
      () => ({
        name: 'GET /api/wachstumsprognose/top10',
        method: 'GET',
        path: '/api/wachstumsprognose/top10',
      }),
    ];
    const outcomes: LoadOutcome[] = [];
    const pending = new Set<Promise<void>>();
    let phase: Phase = 'baseline';
    let sent = 0;
    let skipped = 0;
    const ticker = setInterval(() => {
      if (pending.size >= MAX_IN_FLIGHT) {
        skipped++;
        return;
      }
      const request = (endpoints[sent % endpoints.length] as (i: number) => LoadRequest)(sent);
      sent++;
      const done = send(server.url, request, phase, TIMEOUT_MS).then((outcome) => {
        outcomes.push(outcome);
        pending.delete(done);
      });
      pending.add(done);
    }, 1000 / RATE);

    const phaseTimes = new Map<Phase, { from: number; to: number }>();
    const runPhase = async (name: Phase, seconds: number) => {
      phase = name;
      const from = Date.now();
      await pause(seconds * 1000);
      phaseTimes.set(name, { from, to: Date.now() });
    };
    const firstAfter = (at: number, test: (o: LoadOutcome) => boolean) =>
      outcomes
        .filter((o) => o.startedAt >= at && test(o))
        .reduce((min, o) => Math.min(min, o.startedAt + o.ms), Infinity);
    const firstPublishedAfter = (at: number) =>
      Math.min(...[...published.values()].filter((t) => t >= at), Infinity);

    await runPhase('baseline', BASELINE_S);
    await redis.kill();
    await runPhase('redis outage', OUTAGE_S);
    await redis.resume();
    const redisBackAt = Date.now();
    await runPhase('redis recovery', RECOVERY_S);
    await database.stop('fast');
    await runPhase('postgres outage', OUTAGE_S);
    await database.resume();
    const postgresBackAt = Date.now();
    await runPhase('postgres recovery', RECOVERY_S);
    clearInterval(ticker);
    await Promise.all(pending);
    sampling = false;
    await sampleLoop;
    // Let the last published updates arrive before counting losses (bounded).
    await eventually(
      'the socket to catch up',
      async () => ([...published.keys()].every((key) => received.has(key)) ? true : undefined),
      { attempts: 20, everyMs: 250 },
    ).catch(() => undefined);
    socket.close();

    // Lost acknowledged writes.
    const acknowledged = outcomes
      .filter((o) => o.name === 'POST /api/live-monitoring/add' && o.status === 201)
      .map((o) => (o.body as { position_id: string }).position_id);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const stored = new Set(
      (
        await client.query<{ id: string }>('SELECT id FROM positions WHERE id = ANY($1::uuid[])', [
          acknowledged,
        ])
      ).rows.map((row) => row.id),
    );
    await client.end();
    const lostWrites = acknowledged.filter((id) => !stored.has(id)).length;
    const lostMessages = [...published.keys()].filter((key) => !received.has(key)).length;

    console.log('\nAnswers per phase (fixed load; "unanswered": no answer within 30 s or connection failed)');
    printTable(
      ['phase', 'seconds', 'sent', 'answered/s', '2xx', '503', 'other 4xx', '5xx (not 503)', 'unanswered'],
      [...phaseTimes].map(([name, { from, to }]) => {
        const rows = outcomes.filter((o) => o.phase === name);
        const seconds = (to - from) / 1000;
        const answered = rows.filter((o) => o.status > 0);
        return [
          name,
          Number(seconds.toFixed(1)),
          rows.length,
          Math.round(answered.length / seconds),
          rows.filter((o) => o.status >= 200 && o.status < 300).length,
          rows.filter((o) => o.status === 503).length,
          rows.filter((o) => o.status >= 400 && o.status < 500).length,
          rows.filter((o) => o.status >= 500 && o.status !== 503).length,
          rows.filter((o) => o.status === 0).length,
        ];
      }),
    );

    console.log('\nLatency per endpoint and phase, ms (p50 / p99 / max)');
    printTable(
      ['endpoint', ...[...phaseTimes.keys()]],
      endpoints.map((make) => {
        const name = make(0).name;
        return [
          name,
          ...[...phaseTimes.keys()].map((p) => {
            const ms = outcomes
              .filter((o) => o.phase === p && o.name === name && o.status > 0)
              .map((o) => o.ms);
            return ms.length ? `${quantile(ms, 0.5)} / ${quantile(ms, 0.99)} / ${Math.max(...ms)}` : '-';
          }),
        ];
      }),
    );

    const redisTicksBack = firstPublishedAfter(redisBackAt) - redisBackAt;
    const postgresWritesBack = firstAfter(postgresBackAt, (o) => o.status === 201) - postgresBackAt;
    const postgresAllOk = lastFailureEnd(outcomes, postgresBackAt) - postgresBackAt;
    const postgresTicksBack = firstPublishedAfter(postgresBackAt) - postgresBackAt;
    console.log('\nRecovery and losses');
    printTable(
      ['measure', 'value'],
      [
        ['Redis back -> first price tick published (s)', seconds(redisTicksBack)],
        ['PostgreSQL back -> first acknowledged write (s)', seconds(postgresWritesBack)],
        ['PostgreSQL back -> last non-2xx answer (s)', seconds(postgresAllOk)],
        ['PostgreSQL back -> first price tick published (s)', seconds(postgresTicksBack)],
        ['acknowledged writes', acknowledged.length],
        ['lost acknowledged writes', lostWrites],
        ['price updates published (sampled)', published.size],
        ['lost socket messages', lostMessages],
        ['requests not sent (in-flight cap)', skipped],
        ['server alive at the end', server.alive ? 'yes' : `no (${server.ending})`],
        ['worker alive at the end', worker.alive ? 'yes' : `no (${worker.ending})`],
      ],
    );
    for (const child of [server, worker])
      if (!child.alive) console.log(`\nlast output of the ${child.kind}:\n${child.log()}`);
    if (lostWrites > 0 || lostMessages > 0 || !server.alive || !worker.alive) process.exitCode = 1;
  } finally {
    sampler.disconnect();
    await Promise.allSettled([worker.stop(), server.stop()]);
    await Promise.allSettled([redis.dispose(), database.dispose()]);
  }
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
}

/** When the last answer other than 2xx to a request sent after `at` came (or `at` if none). */
function lastFailureEnd(outcomes: readonly LoadOutcome[], at: number): number {
  return outcomes
    .filter((o) => o.startedAt >= at && !(o.status >= 200 && o.status < 300))
    .reduce((max, o) => Math.max(max, o.startedAt + o.ms), at);
}

function seconds(ms: number): string {
  return Number.isFinite(ms) ? (ms / 1000).toFixed(2) : 'never';
}

await main();
