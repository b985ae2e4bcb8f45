import {
  type CacheEntry,
  type CacheLogger,
  type CacheStore,
  createThrottledWarn,
  decodeCacheEntry,
  encodeCacheEntry,
  InvalidArgumentError,
  type ThrottledWarn,
  withTimeout,
} from '@da-ki/sdk';
import type { Redis } from 'ioredis';
import { requireOnFirstUse } from '../require-on-first-use.js';

/** Options of {@link RedisCacheStore}. */
export interface RedisCacheStoreOptions {
  /** Redis URL; default `REDIS_URL` from the environment, else `redis://127.0.0.1:6379`. Ignored with `client`. */
  url?: string;
  /**
   * An ioredis client to use instead of opening one. Its own options then govern reconnection and
   * queueing, and {@link RedisCacheStore.close} leaves it open (its owner closes it).
   */
  client?: Redis;
  /** Prepended to every key, so that DA-KI shares a Redis with other applications safely. Default `daki:`. */
  keyPrefix?: string;
  /** TTL of a `set` that gives none. Default 1 hour. */
  defaultTtlMs?: number;
  /** A command that takes longer fails (a miss, or a skipped write). Default 500 ms. */
  commandTimeoutMs?: number;
  /** Limit of one connection attempt. Default 2000 ms. */
  connectTimeoutMs?: number;
  /** Where failures are reported (throttled). Default `console`. */
  logger?: CacheLogger;
  /**
   * Default `false`: a failure becomes a miss (get) or a no-op (writes) plus a warning, so the store
   * is safe on its own. `true` rethrows instead, for a `LayeredCache` to skip the layer and
   * count the failure in its `stats().layers[].errors`.
   */
  throwOnError?: boolean;
}

const DEFAULT_URL = 'redis://127.0.0.1:6379';
// Keys deleted per SCAN step: large enough for few round trips, small enough not to block Redis.
const SCAN_BATCH = 500;

/**
 * A {@link CacheStore} on Redis (ioredis) for the `LayeredCache`: one string per key under a
 * prefix, the shared codec (Float64Arrays as base64 of their bytes), TTL as `PX`, prefix deletion
 * with `SCAN` (never `KEYS`, which blocks the server).
 *
 * Redis being down is not an outage: with its own connection the store does not queue commands
 * while disconnected (they fail at once), bounds every command by `commandTimeoutMs`, and reports a
 * failed read as a miss and a failed write as a warning, while ioredis reconnects in the background.
 */
export class RedisCacheStore implements CacheStore {
  /** The ioredis client, for health checks and metrics. */
  readonly client: Redis;
  private readonly ownsClient: boolean;
  private readonly keyPrefix: string;
  private readonly defaultTtlMs: number;
  private readonly commandTimeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly throwOnError: boolean;
  private readonly warn: ThrottledWarn;
  private firstConnection: Promise<void> | undefined;

  constructor(options: RedisCacheStoreOptions = {}) {
    const {
      keyPrefix = 'daki:',
      defaultTtlMs = 3_600_000,
      commandTimeoutMs = 500,
      connectTimeoutMs = 2000,
      throwOnError = false,
    } = options;
    assertPositive('defaultTtlMs', defaultTtlMs);
    assertPositive('commandTimeoutMs', commandTimeoutMs);
    assertPositive('connectTimeoutMs', connectTimeoutMs);
    this.keyPrefix = keyPrefix;
    this.defaultTtlMs = defaultTtlMs;
    this.commandTimeoutMs = commandTimeoutMs;
    this.connectTimeoutMs = connectTimeoutMs;
    this.throwOnError = throwOnError;
    this.warn = createThrottledWarn(options.logger ?? console);
    if (options.client !== undefined) {
      this.client = options.client;
      this.ownsClient = false;
    } else {
      const url = options.url ?? process.env.REDIS_URL ?? DEFAULT_URL;
      const { Redis: RedisClient } = requireOnFirstUse<typeof import('ioredis')>('ioredis');
      this.client = new RedisClient(url, {
        lazyConnect: true,
        // Fail commands at once while disconnected instead of queueing them until Redis returns.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: connectTimeoutMs,
      });
      this.ownsClient = true;
      // Without a listener ioredis prints every reconnection failure; report them throttled instead.
      this.client.on('error', (error: unknown) => {
        this.warn(
          'connection',
          `RedisCacheStore: connection to ${describeServer(this.client)} failed`,
          error,
        );
      });
    }
  }

  /** The entry under `key`; `undefined` when absent, unreadable, or Redis is unavailable. */
  async get(key: string): Promise<CacheEntry | undefined> {
    const text = await this.run('get', key, undefined, () => this.client.get(this.keyPrefix + key));
    if (text === undefined || text === null) return undefined;
    try {
      return decodeCacheEntry(text);
    } catch (error) {
      this.warn(
        'decode',
        `RedisCacheStore: "${this.keyPrefix}${key}" does not hold a cache entry; treated as a miss`,
        error,
      );
      return undefined;
    }
  }

  /** Stores `entry` under `key` for `ttlMs` (default `defaultTtlMs`), rounded up to whole milliseconds. */
  async set(key: string, entry: CacheEntry, ttlMs: number = this.defaultTtlMs): Promise<void> {
    if (!(ttlMs > 0) || !Number.isFinite(ttlMs)) {
      throw new InvalidArgumentError(
        'ttlMs',
        `must be a positive finite number, got ${ttlMs} (key "${key}")`,
      );
    }
    // Encoding errors are the caller's (a value no store can keep), not Redis's: they always throw.
    const text = encodeCacheEntry(entry);
    await this.run('set', key, undefined, () =>
      this.client.set(this.keyPrefix + key, text, 'PX', Math.ceil(ttlMs)),
    );
  }

  /** Removes `key`. */
  async delete(key: string): Promise<void> {
    await this.run('delete', key, undefined, () => this.client.del(this.keyPrefix + key));
  }

  /** Removes every key starting with `prefix` (under the store's key prefix), with SCAN and UNLINK. */
  async deletePrefix(prefix: string): Promise<void> {
    const pattern = `${escapeGlob(this.keyPrefix + prefix)}*`;
    await this.run(
      'deletePrefix',
      prefix,
      undefined,
      async () => {
        let cursor = '0';
        do {
          const [next, keys] = await withTimeout(
            this.client.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_BATCH),
            this.commandTimeoutMs,
            'Redis',
            'SCAN',
          );
          if (keys.length > 0)
            await withTimeout(this.client.unlink(...keys), this.commandTimeoutMs, 'Redis', 'UNLINK');
          cursor = next;
        } while (cursor !== '0');
      },
      false,
    );
  }

  /** Removes every key under the store's key prefix (other applications' keys stay). */
  async clear(): Promise<void> {
    await this.deletePrefix('');
  }

  /** Closes the connection the store opened; a client passed in `options.client` is left open. */
  async close(): Promise<void> {
    if (!this.ownsClient) return;
    if (this.client.status === 'ready') {
      await withTimeout(this.client.quit(), this.commandTimeoutMs, 'Redis', 'QUIT').catch(() => undefined);
    }
    this.client.disconnect();
  }

  // Runs one Redis operation with the store's failure policy. `timed` is false for operations that
  // time their own commands (a SCAN loop may rightly take longer than one command).
  private async run<T>(
    operation: string,
    key: string,
    fallback: T,
    command: () => Promise<T>,
    timed = true,
  ): Promise<T> {
    try {
      await this.connectOnce();
      const pending = command();
      return await (timed ? withTimeout(pending, this.commandTimeoutMs, 'Redis', operation) : pending);
    } catch (error) {
      if (this.throwOnError) throw error;
      this.warn(
        operation,
        `RedisCacheStore: ${operation}("${key}") on ${describeServer(this.client)} failed; ${operation === 'get' ? 'treated as a miss' : 'skipped'}`,
        error,
      );
      return fallback;
    }
  }

  // With the offline queue off, a command sent before the first connection is up would fail; so the
  // first operations wait for that one attempt (bounded by connectTimeout). Later ones never wait:
  // while Redis is away they fail at once and ioredis reconnects in the background.
  private connectOnce(): Promise<void> {
    if (this.firstConnection === undefined) {
      // connectTimeout covers the TCP connect only; a server that accepts and never answers would
      // hold up the ready check forever, hence the outer limit.
      this.firstConnection =
        this.ownsClient && this.client.status === 'wait'
          ? withTimeout(this.client.connect(), this.connectTimeoutMs, 'Redis', 'connect').catch(
              () => undefined,
            )
          : Promise.resolve();
    }
    return this.firstConnection;
  }
}

function assertPositive(argument: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new InvalidArgumentError(
      argument,
      `must be a positive finite number of milliseconds, got ${value}`,
    );
  }
}

// Redis glob patterns treat * ? [ ] \ specially; a key prefix must match literally.
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

// host:port only: the URL may carry a password, which must not reach the logs.
function describeServer(client: Redis): string {
  const { host, port, path } = client.options;
  return path ? `redis at ${path}` : `redis at ${host}:${port}`;
}
