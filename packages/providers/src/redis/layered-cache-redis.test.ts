import { LayeredCache } from '@da-ki/sdk';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisCacheStore } from './redis-cache-store.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `daki-test:layered:${process.pid}:${Date.now()}:`;

function collectingLogger() {
  const warnings: string[] = [];
  return { warnings, logger: { warn: (message: string) => warnings.push(message) } };
}

/** One "server instance": its own L1 over the shared Redis. */
function instance(store: RedisCacheStore) {
  return new LayeredCache({ layers: [{ store, name: 'redis' }], logger: { warn() {} } });
}

describe('LayeredCache over RedisCacheStore (end to end, local Redis)', () => {
  const storeA = new RedisCacheStore({ url: REDIS_URL, keyPrefix: PREFIX });
  const storeB = new RedisCacheStore({ url: REDIS_URL, keyPrefix: PREFIX });
  const raw = new Redis(REDIS_URL);

  afterAll(async () => {
    await storeA.clear();
    expect(await raw.keys(`${PREFIX}*`)).toEqual([]);
    await Promise.all([storeA.close(), storeB.close(), raw.quit()]);
  });

  it('loads once, then serves a second instance from Redis with the series intact', async () => {
    const a = instance(storeA);
    const b = instance(storeB);
    const close = Float64Array.from({ length: 504 }, (_, i) => 100 * Math.exp(0.001 * i) + Math.sin(i));
    close[3] = Number.NaN;
    let loads = 0;
    const loader = async (symbol: string) => {
      loads++;
      return { symbol, source: 'synthetic', close };
    };

    const fromA = await a.get('bars:ACME', loader);
    expect(fromA.close).toBe(close); // L1 of A holds the loaded object itself
    const fromB = await b.get('bars:ACME', loader);
    expect(loads).toBe(1);
    expect(fromB.close).toBeInstanceOf(Float64Array);
    expect(new Uint8Array(fromB.close.buffer)).toEqual(new Uint8Array(close.buffer));
    expect(b.stats().layers).toEqual([
      { name: 'L1', hits: 0, misses: 1, errors: 0, hitRate: 0 },
      { name: 'redis', hits: 1, misses: 0, errors: 0, hitRate: 1 },
    ]);
    // Redis keeps it for the L2 default, one hour.
    const pttl = await raw.pttl(`${PREFIX}bars:ACME`);
    expect(pttl).toBeGreaterThan(3_590_000);
    expect(pttl).toBeLessThanOrEqual(3_600_000);
  });

  it('single-flights 100 concurrent misses into one Redis read and one load', async () => {
    const cache = instance(storeA);
    let loads = 0;
    const values = await Promise.all(
      Array.from({ length: 100 }, () =>
        cache.get('score:ACME', async () => {
          loads++;
          return { score: 73.5 };
        }),
      ),
    );
    expect(values.every((value) => value.score === 73.5)).toBe(true);
    expect(loads).toBe(1);
    expect(cache.stats().layers[1]).toMatchObject({ hits: 0, misses: 1 });
  });

  it('invalidates a key and a prefix in Redis, so other instances reload', async () => {
    const a = instance(storeA);
    for (const symbol of ['AAA', 'BBB']) await a.set(`news:${symbol}`, [`${symbol} beats estimates`]);
    await a.set('keep:AAA', 1);
    await a.invalidatePrefix('news:');
    expect(await raw.exists(`${PREFIX}news:AAA`, `${PREFIX}news:BBB`)).toBe(0);
    expect(await raw.exists(`${PREFIX}keep:AAA`)).toBe(1);
    await a.delete('keep:AAA');
    expect(await raw.exists(`${PREFIX}keep:AAA`)).toBe(0);
    const b = instance(storeB);
    expect(await b.get('news:AAA', async () => ['reloaded'])).toEqual(['reloaded']);
  });

  it('with Redis unreachable, still serves through the loader and warns', async () => {
    const { warnings, logger } = collectingLogger();
    const dead = new RedisCacheStore({ url: 'redis://127.0.0.1:1', logger });
    const cache = new LayeredCache({ layers: [{ store: dead, name: 'redis' }], logger });
    expect(await cache.get('bars:ACME', async () => 'from provider')).toBe('from provider');
    expect(await cache.get('bars:ACME', async () => 'not called')).toBe('from provider'); // L1 still works
    expect(warnings).toContain(
      'RedisCacheStore: get("bars:ACME") on redis at 127.0.0.1:1 failed; treated as a miss',
    );
    await dead.close();
  });

  it('with throwOnError, the LayeredCache counts the Redis failures as layer errors', async () => {
    const { warnings, logger } = collectingLogger();
    const dead = new RedisCacheStore({ url: 'redis://127.0.0.1:1', throwOnError: true, logger });
    const cache = new LayeredCache({ l1: false, layers: [{ store: dead, name: 'redis' }], logger });
    expect(await cache.get('k', async () => 'from provider')).toBe('from provider');
    expect(cache.stats().layers[0]).toMatchObject({ name: 'redis', misses: 1, errors: 2 });
    expect(warnings).toContain('LayeredCache: layer "redis" skipped, get("k") failed');
    await dead.close();
  });
});
