import type { Provider } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { openRequestPathRedis } from '../common/redis-connections.js';
import { CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import { JOBS_REDIS } from './jobs.tokens.js';
import { LastKnownQuotes } from './last-known-quotes.js';
import { LiveQuotes, MemoryLiveQuotes, RedisLiveQuotes } from './live-quotes.js';
import { PortfolioRevaluer } from './portfolio-revaluer.js';
import { PriceFeed } from './price-feed.js';
import { UpdateTasks } from './update-tasks.js';

/**
 * What runs the updates, shared by the server (in-process scheduler) and the worker process
 * (BullMQ): the tasks and what they need. Needs `AnalysisService` (stocks module) and a
 * `Broadcaster`. Close {@link JOBS_REDIS} on shutdown.
 */
export const UPDATE_PROVIDERS: Provider[] = [
  {
    provide: JOBS_REDIS,
    inject: [CONFIG],
    // Live quotes are read on request paths (position valuations): the same deadline and no offline
    // queue as every request-path connection, so a Redis outage costs a valuation at most 150 ms.
    useFactory: (config: AppConfig) =>
      config.redisUrl ? openRequestPathRedis(config.redisUrl, 'daki-jobs') : null,
  },
  {
    provide: LiveQuotes,
    inject: [CONFIG, JOBS_REDIS],
    useFactory: (config: AppConfig, redis: Redis | null) =>
      redis
        ? new LastKnownQuotes(new RedisLiveQuotes(redis, config.jobs.redisPrefix))
        : new MemoryLiveQuotes(),
  },
  PriceFeed,
  PortfolioRevaluer,
  UpdateTasks,
];
