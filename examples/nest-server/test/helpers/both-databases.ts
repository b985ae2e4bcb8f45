// The two databases the server runs on, for suites that check a store on each: embedded PGlite in
// memory, and the real PostgreSQL in a schema of the suite's own. Both are opened migrated, from the
// COMPILED server (see compiled.ts for why dist/).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type * as DatabaseModule from '../../src/db/database.js';
import type * as MigrateModule from '../../src/db/migrate.js';

const dist = <T>(path: string): Promise<T> =>
  import(new URL(`../../dist/${path}`, import.meta.url).href) as Promise<T>;
const { openDatabase } = await dist<typeof DatabaseModule>('db/database.js');
const { migrate } = await dist<typeof MigrateModule>('db/migrate.js');

type Database = DatabaseModule.Database;

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The suite's databases, for `describe.each`, and the clean-up of its PostgreSQL schema. */
export interface BothDatabases {
  /** `[name, open]`: `open` resolves with a migrated database, which the caller closes. */
  cases: [string, () => Promise<Database>][];
  /** The PostgreSQL schema, `<prefix>_<random>`. */
  schema: string;
  /** Drops the schema and everything in it (for `afterAll`). */
  dropSchema(): Promise<void>;
}

export function bothDatabases(prefix: string): BothDatabases {
  const schema = `${prefix}_${randomBytes(4).toString('hex')}`;
  const migrated = async (database: Database) => {
    await migrate(database);
    return database;
  };
  return {
    cases: [
      ['PGlite', async () => migrated(await openDatabase({ dataDir: 'memory://' }))],
      ['PostgreSQL', async () => migrated(await openDatabase({ databaseUrl: DATABASE_URL, schema }))],
    ],
    schema,
    async dropSchema() {
      const admin = new pg.Client({ connectionString: DATABASE_URL });
      await admin.connect();
      try {
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}
