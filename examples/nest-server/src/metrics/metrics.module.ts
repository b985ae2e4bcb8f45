import { type DynamicModule, Global, Module } from '@nestjs/common';
import { StocksModule } from '../stocks/stocks.module.js';
import { AnalysisMetrics } from './analysis-metrics.js';
import { MetricsController } from './metrics.controller.js';
import { ServerMetrics } from './server-metrics.js';

/**
 * `GET /metrics` and the {@link ServerMetrics} of this app. The instance is created before the Nest
 * app (the database needs it for `database_query_duration_seconds`) and handed in here; it is global
 * so that a WebSocket gateway can inject it and call `websocketOpened()` / `websocketClosed()`.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(metrics: ServerMetrics): DynamicModule {
    return {
      module: MetricsModule,
      imports: [StocksModule],
      controllers: [MetricsController],
      providers: [{ provide: ServerMetrics, useValue: metrics }, AnalysisMetrics],
      exports: [ServerMetrics],
    };
  }
}
