import type { Provider } from '@nestjs/common';
import { Redis } from 'ioredis';
import { CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import { JOBS_REDIS } from './jobs.tokens.js';
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
    useFactory: (config: AppConfig) => {
      if (!config.redisUrl) return null;
      const redis = new Redis(config.redisUrl, { connectionName: 'daki-jobs' });
      redis.on('error', () => undefined); // reconnects on its own; a failing read falls back (see UpdateTasks)
      return redis;
    },
  },
  {
    provide: LiveQuotes,
    inject: [CONFIG, JOBS_REDIS],
    useFactory: (config: AppConfig, redis: Redis | null) =>
      redis ? new RedisLiveQuotes(redis, config.jobs.redisPrefix) : new MemoryLiveQuotes(),
  },
  PriceFeed,
  PortfolioRevaluer,
  UpdateTasks,
];
