import type { Database, Queryable } from '../db/database.js';
import { TIMESERIES_TABLES } from './timeseries-rows.js';

/** Months ahead of today that always have a partition, so inserts rarely reach DEFAULT. */
export const MONTHS_AHEAD = 2;

/** A table's partition upkeep: which table, and the column its months are ranges of. */
interface PartitionedTable {
  name: string;
  timeColumn: string;
}

/** `<table>_pYYYYMM`: the keeper's monthly partitions (DEFAULT is `<table>_default`). */
const MONTHLY = /_p(\d{4})(\d{2})$/;

/** First instant (UTC) of the month of `at`, shifted by `months`. */
export function monthStart(at: Date, months = 0): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + months, 1));
}

function partitionName(table: string, month: Date): string {
  return `${table}_p${month.getUTCFullYear()}${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The retention cutoff: rows older than this are deleted. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * 86_400_000);
}

/** What one upkeep did, for the log and the tests. */
export interface UpkeepReport {
  created: string[];
  /** Rows moved from DEFAULT into a partition created for their month. */
  moved: number;
  dropped: string[];
  /** Rows older than the cutoff deleted from DEFAULT. */
  deleted: number;
}

/**
 * Keeps the monthly partitions of the three time-series tables: creates every month from the
 * retention cutoff's to {@link MONTHS_AHEAD} months ahead, then applies retention (drops whole
 * partitions that end before the cutoff, deletes older rows left in DEFAULT). Idempotent; on
 * PostgreSQL an advisory lock keeps two instances from doing it at once.
 */
export async function keepPartitions(
  db: Database,
  options: { now: Date; retentionDays: number },
): Promise<UpkeepReport> {
  const report: UpkeepReport = { created: [], moved: 0, dropped: [], deleted: 0 };
  const cutoff = retentionCutoff(options.now, options.retentionDays);
  for (const table of TIMESERIES_TABLES) {
    await db.transaction(async (tx) => {
      // The schema's own lock: instances on other schemas of the database keep their own partitions.
      if (db.kind === 'postgres')
        await tx.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':partitions'))");
      const existing = await monthlyPartitions(tx, table.name);
      for (
        let month = monthStart(cutoff);
        month <= monthStart(options.now, MONTHS_AHEAD);
        month = monthStart(month, 1)
      ) {
        const name = partitionName(table.name, month);
        if (existing.has(name)) continue;
        report.moved += await createMonth(tx, table, month, name);
        report.created.push(name);
      }
      for (const [name, month] of existing) {
        if (monthStart(month, 1) > cutoff) continue;
        await tx.query(`DROP TABLE ${name}`);
        report.dropped.push(name);
      }
      const deleted = await tx.query(`DELETE FROM ${table.name}_default WHERE ${table.timeColumn} < $1`, [
        cutoff,
      ]);
      report.deleted += deleted.rowCount;
    });
  }
  return report;
}

/** The keeper's partitions of `table`, by name, with the first instant of their month. */
async function monthlyPartitions(tx: Queryable, table: string): Promise<Map<string, Date>> {
  const { rows } = await tx.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = $1::regclass`,
    [table],
  );
  const months = new Map<string, Date>();
  for (const { name } of rows) {
    const match = MONTHLY.exec(name);
    if (match) months.set(name, new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
  }
  return months;
}

/**
 * Creates the partition of `month`. PostgreSQL refuses to add a partition whose range has rows in
 * DEFAULT, so the table is built detached, the month's rows are moved into it from DEFAULT, and it
 * is attached: one transaction, so no reader sees the rows twice or not at all. Returns the rows moved.
 */
async function createMonth(
  tx: Queryable,
  table: PartitionedTable,
  month: Date,
  name: string,
): Promise<number> {
  const from = month.toISOString();
  const to = monthStart(month, 1).toISOString();
  // The parent (and so every partition) first, before ATTACH asks for its own locks: an insert
  // waiting on DEFAULT alone had already been routed there with the old partition bounds and failed
  // DEFAULT's new constraint after the attach (SQLSTATE 23514); one waiting on the parent is routed
  // after the commit, with the new month in place. Taken only when a month is created.
  await tx.query(`LOCK TABLE ${table.name} IN ACCESS EXCLUSIVE MODE`);
  await tx.query(`CREATE TABLE ${name} (LIKE ${table.name} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
  const moved = await tx.query(
    `WITH moved AS (
       DELETE FROM ${table.name}_default WHERE ${table.timeColumn} >= $1 AND ${table.timeColumn} < $2 RETURNING *
     ) INSERT INTO ${name} SELECT * FROM moved`,
    [from, to],
  );
  await tx.query(
    `ALTER TABLE ${table.name} ATTACH PARTITION ${name} FOR VALUES FROM ('${from}') TO ('${to}')`,
  );
  return moved.rowCount;
}
