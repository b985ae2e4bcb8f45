import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module.js';
import { CoreModule } from './common/core.module.js';
import type { AppConfig } from './config/config.js';
import { DataModule } from './data/data.module.js';
import type { Database } from './db/database.js';
import { HealthModule } from './health/health.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import type { ServerMetrics } from './metrics/server-metrics.js';
import { PositionsModule } from './positions/positions.module.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';
import { RealtimeModule } from './realtime/realtime.module.js';
import { StocksModule } from './stocks/stocks.module.js';
import { TimeseriesModule } from './timeseries/timeseries.module.js';
import { TrackRecordModule } from './track-record/track-record.module.js';

/** What {@link AppModule.forRoot} wires together besides the configuration. */
export interface AppModuleOptions {
  database: Database;
  metrics: ServerMetrics;
}

/** The reference server: one feature module per area. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, options.database),
        AuthModule.forRoot(config),
        RateLimitModule,
        MetricsModule.forRoot(options.metrics),
        HealthModule,
        StocksModule,
        DataModule,
        PositionsModule,
        RealtimeModule,
        JobsModule,
        TimeseriesModule,
        TrackRecordModule,
      ],
    };
  }
}
