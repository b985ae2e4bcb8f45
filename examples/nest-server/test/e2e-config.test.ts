// Start-up configuration: loadConfig names every bad variable, and the real entry point refuses to
// start on a bad environment (exit code 78, EX_CONFIG) with the same message.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from './helpers/compiled.js';

const dataDir = mkdtempSync(join(tmpdir(), 'daki-e2e-config-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const GOOD_SECRETS = {
  JWT_SECRET: randomBytes(32).toString('base64url'),
  ENCRYPTION_KEY: randomBytes(32).toString('hex'),
};

/** The problems loadConfig reports for `env` (fails the test if it accepts it). */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ DATA_DIR: dataDir, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/^Invalid configuration:/);
    return (error as InstanceType<typeof ConfigError>).problems;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

/** Which variables the problems name (each problem starts with `NAME:`). */
const named = (problems: string[]) => problems.map((p) => p.slice(0, p.indexOf(':'))).sort();

describe('loadConfig', () => {
  test.each(['abc', '70000', '-1', '80.5', ''])('PORT=%j is refused naming PORT', (port) => {
    expect(named(problemsOf({ PORT: port }))).toEqual(['PORT']);
  });

  test.each(['mysql://db/x', 'not a url', 'http://127.0.0.1:5432/test'])(
    'DATABASE_URL=%j is refused naming it',
    (url) => {
      const problems = problemsOf({ DATABASE_URL: url });
      expect(named(problems)).toEqual(['DATABASE_URL']);
      expect(problems[0]).toContain('postgres://');
    },
  );

  test('several bad variables are all reported at once, each by name', () => {
    const problems = problemsOf({
      PORT: 'abc',
      DATABASE_URL: 'mysql://x',
      REDIS_URL: 'memcached://x',
      LOG_LEVEL: 'loud',
    });
    expect(named(problems)).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'REDIS_URL']);
  });

  test('production without JWT_SECRET is refused naming JWT_SECRET (and only what is missing)', () => {
    expect(
      named(problemsOf({ NODE_ENV: 'production', ENCRYPTION_KEY: GOOD_SECRETS.ENCRYPTION_KEY })),
    ).toEqual(['JWT_SECRET']);
    expect(named(problemsOf({ NODE_ENV: 'production' }))).toEqual(['ENCRYPTION_KEY', 'JWT_SECRET']);
  });

  test('secrets that are too weak are refused in any environment', () => {
    expect(named(problemsOf({ JWT_SECRET: 'short' }))).toEqual(['JWT_SECRET']);
    expect(named(problemsOf({ ENCRYPTION_KEY: 'abcd' }))).toEqual(['ENCRYPTION_KEY']);
    expect(named(problemsOf({ RATE_LIMIT_PER_MINUTE: '0' }))).toEqual(['RATE_LIMIT_PER_MINUTE']);
  });

  test('Socket.IO limits: whole numbers, 0 lifts the connection cap, messages at least 1', () => {
    expect(loadConfig({ DATA_DIR: dataDir, ...GOOD_SECRETS }).socketLimits).toMatchObject({
      connectionsPerAddress: 20,
      messagesPerWindow: 30,
    });
    const open = loadConfig({ DATA_DIR: dataDir, ...GOOD_SECRETS, SOCKET_CONNECTIONS_PER_ADDRESS: '0' });
    expect(open.socketLimits.connectionsPerAddress).toBe(0);
    expect(named(problemsOf({ SOCKET_CONNECTIONS_PER_ADDRESS: '-1' }))).toEqual([
      'SOCKET_CONNECTIONS_PER_ADDRESS',
    ]);
    expect(named(problemsOf({ SOCKET_CONNECTIONS_PER_ADDRESS: ' ' }))).toEqual([
      'SOCKET_CONNECTIONS_PER_ADDRESS',
    ]);
    expect(named(problemsOf({ SOCKET_MESSAGES_PER_10S: '0' }))).toEqual(['SOCKET_MESSAGES_PER_10S']);
    expect(named(problemsOf({ SOCKET_MESSAGES_PER_10S: '2.5' }))).toEqual(['SOCKET_MESSAGES_PER_10S']);
  });

  test('production with both secrets starts, and writes no development secrets', () => {
    const dir = mkdtempSync(join(tmpdir(), 'daki-e2e-config-prod-'));
    try {
      const config = loadConfig({ NODE_ENV: 'production', DATA_DIR: dir, ...GOOD_SECRETS });
      expect(config).toMatchObject({
        env: 'production',
        jwtSecret: GOOD_SECRETS.JWT_SECRET,
        port: 3000,
        host: '127.0.0.1',
      });
      expect(config.encryptionKey.toString('hex')).toBe(GOOD_SECRETS.ENCRYPTION_KEY);
      expect(existsSync(join(dir, 'dev-secrets.json'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the folder provider needs MARKET_DATA_DIR, and names it when missing or not a folder', () => {
    const missing = problemsOf({ DATA_PROVIDER: 'folder' });
    expect(named(missing)).toEqual(['MARKET_DATA_DIR']);
    expect(missing[0]).toContain('DATA_PROVIDER=folder');
    const notAFolder = problemsOf({ DATA_PROVIDER: 'folder', MARKET_DATA_DIR: join(dataDir, 'nowhere') });
    expect(named(notAFolder)).toEqual(['MARKET_DATA_DIR']);
    expect(notAFolder[0]).toContain(join(dataDir, 'nowhere'));
    // The deprecated name of the provider asks for the same variable.
    expect(named(problemsOf({ DATA_PROVIDER: 'csv' }))).toEqual(['MARKET_DATA_DIR']);
  });

  test('DATA_PROVIDER=csv with CSV_DIR is the folder provider with MARKET_DATA_DIR (deprecated aliases)', () => {
    expect(loadConfig({ DATA_DIR: dataDir, DATA_PROVIDER: 'csv', CSV_DIR: dataDir })).toMatchObject({
      dataProvider: 'folder',
      marketDataDir: dataDir,
    });
    expect(
      loadConfig({
        DATA_DIR: dataDir,
        DATA_PROVIDER: 'folder',
        MARKET_DATA_DIR: dataDir,
        AS_OF: '2024-06-28',
      }),
    ).toMatchObject({ dataProvider: 'folder', marketDataDir: dataDir, asOf: '2024-06-28' });
    expect(named(problemsOf({ DATA_PROVIDER: 'csv', CSV_DIR: dataDir, MARKET_DATA_DIR: tmpdir() }))).toEqual([
      'CSV_DIR',
    ]);
  });

  test('AS_OF must be a calendar date, and only for the folder provider', () => {
    const folder = { DATA_PROVIDER: 'folder', MARKET_DATA_DIR: dataDir };
    expect(named(problemsOf({ ...folder, AS_OF: '2024-02-30' }))).toEqual(['AS_OF']);
    expect(named(problemsOf({ ...folder, AS_OF: '28.06.2024' }))).toEqual(['AS_OF']);
    expect(named(problemsOf({ AS_OF: '2024-06-28' }))).toEqual(['AS_OF']);
  });

  test('development secrets are generated once (mode 0600) and reused, so tokens survive a restart', () => {
    const first = loadConfig({ DATA_DIR: dataDir });
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect(second.encryptionKey.equals(first.encryptionKey)).toBe(true);
    expect(statSync(join(dataDir, 'dev-secrets.json')).mode & 0o777).toBe(0o600);
    expect(first).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataProvider: 'synthetic',
      rateLimitPerMinute: 100,
    });
  });
});

describe('the entry point (node dist/main.js)', () => {
  const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

  /** Runs the real entry point with exactly `env` (plus PATH), expecting it to exit by itself. */
  const run = (env: Record<string, string>) =>
    new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [main], {
        env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`dist/main.js did not exit on a bad environment; stderr: ${stderr}`));
      }, 25_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, stderr });
      });
    });

  test('a bad environment stops the process with exit code 78 and names each variable', async () => {
    const [badValues, noSecret] = await Promise.all([
      run({ PORT: 'abc', DATABASE_URL: 'mysql://x' }),
      run({ NODE_ENV: 'production', ENCRYPTION_KEY: GOOD_SECRETS.ENCRYPTION_KEY, PORT: '0' }),
    ]);
    expect(badValues.code).toBe(78);
    expect(badValues.stderr).toContain('PORT:');
    expect(badValues.stderr).toContain('DATABASE_URL:');
    expect(noSecret.code).toBe(78);
    expect(noSecret.stderr).toContain('JWT_SECRET:');
    expect(noSecret.stderr).not.toContain('ENCRYPTION_KEY:');
    for (const { stderr } of [badValues, noSecret]) expect(stderr).not.toMatch(/\n\s+at\s/);
  });
});

describe('CORS and proxy settings', () => {
  test.each(['*', 'app.example.com', 'https://a.example.com/path', 'https://ok.example.com, ftp://x'])(
    'CORS_ORIGIN=%j is refused naming CORS_ORIGIN',
    (origin) => {
      expect(named(problemsOf({ CORS_ORIGIN: origin }))).toEqual(['CORS_ORIGIN']);
    },
  );

  test.each(['yes', 'proxy.example.com'])('TRUST_PROXY=%j is refused naming TRUST_PROXY', (value) => {
    expect(named(problemsOf({ TRUST_PROXY: value }))).toEqual(['TRUST_PROXY']);
  });

  test('parses origins and trusted proxies; trusts no proxy by default', () => {
    const config = loadConfig({
      DATA_DIR: dataDir,
      ...GOOD_SECRETS,
      CORS_ORIGIN: 'https://app.example.com, http://localhost:5173',
      TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
    });
    expect(config.corsOrigins).toEqual(['https://app.example.com', 'http://localhost:5173']);
    expect(config.trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(loadConfig({ DATA_DIR: dataDir, ...GOOD_SECRETS }).trustProxy).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir, ...GOOD_SECRETS }).corsOrigins).toBeUndefined();
  });
});
