// The "DA-KI measurements" Grafana dashboard runs SQL against the server's own tables: every query of
// it (panels and variables), with Grafana's macros expanded as its PostgreSQL data source expands
// them, runs on the migrated schema of both databases and returns the columns Grafana expects.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
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
const schema = `timeseries_grafana_${randomBytes(4).toString('hex')}`;
const DASHBOARD = new URL('../deploy/grafana/measurements.json', import.meta.url);

interface Target {
  rawSql: string;
  format: 'time_series' | 'table';
}
const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as {
  panels: { title: string; targets?: Target[]; datasource?: { uid: string } }[];
  templating: { list: { name: string; query: string }[] };
};
const queries = dashboard.panels.flatMap((panel) =>
  (panel.targets ?? []).map((target) => ({ title: panel.title, ...target })),
);

/** Grafana's PostgreSQL macros, as its data source expands them (time range: the last day). */
function expand(sql: string): string {
  return sql
    .replace(
      /\$__timeGroupAlias\(([^,]+), '(\d+)([mhd])'\)/g,
      (_m, column: string, n: string, unit: string) => {
        const seconds = Number(n) * { m: 60, h: 3600, d: 86_400 }[unit as 'm' | 'h' | 'd'];
        return `to_timestamp(floor(extract(epoch from ${column}) / ${seconds}) * ${seconds}) AS "time"`;
      },
    )
    .replace(/\$__timeFilter\(([^)]+(?:\)[^)]*)?)\)/g, (_m, column: string) => {
      return `${column} BETWEEN now() - interval '1 day' AND now()`;
    })
    .replaceAll('$symbol', 'AAA');
}

afterAll(async () => {
  for (const dir of pgliteDirs) rmSync(dir, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
});

it('the dashboard has queries, all on the provisioned PostgreSQL data source', () => {
  expect(queries.length).toBeGreaterThanOrEqual(10);
  for (const panel of dashboard.panels.filter((p) => p.targets))
    expect(panel.datasource?.uid, panel.title).toBe('daki-postgres');
  const provisioned = readFileSync(
    new URL('../deploy/grafana/provisioning/datasources/postgres.yml', import.meta.url),
    'utf8',
  );
  expect(provisioned).toMatch(/uid: daki-postgres/);
});

describe.each([
  ['PGlite', () => openSeededPglite()],
  ['PostgreSQL', () => openDatabase({ databaseUrl: DATABASE_URL, schema })],
] as [string, () => Promise<Database>][])('the measurements dashboard on %s', (_name, open) => {
  it('runs every query on the migrated schema with rows in all three tables', async () => {
    const database = await open();
    try {
      await migrate(database);
      await database.query(
        `INSERT INTO stock_metrics (time, symbol, source, price, volume, change_percent, calculation_time_ms, data_freshness_seconds, api_response_time_ms, data_source_key)
         VALUES (now() - interval '5 minutes', 'AAA', 'run', 100, 1000, 1.5, 900, 3600, NULL, 'k'),
                (now() - interval '2 minutes', 'AAA', 'tick', 101, NULL, 2.5, NULL, NULL, 40, 'k')`,
      );
      await database.query(
        `INSERT INTO user_activity (time, user_key, action, requests, duration_ms, duration_max_ms, success, error_code)
         VALUES (now() - interval '3 minutes', 'u1', 'GET /api/auth/me', 1, 3.5, 3.5, true, NULL),
                (now() - interval '1 minute', NULL, 'GET /api/stocks/:symbol', 3, 1.5, 2.5, false, '404')`,
      );
      await database.query(
        `INSERT INTO model_performance (data_source_key, symbol, model_name, model_version, horizon_days, origin_date, target_date,
           origin_price, predicted_price, predicted_return, lower_price, upper_price, interval_level, actual_price, actual_return,
           inside_interval, evaluated_at)
         VALUES ('k', 'AAA', 'ensemble', 'v1', 5, current_date - 6, current_date, 100, 104, 0.04, 95, 110, 0.95, 102, 0.02, true, now())`,
      );
      for (const variable of dashboard.templating.list) {
        const { rows } = await database.query<{ symbol: string }>(variable.query);
        expect(rows.map((r) => r.symbol)).toEqual(['AAA']);
      }
      for (const query of queries) {
        const { rows } = await database.query<Record<string, unknown>>(expand(query.rawSql));
        expect(rows.length, query.title).toBeGreaterThan(0);
        if (query.format === 'time_series')
          expect(Object.keys(rows[0] ?? {}).sort(), query.title).toEqual(['metric', 'time', 'value']);
      }
    } finally {
      await database.close();
    }
  }, 60_000);
});
