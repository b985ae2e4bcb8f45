import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { decodeCacheEntry } from '@da-ki/sdk';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisCacheStore } from './redis-cache-store.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
// Unique per run, so parallel test files and earlier runs never see each other's keys.
const PREFIX = `daki-test:store:${process.pid}:${Date.now()}:`;

function collectingLogger() {
  const warnings: { message: string; error: unknown }[] = [];
  return {
    warnings,
    logger: { warn: (message: string, error?: unknown) => warnings.push({ message, error }) },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RedisCacheStore on the local Redis', () => {
  const raw = new Redis(REDIS_URL);
  const store = new RedisCacheStore({ url: REDIS_URL, keyPrefix: PREFIX });

  afterAll(async () => {
    await store.clear();
    expect(await raw.keys(`${PREFIX}*`)).toEqual([]); // KEYS is fine in a test, never in the store
    await store.close();
    await raw.quit();
  });

  it('round-trips an entry with Float64Arrays bit for bit, stored under the prefix with PX', async () => {
    const close = new Float64Array([187.44, Number.NaN, -0, Number.POSITIVE_INFINITY, 1e-300]);
    const entry = {
      value: { symbol: 'AAPL', close, meta: { $tag: 'kept' } },
      expiresAt: Date.now() + 60_000,
      staleAt: 1,
    };
    await store.set('bars:AAPL', entry, 60_000);
    const back = await store.get('bars:AAPL');
    expect(back?.expiresAt).toBe(entry.expiresAt);
    expect(back?.staleAt).toBe(1);
    const value = back?.value as typeof entry.value;
    expect(value.symbol).toBe('AAPL');
    expect(value.meta).toEqual({ $tag: 'kept' });
    expect(value.close).toBeInstanceOf(Float64Array);
    expect(new Uint8Array(value.close.buffer)).toEqual(new Uint8Array(close.buffer));

    const text = await raw.get(`${PREFIX}bars:AAPL`);
    expect(decodeCacheEntry(text ?? '')).toEqual(back);
    const pttl = await raw.pttl(`${PREFIX}bars:AAPL`);
    expect(pttl).toBeGreaterThan(50_000);
    expect(pttl).toBeLessThanOrEqual(60_000);
  });

  it('uses defaultTtlMs when set gets no TTL, and lets Redis expire entries', async () => {
    await store.set('default-ttl', { value: 1, expiresAt: Date.now() + 3_600_000 });
    expect(await raw.pttl(`${PREFIX}default-ttl`)).toBeGreaterThan(3_500_000);
    await store.set('short', { value: 'x', expiresAt: Date.now() + 30 }, 30);
    expect((await store.get('short'))?.value).toBe('x');
    await sleep(80);
    expect(await store.get('short')).toBeUndefined();
    await expect(store.set('k', { value: 1, expiresAt: 0 }, 0)).rejects.toThrow(
      /`ttlMs`: must be a positive/,
    );
  });

  it('deletes a key, and deletes by prefix with SCAN across many batches, matching the prefix literally', async () => {
    const entry = { value: 1, expiresAt: Date.now() + 60_000 };
    await Promise.all(Array.from({ length: 1_200 }, (_, i) => store.set(`bulk:${i}`, entry, 60_000)));
    await store.set('bulkier', entry, 60_000);
    await store.set('a*b', entry, 60_000);
    await store.set('axb', entry, 60_000);
    await raw.set(`${PREFIX.slice(0, -1)}-outside:bulk:1`, 'not ours', 'PX', 60_000);

    await store.deletePrefix('bulk:');
    expect(await raw.keys(`${PREFIX}bulk:*`)).toEqual([]);
    expect(await store.get('bulkier')).toBeDefined();
    await store.deletePrefix('a*');
    expect(await store.get('a*b')).toBeUndefined();
    expect(await store.get('axb')).toBeDefined(); // `*` in a prefix is a character, not a glob
    await store.delete('axb');
    expect(await store.get('axb')).toBeUndefined();

    await store.clear();
    expect(await raw.keys(`${PREFIX}*`)).toEqual([]);
    expect(await raw.get(`${PREFIX.slice(0, -1)}-outside:bulk:1`)).toBe('not ours');
    await raw.del(`${PREFIX.slice(0, -1)}-outside:bulk:1`);
  });

  it('treats a value it did not write as a miss, with a warning', async () => {
    const { warnings, logger } = collectingLogger();
    const reader = new RedisCacheStore({ url: REDIS_URL, keyPrefix: PREFIX, logger });
    await raw.set(`${PREFIX}foreign`, 'hello', 'PX', 60_000);
    expect(await reader.get('foreign')).toBeUndefined();
    expect(warnings[0].message).toMatch(
      /"daki-test:.*foreign" does not hold a cache entry; treated as a miss/,
    );
    await reader.close();
  });

  it('works on a client it is given, and leaves that client open on close', async () => {
    const client = new Redis(REDIS_URL);
    const shared = new RedisCacheStore({ client, keyPrefix: PREFIX });
    await shared.set('shared', { value: [1, 2], expiresAt: Date.now() + 60_000 }, 60_000);
    expect((await store.get('shared'))?.value).toEqual([1, 2]);
    await shared.close();
    expect(await client.ping()).toBe('PONG');
    await client.quit();
  });

  it('refuses bad options, naming them', () => {
    expect(() => new RedisCacheStore({ commandTimeoutMs: 0 })).toThrow(/`commandTimeoutMs`/);
    expect(() => new RedisCacheStore({ defaultTtlMs: Number.POSITIVE_INFINITY })).toThrow(/`defaultTtlMs`/);
  });
});

describe('RedisCacheStore without Redis', () => {
  it('on a closed port: misses and skipped writes with warnings, no crash, no hang', async () => {
    const { warnings, logger } = collectingLogger();
    const store = new RedisCacheStore({ url: 'redis://127.0.0.1:1', logger });
    expect(await store.get('k')).toBeUndefined();
    await store.set('k', { value: 1, expiresAt: Date.now() + 1000 }, 1000);
    await store.delete('k');
    await store.deletePrefix('k');
    expect(await store.get('k')).toBeUndefined();
    const messages = warnings.map((warning) => warning.message);
    expect(messages).toContain('RedisCacheStore: get("k") on redis at 127.0.0.1:1 failed; treated as a miss');
    expect(messages).toContain('RedisCacheStore: set("k") on redis at 127.0.0.1:1 failed; skipped');
    expect(messages.filter((message) => message.startsWith('RedisCacheStore: get'))).toHaveLength(1); // throttled
    let attempts = 0;
    store.client.on('connecting', () => attempts++);
    await store.close();
    await sleep(300); // ioredis would retry within 50–200 ms if close had not stopped it
    expect(attempts).toBe(0);
  });

  it('with throwOnError, rejects instead, for a LayeredCache to count', async () => {
    const store = new RedisCacheStore({
      url: 'redis://127.0.0.1:1',
      throwOnError: true,
      logger: { warn() {} },
    });
    await expect(store.get('k')).rejects.toThrow();
    await store.close();
  });

  it('on a server that accepts but never answers: each command gives up after commandTimeoutMs', async () => {
    const silent = createServer(() => {});
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const { port } = silent.address() as { port: number };
    const { warnings, logger } = collectingLogger();
    const store = new RedisCacheStore({
      url: `redis://127.0.0.1:${port}`,
      commandTimeoutMs: 50,
      connectTimeoutMs: 200,
      logger,
    });
    expect(await store.get('k')).toBeUndefined();
    expect(warnings.length).toBeGreaterThan(0);
    await store.close();
    silent.close();
  });

  describe('when Redis goes away and comes back', () => {
    let server: ChildProcess | undefined;
    let port = 0;

    async function startRedis(): Promise<void> {
      server = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      );
      const probe = new Redis({
        port,
        lazyConnect: true,
        retryStrategy: () => 50,
        maxRetriesPerRequest: null,
      });
      probe.on('error', () => {}); // refused until the server is up; the ping below waits for it
      await probe.ping();
      probe.disconnect();
    }

    async function stopRedis(): Promise<void> {
      if (server === undefined) return;
      const exited = once(server, 'exit');
      server.kill('SIGKILL');
      await exited;
      server = undefined;
    }

    beforeAll(async () => {
      const free = createServer();
      free.listen(0, '127.0.0.1');
      await once(free, 'listening');
      port = (free.address() as { port: number }).port;
      await new Promise((resolve) => free.close(resolve));
      await startRedis();
    });

    afterAll(stopRedis);

    it('misses while it is down and serves again after ioredis reconnects', async () => {
      const { warnings, logger } = collectingLogger();
      const store = new RedisCacheStore({ url: `redis://127.0.0.1:${port}`, logger });
      const entry = { value: 'v', expiresAt: Date.now() + 60_000 };
      await store.set('k', entry, 60_000);
      expect((await store.get('k'))?.value).toBe('v');

      await stopRedis();
      expect(await store.get('k')).toBeUndefined();
      expect(warnings.some((warning) => warning.message.includes('treated as a miss'))).toBe(true);

      await startRedis(); // an empty server (no persistence): writes work again once reconnected
      await expect.poll(() => store.client.status, { timeout: 10_000, interval: 50 }).toBe('ready');
      await store.set('k', entry, 60_000);
      expect((await store.get('k'))?.value).toBe('v');
      await store.close();
    });
  });
});
