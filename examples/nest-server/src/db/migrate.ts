import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

/** Folder of the SQL migrations: one history for PGlite and PostgreSQL. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Applies pending migrations in file-name order, each in its own transaction, and records them.
 * On PostgreSQL an advisory lock keeps two instances starting together from migrating twice; the
 * lock is the schema's own (the migrations create nothing outside it), so instances on other
 * schemas of the same database (tests, tenants) do not wait for each other.
 * Returns the versions applied now.
 */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort();
  return db.transaction(async (tx) => {
    if (db.kind === 'postgres')
      await tx.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':migrate'))");
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set(
      (await tx.query<{ version: string }>('SELECT version FROM schema_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    const applied: string[] = [];
    for (const file of files) {
      const version = file.replace(/\.sql$/, '');
      if (done.has(version)) continue;
      for (const statement of splitStatements(readFileSync(`${dir}${file}`, 'utf8')))
        await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
      applied.push(version);
    }
    return applied;
  });
}

/** Splits a migration into statements (the files use no semicolons inside strings or bodies). */
function splitStatements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .split(';')
    .map((statement) => statement.trim())
    .filter(Boolean);
}
