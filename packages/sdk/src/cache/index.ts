/**
 * `@da-ki/sdk/cache` — the layered cache (L1 in process, then pluggable stores) and what a store
 * implementation needs: the entry codec, a bounded wait for a slow store and a throttled warning.
 */
export type { CacheEntry, CacheLogger, CacheStore } from './cache-store.js';
export { decodeCacheEntry, decodeCacheValue, encodeCacheEntry, encodeCacheValue } from './codec.js';
export {
  CACHE_DEFAULTS,
  type CacheLayer,
  type CacheLayerStats,
  type CacheLoader,
  type L1Options,
  LayeredCache,
  type LayeredCacheOptions,
  type LayeredCacheStats,
} from './layered-cache.js';
export { MemoryCacheStore, type MemoryCacheStoreOptions } from './memory-store.js';
export { createThrottledWarn, type ThrottledWarn } from './throttled-warn.js';
export { CacheTimeoutError, withTimeout } from './timeout.js';
