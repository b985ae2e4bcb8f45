// Instances that start together on PostgreSQL: on one schema the migration and the partition
// upkeep run once; on different schemas of the same database they do not wait for each other's
// locks (the locks were one per database, which made every test file's server queue behind the
// others' migrations).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { keepPartitions } from '../src/timeseries/partition-keeper.js';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schemas: string[] = [];
const opened: Database[] = [];

function open(schema: string): Promise<Database> {
  if (!schemas.includes(schema)) schemas.push(schema);
  return openDatabase({ databaseUrl: DATABASE_URL, schema }).then((db) => {
    opened.push(db);
    return db;
  });
}

const newSchema = () => `t_schema_locks_${randomBytes(4).toString('hex')}`;

afterAll(async () => {
  await Promise.allSettled(opened.map((db) => db.close()));
  const pool = new pg.Pool({ connectionString: DATABASE_URL });
  for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await pool.end();
});

describe('migration and partition locks', () => {
  it('eight instances opening a new schema at once all open it (CREATE SCHEMA IF NOT EXISTS races)', async () => {
    // Without the retry about a quarter of such opens failed with 23505 on pg_namespace.
    for (let round = 0; round < 5; round++) {
      const schema = newSchema();
      const opens = await Promise.allSettled(Array.from({ length: 8 }, () => open(schema)));
      expect(opens.filter((o) => o.status === 'rejected')).toEqual([]);
    }
  });

  it('two instances on one schema: every migration applied once, the months created once', async () => {
    const schema = newSchema();
    const [a, b] = await Promise.all([open(schema), open(schema)]);
    const [first, second] = await Promise.all([migrate(a as Database), migrate(b as Database)]);
    const applied = [...first, ...second];
    expect(applied.length).toBeGreaterThan(0);
    expect(new Set(applied).size).toBe(applied.length); // no version twice
    expect(first.length === 0 || second.length === 0).toBe(true);
    const now = new Date();
    const [x, y] = await Promise.all([
      keepPartitions(a as Database, { now, retentionDays: 60 }),
      keepPartitions(b as Database, { now, retentionDays: 60 }),
    ]);
    expect(x.created.length + y.created.length).toBeGreaterThan(0);
    expect(Math.min(x.created.length, y.created.length)).toBe(0);
  });

  it("an instance on another schema is not held by a schema's migration lock", async () => {
    const held = newSchema();
    const other = newSchema();
    const [blocker, free] = await Promise.all([open(held), open(other)]);
    // A transaction on `held` that keeps its migration lock while the other schema migrates.
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked: () => void = () => undefined;
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holding = (blocker as Database).transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':migrate'))");
      locked();
      await released;
    });
    await isLocked;
    try {
      // Would wait for `release` (never called before it returns) if the lock were the database's.
      expect((await migrate(free as Database)).length).toBeGreaterThan(0);
    } finally {
      release();
      await holding;
    }
  });
});
