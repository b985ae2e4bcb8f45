import { describe, expect, it } from 'vitest';
import type { CacheEntry, CacheStore } from './cache-store.js';
import { LayeredCache } from './layered-cache.js';
import { MemoryCacheStore } from './memory-store.js';

/** A store whose every call fails, as a store over a dead connection does. */
class BrokenStore implements CacheStore {
  async get(): Promise<CacheEntry | undefined> {
    throw new Error('ECONNREFUSED');
  }
  async set(): Promise<void> {
    throw new Error('ECONNREFUSED');
  }
  async delete(): Promise<void> {
    throw new Error('ECONNREFUSED');
  }
}

/** A store whose calls never settle, as a store behind a black-holed network does. */
class HangingStore implements CacheStore {
  get(): Promise<CacheEntry | undefined> {
    return new Promise(() => {});
  }
  set(): Promise<void> {
    return new Promise(() => {});
  }
  delete(): Promise<void> {
    return new Promise(() => {});
  }
}

function collectingLogger() {
  const warnings: { message: string; error: unknown }[] = [];
  return {
    warnings,
    logger: { warn: (message: string, error?: unknown) => warnings.push({ message, error }) },
  };
}

describe('LayeredCache with a failing layer', () => {
  it('skips a layer that throws, warns once per burst, and serves from the layers below', async () => {
    const { warnings, logger } = collectingLogger();
    const db = new MemoryCacheStore();
    await db.set('k', { value: 'from db', expiresAt: Date.now() + 60_000 }, 60_000);
    const cache = new LayeredCache({
      l1: false,
      layers: [
        { store: new BrokenStore(), name: 'redis' },
        { store: db, name: 'db' },
      ],
      logger,
    });
    for (let i = 0; i < 5; i++) expect(await cache.get('k', async () => 'loaded')).toBe('from db');
    const redis = cache.stats().layers[0];
    expect(redis).toMatchObject({ name: 'redis', hits: 0, misses: 5 });
    expect(redis.errors).toBe(10); // 5 failed reads + 5 failed back-fills
    // Throttled: one warning for reads and one for writes, not one per request.
    expect(warnings.map((warning) => warning.message)).toEqual([
      'LayeredCache: layer "redis" skipped, get("k") failed',
      'LayeredCache: layer "redis" skipped, set("k") failed',
    ]);
    expect(String(warnings[0].error)).toMatch(/ECONNREFUSED/);
  });

  it('skips a layer that does not answer within its timeout and falls back to the loader', async () => {
    const { warnings, logger } = collectingLogger();
    const cache = new LayeredCache({
      l1: false,
      layers: [{ store: new HangingStore(), name: 'redis', timeoutMs: 20 }],
      logger,
    });
    expect(await cache.get('k', async () => 'loaded')).toBe('loaded');
    await cache.delete('k');
    expect(cache.stats().layers[0]).toMatchObject({ misses: 1, errors: 3 });
    expect(warnings.map((warning) => String(warning.error))).toEqual([
      expect.stringMatching(/layer "redis" get timed out after 20 ms/),
      expect.stringMatching(/layer "redis" set timed out after 20 ms/),
      expect.stringMatching(/layer "redis" delete timed out after 20 ms/),
    ]);
  });

  it('still invalidates the healthy layers and reports a layer that cannot delete by prefix', async () => {
    const { warnings, logger } = collectingLogger();
    const healthy = new MemoryCacheStore();
    const cache = new LayeredCache({
      layers: [
        { store: new BrokenStore(), name: 'redis' },
        { store: healthy, name: 'db' },
      ],
      logger,
    });
    await cache.set('bars:A', 1);
    await cache.invalidatePrefix('bars:');
    expect(await healthy.get('bars:A')).toBeUndefined();
    expect(warnings.map((warning) => warning.message)).toContain(
      'LayeredCache: layer "redis" cannot delete by prefix; its "bars:*" entries expire by TTL',
    );
  });
});

describe('LayeredCache stale-while-revalidate', () => {
  function swrCache(options: { l1TtlMs: number; l2TtlMs?: number; swrMs: number }) {
    const time = { now: 0 };
    const clock = () => time.now;
    const l2 = new MemoryCacheStore({ clock });
    const cache = new LayeredCache({
      l1: { ttlMs: options.l1TtlMs },
      layers: options.l2TtlMs === undefined ? [] : [{ store: l2, ttlMs: options.l2TtlMs }],
      staleWhileRevalidateMs: options.swrMs,
      clock,
      logger: { warn() {} },
    });
    return { cache, l2, time };
  }

  it('serves the stale value at once, refreshes it once in the background, then serves the fresh one', async () => {
    const { cache, time } = swrCache({ l1TtlMs: 1_000, swrMs: 500 });
    let calls = 0;
    const loader = async () => `v${++calls}`;
    expect(await cache.get('k', loader)).toBe('v1');
    time.now = 1_200; // stale, inside the window
    const stale = await Promise.all([cache.get('k', loader), cache.get('k', loader), cache.get('k', loader)]);
    expect(stale).toEqual(['v1', 'v1', 'v1']);
    await cache.drain();
    expect(calls).toBe(2);
    expect(await cache.get('k', loader)).toBe('v2');
    expect(cache.stats().staleHits).toBe(3);
  });

  it('treats an entry past the stale window as a miss and waits for the loader', async () => {
    const { cache, time } = swrCache({ l1TtlMs: 1_000, swrMs: 500 });
    let calls = 0;
    const loader = async () => `v${++calls}`;
    await cache.get('k', loader);
    time.now = 1_500;
    expect(await cache.get('k', loader)).toBe('v2');
    expect(cache.stats().staleHits).toBe(0);
  });

  it('refreshes a stale L1 entry from a fresh lower layer without calling the loader', async () => {
    const { cache, time } = swrCache({ l1TtlMs: 1_000, l2TtlMs: 60_000, swrMs: 10_000 });
    let calls = 0;
    const loader = async () => `v${++calls}`;
    await cache.get('k', loader);
    time.now = 1_500;
    expect(await Promise.all([cache.get('k', loader), cache.get('k', loader)])).toEqual(['v1', 'v1']);
    await cache.drain();
    expect(calls).toBe(1);
    expect(cache.stats().layers[1]).toMatchObject({ hits: 1, misses: 1 }); // one refresh read L2 once
    // L1 was refreshed from L2: fresh again, no further refresh.
    expect(await cache.get('k', loader)).toBe('v1');
    expect(cache.stats().staleHits).toBe(2);
  });

  it('back-fills a stale lower entry as stale, so a failed refresh is retried on the next read', async () => {
    const { cache, l2, time } = swrCache({ l1TtlMs: 60_000, l2TtlMs: 60_000, swrMs: 10_000 });
    time.now = 100_000;
    await l2.set('k', { value: 'old', staleAt: time.now - 1, expiresAt: time.now + 5_000 }, 5_000);
    let calls = 0;
    const failing = async () => {
      calls++;
      throw new Error('provider down');
    };
    expect(await cache.get('k', failing)).toBe('old');
    await cache.drain();
    expect(await cache.get('k', failing)).toBe('old'); // from L1, still stale
    await cache.drain();
    expect(calls).toBe(2);
    time.now += 5_000; // the L1 copy expires with the L2 entry it came from
    expect(await cache.get('k', async () => 'new')).toBe('new');
  });

  it('keeps serving stale and warns when the background refresh fails', async () => {
    const { warnings, logger } = collectingLogger();
    const time = { now: 0 };
    const cache = new LayeredCache({
      l1: { ttlMs: 1_000 },
      staleWhileRevalidateMs: 5_000,
      clock: () => time.now,
      logger,
    });
    await cache.get('k', async () => 'v1');
    time.now = 2_000;
    expect(
      await cache.get('k', async () => {
        throw new Error('provider down');
      }),
    ).toBe('v1');
    await cache.drain();
    expect(warnings[0].message).toBe(
      'LayeredCache: background refresh of "k" failed; serving the stale value',
    );
    expect(await cache.get('k', async () => 'v2')).toBe('v1'); // still stale: a new refresh starts
    await cache.drain();
    expect(await cache.get('k', async () => 'v3')).toBe('v2');
  });
});
