import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { CoreModule } from '../common/core.module.js';
import type { AppConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import { Broadcaster } from '../realtime/broadcaster.js';
import { ClusterPublisher } from '../realtime/cluster-publisher.js';
import { StocksModule } from '../stocks/stocks.module.js';
import { JOBS_REDIS } from './jobs.tokens.js';
import { QueueWorkers } from './queue-workers.js';
import { ScheduleStatus } from './schedule-status.js';
import { UPDATE_PROVIDERS } from './update-providers.js';

/** A worker process: BullMQ workers over the update tasks, publishing through the Socket.IO Redis adapter. */
@Module({})
export class WorkerModule implements OnApplicationShutdown {
  constructor(@Inject(JOBS_REDIS) private readonly redis: Redis | null) {}

  static forRoot(config: AppConfig, database: Database): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot(config, database), StocksModule],
      providers: [...UPDATE_PROVIDERS, ScheduleStatus, Broadcaster, ClusterPublisher, QueueWorkers],
      exports: [QueueWorkers],
    };
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}
