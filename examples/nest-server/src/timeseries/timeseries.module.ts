import { Global, Module } from '@nestjs/common';
import { TimeseriesUpkeep } from '../jobs/timeseries-upkeep.js';
import { StocksModule } from '../stocks/stocks.module.js';
import { StockMetricsRecorder } from './stock-metrics-recorder.js';
import { TimeseriesWriter } from './timeseries-writer.js';
import { UserActivity } from './user-activity.js';

/**
 * The time-series store (issue 14): the batched writer of stock_metrics, user_activity and
 * model_performance, the recorders that feed it, and the daily partition upkeep. Global: the account
 * export and erasure use {@link UserActivity}, the forecast tracker writes through {@link TimeseriesWriter}.
 */
@Global()
@Module({
  imports: [StocksModule],
  providers: [TimeseriesWriter, UserActivity, StockMetricsRecorder, TimeseriesUpkeep],
  exports: [TimeseriesWriter, UserActivity],
})
export class TimeseriesModule {}
