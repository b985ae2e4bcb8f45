// The time-series store on both databases it runs on (embedded PGlite and the real PostgreSQL, a
// schema of this file's own): the batched writer's flushes, limits and drops, and the partition
// keeper's monthly partitions and retention. Time is driven by hand (a manual flush timer, explicit
// "now" dates): nothing waits on the wall clock.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/database.js';
import { insertColumns } from '../src/db/insert-rows.js';
import { migrate } from '../src/db/migrate.js';
import { BatchedWriter, type DropReason, type FlushTimer } from '../src/timeseries/batched-writer.js';
import { keepPartitions } from '../src/timeseries/partition-keeper.js';
import {
  STOCK_METRICS,
  type StockMetricRow,
  USER_ACTIVITY,
  type UserActivityRow,
} from '../src/timeseries/timeseries-rows.js';
import { freePort } from './faults/support/free-port.js';
import { seedPgliteDataDir } from './helpers/pglite-template.js';

/** PGlite in a temp folder, copied from the suite's initialised template (initdb costs seconds of CPU). */
async function openSeededPglite(): Promise<Database> {
  const dir = mkdtempSync(join(tmpdir(), 'daki-timeseries-'));
  pgliteDirs.push(dir);
  await seedPgliteDataDir(dir);
  return openDatabase({ dataDir: dir });
}
const pgliteDirs: string[] = [];

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `timeseries_store_${randomBytes(4).toString('hex')}`;

const databases: [string, () => Promise<Database>][] = [
  ['PGlite', () => openSeededPglite()],
  ['PostgreSQL', () => openDatabase({ databaseUrl: DATABASE_URL, schema })],
];

afterAll(async () => {
  for (const dir of pgliteDirs) rmSync(dir, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
});

/** A flush timer the test fires by hand. */
function manualTimer(): { timer: FlushTimer; fire(): void; intervals: number[] } {
  const runs: (() => void)[] = [];
  const intervals: number[] = [];
  return {
    timer: (ms, run) => {
      intervals.push(ms);
      runs.push(run);
      return () => runs.splice(runs.indexOf(run), 1);
    },
    fire: () => {
      for (const run of runs) run();
    },
    intervals,
  };
}

/** Counts of what a writer reported, and a promise for the next report. */
function observed() {
  const seen = { written: 0, dropped: { full: 0, failed: 0 } as Record<DropReason, number> };
  let next: () => void = () => undefined;
  const report = () => new Promise<void>((resolve) => (next = resolve));
  return {
    seen,
    report,
    options: {
      onWritten: (count: number) => {
        seen.written += count;
        next();
      },
      onDropped: (count: number, reason: DropReason) => {
        seen.dropped[reason] += count;
        next();
      },
    },
  };
}

function point(symbol: string, time = new Date()): StockMetricRow {
  return {
    time,
    symbol,
    source: 'tick',
    price: 101.5,
    volume: null,
    change_percent: 1.5,
    calculation_time_ms: null,
    data_freshness_seconds: null,
    api_response_time_ms: 12.5,
    data_source_key: 'synthetic:42',
  };
}

describe.each(databases)('time-series store on %s', (_name, open) => {
  let database: Database;

  beforeAll(async () => {
    database = await open();
    await migrate(database);
  }, 60_000);

  afterAll(async () => {
    await database?.close();
  });

  const count = async (where = 'true') =>
    Number(
      (await database.query<{ n: string }>(`SELECT count(*)::text AS n FROM stock_metrics WHERE ${where}`))
        .rows[0]?.n,
    );

  it('writes a batch as soon as batchSize points wait, in one flush of the parameters given', async () => {
    const clock = manualTimer();
    const { seen, report, options } = observed();
    const writer = new BatchedWriter(database, STOCK_METRICS, {
      batchSize: 3,
      timer: clock.timer,
      ...options,
    });
    writer.start();
    expect(clock.intervals).toEqual([1_000]);
    writer.record(point('COUNT1'));
    writer.record(point('COUNT2'));
    expect(writer.pending).toBe(2);
    const written = report();
    writer.record(point('COUNT3'));
    await written;
    expect(seen.written).toBe(3);
    expect(await count("symbol LIKE 'COUNT%'")).toBe(3);
    const [row] = (
      await database.query<{ price: number; api_response_time_ms: number; source: string }>(
        "SELECT price, api_response_time_ms, source FROM stock_metrics WHERE symbol = 'COUNT2'",
      )
    ).rows;
    expect(row).toEqual({ price: 101.5, api_response_time_ms: 12.5, source: 'tick' });
    await writer.stop();
  });

  it('keeps every value as recorded through the array-per-column insert: quotes, braces, commas, NULL-like text, nulls, instants', async () => {
    const awkward = ['a"b', 'back\\slash', '{braces}', 'comma,inside', 'NULL', '', 'naïve ✓', "it's"];
    const time = new Date('2026-03-04T05:06:07.089Z');
    const rows: UserActivityRow[] = awkward.map((text, i) => ({
      time: new Date(time.getTime() + i),
      user_key: i % 2 === 0 ? null : text,
      action: text,
      requests: i + 1,
      duration_ms: i + 0.25,
      duration_max_ms: i + 0.5,
      success: i % 3 !== 0,
      error_code: i % 3 === 0 ? null : text,
    }));
    await insertColumns(database, USER_ACTIVITY.name, USER_ACTIVITY.columns, USER_ACTIVITY.types, rows);
    const stored = await database.query<UserActivityRow>(
      `SELECT time, user_key, action, requests, duration_ms, duration_max_ms, success, error_code FROM user_activity
       WHERE time >= $1 AND time < $2 ORDER BY time`,
      [time, new Date(time.getTime() + awkward.length)],
    );
    expect(stored.rows.map((row) => ({ ...row, time: new Date(row.time) }))).toEqual(rows);
  });

  it('writes fewer points than a batch when the flush interval comes, not before', async () => {
    const clock = manualTimer();
    const { seen, report, options } = observed();
    const writer = new BatchedWriter(database, STOCK_METRICS, { timer: clock.timer, ...options });
    writer.start();
    writer.record(point('TIME1'));
    writer.record(point('TIME2'));
    expect(writer.pending).toBe(2);
    expect(await count("symbol LIKE 'TIME%'")).toBe(0);
    const written = report();
    clock.fire();
    await written;
    expect(seen.written).toBe(2);
    expect(await count("symbol LIKE 'TIME%'")).toBe(2);
    await writer.stop();
  });

  it('drops and counts points beyond the buffer capacity, and writes the rest on shutdown', async () => {
    const clock = manualTimer();
    const { seen, options } = observed();
    const writer = new BatchedWriter(database, STOCK_METRICS, {
      capacity: 5,
      timer: clock.timer,
      ...options,
    });
    writer.start();
    for (let i = 0; i < 8; i++) writer.record(point(`FULL${i}`));
    expect(writer.pending).toBe(5);
    expect(seen.dropped.full).toBe(3);
    await writer.stop();
    expect(await count("symbol LIKE 'FULL%'")).toBe(5);
    writer.record(point('AFTER-STOP'));
    expect(seen.dropped.full).toBe(4);
  });

  it('splits a flush into statements of batchSize rows', async () => {
    const clock = manualTimer();
    const batches: number[] = [];
    const writer = new BatchedWriter(database, STOCK_METRICS, {
      batchSize: 1_000,
      timer: clock.timer,
      onWritten: (n) => batches.push(n),
    });
    // Recorded while a flush runs: the first batch starts at 1 000, the rest waits for it.
    for (let i = 0; i < 2_500; i++) writer.record(point(`MANY${i}`));
    await writer.flush();
    expect(batches).toEqual([1_000, 1_000, 500]);
    expect(await count("symbol LIKE 'MANY%'")).toBe(2_500);
  });

  it('puts a row of a month without partition into DEFAULT, and moves it when the month is created', async () => {
    const first = await keepPartitions(database, {
      now: new Date('2031-06-15T12:00:00Z'),
      retentionDays: 90,
    });
    // 90 days back from 2031-06-15 is in March; two months ahead is August.
    for (const month of ['203103', '203104', '203105', '203106', '203107', '203108'])
      expect(first.created).toContain(`stock_metrics_p${month}`);
    expect(first.created).toContain('user_activity_p203108');
    expect(first.created).toContain('model_performance_p203108');
    expect(first.created).not.toContain('stock_metrics_p203109');

    const writer = new BatchedWriter(database, STOCK_METRICS);
    writer.record(point('LATE', new Date('2031-10-03T09:30:00Z')));
    writer.record(point('LATE', new Date('2031-07-03T09:30:00Z')));
    await writer.flush();
    const where = async () =>
      (
        await database.query<{ part: string }>(
          "SELECT tableoid::regclass::text AS part FROM stock_metrics WHERE symbol = 'LATE' ORDER BY time",
        )
      ).rows.map((r) => r.part.replace(/^.*\./, ''));
    expect(await where()).toEqual(['stock_metrics_p203107', 'stock_metrics_default']);

    // A longer retention here: the next test applies the 90 days.
    const second = await keepPartitions(database, {
      now: new Date('2031-09-10T00:00:00Z'),
      retentionDays: 200,
    });
    expect(second.created).toEqual(
      expect.arrayContaining(['stock_metrics_p203109', 'stock_metrics_p203110']),
    );
    expect(second.moved).toBe(1);
    expect(await where()).toEqual(['stock_metrics_p203107', 'stock_metrics_p203110']);
    // Idempotent: nothing left to create, move or drop.
    const third = await keepPartitions(database, {
      now: new Date('2031-09-10T00:00:00Z'),
      retentionDays: 200,
    });
    expect(third).toEqual({ created: [], moved: 0, dropped: [], deleted: 0 });
  });

  it('drops partitions older than the retention and deletes old rows left in DEFAULT', async () => {
    const writer = new BatchedWriter(database, STOCK_METRICS);
    writer.record(point('OLD', new Date('2031-03-20T00:00:00Z'))); // p203103
    writer.record(point('OLD', new Date('2031-06-20T00:00:00Z'))); // p203106, inside the retention
    writer.record(point('OLD', new Date('2001-01-01T00:00:00Z'))); // no partition: DEFAULT
    await writer.flush();
    expect(await count("symbol = 'OLD'")).toBe(3);
    // 2031-09-10 minus 90 days = 2031-06-12: February to May end before it, June does not.
    const report = await keepPartitions(database, {
      now: new Date('2031-09-10T00:00:00Z'),
      retentionDays: 90,
    });
    for (const month of ['203102', '203103', '203104', '203105'])
      expect(report.dropped).toContain(`stock_metrics_p${month}`);
    expect(report.dropped).not.toContain('stock_metrics_p203106');
    expect(report.deleted).toBeGreaterThanOrEqual(1);
    const left = await database.query<{ time: Date }>("SELECT time FROM stock_metrics WHERE symbol = 'OLD'");
    expect(left.rows.map((r) => new Date(r.time).toISOString())).toEqual(['2031-06-20T00:00:00.000Z']);
  });
});

describe('the batched writer with its database down', () => {
  it('drops and counts the points of a failed insert; record() neither throws nor waits', async () => {
    // A real PostgreSQL client pointed at a port nobody listens on: every connection is refused.
    const down = await openDatabase({
      databaseUrl: `postgres://postgres@127.0.0.1:${await freePort()}/none`,
    });
    try {
      const clock = manualTimer();
      const { seen, report, options } = observed();
      const errors: Error[] = [];
      const writer = new BatchedWriter(down, STOCK_METRICS, {
        capacity: 4,
        timer: clock.timer,
        ...options,
        onError: (error) => errors.push(error),
      });
      writer.start();
      for (let i = 0; i < 6; i++) writer.record(point(`DOWN${i}`));
      expect(seen.dropped.full).toBe(2);
      const failed = report();
      clock.fire();
      await failed;
      expect(seen.dropped.failed).toBe(4);
      expect(seen.written).toBe(0);
      expect(errors[0]?.message).toMatch(/ECONNREFUSED|connect|unavailable/i);
      expect(writer.pending).toBe(0);
      await writer.stop();
    } finally {
      await down.close();
    }
  });
});
