// Every line the BUILT server writes is one JSON object: Fastify's request lines, Nest's own lines
// and every `new Logger(context)` of the application, routed through the same pino logger.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, freePort } from './faults/support/free-port.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

interface LogLine {
  level: number;
  msg: string;
  context?: string;
  service?: string;
}

let child: ChildProcess;
let dataDir: string;
let url: string;
const lines: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'daki-json-logs-'));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'debug',
      DATA_DIR: dataDir,
      JWT_SECRET: randomBytes(32).toString('base64url'),
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      FORECAST_MODE: 'off',
      SYNTHETIC_SYMBOLS: '30',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(line);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // The first scoring run is logged by the application's own Nest logger.
  await eventually(
    'the first top 10',
    async () => ((await fetch(`${url}/api/wachstumsprognose/top10`)).ok ? true : undefined),
    { attempts: 300 },
  );
  await eventually('the scoring log line', async () =>
    lines.some((line) => line.includes('"context":"Scoring"')) ? true : undefined,
  );
}, 90_000);

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('logs', () => {
  it('are one JSON object per line, on stdout and stderr alike', () => {
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      let parsed: LogLine;
      try {
        parsed = JSON.parse(line) as LogLine;
      } catch {
        throw new Error(`not a JSON log line: ${line}`);
      }
      expect(typeof parsed.level, line).toBe('number');
      expect(typeof parsed.msg, line).toBe('string');
      expect(parsed.service, line).toBe('da-ki-server');
    }
  });

  it("carry Nest's context: the application's lines at info, the framework's wiring at debug", () => {
    const parsed = lines.map((line) => JSON.parse(line) as LogLine);
    const scoring = parsed.find((line) => line.context === 'Scoring');
    expect(scoring?.level).toBe(30);
    expect(scoring?.msg).toMatch(/^scored 30 symbols in \d+ ms$/);
    const routes = parsed.filter((line) => line.context === 'RouterExplorer');
    expect(routes.length).toBeGreaterThan(0);
    for (const line of routes) expect(line.level).toBe(20);
  });
});
