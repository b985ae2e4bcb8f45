import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as ConfigModule from '../src/config/config.js';
import type * as MemoryStorageModule from '../src/rate-limit/memory-throttler-storage.js';
import type * as StorageModule from '../src/rate-limit/redis-throttler-storage.js';
import type * as ServerModule from '../src/server.js';

// The COMPILED server (vitest's transform would drop the decorator metadata Nest injects by); the
// `typeof import(src)` casts only lend the types.
const dist = <T>(path: string): Promise<T> =>
  import(new URL(`../dist/${path}`, import.meta.url).href) as Promise<T>;
const { startServer } = await dist<typeof ServerModule>('server.js');
const { loadConfig } = await dist<typeof ConfigModule>('config/config.js');
const { RedisThrottlerStorage } = await dist<typeof StorageModule>('rate-limit/redis-throttler-storage.js');
const { MemoryThrottlerStorage } = await dist<typeof MemoryStorageModule>(
  'rate-limit/memory-throttler-storage.js',
);

type RunningServer = Awaited<ReturnType<typeof startServer>>;

const POSTGRES_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const LIMIT = 5;
const JWT_SECRET = randomBytes(32).toString('base64url');
const ENCRYPTION_KEY = randomBytes(32).toString('hex');

/** An HS256 token signed by hand (RFC 7519), independent of the server's JWT library. */
function token(sub: string, options: { secret?: string; expiresIn?: number } = {}): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub, scopes: ['read', 'write'], iat: now, exp: now + (options.expiresIn ?? 3600) })}`;
  return `${unsigned}.${createHmac('sha256', options.secret ?? JWT_SECRET)
    .update(unsigned)
    .digest('base64url')}`;
}

/**
 * A GET whose body is read at once (and can be read again): an unread body keeps undici's
 * connection busy, so every request would open another one.
 */
async function get(server: RunningServer, path: string, bearer?: string): Promise<Response> {
  const response = await fetch(
    `${server.url}${path}`,
    bearer ? { headers: { authorization: `Bearer ${bearer}` } } : undefined,
  );
  return new Response(await response.arrayBuffer(), { status: response.status, headers: response.headers });
}

const remaining = (response: Response) => Number(response.headers.get('x-ratelimit-remaining'));

/**
 * A user row written straight into the servers' schema (registering through the API would spend the
 * address's budget these tests count): only the token of a user that exists gets a budget of its own.
 */
async function createUser(): Promise<string> {
  const pool = new pg.Pool({ connectionString: POSTGRES_URL, max: 1, options: `-c search_path=${schema}` });
  try {
    const tag = randomUUID();
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO users (email_lookup, email_encrypted, password_hash) VALUES ($1, 'unused', 'unused') RETURNING id`,
      [`rate-limit-${tag}`],
    );
    return (rows[0] as { id: string }).id;
  } finally {
    await pool.end();
  }
}

// All servers share one schema: the first scores the universe, the others start on its persisted run.
const schema = `t_ratelimit_${randomBytes(4).toString('hex')}`;
const redisPrefix = `t-ratelimit-${randomBytes(4).toString('hex')}`;
const keyPrefix = `${redisPrefix}:ratelimit:`;
const dataDirs: string[] = [];
const servers: RunningServer[] = [];
let memoryBacked: RunningServer;
let redisBackedA: RunningServer;
let redisBackedB: RunningServer;

function start(extraEnv: Record<string, string>): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'daki-ratelimit-'));
  dataDirs.push(dataDir);
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    DATABASE_URL: POSTGRES_URL,
    JWT_SECRET,
    ENCRYPTION_KEY,
    RATE_LIMIT_PER_MINUTE: String(LIMIT),
    REDIS_PREFIX: redisPrefix,
    ...extraEnv,
  });
  return startServer(config, { databaseSchema: schema }).then((server) => {
    servers.push(server);
    return server;
  });
}

beforeAll(async () => {
  memoryBacked = await start({});
  // Wait for the first scoring run (under a budget of its own), so the next servers find it persisted.
  expect((await get(memoryBacked, '/api/wachstumsprognose/top10', token(await createUser()))).status).toBe(
    200,
  );
  [redisBackedA, redisBackedB] = await Promise.all([start({ REDIS_URL }), start({ REDIS_URL })]);
}, 180_000);

afterAll(async () => {
  await Promise.allSettled(servers.map((server) => server.close())); // cleaned up below whatever happened
  const pool = new pg.Pool({ connectionString: POSTGRES_URL });
  await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await pool.end();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${redisPrefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('rate limiting in memory (no REDIS_URL)', () => {
  it(`lets ${LIMIT} requests a minute through and answers the next with 429, Retry-After and the JSON error body`, async () => {
    const user = token(await createUser());
    for (let i = 0; i < LIMIT; i++) {
      const response = await get(memoryBacked, '/api/stocks?page_size=1', user);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-ratelimit-limit')).toBe(String(LIMIT));
      expect(remaining(response)).toBe(LIMIT - 1 - i);
    }
    const limited = await get(memoryBacked, '/api/stocks?page_size=1', user);
    expect(limited.status).toBe(429);
    const retryAfter = limited.headers.get('retry-after');
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    expect(limited.headers.get('content-type')).toMatch(/^application\/json/);
    expect(limited.headers.get('x-content-type-options')).toBe('nosniff');
    const body = (await limited.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(body.message).toContain(`${LIMIT} per minute`);
    expect(typeof body.requestId).toBe('string');
    expect(Object.keys(body).sort()).toEqual(['error', 'message', 'requestId', 'statusCode']);
  });

  it('gives each authenticated user a budget of their own, apart from other users and from the IP', async () => {
    const other = await get(memoryBacked, '/api/stocks?page_size=1', token(await createUser()));
    expect(other.status).toBe(200);
    expect(remaining(other)).toBe(LIMIT - 1);
    const anonymous = await get(memoryBacked, '/api/stocks?page_size=1');
    expect(anonymous.status).toBe(200);
    expect(remaining(anonymous)).toBe(LIMIT - 1);
  });

  it('counts a request with a forged or expired token, or the token of an unknown user, against the IP', async () => {
    const forged = await get(
      memoryBacked,
      '/api/stocks?page_size=1',
      token(await createUser(), { secret: 'not-the-server-secret-not-the-server-secret' }),
    );
    expect(remaining(forged)).toBe(LIMIT - 2);
    const expired = await get(
      memoryBacked,
      '/api/stocks?page_size=1',
      token(await createUser(), { expiresIn: -60 }),
    );
    expect(remaining(expired)).toBe(LIMIT - 3);
    // Well signed and unexpired, but nobody's: no fresh budget for a made-up (or erased) user.
    const unknown = await get(memoryBacked, '/api/stocks?page_size=1', token(randomUUID()));
    expect(remaining(unknown)).toBe(LIMIT - 4);
  });

  it('counts /api/auth/* against the IP even with the valid token of an existing user', async () => {
    const user = token(await createUser());
    const own = await get(memoryBacked, '/api/stocks?page_size=1', user);
    expect(remaining(own)).toBe(LIMIT - 1); // the user's own budget elsewhere
    const login = await fetch(`${memoryBacked.url}/api/auth/login`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: `nobody-${randomUUID()}@example.com`, password: 'not this one' }),
    });
    expect(login.status).toBe(401);
    expect(remaining(login)).toBe(0); // the IP's last request
    await login.body?.cancel();
  });

  it('applies one budget across all routes, and never limits /health, /ready and /metrics', async () => {
    expect((await get(memoryBacked, '/api/wachstumsprognose/top10')).status).toBe(429);
    expect((await get(memoryBacked, '/api/auth/me')).status).toBe(429);
    for (let i = 0; i < LIMIT + 2; i++) {
      for (const path of ['/health', '/ready', '/metrics']) {
        const response = await get(memoryBacked, path);
        expect(response.status, path).toBe(200);
        expect(response.headers.get('x-ratelimit-limit'), path).toBeNull();
      }
    }
    expect((await get(memoryBacked, '/api/stocks?page_size=1')).status).toBe(429);
  });

  it('reads the limit from RATE_LIMIT_PER_MINUTE, 100 by default', () => {
    const env = { JWT_SECRET, ENCRYPTION_KEY, DATA_DIR: tmpdir() };
    expect(loadConfig(env).rateLimitPerMinute).toBe(100);
    expect(loadConfig({ ...env, RATE_LIMIT_PER_MINUTE: '7' }).rateLimitPerMinute).toBe(7);
  });
});

describe('rate limiting in Redis (REDIS_URL)', () => {
  it("shares a client's budget between two server instances", async () => {
    const userId = await createUser();
    const user = token(userId);
    const order = [redisBackedA, redisBackedB, redisBackedA, redisBackedB, redisBackedA];
    for (const [i, server] of order.entries()) {
      const response = await get(server, '/api/stocks?page_size=1', user);
      expect(response.status).toBe(200);
      expect(remaining(response)).toBe(LIMIT - 1 - i);
    }
    for (const server of [redisBackedB, redisBackedA]) {
      const limited = await get(server, '/api/stocks?page_size=1', user);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await limited.json()) as { statusCode: number }).statusCode).toBe(429);
    }
    // The in-memory server knows nothing of it.
    expect((await get(memoryBacked, '/api/stocks?page_size=1', user)).status).toBe(200);
  });

  it('keeps its counters under the key prefix, with no user id or IP address in the keys', async () => {
    const redis = new Redis(REDIS_URL);
    try {
      const keys = await redis.keys(`${keyPrefix}*`);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        expect(key).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/); // no user id
        expect(key).not.toContain('127.0.0.1');
      }
    } finally {
      redis.disconnect();
    }
  });
});

describe('RedisThrottlerStorage', () => {
  const silent = { warn: () => undefined };
  let redis: Redis;
  let second: Redis;

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
    second = new Redis(REDIS_URL);
  });

  afterAll(() => {
    redis.disconnect();
    second.disconnect();
  });

  it('counts atomically: of 40 concurrent hits through two connections, exactly the limit pass', async () => {
    const key = randomUUID();
    const stores = [
      new RedisThrottlerStorage(redis, { keyPrefix, logger: silent }),
      new RedisThrottlerStorage(second, { keyPrefix, logger: silent }),
    ];
    const records = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (stores[i % 2] as InstanceType<typeof RedisThrottlerStorage>).increment(
          key,
          60_000,
          10,
          60_000,
          'default',
        ),
      ),
    );
    expect(records.filter((r) => !r.isBlocked)).toHaveLength(10);
    expect(
      records
        .filter((r) => !r.isBlocked)
        .map((r) => r.totalHits)
        .sort((a, b) => a - b),
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const blocked of records.filter((r) => r.isBlocked))
      expect(blocked.timeToBlockExpire).toBeGreaterThanOrEqual(1);
  });

  it('blocks exactly the hits past the limit within a window, whatever the limit', async () => {
    const store = new RedisThrottlerStorage(redis, { keyPrefix, logger: silent });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 14 }),
        async (limit, hits) => {
          const key = randomUUID();
          for (let i = 1; i <= hits; i++) {
            const record = await store.increment(key, 60_000, limit, 60_000, 'default');
            if (record.isBlocked !== i > limit) return false;
            if (
              !record.isBlocked &&
              (record.totalHits !== i || record.timeToExpire < 1 || record.timeToExpire > 60)
            )
              return false;
          }
          return true;
        },
      ),
      { numRuns: 30 },
    );
  });

  it('ends a block after the block duration, then starts a new window', async () => {
    const store = new RedisThrottlerStorage(redis, { keyPrefix, logger: silent });
    const key = randomUUID();
    expect((await store.increment(key, 300, 2, 300, 'default')).isBlocked).toBe(false);
    expect((await store.increment(key, 300, 2, 300, 'default')).isBlocked).toBe(false);
    const blocked = await store.increment(key, 300, 2, 300, 'default');
    expect(blocked).toMatchObject({ isBlocked: true, timeToBlockExpire: 1 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await store.increment(key, 300, 2, 300, 'default')).toMatchObject({
      isBlocked: false,
      totalHits: 1,
    });
  });

  it('falls back to counting in memory, with one warning, when Redis is unreachable', async () => {
    const port = await freePort();
    const unreachable = new Redis({
      host: '127.0.0.1',
      port,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: false,
    });
    unreachable.on('error', () => undefined);
    const warnings: string[] = [];
    const store = new RedisThrottlerStorage(unreachable, {
      keyPrefix,
      logger: { warn: (message) => warnings.push(message) },
    });
    try {
      const records = [];
      for (let i = 0; i < 4; i++) records.push(await store.increment('client', 60_000, 3, 60_000, 'default'));
      expect(records.map((r) => r.isBlocked)).toEqual([false, false, false, true]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/falls back/);
    } finally {
      unreachable.disconnect();
    }
  });

  it('falls back when Redis accepts the connection but never answers', async () => {
    const sockets = new Set<Socket>();
    // Completes ioredis's connection handshake (CLIENT SETINFO), then never answers a command: a
    // Redis that is connected and ready but stuck.
    const silentServer: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('data', (chunk) => {
        for (const _ of chunk.toString().matchAll(/SETINFO/gi)) socket.write('+OK\r\n');
      });
    });
    await new Promise<void>((resolve) => silentServer.listen(0, '127.0.0.1', resolve));
    const port = (silentServer.address() as { port: number }).port;
    const hung = new Redis({
      host: '127.0.0.1',
      port,
      enableReadyCheck: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    hung.on('error', () => undefined);
    await new Promise((resolve) => hung.once('ready', resolve));
    const warnings: string[] = [];
    const store = new RedisThrottlerStorage(hung, {
      keyPrefix,
      timeoutMs: 100,
      logger: { warn: (message) => warnings.push(message) },
    });
    try {
      const record = await store.increment('client', 60_000, 3, 60_000, 'default');
      expect(record).toMatchObject({ isBlocked: false, totalHits: 1 });
      expect(warnings[0]).toMatch(/timed out/);
    } finally {
      hung.disconnect();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silentServer.close(resolve));
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('MemoryThrottlerStorage', () => {
  it('matches a fixed-window model with blocks on any sequence of hits and clock steps', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.array(fc.record({ client: fc.constantFrom('a', 'b'), step: fc.integer({ min: 0, max: 3_000 }) }), {
          maxLength: 60,
        }),
        async (limit, ttl, blockDuration, hits) => {
          let now = 1_000_000;
          const store = new MemoryThrottlerStorage(() => now);
          // The model: per client, the window's end, its hits, and the end of a block.
          const model = new Map<string, { hits: number; windowEnds: number; blockEnds: number }>();
          for (const { client, step } of hits) {
            now += step;
            const got = await store.increment(client, ttl, limit, blockDuration, 'default');
            let m = model.get(client);
            let blocked: boolean;
            if (m && m.blockEnds > now) blocked = true;
            else {
              if (!m || m.windowEnds <= now) {
                m = { hits: 0, windowEnds: now + ttl, blockEnds: 0 };
                model.set(client, m);
              }
              m.hits++;
              blocked = m.hits > limit;
              if (blocked) m.blockEnds = now + (blockDuration > 0 ? blockDuration : m.windowEnds - now);
            }
            if (got.isBlocked !== blocked || got.totalHits !== m.hits) return false;
            if (blocked && got.timeToBlockExpire !== Math.ceil((m.blockEnds - now) / 1000)) return false;
            if (got.timeToExpire !== Math.ceil(Math.max(0, m.windowEnds - now) / 1000)) return false;
          }
          return true;
        },
      ),
      { numRuns: 200 },
    );
  });

  it('lets exactly the limit through in a window, then again after the block ends', async () => {
    let now = 0;
    const store = new MemoryThrottlerStorage(() => now);
    const outcomes = [];
    for (let i = 0; i < 5; i++)
      outcomes.push((await store.increment('c', 60_000, 3, 30_000, 'default')).isBlocked);
    expect(outcomes).toEqual([false, false, false, true, true]);
    now += 30_000;
    // The block is over but the window (60 s) is not: the next hit counts on (5: the hit made while
    // blocked was not counted) and blocks again.
    expect(await store.increment('c', 60_000, 3, 30_000, 'default')).toMatchObject({
      isBlocked: true,
      totalHits: 5,
    });
    now += 60_000;
    expect(await store.increment('c', 60_000, 3, 30_000, 'default')).toMatchObject({
      isBlocked: false,
      totalHits: 1,
    });
  });
});
