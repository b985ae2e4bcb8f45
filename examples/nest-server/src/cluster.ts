import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Logger } from 'pino';
import { z } from 'zod';
import { closeOnSignals, exitOnStartFailure } from './common/process-lifecycle.js';
import { type AppConfig, ConfigError, loadConfig } from './config/config.js';
import { createLogger } from './logging/logger.js';
import { startServer } from './server.js';

// Cluster mode (`npm run start:cluster`): a node:cluster primary forks one server process per core
// (or CLUSTER_WORKERS), all listening on one port; the primary hands each new connection to the next
// worker in turn. Clients must use the WebSocket transport: a long-polling session is a series of
// requests that round-robin would spread over several workers. Broadcasts reach every worker's
// clients through the Socket.IO Redis streams adapter, so REDIS_URL is required; the embedded PGlite
// database belongs to one process, so DATABASE_URL is required too. The primary restarts a crashed
// worker with exponential backoff and, on SIGTERM / SIGINT, stops the workers gracefully.

/** The response header naming the worker (its process id) that answered: load spreading is visible. */
const WORKER_HEADER = 'x-daki-worker';

/** Backoff before restarting a crashed worker: doubles per crash in a row, from 500 ms to 30 s. */
const RESTART_BASE_MS = 500;
const RESTART_MAX_MS = 30_000;
/** A worker that ran this long before crashing counts as healthy: its next restart is immediate again. */
const HEALTHY_AFTER_MS = 60_000;
/** How long the workers get to finish their requests after SIGTERM (each allows itself 10 s). */
const STOP_GRACE_MS = 15_000;
/** Exit code of a worker refused by its configuration (see exitOnStartFailure): restarting cannot help. */
const EXIT_CONFIG = 78;

/** Messages a worker sends the primary. */
type WorkerMessage = { type: 'ready'; url: string };

const workersSchema = z
  .string()
  .regex(/^[1-9]\d*$/, 'must be a positive whole number of server processes')
  .transform(Number)
  .pipe(z.number().max(256, 'must be at most 256 server processes'));

/** The number of server processes: CLUSTER_WORKERS, else one per core. */
function clusterWorkers(env: NodeJS.ProcessEnv): number {
  const raw = env.CLUSTER_WORKERS?.trim();
  if (!raw) return availableParallelism();
  const parsed = workersSchema.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError([`CLUSTER_WORKERS: ${parsed.error.issues[0]?.message} (got "${raw}")`]);
  return parsed.data;
}

/** What cluster mode needs beyond the single server's configuration; throws a ConfigError naming it. */
function assertClusterReady(config: AppConfig): void {
  const problems: string[] = [];
  if (!config.redisUrl)
    problems.push(
      'REDIS_URL: required in cluster mode — the server processes deliver each other\'s WebSocket broadcasts and recover sessions through the Socket.IO Redis streams adapter (without Redis, run one process: "npm start")',
    );
  if (!config.databaseUrl)
    problems.push(
      'DATABASE_URL: required in cluster mode — the embedded PGlite database can be opened by one process only (without PostgreSQL, run one process: "npm start")',
    );
  if (problems.length > 0) throw new ConfigError(problems);
}

/** Restart delay after `crashes` crashes in a row (1, 2, …). */
function restartDelayMs(crashes: number): number {
  return Math.min(RESTART_MAX_MS, RESTART_BASE_MS * 2 ** Math.max(0, crashes - 1));
}

async function runPrimary(): Promise<void> {
  const config = loadConfig();
  assertClusterReady(config);
  const count = clusterWorkers(process.env);
  const log = createLogger(config.logLevel).child({ role: 'cluster-primary' });
  const supervisor = new Supervisor(count, log);
  closeOnSignals(
    () => supervisor.stop(),
    STOP_GRACE_MS + 1_000,
    (signal) => log.info({ signal }, 'cluster shutting down'),
  );
  const url = await supervisor.start();
  if (url === undefined) return; // stopped by a signal while starting
  log.info({ url, workers: count, pid: process.pid }, 'DA-KI cluster listening');
}

/**
 * Keeps `count` workers running. Workers start one after the other, so that only the first runs
 * the database migrations and the start-up scoring run, and the others find them done.
 */
class Supervisor {
  private readonly slots: { worker?: Worker; startedAt: number; crashes: number; timer?: NodeJS.Timeout }[];
  private stopping = false;

  constructor(
    private readonly count: number,
    private readonly log: Logger,
  ) {
    this.slots = Array.from({ length: count }, () => ({ startedAt: 0, crashes: 0 }));
  }

  /**
   * Forks every worker in turn; resolves with the URL once all listen, or undefined when a signal
   * stopped the cluster meanwhile. A failed first start ends the cluster.
   */
  async start(): Promise<string | undefined> {
    let url = '';
    for (let slot = 0; slot < this.count; slot++) {
      const started = await this.fork(slot);
      if (this.stopping) return undefined; // a signal arrived while starting: stop() is under way
      if (started.ready) {
        url = started.url;
        continue;
      }
      this.log.fatal({ slot, code: started.code }, 'a server process failed to start; stopping the cluster');
      await this.stop();
      process.exit(started.code === EXIT_CONFIG ? EXIT_CONFIG : 1);
    }
    return url;
  }

  /** Forks the worker of `slot`; resolves when it listens, or when it exits first. */
  private fork(slot: number): Promise<{ ready: true; url: string } | { ready: false; code: number }> {
    const state = this.slots[slot] as (typeof this.slots)[number];
    const worker = cluster.fork({ CLUSTER_SLOT: String(slot) });
    state.worker = worker;
    state.startedAt = Date.now();
    return new Promise((resolve) => {
      let ready = false;
      worker.on('message', (message: WorkerMessage) => {
        if (message?.type !== 'ready') return;
        ready = true;
        this.log.info({ slot, pid: worker.process.pid }, 'cluster worker ready');
        resolve({ ready: true, url: message.url });
      });
      worker.once('exit', (code, signal) => {
        state.worker = undefined;
        if (!ready) resolve({ ready: false, code: code ?? 1 });
        if (ready) this.onExit(slot, worker, code, signal);
      });
    });
  }

  private onExit(slot: number, worker: Worker, code: number | null, signal: string | null): void {
    if (this.stopping) return;
    const state = this.slots[slot] as (typeof this.slots)[number];
    state.crashes = Date.now() - state.startedAt >= HEALTHY_AFTER_MS ? 1 : state.crashes + 1;
    const delayMs = restartDelayMs(state.crashes);
    this.log.error(
      { slot, pid: worker.process.pid, code, signal, crashes: state.crashes, restartInMs: delayMs },
      'cluster worker exited; restarting',
    );
    state.timer = setTimeout(() => this.restart(slot), delayMs);
  }

  private async restart(slot: number): Promise<void> {
    const state = this.slots[slot] as (typeof this.slots)[number];
    state.timer = undefined;
    if (this.stopping) return;
    const started = await this.fork(slot);
    if (started.ready) return;
    if (this.stopping) return;
    if (started.code === EXIT_CONFIG) {
      this.log.fatal({ slot }, 'a restarted server process refused its configuration; stopping the cluster');
      await this.stop();
      process.exit(EXIT_CONFIG);
    }
    // Failed while starting (e.g. the database is away): try again, later each time.
    state.crashes += 1;
    const delayMs = restartDelayMs(state.crashes);
    this.log.error({ slot, code: started.code, restartInMs: delayMs }, 'cluster worker failed to start');
    state.timer = setTimeout(() => this.restart(slot), delayMs);
  }

  /** SIGTERM to every worker (each closes gracefully); SIGKILL to any still running after the grace. */
  async stop(): Promise<void> {
    this.stopping = true;
    const running: Worker[] = [];
    for (const state of this.slots) {
      clearTimeout(state.timer);
      if (state.worker && !state.worker.isDead()) running.push(state.worker);
    }
    await Promise.all(
      running.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            const kill = setTimeout(() => worker.process.kill('SIGKILL'), STOP_GRACE_MS);
            worker.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            worker.process.kill('SIGTERM');
          }),
      ),
    );
  }
}

async function runWorker(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config, { databaseSchema: process.env.DATABASE_SCHEMA || undefined });
  server.app.getHttpServer().prependListener('request', (_request, response) => {
    response.setHeader(WORKER_HEADER, String(process.pid));
  });
  const log = server.app.getHttpAdapter().getInstance().log;
  closeOnSignals(server.close, 10_000, (signal) => log.info({ signal }, 'shutting down'));
  process.send?.({ type: 'ready', url: server.url } satisfies WorkerMessage);
}

try {
  if (cluster.isPrimary) await runPrimary();
  else await runWorker();
} catch (error) {
  exitOnStartFailure(cluster.isPrimary ? 'DA-KI cluster' : 'DA-KI cluster worker', error);
}
