import type { Queryable } from './database.js';

/** PostgreSQL allows 65 535 parameters in one statement. */
const MAX_PARAMETERS = 65_535;

/**
 * Inserts typed rows, one multi-row `INSERT` per chunk. The column list is the row type's keys,
 * named as in the table, and the placeholders are generated from it: a statement can never have a
 * parameter count or order that differs from its column list. `suffix` is appended to each
 * statement (e.g. an `ON CONFLICT` clause).
 */
export async function insertRows<Row extends object>(
  db: Queryable,
  table: string,
  columns: readonly (keyof Row & string)[],
  rows: readonly Row[],
  suffix = '',
): Promise<void> {
  const chunk = Math.floor(MAX_PARAMETERS / columns.length);
  const columnList = columns.join(', ');
  for (let offset = 0; offset < rows.length; offset += chunk) {
    const slice = rows.slice(offset, offset + chunk);
    const params: unknown[] = [];
    const tuples = slice.map((row) => {
      const first = params.length;
      for (const column of columns) params.push(row[column]);
      return `(${columns.map((_, c) => `$${first + c + 1}`).join(', ')})`;
    });
    await db.query(`INSERT INTO ${table} (${columnList}) VALUES ${tuples.join(', ')}${suffix}`, params);
  }
}

/**
 * Inserts many rows as one statement of one array parameter per column (`SELECT * FROM unnest(…)`):
 * PostgreSQL parses and plans a statement of a few parameters instead of a `VALUES` list of
 * thousands, and the client sends an array per column instead of a parameter per value — for the
 * time-series writers' batches of 1 000 rows, about a third less time per row than
 * {@link insertRows}. `types` are the columns' SQL types (`timestamptz`, `float8`, …). Dates are sent
 * as ISO strings.
 */
export async function insertColumns<Row extends object>(
  db: Queryable,
  table: string,
  columns: readonly (keyof Row & string)[],
  types: Readonly<Record<keyof Row & string, string>>,
  rows: readonly Row[],
): Promise<void> {
  const arrays = columns.map((column) =>
    rows.map((row) => {
      const value = row[column];
      return value instanceof Date ? value.toISOString() : value;
    }),
  );
  const arrayParameters = columns.map((column, i) => `$${i + 1}::${types[column]}[]`).join(', ');
  await db.query(
    `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${arrayParameters})`,
    arrays,
  );
}
