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
