// The track record's replay (issue #14): `REPLAY_MONTHS=2` on the 467-symbol synthetic universe, on
// PostgreSQL (a schema of its own), the compiled server started as a deployment starts it
// (`node dist/main.js`). The replay runs in the background of the start-up; this script reads the
// server's JSON log lines and measures from "replaying …" to "replay done", with the server
// process's CPU over that span (PostgreSQL's own work not included). Aim: under 3 minutes.
//
//   npm run build -w @da-ki/nest-server && npx tsx benchmarks/replay/run.ts
//   REPLAY_BENCH_MONTHS=2 REPLAY_BENCH_SYMBOLS=467 DATABASE_URL (defaults as .ci/run)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { dropSchemas, stopProcess } from '../server-leftovers.js';
import { printTable } from '../table.js';
import { treeCpuMs } from '../ws/process-cpu.js';

const MONTHS = process.env.REPLAY_BENCH_MONTHS ?? '2';
const SYMBOLS = process.env.REPLAY_BENCH_SYMBOLS ?? '467';
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SERVER_DIR = fileURLToPath(new URL('../../examples/nest-server/', import.meta.url));
const AIM_SECONDS = 180;
const DAY_MS = String(24 * 60 * 60_000);

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const schema = `bench_replay_${process.pid}`;
const scratch = mkdtempSync(join(tmpdir(), 'daki-bench-replay-'));
const admin = new pg.Client({ connectionString: DATABASE_URL });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
await admin.end();
// dist/main.js takes no schema option: libpq's `options` puts the schema first on the search_path.
const databaseUrl = new URL(DATABASE_URL);
databaseUrl.searchParams.set('options', `-c search_path=${schema}`);

const loadBefore = load();
const child = spawn(process.execPath, ['dist/main.js'], {
  cwd: SERVER_DIR,
  env: {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    JWT_SECRET: 'bench-replay-secret-of-at-least-32-characters',
    ENCRYPTION_KEY: 'ab'.repeat(32),
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    DATA_DIR: scratch,
    DATABASE_URL: databaseUrl.href,
    SYNTHETIC_SYMBOLS: SYMBOLS,
    REPLAY_MONTHS: MONTHS,
    // Only the replay: no live forecast training, no ticks or new runs competing for the cores.
    FORECAST_MODE: 'off',
    PRICE_INTERVAL_MS: DAY_MS,
    SCORE_INTERVAL_MS: DAY_MS,
    NEWS_INTERVAL_MS: DAY_MS,
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
const errors: string[] = [];
child.stderr.on('data', (chunk: Buffer) => errors.push(chunk.toString()));

try {
  const result = await new Promise<{ wall: number; cpu: number; done: string }>((resolve, reject) => {
    let started: { at: number; cpu: number } | undefined;
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${errors.join('').slice(-2000)}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      let entry: { msg?: string; level?: number };
      try {
        entry = JSON.parse(line);
      } catch {
        return;
      }
      const msg = entry.msg ?? '';
      if (msg.startsWith('replaying '))
        started = { at: performance.now(), cpu: treeCpuMs([child.pid as number]) };
      if (msg.startsWith('replay: ')) process.stderr.write(`${msg}\n`);
      if (msg.startsWith('replay failed')) reject(new Error(msg));
      if (msg.startsWith('replay done') && started) {
        resolve({
          wall: (performance.now() - started.at) / 1000,
          cpu: (treeCpuMs([child.pid as number]) - started.cpu) / 1000,
          done: msg,
        });
      }
    });
  });
  printTable(
    ['months', 'symbols', 'wall s', 'server CPU s', `aim < ${AIM_SECONDS} s`, 'load before', 'load after'],
    [
      [
        MONTHS,
        SYMBOLS,
        result.wall.toFixed(1),
        result.cpu.toFixed(1),
        result.wall < AIM_SECONDS ? 'met' : 'missed',
        loadBefore,
        load(),
      ],
    ],
  );
  console.log(result.done);
} finally {
  await stopProcess(child);
  await dropSchemas(DATABASE_URL, [schema]);
  rmSync(scratch, { recursive: true, force: true });
}
