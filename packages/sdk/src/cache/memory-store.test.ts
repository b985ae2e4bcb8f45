import { describe, expect, it } from 'vitest';
import { MemoryCacheStore } from './memory-store.js';

describe('MemoryCacheStore', () => {
  it('keeps an entry for its TTL on its clock, then forgets it', async () => {
    let now = 0;
    const store = new MemoryCacheStore({ clock: () => now });
    await store.set('k', { value: 1, expiresAt: 500 }, 500);
    now = 499;
    expect(await store.get('k')).toEqual({ value: 1, expiresAt: 500 });
    now = 500;
    expect(await store.get('k')).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('returns copies through the shared codec, so callers cannot change what is cached', async () => {
    const store = new MemoryCacheStore();
    const close = new Float64Array([1, Number.NaN]);
    await store.set('bars', { value: { close }, expiresAt: Date.now() + 1000 }, 1000);
    const first = (await store.get('bars'))?.value as { close: Float64Array };
    first.close[0] = 99;
    const second = (await store.get('bars'))?.value as { close: Float64Array };
    expect(Array.from(second.close)).toEqual([1, Number.NaN]);
    await expect(store.set('bad', { value: new Int8Array(1), expiresAt: 0 }, 10)).rejects.toThrow(
      /Int8Array/,
    );
  });

  it('evicts the least recently used entry beyond max', async () => {
    const store = new MemoryCacheStore({ max: 2 });
    const entry = { value: 'x', expiresAt: Date.now() + 60_000 };
    await store.set('a', entry, 60_000);
    await store.set('b', entry, 60_000);
    await store.get('a');
    await store.set('c', entry, 60_000);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBeDefined();
    expect(await store.get('c')).toBeDefined();
  });

  it('deletes by key, by prefix and entirely', async () => {
    const store = new MemoryCacheStore();
    const entry = { value: 1, expiresAt: Date.now() + 60_000 };
    for (const key of ['bars:AAPL', 'bars:MSFT', 'score:AAPL', 'x']) await store.set(key, entry, 60_000);
    await store.delete('x');
    await store.delete('missing');
    await store.deletePrefix('bars:');
    expect(await store.get('bars:AAPL')).toBeUndefined();
    expect(await store.get('bars:MSFT')).toBeUndefined();
    expect(await store.get('score:AAPL')).toBeDefined();
    await store.clear();
    expect(store.size).toBe(0);
  });

  it('refuses a bad max and a non-positive TTL', async () => {
    expect(() => new MemoryCacheStore({ max: 0 })).toThrow(/`max`: must be a positive integer, got 0/);
    await expect(new MemoryCacheStore().set('k', { value: 1, expiresAt: 0 }, 0)).rejects.toThrow(/`ttlMs`/);
  });
});
