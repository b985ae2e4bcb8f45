// WebSocket broadcast benchmark of the reference server (examples/nest-server, compiled: run
// `npm run build` first). Clients live in separate processes (forked client.ts, WebSocket transport
// only), each subscribed to one symbol; the server broadcasts `price:update`s, and every client
// measures the delay from the payload's `ts` to receipt.
//
//   bare Socket.IO (baseline): socket.io on node:http, no Nest / auth / recovery (server.mjs, BENCH_BARE=1).
//   1 instance, in-memory adapter: the reference server in its own process (server.mjs), broadcasting
//     through its real Broadcaster.
//   2 instances, Redis streams adapter: two `node dist/main.js` processes, clients split between them,
//     updates published the way a worker publishes them (through the adapter's Redis stream).
//   cluster mode: `node dist/cluster.js` (one server process per core, or WS_BENCH_CLUSTER_WORKERS, on
//     one port; PostgreSQL + Redis), every client connecting to the one port, updates published the
//     same way.
//
// Reported: connections held (client side, and the server's own count: the `websocket_connections`
// gauge for the reference server), p50 / p99 / max latency, messages lost (must be 0), server CPU per
// broadcast (measured around the synchronous broadcast, in-process servers only), and server CPU per
// client per broadcast: the server processes' CPU time (from /proc, every set-up alike) over the
// broadcast phase, divided by broadcasts × clients (it includes the idle work of that phase: pings).
// Run: npx tsx benchmarks/ws/run.ts
// Knobs: WS_BENCH_CLIENTS=1000,10000  WS_BENCH_MESSAGES=20  WS_BENCH_INTERVAL_MS=1000
//        WS_BENCH_PIN=0/1 (server / client cores, single-process set-ups)  WS_BENCH_ROUNDS=1 (rounds of every set-up in turn; medians when more than one)
//        WS_BENCH_PROCESSES=4  WS_BENCH_CLUSTER=1 (0 skips the 2-instance Redis scenario)
//        WS_BENCH_CLIENT=raw (hand-spoken protocol, the default) | socket.io (socket.io-client)
//        WS_BENCH_NETNS=<namespace> (see netns.sh)  WS_BENCH_CPU_PROF=<dir> (V8 CPU profiles of the single-process servers and the clients)
//        WS_BENCH_NODE_CLUSTER=1 (0 skips cluster mode)  WS_BENCH_CLUSTER_WORKERS (default: cores)
//        REDIS_URL  DATABASE_URL (cluster mode: default postgres://postgres@127.0.0.1:5432/test)
import { type ChildProcess, execSync, fork, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { Server } from 'socket.io';
import type * as BroadcasterModule from '../../examples/nest-server/src/realtime/broadcaster.js';
import type * as ClusterAdapterModule from '../../examples/nest-server/src/realtime/cluster-adapter.js';
import { median, printTable } from '../table.js';
import type { FromClient, ToClient } from './client.js';
import { type CpuSplit, treeCpu } from './process-cpu.js';

const CLIENT_COUNTS = (process.env.WS_BENCH_CLIENTS ?? '1000,10000').split(',').map(Number);
const MESSAGES = Number(process.env.WS_BENCH_MESSAGES ?? 20);
const INTERVAL_MS = Number(process.env.WS_BENCH_INTERVAL_MS ?? 1_000);
const PROCESSES = Number(process.env.WS_BENCH_PROCESSES ?? 4);
const WITH_CLUSTER = process.env.WS_BENCH_CLUSTER !== '0';
const ROUNDS = Number(process.env.WS_BENCH_ROUNDS ?? 1);
/**
 * WS_BENCH_PIN=<server cpus>/<client cpus> (taskset lists, e.g. 0/1): pins the single-process
 * servers and the client processes to separate cores, so the server's write loop does not wait for
 * the clients' parsing (other processes of the machine still share those cores).
 */
const PIN = process.env.WS_BENCH_PIN
  ? (([server, clients]) => ({ server, clients }))(process.env.WS_BENCH_PIN.split('/'))
  : undefined;
/**
 * WS_BENCH_CPU_PROF=<dir>: the single-process servers and the client processes write V8 CPU
 * profiles (.cpuprofile, open in Chrome DevTools) to <dir> when they exit — where their time goes.
 */
const PROFILE_ARGS = process.env.WS_BENCH_CPU_PROF
  ? ['--cpu-prof', `--cpu-prof-dir=${process.env.WS_BENCH_CPU_PROF}`]
  : [];
/**
 * WS_BENCH_NETNS=<namespace> (set up by `sh benchmarks/ws/netns.sh up`, root): the client processes
 * run in that network namespace and reach the servers over a veth pair at WS_BENCH_NETNS_HOST
 * (default 10.77.0.1), where the servers then listen — a network stack of their own, as clients on
 * another machine have; the cores are still shared.
 */
const NETNS = process.env.WS_BENCH_NETNS || undefined;
const SERVER_HOST = NETNS ? (process.env.WS_BENCH_NETNS_HOST ?? '10.77.0.1') : '127.0.0.1';
const WITH_NODE_CLUSTER = process.env.WS_BENCH_NODE_CLUSTER !== '0';
const CLUSTER_WORKERS = Number(process.env.WS_BENCH_CLUSTER_WORKERS ?? availableParallelism());
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SERVER_DIST = new URL('../../examples/nest-server/dist/', import.meta.url);
/**
 * WS_BENCH_CLIENT: `raw` (default) — raw-client.ts, bare `ws` sockets speaking the Socket.IO protocol
 * by hand (the least client CPU per message, so the servers get the most of the shared cores);
 * `socket.io` — client.ts, socket.io-client. One kind for every set-up of a run.
 */
const CLIENT_KIND = process.env.WS_BENCH_CLIENT ?? 'raw';
if (CLIENT_KIND !== 'raw' && CLIENT_KIND !== 'socket.io')
  throw new Error(`WS_BENCH_CLIENT: "raw" or "socket.io" (got "${CLIENT_KIND}")`);
const CLIENT_SCRIPT = fileURLToPath(
  new URL(CLIENT_KIND === 'raw' ? './raw-client.ts' : './client.ts', import.meta.url),
);
const DAY_MS = '86400000';

raiseFileLimit(Math.max(...CLIENT_COUNTS) + 2_000);

const dist = <T>(path: string): Promise<T> => import(new URL(path, SERVER_DIST).href) as Promise<T>;
const { Broadcaster } = await dist<typeof BroadcasterModule>('realtime/broadcaster.js');
const { clusterAdapter } = await dist<typeof ClusterAdapterModule>('realtime/cluster-adapter.js');
const SERVER_SCRIPT = fileURLToPath(new URL('./server.mjs', import.meta.url));

/** A `price:update` without the `ts` the broadcaster stamps. */
type PriceUpdate = Parameters<InstanceType<typeof Broadcaster>['price']>[0];
/** Broadcasts one update; resolves with the server CPU it took, when known. */
type Broadcast = (update: PriceUpdate) => Promise<number | undefined>;

interface Row {
  round: number;
  setup: string;
  clients: number;
  connectSeconds: number;
  held: number;
  serverGauge: number;
  serverRssMb: number | undefined;
  messages: number;
  p50: number;
  p99: number;
  max: number;
  lost: number;
  duplicates: number;
  serverCpuMsPerBroadcast: number | undefined;
  serverCpuUsPerClientBroadcast: number;
  /** The client processes' CPU over the broadcast phase per message received. */
  clientCpuUsPerMessage: number;
}

const secrets = {
  JWT_SECRET: randomBytes(32).toString('base64url'),
  ENCRYPTION_KEY: randomBytes(32).toString('hex'),
};
const baseEnv = {
  NODE_ENV: 'test',
  // Thousands of sockets from one loopback address: lift the per-address connection cap.
  SOCKET_CONNECTIONS_PER_ADDRESS: '0',
  HOST: SERVER_HOST,
  LOG_LEVEL: 'silent',
  PRICE_INTERVAL_MS: DAY_MS,
  SCORE_INTERVAL_MS: DAY_MS,
  NEWS_INTERVAL_MS: DAY_MS,
  ...secrets,
};

const rows: Row[] = [];
let currentRound = 1;
console.log(
  `WebSocket broadcast benchmark: ${MESSAGES} broadcasts every ${INTERVAL_MS} ms to every client, ` +
    `clients in ${PROCESSES} processes (${CLIENT_KIND} client${NETNS ? `, network namespace ${NETNS}` : ''}), node ${process.version}, ${(await import('node:os')).cpus().length} CPUs, ` +
    `open-files limit ${fileLimit('soft')}`,
);

/** One round: every set-up once, in order; rows go to `rows`. */
async function runRound(): Promise<void> {
  // One server process: the bare Socket.IO baseline (largest client count), then the reference server.
  for (const bare of [true, false]) {
    const dataDir = mkdtempSync(join(tmpdir(), 'daki-ws-bench-'));
    const host = fork(SERVER_SCRIPT, [], {
      execArgv: [...PROFILE_ARGS],
      // No REDIS_URL: single-instance mode. DATABASE_URL (if set) is used, in a schema of its own.
      env: childEnv({ ...baseEnv, PORT: '0', DATA_DIR: dataDir, BENCH_BARE: bare ? '1' : '0' }, [
        'REDIS_URL',
      ]),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    pin(host.pid, PIN?.server);
    try {
      const { url } = await hostReply<{ url: string }>(host, undefined, 'listening');
      const symbol = bare ? 'BARE' : await topSymbol(url);
      const broadcast: Broadcast = async (update) =>
        (await hostReply<{ cpuMs: number }>(host, { type: 'broadcast', update }, 'broadcasted')).cpuMs;
      const connections = async () => {
        const reply = await hostReply<{ count: number; rssMb: number }>(
          host,
          { type: 'connections' },
          'connections',
        );
        return { count: reply.count, rssMb: reply.rssMb };
      };
      const setup = bare ? 'bare Socket.IO (baseline)' : '1 instance, in-memory adapter';
      const pids = () => [host.pid as number];
      for (const clients of bare ? CLIENT_COUNTS.slice(-1) : CLIENT_COUNTS) {
        rows.push(await runScenario({ setup, urls: [url], clients, symbol, broadcast, connections, pids }));
      }
    } finally {
      if (host.connected) host.send({ type: 'close' });
      await exited(host);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  // 2 instances on the Redis streams adapter, updates published as a worker does.
  if (WITH_CLUSTER && (await redisReachable())) {
    const prefix = `bench-ws-${randomBytes(4).toString('hex')}`;
    const dataDirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'daki-ws-bench-')));
    const instances: ChildProcess[] = [];
    const publisherRedis = new Redis(REDIS_URL);
    const publisher = new Server({ serveClient: false });
    try {
      const urls: string[] = [];
      for (const dataDir of dataDirs) {
        const port = await freePort();
        instances.push(
          spawn(process.execPath, [fileURLToPath(new URL('main.js', SERVER_DIST))], {
            // Embedded PGlite per instance (main.js has no schema option for a shared PostgreSQL).
            env: childEnv(
              { ...baseEnv, PORT: String(port), DATA_DIR: dataDir, REDIS_URL, REDIS_PREFIX: prefix },
              ['DATABASE_URL'],
            ),
            stdio: ['ignore', 'ignore', 'inherit'],
          }),
        );
        urls.push(`http://${SERVER_HOST}:${port}`);
      }
      const symbol = await topSymbol(urls[0] as string, 300_000);
      await topSymbol(urls[1] as string, 300_000);
      publisher.adapter(clusterAdapter(publisherRedis, prefix));
      const broadcast = publishAsWorker(publisher, publisherRedis);
      for (const clients of CLIENT_COUNTS.slice(-1)) {
        rows.push(
          await runScenario({
            setup: '2 instances, Redis streams adapter',
            urls,
            clients,
            symbol,
            broadcast,
            connections: async () => ({ count: await gauge(urls), rssMb: undefined }),
            pids: () => instances.map((instance) => instance.pid as number),
          }),
        );
      }
    } finally {
      await publisher.of('/').adapter.close();
      publisherRedis.disconnect();
      for (const instance of instances) instance.kill('SIGTERM');
      await Promise.all(instances.map(exited));
      for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
      await deleteKeys(prefix);
    }
  } else if (WITH_CLUSTER) {
    console.log(`(Redis at ${REDIS_URL} not reachable: the 2-instance scenario is skipped)`);
  }

  // Cluster mode: `node dist/cluster.js`, CLUSTER_WORKERS server processes on one port.
  if (WITH_NODE_CLUSTER && (await redisReachable())) {
    const suffix = randomBytes(4).toString('hex');
    const prefix = `bench-wscl-${suffix}`;
    const schema = `bench_wscl_${suffix}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'daki-ws-bench-'));
    const publisherRedis = new Redis(REDIS_URL);
    const publisher = new Server({ serveClient: false });
    await withDatabase((db) => db.query(`CREATE SCHEMA ${schema}`));
    const port = await freePort();
    const primary = spawn(process.execPath, [fileURLToPath(new URL('cluster.js', SERVER_DIST))], {
      env: childEnv(
        {
          ...baseEnv,
          PORT: String(port),
          DATA_DIR: dataDir,
          DATABASE_URL,
          DATABASE_SCHEMA: schema,
          REDIS_URL,
          REDIS_PREFIX: prefix,
          CLUSTER_WORKERS: String(CLUSTER_WORKERS),
        },
        [],
      ),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    try {
      const url = `http://${SERVER_HOST}:${port}`;
      const symbol = await topSymbol(url, 120_000);
      // Every worker listening: each has answered a request on a new connection.
      await clusterGauge(port, CLUSTER_WORKERS, 120_000);
      publisher.adapter(clusterAdapter(publisherRedis, prefix));
      const broadcast = publishAsWorker(publisher, publisherRedis);
      for (const clients of CLIENT_COUNTS.slice(-1)) {
        rows.push(
          await runScenario({
            setup: `cluster mode, ${CLUSTER_WORKERS} processes + Redis streams adapter`,
            urls: [url],
            clients,
            symbol,
            broadcast,
            connections: async () => ({ count: await clusterGauge(port, CLUSTER_WORKERS), rssMb: undefined }),
            pids: () => [primary.pid as number],
          }),
        );
      }
    } finally {
      await publisher.of('/').adapter.close();
      publisherRedis.disconnect();
      primary.kill('SIGTERM');
      await exited(primary);
      rmSync(dataDir, { recursive: true, force: true });
      await deleteKeys(prefix);
      await withDatabase((db) => db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    }
  } else if (WITH_NODE_CLUSTER) {
    console.log(`(Redis at ${REDIS_URL} not reachable: the cluster-mode scenario is skipped)`);
  }
}

for (currentRound = 1; currentRound <= ROUNDS; currentRound++) {
  if (ROUNDS > 1) progress(`round ${currentRound} of ${ROUNDS}`);
  await runRound();
}

console.log();
printTable(
  [
    'round',
    'setup',
    'clients',
    'connect s',
    'held',
    'server count',
    'server RSS MB',
    'broadcasts',
    'p50 ms',
    'p99 ms',
    'max ms',
    'lost',
    'dup',
    'server CPU ms/broadcast',
    'server CPU µs/client/broadcast',
    'client CPU µs/message',
  ],
  rows.map((r) => [
    r.round,
    r.setup,
    r.clients,
    round(r.connectSeconds, 1),
    r.held,
    r.serverGauge,
    r.serverRssMb === undefined ? 'n/a' : Math.round(r.serverRssMb),
    r.messages,
    round(r.p50, 2),
    round(r.p99, 2),
    round(r.max, 2),
    r.lost,
    r.duplicates,
    r.serverCpuMsPerBroadcast === undefined ? 'n/a' : round(r.serverCpuMsPerBroadcast, 1),
    round(r.serverCpuUsPerClientBroadcast, 1),
    round(r.clientCpuUsPerMessage, 1),
  ]),
);
if (ROUNDS > 1) printMedians();
const lost = rows.reduce((sum, r) => sum + r.lost + (r.clients - r.held), 0);
console.log(
  lost === 0 ? '\nNo message lost, every connection held.' : `\nLOST ${lost} messages or connections.`,
);
process.exit(lost === 0 ? 0 : 1);

interface Scenario {
  setup: string;
  urls: string[];
  clients: number;
  symbol: string;
  broadcast: Broadcast;
  /** The server side's count of open connections, and its resident memory when known. */
  connections: () => Promise<{ count: number; rssMb: number | undefined }>;
  /** The server's processes (their direct children are counted too), for their CPU time. */
  pids: () => number[];
}

async function runScenario(s: Scenario): Promise<Row> {
  const processes = Math.min(PROCESSES, Math.max(1, Math.ceil(s.clients / 500)));
  const children = Array.from({ length: processes }, () => {
    // `ip netns exec` execs node in the same process: the pid stays the client's (for pinning).
    const command = [
      ...(NETNS ? ['ip', 'netns', 'exec', NETNS] : []),
      process.execPath,
      '--import',
      'tsx',
      ...PROFILE_ARGS,
      CLIENT_SCRIPT,
    ];
    const child = spawn(command[0] as string, command.slice(1), {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    pin(child.pid, PIN?.clients);
    return child;
  });
  try {
    progress(`${s.setup}: connecting ${s.clients} clients from ${processes} processes`);
    const connectStart = performance.now();
    const ready = await Promise.all(
      children.map((child, k) => {
        const count = Math.floor(s.clients / processes) + (k < s.clients % processes ? 1 : 0);
        return request(
          child,
          { type: 'connect', urls: s.urls, count, symbol: s.symbol, connectConcurrency: 100 },
          'ready',
        );
      }),
    );
    const connectSeconds = (performance.now() - connectStart) / 1_000;
    const failed = ready.reduce((sum, r) => sum + (r.type === 'ready' ? r.failed : 0), 0);
    if (failed > 0) {
      const reason = ready.map((r) => (r.type === 'ready' ? r.firstError : undefined)).find(Boolean);
      console.log(`${s.setup}, ${s.clients} clients: ${failed} connections failed (${reason})`);
    }
    const server = await s.connections();

    progress(`${s.setup}: ${s.clients} connected in ${connectSeconds.toFixed(1)} s; broadcasting`);
    const base = Math.floor(Date.now() / 1_000) * 1_000;
    const ticks: number[] = [];
    let cpuBroadcastMs: number | undefined = 0;
    const serverCpuBefore = treeCpu(s.pids());
    const clientPids = children.map((child) => child.pid as number);
    const clientCpuBefore = treeCpu(clientPids);
    for (let i = 1; i <= MESSAGES; i++) {
      const tick = base + i;
      const cpu = await s.broadcast({
        symbol: s.symbol,
        price: 100 + i / 100,
        previous_close: 100,
        change: i / 100,
        change_percent: i / 100,
        tick,
        at: new Date().toISOString(),
      });
      cpuBroadcastMs = cpu === undefined || cpuBroadcastMs === undefined ? undefined : cpuBroadcastMs + cpu;
      ticks.push(tick);
      await sleep(INTERVAL_MS);
    }

    // Let the last broadcast drain, then collect; ask again while anything is still missing.
    let reports: Extract<FromClient, { type: 'report' }>[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      await sleep(attempt === 0 ? 1_000 : 2_000);
      reports = (await Promise.all(
        children.map((child) => request(child, { type: 'report', ticks }, 'report')),
      )) as typeof reports;
      if (reports.every((r) => r.missing === 0)) break;
    }
    const latencies = new Float64Array(reports.reduce((n, r) => n + r.latencies.length, 0));
    let offset = 0;
    for (const r of reports) {
      latencies.set(r.latencies, offset);
      offset += r.latencies.length;
    }
    const serverCpu = cpuSince(treeCpu(s.pids()), serverCpuBefore);
    const clientCpu = cpuSince(treeCpu(clientPids), clientCpuBefore);
    const serverCpuMs = serverCpu.userMs + serverCpu.systemMs;
    const clientCpuMs = clientCpu.userMs + clientCpu.systemMs;
    progress(
      `${s.setup}: broadcast phase CPU — servers ${Math.round(serverCpu.userMs)} ms user + ` +
        `${Math.round(serverCpu.systemMs)} ms kernel, clients ${Math.round(clientCpu.userMs)} ms user + ` +
        `${Math.round(clientCpu.systemMs)} ms kernel`,
    );
    latencies.sort();
    const held = reports.reduce((n, r) => n + r.held, 0);
    return {
      round: currentRound,
      setup: s.setup,
      clients: s.clients,
      connectSeconds,
      held,
      serverGauge: server.count,
      serverRssMb: server.rssMb,
      messages: MESSAGES,
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      max: latencies[latencies.length - 1] ?? Number.NaN,
      lost: reports.reduce((n, r) => n + r.missing, 0),
      duplicates: reports.reduce((n, r) => n + r.duplicates, 0),
      serverCpuMsPerBroadcast: cpuBroadcastMs === undefined ? undefined : cpuBroadcastMs / MESSAGES,
      serverCpuUsPerClientBroadcast: (serverCpuMs * 1_000) / (MESSAGES * s.clients),
      clientCpuUsPerMessage: (clientCpuMs * 1_000) / Math.max(1, latencies.length),
    };
  } finally {
    for (const child of children) if (child.connected) child.send({ type: 'close' } satisfies ToClient);
    await Promise.all(children.map(exited));
    // Let the server see the closes before the next scenario counts connections.
    await sleep(1_000);
  }
}

/** CPU used between two readings. */
function cpuSince(after: CpuSplit, before: CpuSplit): CpuSplit {
  return { userMs: after.userMs - before.userMs, systemMs: after.systemMs - before.systemMs };
}

/** Resolves once `child` has exited (at once if it already has, by a code or a signal). */
function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function request(child: ChildProcess, message: ToClient, answer: FromClient['type']): Promise<FromClient> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: FromClient) => {
      if (reply.type !== answer) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(reply);
    };
    const onExit = (code: number | null, signal: string | null) =>
      reject(
        new Error(`client process ${child.pid} exited (${signal ?? code}) before answering ${message.type}`),
      );
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send(message);
  });
}

/** The sum of the instances' `websocket_connections` gauges (GET /metrics). */
async function gauge(urls: string[]): Promise<number> {
  let total = 0;
  for (const url of urls) {
    const text = await (await fetch(`${url}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith('websocket_connections '));
    total += line ? Number(line.split(' ')[1]) : Number.NaN;
  }
  return total;
}

/**
 * Medians over the rounds per set-up and client count, with each round's p99 divided by the bare
 * baseline's p99 of the same round (the machine's load changes between rounds, less within one).
 */
function printMedians(): void {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = `${row.setup}\u0000${row.clients}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const baselineP99 = (round: number) =>
    rows.find((r) => r.round === round && r.setup === 'bare Socket.IO (baseline)')?.p99 ?? Number.NaN;
  console.log(`\nMedians over ${ROUNDS} rounds:`);
  printTable(
    [
      'setup',
      'clients',
      'p50 ms',
      'p99 ms',
      'max ms',
      'p99 / bare p99',
      'lost',
      'server CPU µs/client/broadcast',
      'client CPU µs/message',
    ],
    [...groups.values()].map((group) => [
      group[0]?.setup as string,
      group[0]?.clients as number,
      round(median(group.map((r) => r.p50)), 1),
      round(median(group.map((r) => r.p99)), 1),
      round(median(group.map((r) => r.max)), 1),
      round(median(group.map((r) => r.p99 / baselineP99(r.round))), 2),
      group.reduce((n, r) => n + r.lost + (r.clients - r.held), 0),
      round(median(group.map((r) => r.serverCpuUsPerClientBroadcast)), 1),
      round(median(group.map((r) => r.clientCpuUsPerMessage)), 1),
    ]),
  );
}

/** Sets the CPU affinity of `pid` and its threads (Linux taskset) when `cpus` is given. */
function pin(pid: number | undefined, cpus: string | undefined): void {
  if (pid === undefined || !cpus) return;
  execSync(`taskset -a -pc ${cpus} ${pid}`, { stdio: 'ignore' });
}

/** Broadcasts as a worker process does: through the Redis streams adapter, flushed to Redis. */
function publishAsWorker(publisher: Server, redis: Redis): Broadcast {
  const broadcaster = new Broadcaster();
  broadcaster.attach(publisher, redis);
  return async (update) => {
    broadcaster.price(update);
    await broadcaster.flush();
    return undefined;
  };
}

/**
 * The sum of a cluster's `websocket_connections` gauges. Requests to the one port reach the workers
 * in turn; each goes on a new connection and names its worker (x-daki-worker), until all have answered.
 */
async function clusterGauge(port: number, workers: number, timeoutMs = 30_000): Promise<number> {
  const byWorker = new Map<string, number>();
  const deadline = Date.now() + timeoutMs;
  while (byWorker.size < workers) {
    if (Date.now() > deadline)
      throw new Error(`only ${byWorker.size} of ${workers} cluster workers answered within ${timeoutMs} ms`);
    const answer = await new Promise<{ worker?: string; body: string } | undefined>((resolve) => {
      get({ host: SERVER_HOST, port, path: '/metrics', agent: false }, (response) => {
        let body = '';
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () => resolve({ worker: response.headers['x-daki-worker'] as string, body }));
      }).once('error', () => resolve(undefined));
    });
    if (!answer?.worker) {
      await sleep(250); // not listening yet
      continue;
    }
    const line = answer.body.split('\n').find((l) => l.startsWith('websocket_connections '));
    byWorker.set(answer.worker, line ? Number(line.split(' ')[1]) : Number.NaN);
  }
  return [...byWorker.values()].reduce((sum, count) => sum + count, 0);
}

/** Runs `work` on a connection to DATABASE_URL. */
async function withDatabase(work: (db: pg.Client) => Promise<unknown>): Promise<void> {
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  try {
    await work(db);
  } finally {
    await db.end();
  }
}

async function topSymbol(url: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${url}/api/wachstumsprognose/top10`);
      if (response.ok)
        return ((await response.json()) as { top_10_wachstums_aktien: { symbol: string }[] })
          .top_10_wachstums_aktien[0]?.symbol as string;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not serve the top 10 within ${timeoutMs} ms`);
    await sleep(250);
  }
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

function round(value: number, digits: number): number {
  return Number.isFinite(value) ? Number(value.toFixed(digits)) : value;
}

function progress(message: string): void {
  process.stderr.write(`  … ${message}\n`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, SERVER_HOST, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function redisReachable(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1_000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}

/** This process's environment with `overrides`, without the variables in `unset`. */
function childEnv(overrides: Record<string, string>, unset: string[]): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...overrides };
  for (const name of unset) delete env[name];
  return env;
}

/** Sends `message` to the server process (if any) and resolves with its reply of type `answer`. */
function hostReply<T>(host: ChildProcess, message: object | undefined, answer: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: { type: string }) => {
      if (reply.type !== answer) return;
      host.off('message', onMessage);
      host.off('exit', onExit);
      resolve(reply as T);
    };
    const onExit = (code: number | null, signal: string | null) =>
      reject(new Error(`server process ${host.pid} exited (${signal ?? code})`));
    host.on('message', onMessage);
    host.once('exit', onExit);
    if (message) host.send(message);
  });
}

function fileLimit(kind: 'soft' | 'hard'): number {
  const value = execSync(kind === 'soft' ? 'ulimit -n' : 'ulimit -Hn', { shell: '/bin/sh' })
    .toString()
    .trim();
  return value === 'unlimited' ? Number.POSITIVE_INFINITY : Number(value);
}

/**
 * Every connection is a file descriptor in the server process: with too low a limit, re-runs this
 * script under a raised `ulimit -n` (up to the hard limit), or says what the limit allows.
 */
function raiseFileLimit(needed: number): void {
  const soft = fileLimit('soft');
  if (soft >= needed || process.env.WS_BENCH_LIMIT_RAISED) return;
  const hard = fileLimit('hard');
  if (hard < needed) {
    console.log(
      `open-files limit: soft ${soft}, hard ${hard}; ${needed} needed. Raise the hard limit (ulimit -Hn as root).`,
    );
    return;
  }
  const rerun = spawnSync(
    '/bin/sh',
    [
      '-c',
      `ulimit -n ${needed} && exec "$0" "$@"`,
      process.execPath,
      ...process.execArgv,
      ...process.argv.slice(1),
    ],
    { stdio: 'inherit', env: { ...process.env, WS_BENCH_LIMIT_RAISED: '1' } },
  );
  process.exit(rerun.status ?? 1);
}
