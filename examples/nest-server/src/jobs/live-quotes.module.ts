import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { openRequestPathRedis } from '../common/redis-connections.js';
import { CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import { LivePriceSource } from '../market/live-price-source.js';
import { JOBS_REDIS } from './jobs.tokens.js';
import { LastKnownQuotes } from './last-known-quotes.js';
import { LiveQuotes, MemoryLiveQuotes, RedisLiveQuotes } from './live-quotes.js';

/** The live quotes as a {@link LivePriceSource}: a quote store that is down answers "no live price". */
class QuoteLivePrices extends LivePriceSource {
  constructor(private readonly quotes: LiveQuotes) {
    super();
  }

  async price(symbol: string): Promise<number | undefined> {
    try {
      return (await this.quotes.get(symbol))?.price;
    } catch {
      // REST valuations then fall back to the daily close.
      return undefined;
    }
  }
}

/**
 * The live quotes: written by whoever runs the price ticks (in-process scheduler or workers), read by
 * REST valuations through the {@link LivePriceSource} it exports. In Redis when configured (shared by
 * every process), else in memory.
 */
@Module({
  providers: [
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
    { provide: LivePriceSource, inject: [LiveQuotes], useFactory: (q: LiveQuotes) => new QuoteLivePrices(q) },
  ],
  exports: [JOBS_REDIS, LiveQuotes, LivePriceSource],
})
export class LiveQuotesModule implements OnApplicationShutdown {
  constructor(@Inject(JOBS_REDIS) private readonly redis: Redis | null) {}

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}
