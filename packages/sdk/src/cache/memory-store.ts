import { LRUCache } from 'lru-cache';
import { InvalidArgumentError } from '../data/errors.js';
import type { CacheEntry, CacheStore } from './cache-store.js';
import { decodeCacheEntry, encodeCacheEntry } from './codec.js';

/** Options of {@link MemoryCacheStore}. */
export interface MemoryCacheStoreOptions {
  /** Most entries kept; the least recently used go first. Default 10 000. */
  max?: number;
  /** Source of "now" in epoch milliseconds, for the store's own TTL. Default `Date.now`. */
  clock?: () => number;
}

/**
 * A {@link CacheStore} in process memory, bounded (LRU) and with per-entry TTL: a simple L2 for one
 * process and the store tests use. It keeps entries encoded with the shared codec, as an out-of-
 * process store would, so values come back as copies (mutating one does not change the cache) and
 * a value that no real store could keep fails here too.
 */
export class MemoryCacheStore implements CacheStore {
  private readonly entries: LRUCache<string, { text: string; deadline: number }>;
  private readonly clock: () => number;

  constructor({ max = 10_000, clock = Date.now }: MemoryCacheStoreOptions = {}) {
    if (!Number.isInteger(max) || max < 1) {
      throw new InvalidArgumentError('max', `must be a positive integer, got ${max}`);
    }
    this.entries = new LRUCache({ max });
    this.clock = clock;
  }

  /** Number of entries held, expired ones not yet evicted included. */
  get size(): number {
    return this.entries.size;
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    const stored = this.entries.get(key);
    if (stored === undefined) return undefined;
    if (this.clock() >= stored.deadline) {
      this.entries.delete(key);
      return undefined;
    }
    return decodeCacheEntry(stored.text);
  }

  async set(key: string, entry: CacheEntry, ttlMs: number): Promise<void> {
    if (!(ttlMs > 0)) throw new InvalidArgumentError('ttlMs', `must be positive, got ${ttlMs}`);
    this.entries.set(key, { text: encodeCacheEntry(entry), deadline: this.clock() + ttlMs });
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async deletePrefix(prefix: string): Promise<void> {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  async clear(): Promise<void> {
    this.entries.clear();
  }
}
