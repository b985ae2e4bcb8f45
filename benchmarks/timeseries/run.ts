// Time-series store benchmark (issue 14), two parts in one run:
//
// 1. Writer throughput: the server's BatchedWriter (default limits: batches of 1 000, 50 000-point
//    buffer) inserting stock_metrics and user_activity points into the real PostgreSQL (DATABASE_URL,
//    a schema of its own, partitions created as the server does). The producer records points as
//    fast as the buffer takes them (it yields to the writer when the buffer is nearly full, so no point
//    is dropped); reported: points/s until every point is written.
// 2. Request overhead of recording activity: two compiled DA-KI servers (`node dist/main.js`, run
//    `npm run build` in examples/nest-server first) on PostgreSQL + Redis, the same except
//    RECORD_USER_ACTIVITY=true / false, measured alternately with autocannon at max throughput on
//    GET /api/wachstumsprognose/top10; the loss is the median req/s with recording against without.
//
// Run: npx tsx benchmarks/timeseries/run.ts
// Knobs: TS_BENCH_POINTS=200000 (per table)  TS_BENCH_ROUNDS=5  TS_BENCH_DURATION=10 (s per round and
//        server)  TS_BENCH_CONNECTIONS=50  DATABASE_URL  REDIS_URL
import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { type Database, openDatabase } from '../../examples/nest-server/src/db/database.js';
import { migrate } from '../../examples/nest-server/src/db/migrate.js';
import {
  BatchedWriter,
  DEFAULT_WRITER_LIMITS,
} from '../../examples/nest-server/src/timeseries/batched-writer.js';
import { keepPartitions } from '../../examples/nest-server/src/timeseries/partition-keeper.js';
import {
  STOCK_METRICS,
  type StockMetricRow,
  type TimeseriesTable,
  USER_ACTIVITY,
  type UserActivityRow,
} from '../../examples/nest-server/src/timeseries/timeseries-rows.js';
import type * as UserActivityModule from '../../examples/nest-server/src/timeseries/user-activity.js';
import { deleteRedisKeys, dropSchemas, stopProcess } from '../server-leftovers.js';
import { median, printTable } from '../table.js';

const POINTS = Number(process.env.TS_BENCH_POINTS ?? 200_000);
const ROUNDS = Number(process.env.TS_BENCH_ROUNDS ?? 5);
const DURATION_S = Number(process.env.TS_BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.TS_BENCH_CONNECTIONS ?? 50);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SERVER_DIR = fileURLToPath(new URL('../../examples/nest-server/', import.meta.url));
const SERVER_MAIN = join(SERVER_DIR, 'dist/main.js');
const DAY_MS = String(24 * 60 * 60_000);
/** The aim: recording activity costs less than 2 % of top10 req/s. */
const AIM_LOSS = 0.02;
const CLOCK_TICKS = Number(execSync('getconf CLK_TCK', { encoding: 'utf8' }).trim()) || 100;

const tag = `bench_ts_${process.pid}`;
const schemas = [`${tag}_writer`, `${tag}_on`, `${tag}_off`];
const redisPrefix = `daki-bench-ts-${process.pid}`;
const scratch = mkdtempSync(join(tmpdir(), 'daki-bench-ts-'));
const children: ChildProcess[] = [];
let cleaned: Promise<void> | undefined;

process.on('SIGINT', () => {
  cleanup().finally(() => process.exit(130));
});

try {
  await main();
} finally {
  await cleanup();
}

async function main(): Promise<void> {
  if (!existsSync(SERVER_MAIN)) {
    console.error(`${SERVER_MAIN} is missing: run \`npm run build\` in examples/nest-server first.`);
    process.exitCode = 1;
    return;
  }
  console.log(
    `Time-series benchmark: ${POINTS} points per table; ${ROUNDS} rounds × ${DURATION_S} s per server, ` +
      `${CONNECTIONS} connections; Node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()[0]?.toFixed(2)} at start`,
  );
  await writerThroughput();
  await requestOverhead();
  console.log(`load average ${loadavg()[0]?.toFixed(2)} at the end`);
}

// ---- 1. writer throughput

async function writerThroughput(): Promise<void> {
  const database = await openDatabase({ databaseUrl: DATABASE_URL, schema: schemas[0] });
  try {
    await migrate(database);
    await keepPartitions(database, { now: new Date(), retentionDays: 400 });
    const rows: (string | number)[][] = [];
    const now = Date.now();
    const stock = (i: number): StockMetricRow => ({
      time: new Date(now + i),
      symbol: `S${i % 467}`,
      source: 'tick',
      price: 100 + (i % 1000) / 100,
      volume: 1_000_000 + i,
      change_percent: ((i % 200) - 100) / 100,
      calculation_time_ms: null,
      data_freshness_seconds: 12.5,
      api_response_time_ms: 80 + (i % 50),
      data_source_key: 'synthetic:42',
    });
    const activity = (i: number): UserActivityRow => ({
      time: new Date(now + i),
      user_key: i % 3 === 0 ? null : `user-${i % 1000}`,
      action: 'GET /api/wachstumsprognose/top10',
      requests: 1 + (i % 7),
      duration_ms: 1 + (i % 20) / 10,
      duration_max_ms: 3,
      success: i % 50 !== 0,
      error_code: i % 50 === 0 ? '500' : null,
    });
    rows.push(await throughput(database, STOCK_METRICS, stock));
    rows.push(await throughput(database, USER_ACTIVITY, activity));
    console.log();
    printTable(['table (PostgreSQL)', 'points', 'seconds', 'points/s', 'dropped', 'rows in table'], rows);
    console.log();
  } finally {
    await database.close();
  }
}

async function throughput<Row extends object>(
  database: Database,
  table: TimeseriesTable<Row>,
  make: (i: number) => Row,
): Promise<(string | number)[]> {
  let written = 0;
  let dropped = 0;
  const writer = new BatchedWriter(database, table, {
    onWritten: (n) => {
      written += n;
    },
    onDropped: (n) => {
      dropped += n;
    },
  });
  writer.start();
  const start = performance.now();
  for (let i = 0; i < POINTS; i++) {
    // A producer faster than the database waits for room instead of losing points (the server's
    // recorders do not wait; they drop and count).
    while (writer.pending >= DEFAULT_WRITER_LIMITS.capacity - 1) await writer.flush();
    writer.record(make(i));
    if (i % 1_000 === 999) await new Promise((resolve) => setImmediate(resolve));
  }
  await writer.stop();
  const seconds = (performance.now() - start) / 1000;
  const [count] = (await database.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table.name}`)).rows;
  return [
    table.name,
    POINTS,
    Number(seconds.toFixed(2)),
    Math.round(written / seconds),
    dropped,
    Number(count?.n),
  ];
}

// ---- 2. request overhead

async function requestOverhead(): Promise<void> {
  const on = await startServer(schemas[1] as string, 'true');
  const off = await startServer(schemas[2] as string, 'false');
  const measured = (name: string, server: Started) => ({
    name,
    server,
    rps: [] as number[],
    p99: [] as number[],
    cpuMs: [] as number[],
  });
  const withRecording = measured('recording on', on);
  const without = measured('recording off (RECORD_USER_ACTIVITY=false)', off);
  const targets = [withRecording, without];
  for (const target of targets) await getOk(`${target.server.url}/api/wachstumsprognose/top10`); // first run served
  for (const target of targets)
    await autocannon({
      url: `${target.server.url}/api/wachstumsprognose/top10`,
      connections: CONNECTIONS,
      duration: 3,
    });
  // Alternating rounds, the order flipped each round: drift of a shared machine hits both alike.
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) {
      const pid = target.server.child.pid as number;
      const cpuBefore = processCpuSeconds(pid);
      const result = await autocannon({
        url: `${target.server.url}/api/wachstumsprognose/top10`,
        connections: CONNECTIONS,
        duration: DURATION_S,
      });
      const failed = result.non2xx + result.errors + result.timeouts;
      if (failed > 0) throw new Error(`${target.name}: ${failed} failed requests`);
      target.rps.push(result.requests.total / result.duration);
      target.p99.push(result.latency.p99);
      // Server CPU per 1 000 requests: steadier than req/s on a busy machine, as it does not count
      // the time the process waited for a core.
      target.cpuMs.push(((processCpuSeconds(pid) - cpuBefore) * 1_000_000) / result.requests.total);
      console.log(
        `  round ${round + 1} ${target.name.padEnd(44)} ${Math.round(target.rps.at(-1) as number)} req/s, p99 ${result.latency.p99} ms, ` +
          `${(target.cpuMs.at(-1) as number).toFixed(1)} CPU ms / 1000 req (load ${loadavg()[0]?.toFixed(2)})`,
      );
    }
  }
  const activity = await scrapeCounters(on.url);
  const rowsOn = await countRows(schemas[1] as string);
  console.log();
  printTable(
    [
      'GET /api/wachstumsprognose/top10',
      'median req/s',
      'rounds req/s',
      'median p99 ms',
      'server CPU ms / 1000 req',
    ],
    targets.map((t) => [
      t.name,
      Math.round(median(t.rps)),
      t.rps.map((r) => Math.round(r)).join(' / '),
      median(t.p99),
      Number(median(t.cpuMs).toFixed(1)),
    ]),
  );
  const own = await recordingCpuPerRequest();
  const serverNs = median(without.cpuMs) * 1000; // CPU ms per 1 000 requests = µs per request → ns
  const ownShare = own.anonymousNs / serverNs;
  const loss = 1 - median(withRecording.rps) / median(without.rps);
  const cpuExtra = median(withRecording.cpuMs) / median(without.cpuMs) - 1;
  // Rounds of one server that differ by more than twice the aim cannot resolve it: said so.
  const spread = Math.max(...targets.map((t) => (Math.max(...t.rps) - Math.min(...t.rps)) / median(t.rps)));
  const verdict = spread > 2 * AIM_LOSS ? 'inconclusive' : loss < AIM_LOSS ? 'met' : 'NOT met';
  console.log();
  console.log(
    `user_activity while recording: ${activity.written} points written, ${activity.dropped} dropped, ${rowsOn} rows in the table`,
  );
  console.log(
    `server CPU per request with recording: ${cpuExtra >= 0 ? '+' : ''}${(cpuExtra * 100).toFixed(1)} % against without (PostgreSQL's own insert work not included)`,
  );
  console.log(
    `aim      recording activity costs < ${AIM_LOSS * 100} % of top10 req/s: ${verdict} (median req/s ${(loss * 100).toFixed(1)} % lower; ` +
      `rounds of one server spread by up to ${(spread * 100).toFixed(0)} % of their median)`,
  );
  console.log(
    `recording's own CPU per request (the onResponse hook's group update, in-process, 1 000 000 calls): ` +
      `anonymous ${own.anonymousNs.toFixed(0)} ns, signed-in ${own.signedInNs.toFixed(0)} ns (HMAC pseudonym) — ` +
      `${(ownShare * 100).toFixed(2)} % / ${((own.signedInNs / serverNs) * 100).toFixed(2)} % of the server's ` +
      `${(serverNs / 1000).toFixed(0)} µs CPU per top10 request without recording; the groups' inserts: ` +
      `${activity.written} rows for the whole run`,
  );
  console.log(
    `aim      by CPU (steady on a busy machine): ${ownShare < AIM_LOSS ? 'met' : 'NOT met'} (${(ownShare * 100).toFixed(2)} % < ${AIM_LOSS * 100} %)`,
  );
}

/**
 * CPU of the recording itself per request, measured in-process on the compiled class: what the
 * onResponse hook adds to a request (one map update; an HMAC for a signed-in user). Its inserts
 * are one row per action and outcome per second, counted above.
 */
async function recordingCpuPerRequest(): Promise<{ anonymousNs: number; signedInNs: number }> {
  const { UserActivity } = (await import(
    pathToFileURL(join(SERVER_DIR, 'dist/timeseries/user-activity.js')).href
  )) as typeof UserActivityModule;
  // record() touches neither the writer, the HTTP adapter nor the database (the flush takes the groups).
  const activity = new UserActivity(
    undefined as never,
    undefined as never,
    undefined as never,
    {
      encryptionKey: randomBytes(32),
    } as never,
  );
  const calls = 1_000_000;
  const nsPerCall = (userId: string | undefined) => {
    const start = process.cpuUsage();
    for (let i = 0; i < calls; i++) activity.record('GET', '/api/wachstumsprognose/top10', userId, 200, 1.5);
    const used = process.cpuUsage(start);
    return ((used.user + used.system) * 1000) / calls;
  };
  nsPerCall(undefined); // warm-up
  return { anonymousNs: nsPerCall(undefined), signedInNs: nsPerCall('0b6c3f3e-5d7a-4a3c-9f55-2f1d8b7c6e10') };
}

interface Started {
  url: string;
  child: ChildProcess;
}

async function startServer(schema: string, record: 'true' | 'false'): Promise<Started> {
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  // dist/main.js takes no schema option: libpq's `options` puts the schema first on the search_path.
  const databaseUrl = new URL(DATABASE_URL);
  databaseUrl.searchParams.set('options', `-c search_path=${schema}`);
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: SERVER_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: join(scratch, schema),
      DATABASE_URL: databaseUrl.href,
      REDIS_URL,
      REDIS_PREFIX: `${redisPrefix}-${record}`,
      LOG_LEVEL: 'warn',
      JWT_SECRET: randomBytes(32).toString('base64url'),
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      RATE_LIMIT_PER_MINUTE: '1000000000',
      PRICE_INTERVAL_MS: DAY_MS,
      SCORE_INTERVAL_MS: DAY_MS,
      NEWS_INTERVAL_MS: DAY_MS,
      // The forecasts' model training would burn CPU for minutes on a shared machine; the
      // comparison is about the request path, which is the same with or without forecasts.
      FORECAST_MODE: 'off',
      RECORD_USER_ACTIVITY: record,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + String(chunk)).slice(-2000);
  });
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the DA-KI server exited (${child.exitCode}): ${stderr}`);
    if (Date.now() > deadline) throw new Error(`the DA-KI server was not ready within 180 s: ${stderr}`);
    if (
      await fetch(`${url}/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, child };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

async function getOk(url: string): Promise<string> {
  const response = await fetch(url);
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return text;
}

async function scrapeCounters(url: string): Promise<{ written: number; dropped: number }> {
  const text = await getOk(`${url}/metrics`);
  const sum = (pattern: RegExp) =>
    [...text.matchAll(pattern)].reduce((total, match) => total + Number(match[1]), 0);
  return {
    written: sum(/^timeseries_points_written_total\{table="user_activity"\} (\d+)/gm),
    dropped: sum(/^timeseries_points_dropped_total\{table="user_activity",[^}]*\} (\d+)/gm),
  };
}

async function countRows(schema: string): Promise<number> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM ${schema}.user_activity`,
    );
    return Number(rows[0]?.n);
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Stops the servers, drops the schemas, deletes the Redis keys and the scratch folder. Runs once. */
function cleanup(): Promise<void> {
  cleaned ??= (async () => {
    await Promise.all(children.map(stopProcess));
    await dropSchemas(DATABASE_URL, schemas);
    await deleteRedisKeys(REDIS_URL, redisPrefix);
    rmSync(scratch, { recursive: true, force: true });
  })();
  return cleaned;
}
