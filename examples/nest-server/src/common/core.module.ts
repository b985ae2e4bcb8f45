import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import { openRequestPathRedis } from './redis-connections.js';
import { CONFIG, DATABASE, REDIS } from './tokens.js';

/** Infrastructure every feature module shares: configuration, the database, and Redis if configured. */
@Global()
@Module({})
export class CoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(REDIS) private readonly redis: Redis | null,
  ) {}

  static forRoot(config: AppConfig, database: Database): DynamicModule {
    // Every request that uses Redis (cache, rate limits, readiness) goes through this connection:
    // commands fail within REQUEST_REDIS_TIMEOUT_MS when Redis is away, and each use degrades on
    // its own (cache miss, in-memory limits, ready with redis "degraded").
    const redis = config.redisUrl ? openRequestPathRedis(config.redisUrl, 'daki-core') : null;
    return {
      module: CoreModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: DATABASE, useValue: database },
        { provide: REDIS, useValue: redis },
      ],
      exports: [CONFIG, DATABASE, REDIS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis?.disconnect();
    await this.database.close();
  }
}
