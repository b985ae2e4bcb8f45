import { type DynamicModule, Module } from '@nestjs/common';
import { CoreModule } from '../common/core.module.js';
import type { AppConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import { Broadcaster } from '../realtime/broadcaster.js';
import { ClusterPublisher } from '../realtime/cluster-publisher.js';
import { StocksModule } from '../stocks/stocks.module.js';
import { TimeseriesModule } from '../timeseries/timeseries.module.js';
import { LiveQuotesModule } from './live-quotes.module.js';
import { QueueWorkers } from './queue-workers.js';
import { ScheduleStatus } from './schedule-status.js';
import { UPDATE_PROVIDERS } from './update-providers.js';

/** A worker process: BullMQ workers over the update tasks, publishing through the Socket.IO Redis adapter. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, database: Database): DynamicModule {
    return {
      module: WorkerModule,
      // TimeseriesModule: the runs and ticks this worker computes are recorded in stock_metrics.
      imports: [CoreModule.forRoot(config, database), StocksModule, LiveQuotesModule, TimeseriesModule],
      providers: [...UPDATE_PROVIDERS, ScheduleStatus, Broadcaster, ClusterPublisher, QueueWorkers],
      exports: [QueueWorkers],
    };
  }
}
