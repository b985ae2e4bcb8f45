/**
 * One cached value with its lifetime, as {@link LayeredCache} hands it to a {@link CacheStore} and
 * expects it back. Times are epoch milliseconds on the cache's clock.
 */
export interface CacheEntry {
  /**
   * The cached value: JSON-compatible data (objects, arrays, strings, finite or non-finite numbers,
   * booleans, null) with `Float64Array`s anywhere inside. Encode it with {@link encodeCacheEntry}.
   */
  value: unknown;
  /** After this instant the entry must not be served any more. */
  expiresAt: number;
  /**
   * From this instant the entry is stale: still served (until `expiresAt`) while a refresh runs in
   * the background. Absent when stale-while-revalidate is off, which means "stale at `expiresAt`".
   */
  staleAt?: number;
}

/**
 * A cache layer below the in-process L1 of {@link LayeredCache}: Redis, a database table, a
 * memory map. Stores own their serialisation; use {@link encodeCacheEntry} /
 * {@link decodeCacheEntry} (or the value codec plus your own columns) so that every store encodes
 * `Float64Array`s and non-finite numbers the same way.
 *
 * A store may throw or reject on failure: the cache skips it with a warning. It may also keep
 * entries past their expiry: the cache checks `expiresAt` itself and treats them as misses.
 */
export interface CacheStore {
  /** The entry under `key`, or `undefined` when there is none. */
  get(key: string): Promise<CacheEntry | undefined>;
  /**
   * Stores `entry` under `key`. `ttlMs` (> 0) is how long the store should keep it: the same
   * instant as `entry.expiresAt`, but relative, for stores whose clock is not the cache's (Redis `PX`).
   */
  set(key: string, entry: CacheEntry, ttlMs: number): Promise<void>;
  /** Removes `key`; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Removes every key that starts with `prefix` (for {@link LayeredCache.invalidatePrefix}). */
  deletePrefix?(prefix: string): Promise<void>;
  /** Removes every key of this store (for {@link LayeredCache.clear}). */
  clear?(): Promise<void>;
}

/**
 * Where the cache reports a layer it had to skip. `console` fits; so does any logger whose
 * `warn` takes a message first (pino, winston, the NestJS logger).
 */
export interface CacheLogger {
  warn(message: string, error?: unknown): void;
}
