import { LRUCache } from 'lru-cache';
import { DaKiError, InvalidArgumentError } from '../data/errors.js';
import type { CacheEntry, CacheLogger, CacheStore } from './cache-store.js';
import { createThrottledWarn, type ThrottledWarn } from './throttled-warn.js';
import { withTimeout } from './timeout.js';

/** Defaults of {@link LayeredCache}, as in DESIGN.md: L1 1000 entries for 5 min, lower layers 1 h. */
export const CACHE_DEFAULTS = {
  l1Max: 1000,
  l1TtlMs: 5 * 60_000,
  layerTtlMs: 60 * 60_000,
  layerTimeoutMs: 1000,
} as const;

/** The in-process first level of a {@link LayeredCache}. */
export interface L1Options {
  /** Most entries kept; the least recently used go first. Default 1000. */
  max?: number;
  /** How long an entry stays in L1. Default 5 minutes. */
  ttlMs?: number;
}

/** One {@link CacheStore} below L1, e.g. `{ store: new RedisCacheStore(), name: 'redis' }`. */
export interface CacheLayer {
  /** The store. */
  store: CacheStore;
  /** Name in warnings and {@link LayeredCache.stats}; default `L2`, `L3`, ... by position. */
  name?: string;
  /** How long this layer keeps a loaded value. Default 1 hour. */
  ttlMs?: number;
  /** A call to the store that takes longer fails (and the layer is skipped). Default 1000 ms. */
  timeoutMs?: number;
}

/** Options of {@link LayeredCache}. */
export interface LayeredCacheOptions {
  /** The in-process L1 (defaults: 1000 entries, 5 minutes), or `false` for none. */
  l1?: L1Options | false;
  /** Stores below L1, fastest first (e.g. Redis, then the database). Default none. */
  layers?: readonly CacheLayer[];
  /**
   * How long past its TTL an entry may still be served while one background refresh replaces it.
   * Default 0: off, an expired entry is a miss.
   */
  staleWhileRevalidateMs?: number;
  /**
   * Random shortening of every TTL by up to this fraction (0.1: a TTL of 60 s becomes 54–60 s), so
   * that entries written together do not all expire together. In [0, 1); default 0.
   */
  ttlJitter?: number;
  /** Where skipped layers and failed background refreshes are reported. Default `console`. */
  logger?: CacheLogger;
  /** Source of "now" in epoch milliseconds. Default `Date.now`. */
  clock?: () => number;
}

/** Counters of one layer, cumulative since the cache was created. */
export interface CacheLayerStats {
  /** `L1` or the layer's name. */
  name: string;
  /** Reads that found a servable entry (fresh or, with stale-while-revalidate, stale). */
  hits: number;
  /** Reads that found nothing servable; failed reads count here too. */
  misses: number;
  /** Failed or timed-out calls to the layer (reads, writes and deletes). */
  errors: number;
  /** `hits / (hits + misses)`, 0 before the first read. */
  hitRate: number;
}

/** Counters of a {@link LayeredCache}, for metrics such as `cache_hit_rate{layer}`. */
export interface LayeredCacheStats {
  /** L1 (when enabled) first, then the store layers in order. */
  layers: CacheLayerStats[];
  /** Loader calls (after single flight: concurrent misses for a key count once). */
  loads: number;
  /** Loader calls that threw. */
  loadErrors: number;
  /** Stale entries served while a refresh ran. */
  staleHits: number;
}

/** Produces the value for a key on a full miss (e.g. asks a data provider). */
export type CacheLoader<T> = (key: string) => T | Promise<T>;

interface Counters {
  hits: number;
  misses: number;
  errors: number;
}

// One in-flight piece of work for a key. `live` turns false when the key is written or invalidated
// meanwhile: the work still answers its waiters but writes nothing, so a load that was in flight
// during `delete(key)` cannot put the old value back.
interface Flight {
  promise: Promise<unknown>;
  live: boolean;
}

interface StoreLayer {
  store: CacheStore;
  name: string;
  ttlMs: number;
  timeoutMs: number;
  counters: Counters;
}

/**
 * The multi-level read-through cache: an in-process L1 (lru-cache) above any number of
 * {@link CacheStore} layers (L2 Redis, L3 the database, ...).
 *
 * - `get(key, loader)` reads L1, then each layer in order; a hit back-fills the layers above it
 *   (for the hit entry's remaining lifetime at most), a full miss calls `loader` and writes every layer.
 * - Single flight: concurrent `get`s of one key share one read of the layers and one loader call;
 *   when the loader throws, every waiter gets the error and nothing is cached.
 * - Optional stale-while-revalidate and TTL jitter; invalidation across all layers.
 * - A layer that throws or times out is skipped with a (throttled) warning: it costs hit rate,
 *   never availability.
 *
 * Values should be treated as immutable: L1 hands every caller the same object.
 */
export class LayeredCache {
  private readonly l1: LRUCache<string, CacheEntry> | undefined;
  private readonly l1TtlMs: number;
  private readonly l1Counters: Counters = { hits: 0, misses: 0, errors: 0 };
  private readonly layers: StoreLayer[];
  private readonly staleWindowMs: number;
  private readonly jitter: number;
  private readonly clock: () => number;
  private readonly warn: ThrottledWarn;
  // Single flight: one read-through per key, one loader call per key, one background refresh per key.
  private readonly reads = new Map<string, Flight>();
  private readonly loads = new Map<string, Flight>();
  private readonly refreshes = new Map<string, Flight>();
  private loadCount = 0;
  private loadErrorCount = 0;
  private staleHitCount = 0;

  constructor(options: LayeredCacheOptions = {}) {
    const { l1 = {}, layers = [], staleWhileRevalidateMs = 0, ttlJitter = 0 } = options;
    if (l1 === false) {
      this.l1 = undefined;
      this.l1TtlMs = 0;
    } else {
      const max = l1.max ?? CACHE_DEFAULTS.l1Max;
      if (!Number.isInteger(max) || max < 1) {
        throw new InvalidArgumentError('l1.max', `must be a positive integer, got ${max}`);
      }
      this.l1TtlMs = assertPositive('l1.ttlMs', l1.ttlMs ?? CACHE_DEFAULTS.l1TtlMs);
      this.l1 = new LRUCache({ max });
    }
    const names = new Set(this.l1 ? ['L1'] : []);
    this.layers = layers.map((layer, index) => {
      const name = layer.name ?? `L${index + 2}`;
      if (names.has(name)) throw new InvalidArgumentError(`layers[${index}].name`, `"${name}" is used twice`);
      names.add(name);
      return {
        store: layer.store,
        name,
        ttlMs: assertPositive(`layers[${index}].ttlMs`, layer.ttlMs ?? CACHE_DEFAULTS.layerTtlMs),
        timeoutMs: assertPositive(
          `layers[${index}].timeoutMs`,
          layer.timeoutMs ?? CACHE_DEFAULTS.layerTimeoutMs,
        ),
        counters: { hits: 0, misses: 0, errors: 0 },
      };
    });
    if (!(staleWhileRevalidateMs >= 0) || !Number.isFinite(staleWhileRevalidateMs)) {
      throw new InvalidArgumentError(
        'staleWhileRevalidateMs',
        `must be a finite number >= 0, got ${staleWhileRevalidateMs}`,
      );
    }
    if (!(ttlJitter >= 0 && ttlJitter < 1)) {
      throw new InvalidArgumentError('ttlJitter', `must be in [0, 1), got ${ttlJitter}`);
    }
    this.staleWindowMs = staleWhileRevalidateMs;
    this.jitter = ttlJitter;
    this.clock = options.clock ?? Date.now;
    this.warn = createThrottledWarn(options.logger ?? console);
  }

  /**
   * The value under `key`: from the first layer that has it, else from `loader` (whose result is then
   * written to every layer). A loader result of `undefined` is returned but not cached.
   */
  get<T>(key: string, loader: CacheLoader<T>): Promise<T> {
    // Not `async`: an L1 hit is the hot path and skips the extra promise and ticks (benchmarks/cache).
    if (typeof key !== 'string' || key.length === 0) return Promise.reject(invalidKey(key));
    if (this.l1 !== undefined) {
      const entry = this.l1.get(key);
      if (entry !== undefined) {
        const now = this.clock();
        if (now < entry.expiresAt) {
          this.l1Counters.hits++;
          if (now >= staleAt(entry)) this.serveStale(key, loader, 0);
          return Promise.resolve(entry.value as T);
        }
        this.l1.delete(key);
      }
      this.l1Counters.misses++;
    }
    return this.singleFlight(this.reads, key, (flight) => this.readThrough(key, loader, flight));
  }

  /** Writes `value` under `key` to every layer, as if a loader had just produced it. */
  async set(key: string, value: unknown): Promise<void> {
    assertKey(key);
    if (value === undefined)
      throw new InvalidArgumentError('value', `undefined cannot be cached (key "${key}")`);
    this.forget((candidate) => candidate === key);
    await this.writeAll(key, value);
  }

  /** Removes `key` from every layer. In-flight loads of it will not be cached. */
  async delete(key: string): Promise<void> {
    assertKey(key);
    this.forget((candidate) => candidate === key);
    this.l1?.delete(key);
    await Promise.all(
      this.layers.map((layer) => this.call(layer, 'delete', key, () => layer.store.delete(key))),
    );
  }

  /** Same as {@link LayeredCache.delete}: removes `key` from every layer. */
  invalidate(key: string): Promise<void> {
    return this.delete(key);
  }

  /**
   * Removes every key starting with `prefix` from L1 and from each layer that supports
   * `deletePrefix`; a layer that does not is reported, and its entries run out by TTL.
   */
  async invalidatePrefix(prefix: string): Promise<void> {
    this.forget((key) => key.startsWith(prefix));
    if (this.l1 !== undefined) {
      for (const key of [...this.l1.keys()]) if (key.startsWith(prefix)) this.l1.delete(key);
    }
    await Promise.all(
      this.layers.map((layer) => {
        const { store } = layer;
        if (store.deletePrefix === undefined) {
          this.warn(
            `unsupported:${layer.name}`,
            `LayeredCache: layer "${layer.name}" cannot delete by prefix; its "${prefix}*" entries expire by TTL`,
          );
          return undefined;
        }
        return this.call(layer, 'deletePrefix', prefix, () => store.deletePrefix!(prefix));
      }),
    );
  }

  /** Empties L1 and every layer that supports `clear` (or else `deletePrefix('')`). */
  async clear(): Promise<void> {
    this.forget(() => true);
    this.l1?.clear();
    await Promise.all(
      this.layers.map((layer) => {
        const { store } = layer;
        if (store.clear !== undefined) return this.call(layer, 'clear', '*', () => store.clear!());
        if (store.deletePrefix !== undefined)
          return this.call(layer, 'clear', '*', () => store.deletePrefix!(''));
        this.warn(
          `unsupported:${layer.name}`,
          `LayeredCache: layer "${layer.name}" cannot be cleared; its entries expire by TTL`,
        );
        return undefined;
      }),
    );
  }

  /** Hit / miss / error counters per layer and loader counters, cumulative. */
  stats(): LayeredCacheStats {
    const layers: CacheLayerStats[] = [];
    if (this.l1 !== undefined) layers.push(layerStats('L1', this.l1Counters));
    for (const layer of this.layers) layers.push(layerStats(layer.name, layer.counters));
    return { layers, loads: this.loadCount, loadErrors: this.loadErrorCount, staleHits: this.staleHitCount };
  }

  /** Resolves when the background refreshes started so far (stale-while-revalidate) have finished. */
  async drain(): Promise<void> {
    while (this.refreshes.size > 0)
      await Promise.all([...this.refreshes.values()].map((flight) => flight.promise));
  }

  private async readThrough<T>(key: string, loader: CacheLoader<T>, flight: Flight): Promise<T> {
    for (let index = 0; index < this.layers.length; index++) {
      const entry = await this.readLayer(this.layers[index], key);
      if (entry === undefined) continue;
      const now = this.clock();
      const writes = this.backfill(key, entry, index, flight, now);
      if (writes !== undefined) await writes;
      if (now >= staleAt(entry)) this.serveStale(key, loader, index + 1);
      return entry.value as T;
    }
    return this.load(key, loader);
  }

  // The value is served stale; one background refresh looks for a fresh copy in the layers below
  // the one that served it, and calls the loader only if none has one.
  private serveStale<T>(key: string, loader: CacheLoader<T>, fromLayer: number): void {
    this.staleHitCount++;
    if (this.refreshes.has(key)) return;
    this.singleFlight(this.refreshes, key, (flight) =>
      this.refresh(key, loader, fromLayer, flight).catch((error: unknown) => {
        this.warn(
          'refresh',
          `LayeredCache: background refresh of "${key}" failed; serving the stale value`,
          error,
        );
      }),
    );
  }

  private async refresh<T>(
    key: string,
    loader: CacheLoader<T>,
    fromLayer: number,
    flight: Flight,
  ): Promise<void> {
    for (let index = fromLayer; index < this.layers.length; index++) {
      const entry = await this.readLayer(this.layers[index], key);
      const now = this.clock();
      if (entry !== undefined && now < staleAt(entry)) {
        await this.backfill(key, entry, index, flight, now);
        return;
      }
    }
    await this.load(key, loader);
  }

  private load<T>(key: string, loader: CacheLoader<T>): Promise<T> {
    return this.singleFlight(this.loads, key, async (flight) => {
      this.loadCount++;
      let value: T;
      try {
        value = await loader(key);
      } catch (error) {
        this.loadErrorCount++;
        throw error;
      }
      if (value !== undefined && flight.live) await this.writeAll(key, value);
      return value;
    });
  }

  private singleFlight<T>(
    flights: Map<string, Flight>,
    key: string,
    run: (flight: Flight) => Promise<T>,
  ): Promise<T> {
    const pending = flights.get(key);
    if (pending !== undefined) return pending.promise as Promise<T>;
    const flight: Flight = { promise: Promise.resolve(), live: true };
    const promise = run(flight);
    flight.promise = promise;
    flights.set(key, flight);
    const settle = () => {
      if (flights.get(key) === flight) flights.delete(key);
    };
    promise.then(settle, settle);
    return promise;
  }

  // In-flight work for the matching keys stops counting: later gets start afresh, and the old work,
  // when it finishes, answers its waiters but writes nothing.
  private forget(matches: (key: string) => boolean): void {
    for (const flights of [this.reads, this.loads, this.refreshes]) {
      for (const [key, flight] of [...flights]) {
        if (!matches(key)) continue;
        flight.live = false;
        flights.delete(key);
      }
    }
  }

  private async readLayer(layer: StoreLayer, key: string): Promise<CacheEntry | undefined> {
    let entry: CacheEntry | undefined;
    try {
      entry = await withTimeout(layer.store.get(key), layer.timeoutMs, `layer "${layer.name}"`, 'get');
      if (
        entry !== undefined &&
        (typeof entry !== 'object' || entry === null || typeof entry.expiresAt !== 'number')
      ) {
        throw new DaKiError(`layer "${layer.name}" returned a malformed entry for "${key}"`);
      }
    } catch (error) {
      layer.counters.errors++;
      layer.counters.misses++;
      this.warn(
        `get:${layer.name}`,
        `LayeredCache: layer "${layer.name}" skipped, get("${key}") failed`,
        error,
      );
      return undefined;
    }
    if (entry === undefined || this.clock() >= entry.expiresAt) {
      layer.counters.misses++;
      return undefined;
    }
    layer.counters.hits++;
    return entry;
  }

  // Copies an entry found in layer `foundAt` into L1 and the layers above it. A copy lives no longer
  // than the layer's own TTL nor than the entry it was copied from. Returns the pending store writes,
  // or undefined when there are none (an L2 hit: no promise to await on the common path).
  private backfill(
    key: string,
    entry: CacheEntry,
    foundAt: number,
    flight: Flight,
    now: number,
  ): Promise<unknown> | undefined {
    if (!flight.live) return undefined;
    const source = { staleAt: staleAt(entry), expiresAt: entry.expiresAt };
    if (this.l1 !== undefined) this.l1.set(key, this.derive(entry.value, this.l1TtlMs, now, source));
    if (foundAt === 0) return undefined;
    return Promise.all(
      this.layers
        .slice(0, foundAt)
        .map((layer) => this.writeLayer(layer, key, this.derive(entry.value, layer.ttlMs, now, source), now)),
    );
  }

  private async writeAll(key: string, value: unknown): Promise<void> {
    const now = this.clock();
    if (this.l1 !== undefined) this.l1.set(key, this.derive(value, this.l1TtlMs, now));
    await Promise.all(
      this.layers.map((layer) => this.writeLayer(layer, key, this.derive(value, layer.ttlMs, now), now)),
    );
  }

  private writeLayer(layer: StoreLayer, key: string, entry: CacheEntry, now: number): Promise<void> {
    const ttlMs = entry.expiresAt - now;
    if (!(ttlMs > 0)) return Promise.resolve();
    return this.call(layer, 'set', key, () => layer.store.set(key, entry, ttlMs));
  }

  private derive(
    value: unknown,
    ttlMs: number,
    now: number,
    limit?: { staleAt: number; expiresAt: number },
  ): CacheEntry {
    let fresh = now + ttlMs * (1 - this.jitter * Math.random());
    let expiresAt = fresh + this.staleWindowMs;
    if (limit !== undefined) {
      fresh = Math.min(fresh, limit.staleAt);
      expiresAt = Math.min(expiresAt, limit.expiresAt);
    }
    return fresh < expiresAt ? { value, expiresAt, staleAt: fresh } : { value, expiresAt };
  }

  private async call(
    layer: StoreLayer,
    operation: string,
    key: string,
    run: () => Promise<void>,
  ): Promise<void> {
    try {
      await withTimeout(run(), layer.timeoutMs, `layer "${layer.name}"`, operation);
    } catch (error) {
      layer.counters.errors++;
      this.warn(
        `${operation}:${layer.name}`,
        `LayeredCache: layer "${layer.name}" skipped, ${operation}("${key}") failed`,
        error,
      );
    }
  }
}

function staleAt(entry: CacheEntry): number {
  return entry.staleAt ?? entry.expiresAt;
}

function layerStats(name: string, { hits, misses, errors }: Counters): CacheLayerStats {
  const reads = hits + misses;
  return { name, hits, misses, errors, hitRate: reads === 0 ? 0 : hits / reads };
}

function assertKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) throw invalidKey(key);
}

function invalidKey(key: unknown): InvalidArgumentError {
  return new InvalidArgumentError('key', `must be a non-empty string, got ${JSON.stringify(key)}`);
}

function assertPositive(argument: string, value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new InvalidArgumentError(
      argument,
      `must be a positive finite number of milliseconds, got ${value}`,
    );
  }
  return value;
}
