import { type ExecutionContext, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ThrottlerGuard, ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import { CONFIG, DATABASE, REDIS } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import { clientKey, clientTracker } from './client-tracker.js';
import { MemoryThrottlerStorage } from './memory-throttler-storage.js';
import { RedisThrottlerStorage } from './redis-throttler-storage.js';

/** Routes never limited: probes and the Prometheus scrape must answer however busy a client is. */
export const RATE_LIMIT_EXEMPT_ROUTES: ReadonlySet<string> = new Set(['/health', '/ready', '/metrics']);

/** The window the limit applies to. */
const WINDOW_MS = 60_000;

function isExempt(context: ExecutionContext): boolean {
  // Only HTTP is limited here; a WebSocket gateway limits its own messages.
  if (context.getType() !== 'http') return true;
  const url = context.switchToHttp().getRequest<{ routeOptions?: { url?: string } }>().routeOptions?.url;
  return url !== undefined && RATE_LIMIT_EXEMPT_ROUTES.has(url);
}

/**
 * The throttler configuration: `config.rateLimitPerMinute` per client a minute, in Redis under
 * `<REDIS_PREFIX>:ratelimit:` when configured (tests isolate themselves with their own REDIS_PREFIX),
 * else in this process's memory.
 */
export function rateLimitOptions(
  config: AppConfig,
  redis: Redis | null,
  jwt: JwtService,
  database: Database,
): ThrottlerModuleOptions {
  return {
    throttlers: [{ name: 'default', ttl: WINDOW_MS, limit: config.rateLimitPerMinute }],
    storage: redis
      ? new RedisThrottlerStorage(redis, { keyPrefix: `${config.jobs.redisPrefix}:ratelimit:` })
      : new MemoryThrottlerStorage(),
    getTracker: clientTracker(jwt, database),
    generateKey: (_context, tracker, name) => clientKey(tracker, name),
    skipIf: isExempt,
    errorMessage: (_context, detail) =>
      `Too many requests: the limit is ${detail.limit} per minute; retry in ${detail.timeToBlockExpire} s`,
  };
}

/**
 * Rate limiting as a global guard (@nestjs/throttler): 429 with `Retry-After` (seconds) and the usual
 * JSON error body, `X-RateLimit-Limit/-Remaining/-Reset` on allowed responses.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [CONFIG, REDIS, JwtService, DATABASE],
      useFactory: (config: AppConfig, redis: Redis | null, jwt: JwtService, database: Database) =>
        rateLimitOptions(config, redis, jwt, database),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }],
})
export class RateLimitModule {}
