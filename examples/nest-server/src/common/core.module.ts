import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { AppConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
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
    const redis = config.redisUrl
      ? new Redis(config.redisUrl, {
          lazyConnect: false,
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          connectTimeout: 2_000,
        })
      : null;
    // A down Redis must not crash the process; each use degrades on its own (cache miss, ready=false).
    redis?.on('error', () => undefined);
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
