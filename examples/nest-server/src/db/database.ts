import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { classifyDatabaseError } from './database-unavailable.js';

/** Rows of a query. */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/** What repositories need: parameterised queries and transactions, on PGlite or PostgreSQL alike. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
}

/** A connection to the server's database. */
export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Reachable? (for /ready) */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Where the database is: a PostgreSQL URL, or a folder for embedded PGlite (`memory://` for none). */
export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** PostgreSQL schema to use (created if missing); lets tests isolate themselves. */
  schema?: string;
  /** Observes every query's duration (seconds), for metrics. */
  onQuery?: (seconds: number) => void;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens PostgreSQL when a URL is given, else embedded PGlite in `dataDir`. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new Error(`invalid schema name "${options.schema}"`);
  }
  return options.databaseUrl ? openPostgres(options) : openPglite(options);
}

function timed<T>(onQuery: DatabaseOptions['onQuery'], run: () => Promise<T>): Promise<T> {
  if (!onQuery) return run();
  const start = process.hrtime.bigint();
  return run().finally(() => onQuery(Number(process.hrtime.bigint() - start) / 1e9));
}

/**
 * A transaction left idle this long (it awaits something other than SQL while holding its
 * connection and row locks) is ended by PostgreSQL. Transactions here only run SQL, so this never
 * fires in normal work; it bounds the damage if one ever waits on a provider or Redis.
 */
const IDLE_IN_TRANSACTION_MS = 10_000;

/**
 * `CREATE SCHEMA IF NOT EXISTS`, for instances that start together on a new schema: the check of
 * the one that loses the race ran before the other's commit, and its insert then fails on the
 * catalog's unique index (23505; 42P06 if it saw the schema after all). The schema exists either
 * way, which is all that was asked.
 */
async function createSchema(pool: pg.Pool, schema: string): Promise<void> {
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== '23505' && code !== '42P06') throw error;
  }
}

async function openPostgres(options: DatabaseOptions): Promise<Database> {
  const settings = [
    `-c idle_in_transaction_session_timeout=${IDLE_IN_TRANSACTION_MS}`,
    ...(options.schema ? [`-c search_path=${options.schema}`] : []),
  ];
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: 10,
    connectionTimeoutMillis: 5_000,
    options: settings.join(' '),
  });
  pool.on('error', () => {
    // An idle client died (e.g. the server restarted); the pool drops it and opens a new one on
    // demand. Without this listener the 'error' event would end the process.
  });
  if (options.schema) await createSchema(pool, options.schema);
  const query: Queryable['query'] = (sql, params) =>
    timed(options.onQuery, async () => {
      try {
        const result = await pool.query(sql, params as unknown[]);
        return { rows: result.rows, rowCount: result.rowCount ?? 0 };
      } catch (error) {
        throw classifyDatabaseError(error);
      }
    });
  return {
    kind: 'postgres',
    query,
    async transaction(work) {
      const client = await pool.connect().catch((error: unknown) => {
        throw classifyDatabaseError(error);
      });
      // The pool listens for errors only on idle clients: a checked-out client whose connection
      // breaks (PostgreSQL stopping sends 57P01 to every session) emits 'error' with no listener,
      // which ends the process. This listener keeps the process up; the pending query rejects on
      // its own, and the broken client is destroyed on release instead of going back to the pool.
      let broken: Error | undefined;
      const onError = (error: Error) => {
        broken = error;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const tx: Queryable = {
          query: (sql, params) =>
            timed(options.onQuery, async () => {
              const result = await client.query(sql, params as unknown[]);
              return { rows: result.rows, rowCount: result.rowCount ?? 0 };
            }),
        };
        const value = await work(tx);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken ??= rollbackError;
        });
        throw classifyDatabaseError(error);
      } finally {
        client.removeListener('error', onError);
        // A truthy argument destroys the client: a connection that failed is never reused.
        client.release(broken ?? false);
      }
    },
    async ping() {
      try {
        await pool.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  if (options.schema) {
    await db.exec(`CREATE SCHEMA IF NOT EXISTS ${options.schema}; SET search_path TO ${options.schema}`);
  }
  // PGlite is a single connection: serialise transactions so statements of two never interleave.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const run = async <T>(target: Pick<PGlite, 'query'>, sql: string, params?: readonly unknown[]) => {
    const result = await target.query<T>(sql, params as unknown[]);
    return { rows: result.rows, rowCount: result.affectedRows || result.rows.length };
  };
  return {
    kind: 'pglite',
    query: (sql, params) => exclusive(() => timed(options.onQuery, () => run(db, sql, params))),
    transaction: (work) =>
      exclusive(() =>
        db.transaction((tx) =>
          work({ query: (sql, params) => timed(options.onQuery, () => run(tx, sql, params)) }),
        ),
      ),
    async ping() {
      try {
        await exclusive(() => db.query('SELECT 1'));
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.close(),
  };
}
