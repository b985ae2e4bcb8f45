import { describe, expect, it } from 'vitest';
import type { CacheEntry } from './cache-store.js';
import { LayeredCache } from './layered-cache.js';
import { MemoryCacheStore } from './memory-store.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A cache with L1 and two memory layers, all on one manual clock. */
function threeLevels(options: { l1TtlMs?: number; l2TtlMs?: number; l3TtlMs?: number } = {}) {
  const time = { now: 1_000_000 };
  const clock = () => time.now;
  const l2 = new MemoryCacheStore({ clock });
  const l3 = new MemoryCacheStore({ clock });
  const warnings: string[] = [];
  const cache = new LayeredCache({
    l1: { ttlMs: options.l1TtlMs ?? 5 * MINUTE },
    layers: [
      { store: l2, name: 'redis', ttlMs: options.l2TtlMs },
      { store: l3, name: 'db', ttlMs: options.l3TtlMs ?? 24 * HOUR },
    ],
    clock,
    logger: { warn: (message) => warnings.push(message) },
  });
  return { cache, l2, l3, time, warnings };
}

function counting<T>(produce: (call: number) => T) {
  const loader = async (_key: string) => produce(++loader.calls);
  loader.calls = 0;
  return loader;
}

function statsOf(cache: LayeredCache, name: string) {
  const layer = cache.stats().layers.find((candidate) => candidate.name === name);
  if (layer === undefined) throw new Error(`no layer ${name}`);
  return layer;
}

describe('LayeredCache read-through', () => {
  it('on a full miss calls the loader once and writes every layer with its own TTL', async () => {
    const { cache, l2, l3, time } = threeLevels();
    const loader = counting(() => ({ close: new Float64Array([1, 2, 3]) }));
    const value = await cache.get('bars:AAPL', loader);
    expect(Array.from(value.close)).toEqual([1, 2, 3]);
    expect(loader.calls).toBe(1);
    expect((await l2.get('bars:AAPL'))?.expiresAt).toBe(time.now + HOUR); // the documented L2 default
    expect((await l3.get('bars:AAPL'))?.expiresAt).toBe(time.now + 24 * HOUR);
    // L1 holds it too: the next read touches no store.
    await cache.get('bars:AAPL', loader);
    expect(loader.calls).toBe(1);
    expect(statsOf(cache, 'L1').hits).toBe(1);
    expect(statsOf(cache, 'redis').hits + statsOf(cache, 'redis').misses).toBe(1);
  });

  it('reads the layers in order and serves the first hit', async () => {
    const { cache, l2, l3, time } = threeLevels();
    await l2.set('k', { value: 'from L2', expiresAt: time.now + MINUTE }, MINUTE);
    await l3.set('k', { value: 'from L3', expiresAt: time.now + MINUTE }, MINUTE);
    expect(
      await cache.get(
        'k',
        counting(() => 'loaded'),
      ),
    ).toBe('from L2');
    expect(statsOf(cache, 'db').hits + statsOf(cache, 'db').misses).toBe(0);
  });

  it('back-fills L1 and L2 after an L3 hit, for no longer than the L3 entry has left', async () => {
    const { cache, l2, l3, time } = threeLevels();
    const l3Entry: CacheEntry = { value: { pe: 21.5 }, expiresAt: time.now + 10 * MINUTE };
    await l3.set('fundamentals:MSFT', l3Entry, 10 * MINUTE);
    const loader = counting(() => ({ pe: -1 }));

    expect(await cache.get('fundamentals:MSFT', loader)).toEqual({ pe: 21.5 });
    expect(loader.calls).toBe(0);
    // L2 got the value with the remaining 10 min (its own TTL, 1 h, would be longer).
    expect(await l2.get('fundamentals:MSFT')).toEqual(l3Entry);

    time.now += 2 * MINUTE;
    await l3.delete('fundamentals:MSFT');
    await l2.delete('fundamentals:MSFT');
    // L1 was filled too: it answers alone now.
    expect(await cache.get('fundamentals:MSFT', loader)).toEqual({ pe: 21.5 });
    expect(statsOf(cache, 'L1').hits).toBe(1);
  });

  it('caps a back-filled L1 copy at L1 TTL when the lower entry lives longer', async () => {
    const { cache, l2, time } = threeLevels({ l1TtlMs: 1_000 });
    await l2.set('k', { value: 'v', expiresAt: time.now + HOUR }, HOUR);
    await cache.get(
      'k',
      counting(() => 'loaded'),
    );
    await l2.delete('k');
    time.now += 999;
    expect(
      await cache.get(
        'k',
        counting(() => 'loaded'),
      ),
    ).toBe('v');
    time.now += 1;
    expect(
      await cache.get(
        'k',
        counting(() => 'loaded'),
      ),
    ).toBe('loaded');
  });

  it('expires each level by its TTL on the injected clock', async () => {
    const { cache, time } = threeLevels({ l1TtlMs: 1_000, l2TtlMs: 5_000, l3TtlMs: 20_000 });
    const loader = counting((call) => `v${call}`);
    expect(await cache.get('k', loader)).toBe('v1');
    time.now += 999;
    expect(await cache.get('k', loader)).toBe('v1');
    expect(statsOf(cache, 'L1').hits).toBe(1);
    time.now += 1; // L1 expired, L2 still fresh
    expect(await cache.get('k', loader)).toBe('v1');
    expect(statsOf(cache, 'redis').hits).toBe(1);
    time.now += 5_000; // L1 and L2 expired, L3 still fresh
    expect(await cache.get('k', loader)).toBe('v1');
    expect(statsOf(cache, 'db').hits).toBe(1);
    time.now += 20_000; // everything expired
    expect(await cache.get('k', loader)).toBe('v2');
    expect(loader.calls).toBe(2);
  });

  it('works without L1 and without layers', async () => {
    const storeOnly = new LayeredCache({ l1: false, layers: [{ store: new MemoryCacheStore() }] });
    const loader = counting((call) => call);
    expect(await storeOnly.get('k', loader)).toBe(1);
    expect(await storeOnly.get('k', loader)).toBe(1);
    expect(storeOnly.stats().layers.map((layer) => [layer.name, layer.hits])).toEqual([['L2', 1]]);

    const l1Only = new LayeredCache();
    expect(await l1Only.get('k', loader)).toBe(2);
    expect(await l1Only.get('k', loader)).toBe(2);
  });

  it('returns but does not cache an undefined loader result', async () => {
    const { cache, l2 } = threeLevels();
    const loader = counting(() => undefined);
    expect(await cache.get('k', loader)).toBeUndefined();
    expect(await cache.get('k', loader)).toBeUndefined();
    expect(loader.calls).toBe(2);
    expect(await l2.get('k')).toBeUndefined();
  });
});

describe('LayeredCache single flight', () => {
  it('calls the loader once for 100 concurrent misses of one key, and reads L2 once', async () => {
    const { cache } = threeLevels();
    let release: (value: string) => void = () => {};
    const gate = new Promise<string>((resolve) => (release = resolve));
    let calls = 0;
    const loader = () => {
      calls++;
      return gate;
    };
    const gets = Array.from({ length: 100 }, () => cache.get('quote:AAPL', loader));
    await new Promise((resolve) => setTimeout(resolve, 5));
    release('189.5');
    expect(new Set(await Promise.all(gets))).toEqual(new Set(['189.5']));
    expect(calls).toBe(1);
    expect(cache.stats().loads).toBe(1);
    expect(statsOf(cache, 'L1').misses).toBe(100);
    expect(statsOf(cache, 'redis').misses).toBe(1);
  });

  it('keeps different keys apart', async () => {
    const { cache } = threeLevels();
    const loader = async (key: string) => key.toUpperCase();
    expect(await Promise.all(['a', 'b', 'a'].map((key) => cache.get(key, loader)))).toEqual(['A', 'B', 'A']);
    expect(cache.stats().loads).toBe(2);
  });

  it('rejects every waiter when the loader fails, caches nothing, and tries again next time', async () => {
    const { cache, l2, l3 } = threeLevels();
    let calls = 0;
    const failing = async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      throw new Error('provider down');
    };
    const results = await Promise.allSettled(Array.from({ length: 100 }, () => cache.get('k', failing)));
    expect(
      results.every((result) => result.status === 'rejected' && /provider down/.test(String(result.reason))),
    ).toBe(true);
    expect(calls).toBe(1);
    expect(await l2.get('k')).toBeUndefined();
    expect(await l3.get('k')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ loads: 1, loadErrors: 1 });
    expect(await cache.get('k', async () => 'recovered')).toBe('recovered');
  });
});

describe('LayeredCache writes and invalidation', () => {
  it('set writes every layer; delete removes the key from every layer', async () => {
    const { cache, l2, l3 } = threeLevels();
    await cache.set('score:AAPL', { score: 81 });
    expect((await l2.get('score:AAPL'))?.value).toEqual({ score: 81 });
    expect((await l3.get('score:AAPL'))?.value).toEqual({ score: 81 });
    expect(
      await cache.get(
        'score:AAPL',
        counting(() => ({ score: 0 })),
      ),
    ).toEqual({ score: 81 });

    await cache.delete('score:AAPL');
    expect(await l2.get('score:AAPL')).toBeUndefined();
    expect(await l3.get('score:AAPL')).toBeUndefined();
    const loader = counting(() => ({ score: 79 }));
    expect(await cache.get('score:AAPL', loader)).toEqual({ score: 79 });
    expect(loader.calls).toBe(1);
    await expect(cache.set('k', undefined)).rejects.toThrow(/`value`: undefined cannot be cached/);
  });

  it('invalidatePrefix removes matching keys from all layers and keeps the others', async () => {
    const { cache, l2, l3 } = threeLevels();
    for (const key of ['bars:AAPL', 'bars:MSFT', 'score:AAPL']) await cache.set(key, key);
    await cache.invalidatePrefix('bars:');
    for (const store of [l2, l3]) {
      expect(await store.get('bars:AAPL')).toBeUndefined();
      expect(await store.get('bars:MSFT')).toBeUndefined();
      expect((await store.get('score:AAPL'))?.value).toBe('score:AAPL');
    }
    const loader = counting(() => 'reloaded');
    expect(await cache.get('bars:MSFT', loader)).toBe('reloaded');
    expect(await cache.get('score:AAPL', loader)).toBe('score:AAPL');
    expect(loader.calls).toBe(1);
  });

  it('clear empties every layer', async () => {
    const { cache, l2, l3 } = threeLevels();
    await cache.set('a', 1);
    await cache.clear();
    expect(l2.size + l3.size).toBe(0);
    expect(await cache.get('a', async () => 2)).toBe(2);
  });

  it('does not let a load that was in flight during delete put the old value back', async () => {
    const { cache, l2 } = threeLevels();
    let release: (value: string) => void = () => {};
    const slow = () => new Promise<string>((resolve) => (release = resolve));
    const pending = cache.get('k', slow);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await cache.delete('k');
    release('old');
    expect(await pending).toBe('old'); // its waiters still get an answer
    expect(await l2.get('k')).toBeUndefined();
    expect(await cache.get('k', async () => 'new')).toBe('new');
  });
});

describe('LayeredCache TTL jitter', () => {
  it('shortens every TTL by at most the given fraction, and spreads them', async () => {
    const time = { now: 0 };
    const store = new MemoryCacheStore({ clock: () => time.now });
    const cache = new LayeredCache({
      layers: [{ store, ttlMs: 10_000 }],
      ttlJitter: 0.2,
      clock: () => time.now,
    });
    const ttls: number[] = [];
    for (let i = 0; i < 200; i++) {
      await cache.set(`k${i}`, i);
      ttls.push((await store.get(`k${i}`))!.expiresAt - time.now);
    }
    expect(Math.min(...ttls)).toBeGreaterThanOrEqual(8_000);
    expect(Math.max(...ttls)).toBeLessThanOrEqual(10_000);
    expect(Math.max(...ttls) - Math.min(...ttls)).toBeGreaterThan(1_000);
  });
});

describe('LayeredCache stats', () => {
  it('counts hits, misses and loads per layer, with hit rates', async () => {
    const { cache, l3, time } = threeLevels();
    await l3.set('deep', { value: 'd', expiresAt: time.now + MINUTE }, MINUTE);
    const loader = counting(() => 'x');
    await cache.get('new', loader); // L1 miss, L2 miss, L3 miss, load
    await cache.get('new', loader); // L1 hit
    await cache.get('deep', loader); // L1 miss, L2 miss, L3 hit
    await cache.get('deep', loader); // L1 hit
    expect(cache.stats()).toEqual({
      layers: [
        { name: 'L1', hits: 2, misses: 2, errors: 0, hitRate: 0.5 },
        { name: 'redis', hits: 0, misses: 2, errors: 0, hitRate: 0 },
        { name: 'db', hits: 1, misses: 1, errors: 0, hitRate: 0.5 },
      ],
      loads: 1,
      loadErrors: 0,
      staleHits: 0,
    });
  });
});

describe('LayeredCache options', () => {
  it('refuses bad options, naming them', () => {
    const store = new MemoryCacheStore();
    expect(() => new LayeredCache({ l1: { max: 0 } })).toThrow(/`l1.max`: must be a positive integer/);
    expect(() => new LayeredCache({ l1: { ttlMs: -1 } })).toThrow(/`l1.ttlMs`/);
    expect(() => new LayeredCache({ layers: [{ store, ttlMs: 0 }] })).toThrow(/`layers\[0\].ttlMs`/);
    expect(() => new LayeredCache({ layers: [{ store, timeoutMs: Number.NaN }] })).toThrow(
      /`layers\[0\].timeoutMs`/,
    );
    expect(() => new LayeredCache({ layers: [{ store, name: 'L1' }] })).toThrow(
      /`layers\[0\].name`: "L1" is used twice/,
    );
    expect(() => new LayeredCache({ ttlJitter: 1 })).toThrow(/`ttlJitter`: must be in \[0, 1\)/);
    expect(() => new LayeredCache({ staleWhileRevalidateMs: -5 })).toThrow(/`staleWhileRevalidateMs`/);
  });

  it('refuses an empty key', async () => {
    await expect(new LayeredCache().get('', async () => 1)).rejects.toThrow(
      /`key`: must be a non-empty string/,
    );
  });
});
