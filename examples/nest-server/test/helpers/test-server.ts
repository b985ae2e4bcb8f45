import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import {
  type AppConfig,
  DATABASE,
  type Database,
  loadConfig,
  type RunningServer,
  startServer,
} from './compiled.js';
import { seedPgliteDataDir } from './pglite-template.js';

/** The two databases the server supports; every end-to-end spec runs on both. */
export type Backend = 'pglite' | 'postgres';

/** The real PostgreSQL of the project's machines (CI sets DATABASE_URL to the same). */
export const POSTGRES_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestServerOptions {
  backend: Backend;
  /** Names the PostgreSQL schema (`t_<label>_<random>`) and the temp folder, for whoever finds leftovers. */
  label: string;
  /** Extra environment on top of the test defaults (port 0, silent logs, no rate limit in the way). */
  env?: Record<string, string>;
}

/**
 * A real server on loopback, on PGlite in a temp DATA_DIR or on real PostgreSQL in a schema of its
 * own, with a side door into its database for the checks the API cannot make. `restart()` stops it
 * and starts a new one on the same data; `dispose()` stops it and deletes the data.
 */
export class TestServer {
  private running: { server: RunningServer; config: AppConfig; url: string } | undefined;
  private checkPool: pg.Pool | undefined;

  private constructor(
    readonly backend: Backend,
    readonly env: Record<string, string>,
    readonly dataDir: string,
    readonly schema: string | undefined,
  ) {}

  static async start(options: TestServerOptions): Promise<TestServer> {
    const label = options.label.toLowerCase().replace(/[^a-z0-9]/g, '_');
    const dataDir = mkdtempSync(join(tmpdir(), `daki-${label}-`));
    const env: Record<string, string> = {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      // The suites send hundreds of requests from one address; rate limiting has its own tests.
      RATE_LIMIT_PER_MINUTE: '1000000',
      // No price tick or scoring run in the middle of a suite: the expected figures are computed from
      // the prices the suite read, and the restart check asserts that no new run was needed.
      PRICE_INTERVAL_MS: String(24 * 60 * 60_000),
      SCORE_INTERVAL_MS: String(24 * 60 * 60_000),
      NEWS_INTERVAL_MS: String(24 * 60 * 60_000),
      // Training the forecast models takes most of a minute of CPU; these suites test the API.
      FORECAST_MODE: 'off',
      // Scoring 467 symbols costs seconds of CPU per start (more on PGlite, which also stores every
      // series in its L3 cache table); the API behaves the same over 120 symbols in all 11 sectors.
      SYNTHETIC_SYMBOLS: '120',
      ...options.env,
    };
    // With Redis, keys of their own (L2 cache, rate-limit counters, queues), deleted on dispose().
    if (env.REDIS_URL && !env.REDIS_PREFIX) {
      env.REDIS_PREFIX = `daki-test-${label}-${randomBytes(4).toString('hex')}`;
    }
    let schema: string | undefined;
    if (options.backend === 'postgres') {
      env.DATABASE_URL = POSTGRES_URL;
      schema = `t_${label}_${randomBytes(4).toString('hex')}`;
    } else {
      await seedPgliteDataDir(join(dataDir, 'pglite'));
    }
    const server = new TestServer(options.backend, env, dataDir, schema);
    try {
      await server.boot();
    } catch (error) {
      await server.dispose();
      throw error;
    }
    return server;
  }

  /** Base URL, e.g. `http://127.0.0.1:41234` (a new port after each restart). */
  get url(): string {
    return this.live().url;
  }

  /** The configuration the server runs with (secrets included, to forge tokens with). */
  get config(): AppConfig {
    return this.live().config;
  }

  /**
   * Runs SQL against the server's database. PostgreSQL: over a connection of the test's own, so a row
   * counts only once committed. PGlite is one in-process connection that a second client cannot open
   * while the server holds the folder, so the query goes through the server's own handle.
   */
  async sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    if (this.backend === 'postgres') {
      this.checkPool ??= new pg.Pool({
        connectionString: POSTGRES_URL,
        max: 2,
        options: `-c search_path=${this.schema}`,
      });
      return (await this.checkPool.query(text, params)).rows as T[];
    }
    const database = this.live().server.app.get<symbol, Database>(DATABASE, { strict: false });
    return (await database.query<T>(text, params)).rows;
  }

  /** Number of rows of a table (for "nothing was written" checks). */
  async count(table: 'users' | 'positions' | 'audit_log' | 'growth_forecasts'): Promise<number> {
    const [row] = await this.sql<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`);
    return Number(row?.n);
  }

  /** The running Nest application (to reach a service, e.g. to run a scheduled task now). */
  get app(): RunningServer['app'] {
    return this.live().server.app;
  }

  /**
   * Stops the server (gracefully, as on SIGTERM) and starts a new one on the same data; `env` changes
   * the environment for this and later starts (e.g. another MARKET_DATA_DIR).
   */
  async restart(env: Record<string, string> = {}): Promise<void> {
    Object.assign(this.env, env);
    await this.stop();
    await this.boot();
  }

  /** Stops the server and removes its data: the temp folder, and the schema on PostgreSQL. */
  async dispose(): Promise<void> {
    try {
      await this.stop();
    } finally {
      if (this.schema) {
        const admin = new pg.Client({ connectionString: POSTGRES_URL });
        await admin.connect();
        try {
          await admin.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
        } finally {
          await admin.end();
        }
      }
      if (this.env.REDIS_URL) await deleteRedisKeys(this.env.REDIS_URL, `${this.env.REDIS_PREFIX}:`);
      rmSync(this.dataDir, { recursive: true, force: true });
    }
  }

  private async boot(): Promise<void> {
    const config = loadConfig(this.env);
    const server = await startServer(config, { databaseSchema: this.schema });
    this.running = { server, config, url: server.url };
  }

  private async stop(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    await this.checkPool?.end();
    this.checkPool = undefined;
    await running?.server.close();
  }

  private live(): { server: RunningServer; config: AppConfig; url: string } {
    if (!this.running) throw new Error(`the ${this.backend} test server is not running`);
    return this.running;
  }
}

async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
