import { Redis, type RedisOptions } from 'ioredis';

/**
 * The longest a Redis command on a request path may take before the request uses its fallback
 * (L1 or the database for the cache, the last known price for live quotes, in-memory counters for
 * the rate limiter). Redis answers in well under a millisecond on a LAN; 150 ms is an outage.
 */
export const REQUEST_REDIS_TIMEOUT_MS = 150;

/**
 * Reconnection delays of every connection: 100 ms, 200 ms, … then every second, however long the
 * outage lasted. (BullMQ's own default grows to 20 s between attempts, so service resumed up to
 * 20 s after Redis did.)
 */
export function reconnectEverySecond(attempt: number): number {
  return Math.min(attempt * 100, 1_000);
}

/**
 * Options of every ioredis connection a request waits on: no offline queue (while disconnected a
 * command fails at once instead of waiting for the reconnect), one retry at most, a per-command
 * deadline of {@link REQUEST_REDIS_TIMEOUT_MS}, and reconnection in the background every second at
 * most, so service resumes soon after Redis does.
 */
export function requestPathRedisOptions(connectionName: string): RedisOptions {
  return {
    connectionName,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: REQUEST_REDIS_TIMEOUT_MS,
    connectTimeout: 2_000,
    retryStrategy: reconnectEverySecond,
  };
}

/**
 * Options of the Socket.IO adapter's connections (fan-out between instances): commands wait for the
 * reconnect instead of failing after ioredis' 20 retries — the adapter fires some of them (session
 * persistence, PUBLISH) without handling a rejection, which would end the process — and reconnection
 * is tried every second at most. No per-command deadline: the adapter's blocking XREAD must wait.
 */
export function adapterRedisOptions(connectionName: string): RedisOptions {
  return { connectionName, maxRetriesPerRequest: null, retryStrategy: reconnectEverySecond };
}

/**
 * Opens a connection with {@link requestPathRedisOptions}. Its errors are swallowed: a down Redis
 * must not crash the process, and each use degrades on its own (a failed command rejects).
 */
export function openRequestPathRedis(url: string, connectionName: string): Redis {
  const redis = new Redis(url, requestPathRedisOptions(connectionName));
  redis.on('error', () => undefined);
  return redis;
}
