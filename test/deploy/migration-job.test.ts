import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Manifest } from './kustomize.js';
import { K8S_DIR, ROOT_DIR } from './paths.js';

// The migration Job's command, run as the Job runs it (node in the server's folder, on its build),
// against a database of its own on the shared PostgreSQL: it applies every migration of the build,
// a second run applies none, and without DATABASE_URL it stops with a clear message.

const SERVER_DIR = `${ROOT_DIR}examples/nest-server/`;
const POSTGRES_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const job = parse(readFileSync(`${K8S_DIR}base/migration-job.yaml`, 'utf8')) as Manifest;
const [command, ...args] = job.spec.template.spec.containers[0].command as string[];
const database = `deploy_migrate_${randomBytes(6).toString('hex')}`;
const databaseUrl = (() => {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${database}`;
  return url.toString();
})();

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function runJob(env: Record<string, string>) {
  const result = spawnSync(command as string, args, {
    cwd: SERVER_DIR,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => admin((c) => c.query(`CREATE DATABASE ${database}`)));
afterAll(() => admin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)));

describe('the migration Job', () => {
  it('applies every migration of the build once, and nothing on a second run', async () => {
    const shipped = readdirSync(`${SERVER_DIR}dist/db/migrations`)
      .filter((file) => file.endsWith('.sql'))
      .map((file) => file.replace(/\.sql$/, ''))
      .sort();
    expect(shipped.length).toBeGreaterThan(0);

    const first = runJob({ DATABASE_URL: databaseUrl });
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ msg: 'migrations applied', versions: shipped });
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const recorded = await client.query<{ version: string }>(
        'SELECT version FROM schema_migrations ORDER BY 1',
      );
      expect(recorded.rows.map((r) => r.version)).toEqual(shipped);
    } finally {
      await client.end();
    }

    const second = runJob({ DATABASE_URL: databaseUrl });
    expect(second.status, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual({ msg: 'migrations applied', versions: [] });
  });

  it('without DATABASE_URL it exits 2 naming the variable and the Secret', () => {
    const run = runJob({});
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe('da-ki-migrate: DATABASE_URL is not set (Secret da-ki-server)');
  });
});
