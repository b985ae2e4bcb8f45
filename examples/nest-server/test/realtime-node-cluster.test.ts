// Cluster mode against the real Redis and PostgreSQL: `node dist/cluster.js` with two server
// processes on one port. HTTP answers name their worker (x-daki-worker: its pid); WebSocket clients
// are spread over both workers, and one broadcast published into the Redis streams adapter reaches
// every client; a SIGKILLed worker is restarted by the primary and its clients reconnect.
import { type ChildProcess, spawn } from 'node:child_process';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as ClusterAdapterModule from '../src/realtime/cluster-adapter.js';
import type * as EventsModule from '../src/realtime/realtime.events.js';
import {
  connect,
  createSchema,
  DATABASE_URL,
  dropSchema,
  eventually,
  type LiveClient,
  REDIS_URL,
  suiteSecrets,
  uniqueSuffix,
} from './realtime-support.js';

const dist = <T>(path: string): Promise<T> =>
  import(new URL(`../dist/${path}`, import.meta.url).href) as Promise<T>;
const { clusterAdapter } = await dist<typeof ClusterAdapterModule>('realtime/cluster-adapter.js');
const { TOP10_ROOM, REALTIME_EVENTS } = await dist<typeof EventsModule>('realtime/realtime.events.js');

const CLUSTER_ENTRY = new URL('../dist/cluster.js', import.meta.url).pathname;
const CLIENTS = 6;
const suffix = uniqueSuffix();
const schema = `t_node_cluster_${suffix}`;
const prefix = `t-ncl-${suffix}`;
const DAY_MS = '86400000';

/** One JSON log line of the cluster's processes. */
type LogLine = Record<string, unknown> & { msg?: string };

/** The cluster under test: its primary process and every log line it (and its workers) printed. */
class RunningCluster {
  readonly lines: LogLine[] = [];
  stderr = '';
  private readonly waiters = new Set<() => void>();
  readonly exit: Promise<{ code: number | null; signal: string | null }>;

  constructor(readonly primary: ChildProcess) {
    if (primary.stdout)
      createInterface({ input: primary.stdout }).on('line', (line) => {
        try {
          this.lines.push(JSON.parse(line) as LogLine);
        } catch {
          return; // not a log line
        }
        for (const wake of [...this.waiters]) wake();
      });
    primary.stderr?.on('data', (chunk) => {
      this.stderr += chunk;
    });
    this.exit = new Promise((resolve) => primary.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Resolves with the first log line (printed already or later) that matches. */
  waitForLine(matches: (line: LogLine) => boolean, what: string, timeoutMs = 60_000): Promise<LogLine> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.lines.find(matches);
        if (!found) return false;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no log line "${what}" within ${timeoutMs} ms; stderr: ${this.stderr}`));
      }, timeoutMs);
      if (!check()) this.waiters.add(check);
    });
  }

  /** The pid of the worker of `slot` that announced itself ready, other than those in `except`. */
  async readyPid(slot: number, except: number[] = []): Promise<number> {
    const line = await this.waitForLine(
      (l) => l.msg === 'cluster worker ready' && l.slot === slot && !except.includes(l.pid as number),
      `worker ${slot} ready`,
    );
    return line.pid as number;
  }
}

function spawnCluster(env: Record<string, string>, unset: string[] = []): RunningCluster {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const name of unset) delete childEnv[name];
  return new RunningCluster(
    spawn(process.execPath, [CLUSTER_ENTRY], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] }),
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** GET /health on a new TCP connection (no keep-alive pool); resolves with the worker that answered. */
function answeringWorker(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/health', agent: false }, (response) => {
      response.resume();
      const header = response.headers['x-daki-worker'];
      if (response.statusCode !== 200 || typeof header !== 'string')
        reject(new Error(`GET /health → ${response.statusCode}, x-daki-worker ${String(header)}`));
      else resolve(Number(header));
    }).once('error', reject);
  });
}

/** Workers seen answering `requests` requests, each on its own connection. */
async function answeringWorkers(port: number, requests: number): Promise<Set<number>> {
  const seen = new Set<number>();
  for (let i = 0; i < requests; i++) seen.add(await answeringWorker(port));
  return seen;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

let port: number;
let cluster: RunningCluster;
let url: string;
let redis: Redis;
let publisher: Server;
const clients: LiveClient[] = [];
/** Markers of every broadcast published so far. */
let published = 0;

/** Publishes one top-10 update into the adapter's stream, as a worker process does; returns its marker. */
async function publishOnce(): Promise<string> {
  const marker = `${suffix}-${++published}`;
  publisher.to(TOP10_ROOM).emit(REALTIME_EVENTS.top10, { run_id: marker, ts: Date.now() });
  await redis.ping(); // answered after the XADD before it on the same connection
  return marker;
}

const received = (client: LiveClient, marker: string) =>
  client.events(REALTIME_EVENTS.top10).filter((p) => p.run_id === marker).length;

/** Publishes once; whether every client received that broadcast, exactly once, within a second. */
async function everyClientReceivesOne(): Promise<boolean> {
  const marker = await publishOnce();
  const arrived = await Promise.all(
    clients.map((c) =>
      c
        .waitFor(REALTIME_EVENTS.top10, (p) => p.run_id === marker, 1_000)
        .then(
          () => true,
          () => false,
        ),
    ),
  );
  return arrived.every(Boolean) && clients.every((c) => received(c, marker) === 1);
}

/** Subscribes to the top 10 now and on every reconnection that did not recover the session's rooms. */
async function subscribeTop10(client: LiveClient): Promise<void> {
  client.socket.on('connect', () => {
    if (!client.socket.recovered) void client.subscribe({ top10: true });
  });
  expect(await client.subscribe({ top10: true })).toMatchObject({ ok: true });
}

beforeAll(async () => {
  await createSchema(schema);
  port = await freePort();
  cluster = spawnCluster({
    NODE_ENV: 'test',
    CLUSTER_WORKERS: '2',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'info',
    DATA_DIR: `/tmp/daki-node-cluster-${suffix}`,
    DATABASE_URL,
    DATABASE_SCHEMA: schema,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    SYNTHETIC_SYMBOLS: '60',
    PRICE_INTERVAL_MS: DAY_MS,
    SCORE_INTERVAL_MS: DAY_MS,
    NEWS_INTERVAL_MS: DAY_MS,
    RATE_LIMIT_PER_MINUTE: '10000',
    ...suiteSecrets(),
  });
  const listening = await cluster.waitForLine(
    (l) => l.msg === 'DA-KI cluster listening',
    'cluster listening',
  );
  url = listening.url as string;
  redis = new Redis(REDIS_URL);
  publisher = new Server({ serveClient: false });
  publisher.adapter(clusterAdapter(redis, prefix));
}, 90_000);

afterAll(async () => {
  for (const client of clients) client.close();
  if (cluster && cluster.primary.exitCode === null && cluster.primary.signalCode === null) {
    cluster.primary.kill('SIGKILL');
    for (const line of cluster.lines)
      if (line.msg === 'cluster worker ready' && isAlive(line.pid as number))
        process.kill(line.pid as number, 'SIGKILL');
  }
  await publisher?.of('/').adapter.close();
  if (redis) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  }
  await dropSchema(schema);
}, 30_000);

describe('cluster mode: two server processes on one port', () => {
  let first: number;
  let second: number;

  it('answers HTTP from both workers on the one port', async () => {
    first = await cluster.readyPid(0);
    second = await cluster.readyPid(1);
    expect(first).not.toBe(second);
    expect(url).toBe(`http://127.0.0.1:${port}`);
    expect(await answeringWorkers(port, 8)).toEqual(new Set([first, second]));
  });

  it('delivers one published broadcast once to every client, whichever worker holds it', async () => {
    for (let i = 0; i < CLIENTS; i++) {
      const client = await connect(url, undefined, { reconnection: true });
      clients.push(client);
      await subscribeTop10(client);
    }
    // The workers' adapters read the stream from the moment they started: wait until both deliver.
    await eventually(everyClientReceivesOne, 20_000, 'every client receiving a broadcast');
    const marker = await publishOnce();
    await Promise.all(clients.map((c) => c.waitFor(REALTIME_EVENTS.top10, (p) => p.run_id === marker)));
    expect(clients.map((c) => received(c, marker))).toEqual(Array(CLIENTS).fill(1));
  });

  it('restarts a killed worker; its clients (and only they) drop, reconnect and get the next broadcast', async () => {
    const dropped = new Set<LiveClient>();
    for (const client of clients) client.socket.once('disconnect', () => dropped.add(client));
    process.kill(first, 'SIGKILL');
    const exited = await cluster.waitForLine(
      (l) => l.msg === 'cluster worker exited; restarting' && l.pid === first,
      'worker exit',
    );
    expect(exited).toMatchObject({ slot: 0, signal: 'SIGKILL', crashes: 1, restartInMs: 500 });
    const restarted = await cluster.readyPid(0, [first]);
    expect(isAlive(first)).toBe(false);
    // The clients of the killed worker dropped; those of the other one did not: they were on both.
    await eventually(() => dropped.size > 0, 15_000, 'clients of the killed worker dropping');
    expect(dropped.size).toBeLessThan(CLIENTS);
    await eventually(() => clients.every((c) => c.socket.connected), 30_000, 'every client reconnected');
    // New connections reach the restarted worker and the surviving one.
    await eventually(
      async () => {
        const seen = await answeringWorkers(port, 4);
        return seen.has(restarted) && seen.has(second);
      },
      15_000,
      'both workers answering',
    );
    expect(await answeringWorkers(port, 6)).toEqual(new Set([restarted, second]));
    // Re-subscribed (a killed worker saved no session to recover): one broadcast reaches all again.
    await eventually(everyClientReceivesOne, 20_000, 'every client receiving after the restart');
  }, 60_000);

  it('stops gracefully on SIGTERM: workers close, the primary exits 0', async () => {
    const workers = cluster.lines
      .filter((l) => l.msg === 'cluster worker ready')
      .map((l) => l.pid as number)
      .filter(isAlive);
    expect(workers).toHaveLength(2);
    cluster.primary.kill('SIGTERM');
    expect(await cluster.exit).toEqual({ code: 0, signal: null });
    expect(workers.filter(isAlive)).toEqual([]);
    expect(cluster.lines.filter((l) => l.msg === 'shutting down' && l.signal === 'SIGTERM')).toHaveLength(2);
  }, 30_000);
});

describe('cluster mode without Redis', () => {
  it('refuses to start, naming REDIS_URL', async () => {
    const refused = spawnCluster(
      { NODE_ENV: 'test', DATA_DIR: `/tmp/daki-node-cluster-${suffix}`, DATABASE_URL, ...suiteSecrets() },
      ['REDIS_URL'],
    );
    expect(await refused.exit).toEqual({ code: 78, signal: null });
    expect(refused.stderr).toContain('REDIS_URL: required in cluster mode');
    expect(refused.lines.filter((l) => l.msg === 'cluster worker ready')).toEqual([]);
  });
});
