// REST API benchmark of the reference server (examples/nest-server, compiled: run `npm run build` in
// examples/nest-server first). autocannon against
//   GET /api/wachstumsprognose/top10   and   GET /api/stocks/:symbol (the top stock)
// of `node dist/main.js` in two setups, one after the other in the same run:
//   embedded  the default of `npm start`: PGlite in a data folder, no Redis;
//   postgres  the real PostgreSQL (DATABASE_URL, a schema of its own) and Redis (REDIS_URL: L2 cache
//             and rate-limit counters, a key prefix of its own);
// each beside a bare Fastify server (bare-fastify.ts) returning the very same JSON. The servers run in
// child processes; autocannon runs here, so the load generator has its own event loop (but shares
// the cores). The table gives each DA-KI row's req/s as a share of the bare server's at the same load.
//
// Each target is measured at fixed rates (autocannon `overallRate`, latencies corrected for
// coordinated omission) and at max throughput; reported: requests/s, p50 / p99 / max latency,
// non-2xx answers, and the CPU the server process and the load generator used.
// Run: npx tsx benchmarks/api/run.ts
// Knobs: API_BENCH_DURATION=10 (s per case)  API_BENCH_RATES=1000,5000  API_BENCH_CONNECTIONS=50
//        API_BENCH_SETUPS=embedded,postgres  API_BENCH_LOG_LEVEL=warn (the server's LOG_LEVEL; `info`
//        logs every request)  DATABASE_URL  REDIS_URL
import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { deleteRedisKeys, dropSchemas, stopProcess } from '../server-leftovers.js';
import { printTable } from '../table.js';

const DURATION_S = Number(process.env.API_BENCH_DURATION ?? 10);
const RATES = (process.env.API_BENCH_RATES ?? '1000,5000')
  .split(',')
  .map(Number)
  .filter((rate) => rate > 0);
const CONNECTIONS = Number(process.env.API_BENCH_CONNECTIONS ?? 50);
const LOG_LEVEL = process.env.API_BENCH_LOG_LEVEL ?? 'warn';
type Setup = 'embedded' | 'postgres';
const SETUPS = (process.env.API_BENCH_SETUPS ?? 'embedded,postgres')
  .split(',')
  .map((setup) => setup.trim())
  .filter((setup): setup is Setup => setup === 'embedded' || setup === 'postgres');
const WARMUP_S = 3;
const IDLE_CPU_PERCENT = 5;
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SERVER_DIR = fileURLToPath(new URL('../../examples/nest-server/', import.meta.url));
const SERVER_MAIN = join(SERVER_DIR, 'dist/main.js');
const BARE_SERVER = fileURLToPath(new URL('./bare-fastify.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DAY_MS = String(24 * 60 * 60_000);
const CLOCK_TICKS = clockTicks();

/** The concept's requirement and the aim, checked at the end. */
const CONCEPT = { rate: 1000, p99Ms: 200 };
const AIM = { rate: 5000, p99Ms: 20 };
/** Issue 18: each DA-KI endpoint at max throughput reaches this share of the bare server's req/s. */
const SHARE_OF_BARE = 0.6;

interface Target {
  name: string;
  url: string;
  pid: number;
  daki: boolean;
  setup: Setup;
  /** The endpoint, shared by a DA-KI target and its bare twin. */
  endpoint: 'top10' | 'detail';
}

interface Row {
  target: Target;
  load: string;
  rate: number | undefined;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  ok: number;
  failed: number;
  serverCpu: number | undefined;
  benchCpu: number;
}

const schema = `bench_api_${process.pid}`;
const redisPrefix = `daki-bench-api-${process.pid}`;
const scratch = mkdtempSync(join(tmpdir(), 'daki-bench-api-'));
const children: ChildProcess[] = [];
let cleaned: Promise<void> | undefined;
/** Children stopped on purpose (their exit is no error). */
const stopping = new WeakSet<ChildProcess>();

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
    `REST API benchmark: setups ${SETUPS.join(' / ')}, ${DURATION_S} s per case, ${CONNECTIONS} connections, ` +
      `rates ${RATES.join(' / ') || 'none'} RPS and max; Node ${process.version}, ${availableParallelism()} cores, ` +
      `load average ${loadavg()[0]!.toFixed(2)} at start`,
  );
  const rows: Row[] = [];
  for (const setup of SETUPS) rows.push(...(await benchmarkSetup(setup)));

  console.log();
  const bareOf = (row: Row) =>
    rows.find(
      (r) =>
        !r.target.daki &&
        r.target.setup === row.target.setup &&
        r.target.endpoint === row.target.endpoint &&
        r.rate === row.rate,
    );
  const share = (row: Row) => {
    const bare = bareOf(row);
    return row.target.daki && bare ? row.requestsPerSecond / bare.requestsPerSecond : undefined;
  };
  printTable(
    [
      'setup',
      'target',
      'load',
      'req/s',
      'of bare',
      'p50 ms',
      'p99 ms',
      'max ms',
      '2xx',
      'non-2xx + errors',
      'server CPU',
      'autocannon CPU',
    ],
    rows.map((r) => {
      const ratio = share(r);
      return [
        r.target.setup,
        r.target.name,
        r.load,
        Math.round(r.requestsPerSecond),
        ratio === undefined ? '' : `${Math.round(ratio * 100)} %`,
        r.p50,
        r.p99,
        r.max,
        r.ok,
        r.failed,
        r.serverCpu === undefined ? '-' : `${Math.round(r.serverCpu)} %`,
        `${Math.round(r.benchCpu)} %`,
      ];
    }),
  );
  console.log();
  for (const r of rows.filter((row) => row.target.daki && row.rate === undefined)) {
    const ratio = share(r) ?? 0;
    console.log(
      `aim      >= ${SHARE_OF_BARE * 100} % of bare Fastify at max, ${r.target.setup}, ${r.target.name.trim()}: ` +
        `${ratio >= SHARE_OF_BARE ? 'met' : 'NOT met'} (${Math.round(ratio * 100)} %)`,
    );
  }
  for (const [label, goal] of [
    ['concept', CONCEPT],
    ['aim', AIM],
  ] as const) {
    for (const r of rows.filter((row) => row.target.daki && row.rate === goal.rate)) {
      const reached = r.requestsPerSecond >= 0.95 * goal.rate;
      const met = reached && r.p99 < goal.p99Ms && r.failed === 0;
      console.log(
        `${label.padEnd(8)} p99 < ${goal.p99Ms} ms at ${goal.rate} RPS, ${r.target.setup}, ${r.target.name.trim()}: ` +
          `${met ? 'met' : 'NOT met'} (${Math.round(r.requestsPerSecond)} req/s, p99 ${r.p99} ms${reached ? '' : ', rate not reached'})`,
      );
    }
  }
  console.log(
    `load average ${loadavg()[0]!.toFixed(2)} at the end; CPU 100 % = one core of ${availableParallelism()}`,
  );
}

/** One setup: its DA-KI server and a bare twin serving the same bytes, measured load by load; both stopped after. */
async function benchmarkSetup(setup: Setup): Promise<Row[]> {
  const started = performance.now();
  const daki = await startDakiServer(setup);
  const readyS = (performance.now() - started) / 1000;
  const top10 = await getJson(`${daki.url}/api/wachstumsprognose/top10`);
  const firstRunS = (performance.now() - started) / 1000;
  const symbol = (top10.body as { top_10_wachstums_aktien: { symbol: string }[] }).top_10_wachstums_aktien[0]!
    .symbol;
  // Start-up work (model training, forecasts) runs on after the first answers; measuring while it
  // runs would charge its CPU to the requests. The forecasts change the bodies: read them after.
  const settleS = await waitUntilIdle(daki.pid);
  const top10Settled = await getJson(`${daki.url}/api/wachstumsprognose/top10`);
  const detail = await getJson(`${daki.url}/api/stocks/${symbol}`);
  console.log(
    `${setup}: DA-KI server (LOG_LEVEL=${LOG_LEVEL}) ready in ${readyS.toFixed(1)} s, first scoring run served after ` +
      `${firstRunS.toFixed(1)} s, idle ${settleS.toFixed(1)} s later (below ${IDLE_CPU_PERCENT} % CPU for 2 s); ` +
      `payloads: top10 ${top10Settled.text.length} bytes, /api/stocks/${symbol} ${detail.text.length} bytes`,
  );

  const bare = await startBareServer(setup, { top10: top10Settled.body, detail: detail.body });
  // The baseline must answer byte for byte what the DA-KI server answered.
  if (
    (await getJson(`${bare.url}/top10`)).text !== top10Settled.text ||
    (await getJson(`${bare.url}/stock`)).text !== detail.text
  ) {
    throw new Error('the bare Fastify server does not return the same JSON');
  }

  const targets: Target[] = [
    {
      name: 'DA-KI  GET /api/wachstumsprognose/top10',
      url: `${daki.url}/api/wachstumsprognose/top10`,
      pid: daki.pid,
      daki: true,
      setup,
      endpoint: 'top10',
    },
    {
      name: 'bare Fastify, same top10 JSON',
      url: `${bare.url}/top10`,
      pid: bare.pid,
      daki: false,
      setup,
      endpoint: 'top10',
    },
    {
      name: `DA-KI  GET /api/stocks/${symbol}`,
      url: `${daki.url}/api/stocks/${symbol}`,
      pid: daki.pid,
      daki: true,
      setup,
      endpoint: 'detail',
    },
    {
      name: `bare Fastify, same ${symbol} JSON`,
      url: `${bare.url}/stock`,
      pid: bare.pid,
      daki: false,
      setup,
      endpoint: 'detail',
    },
  ];
  for (const target of targets)
    await autocannon({ url: target.url, connections: CONNECTIONS, duration: WARMUP_S });

  const rows: Row[] = [];
  const loads: (number | undefined)[] = [...RATES, undefined];
  // Load by load, the four targets one after the other: drift of a shared machine hits them alike.
  for (const rate of loads) {
    for (const target of targets) {
      const row = await measure(target, rate);
      rows.push(row);
      console.log(
        `  ${setup.padEnd(8)} ${target.name.padEnd(44)} ${row.load.padStart(9)}: ${Math.round(row.requestsPerSecond)} req/s, ` +
          `p50 ${row.p50} ms, p99 ${row.p99} ms`,
      );
    }
  }
  await Promise.all([daki.stop(), bare.stop()]);
  return rows;
}

async function measure(target: Target, rate: number | undefined): Promise<Row> {
  const serverBefore = processCpuSeconds(target.pid);
  const benchBefore = process.cpuUsage();
  const start = performance.now();
  const result = await autocannon({
    url: target.url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    ...(rate ? { overallRate: rate } : {}),
  });
  const wallS = (performance.now() - start) / 1000;
  const serverAfter = processCpuSeconds(target.pid);
  const bench = process.cpuUsage(benchBefore);
  return {
    target,
    load: rate ? `${rate} RPS` : 'max',
    rate,
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
    serverCpu:
      serverBefore === undefined || serverAfter === undefined
        ? undefined
        : ((serverAfter - serverBefore) / wallS) * 100,
    benchCpu: ((bench.user + bench.system) / 1e6 / wallS) * 100,
  };
}

/** Waits (at most 3 minutes) until a process uses less than IDLE_CPU_PERCENT of a core for 2 s in a row. */
async function waitUntilIdle(pid: number): Promise<number> {
  const start = performance.now();
  let quietSeconds = 0;
  while (quietSeconds < 2 && performance.now() - start < 180_000) {
    const before = processCpuSeconds(pid);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = processCpuSeconds(pid);
    if (before === undefined || after === undefined) return 0; // no /proc: cannot tell
    quietSeconds = ((after - before) / 0.5) * 100 < IDLE_CPU_PERCENT ? quietSeconds + 0.5 : 0;
  }
  return (performance.now() - start) / 1000;
}

interface Started {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

async function startDakiServer(setup: Setup): Promise<Started> {
  const env: Record<string, string> = {};
  if (setup === 'postgres') {
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA ${schema}`);
    } finally {
      await admin.end();
    }
    // dist/main.js takes no schema option: libpq's `options` puts the schema first on the search_path
    // of every connection of the pool, so the migrations and all queries stay inside it.
    const databaseUrl = new URL(DATABASE_URL);
    databaseUrl.searchParams.set('options', `-c search_path=${schema}`);
    env.DATABASE_URL = databaseUrl.href;
    env.REDIS_URL = REDIS_URL;
    env.REDIS_PREFIX = redisPrefix;
  }
  const port = await freePort();
  const dataDir = join(scratch, setup);
  const child = spawnChild(process.execPath, [SERVER_MAIN], SERVER_DIR, {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    ...env,
    LOG_LEVEL,
    JWT_SECRET: randomBytes(32).toString('base64url'),
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    // Raised far above the load, so the limiter (with Redis: its round trip) is measured but never answers 429.
    RATE_LIMIT_PER_MINUTE: '1000000000',
    // No price tick or scoring run in the middle of a case: the benchmark is about the request path.
    PRICE_INTERVAL_MS: DAY_MS,
    SCORE_INTERVAL_MS: DAY_MS,
    NEWS_INTERVAL_MS: DAY_MS,
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the DA-KI server exited (${child.exitCode}): ${stderrOf(child)}`);
    if (Date.now() > deadline)
      throw new Error(`the DA-KI server was not ready within 120 s: ${stderrOf(child)}`);
    const ready = await fetch(`${url}/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { url, pid: child.pid as number, stop: () => stopChild(child) };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function startBareServer(
  setup: Setup,
  payloads: { top10: unknown; detail: unknown },
): Promise<Started> {
  const payloadFile = join(scratch, `payloads-${setup}.json`);
  writeFileSync(payloadFile, JSON.stringify(payloads));
  const child = spawnChild(process.execPath, ['--import', 'tsx', BARE_SERVER], REPO_ROOT, {
    PAYLOAD_FILE: payloadFile,
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk;
      const match = /listening (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) =>
      reject(new Error(`the bare Fastify server exited (${code}): ${stderrOf(child)}`)),
    );
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid as number, stop: () => stopChild(child) };
}

/** A child process with exactly `env` (plus PATH); its stderr is kept for error messages. */
function spawnChild(command: string, args: string[], cwd: string, env: Record<string, string>): ChildProcess {
  const child = spawn(command, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr.push(String(chunk));
    if (stderr.length > 50) stderr.shift();
  });
  // Drain stdout (request logs at LOG_LEVEL=info) so a full pipe never blocks the server.
  child.stdout?.resume();
  (child as ChildProcess & { stderrTail?: string[] }).stderrTail = stderr;
  child.once('exit', (code, signal) => {
    if (!cleaned && !stopping.has(child))
      console.error(`${args.at(-1)} exited early (${signal ?? code}): ${stderrOf(child)}`);
  });
  children.push(child);
  return child;
}

function stderrOf(child: ChildProcess): string {
  return ((child as ChildProcess & { stderrTail?: string[] }).stderrTail ?? []).join('').slice(-2000);
}

async function getJson(url: string): Promise<{ text: string; body: unknown }> {
  const response = await fetch(url);
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return { text, body: JSON.parse(text) };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); undefined elsewhere. */
function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** Kernel clock ticks per second, the unit of /proc/<pid>/stat's CPU times. */
function clockTicks(): number {
  try {
    return Number(execSync('getconf CLK_TCK', { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
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

/** Stops the servers, drops the schema, deletes the Redis keys and the scratch folder. Runs once. */
function cleanup(): Promise<void> {
  cleaned ??= (async () => {
    await Promise.all(children.map(stopChild));
    await dropSchemas(DATABASE_URL, [schema]);
    await deleteRedisKeys(REDIS_URL, redisPrefix);
    rmSync(scratch, { recursive: true, force: true });
  })();
  return cleaned;
}

/** Stops a server the benchmark started (its exit is then expected, not an error). */
function stopChild(child: ChildProcess): Promise<void> {
  stopping.add(child);
  return stopProcess(child);
}
