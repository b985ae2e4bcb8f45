import { type BeforeApplicationShutdown, Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DATABASE } from '../common/tokens.js';
import type { Database } from '../db/database.js';
import { ServerMetrics } from '../metrics/server-metrics.js';
import { BatchedWriter } from './batched-writer.js';
import {
  MODEL_PERFORMANCE,
  type ModelPerformanceRow,
  STOCK_METRICS,
  type StockMetricRow,
  type TimeseriesTable,
  USER_ACTIVITY,
  type UserActivityRow,
} from './timeseries-rows.js';

/** A failed insert is logged at most this often per table: a database that is down fails every second. */
const ERROR_LOG_INTERVAL_MS = 60_000;

/**
 * The process's batched writers, one per time-series table, counted in
 * `timeseries_points_written_total` / `timeseries_points_dropped_total` (when the process has
 * {@link ServerMetrics}; a worker process has none). Flushed before the database closes: Nest runs
 * every `beforeApplicationShutdown` before any `onApplicationShutdown`, where the database is closed.
 */
@Injectable()
export class TimeseriesWriter implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Timeseries');
  readonly stockMetrics: BatchedWriter<StockMetricRow>;
  readonly userActivity: BatchedWriter<UserActivityRow>;
  readonly modelPerformance: BatchedWriter<ModelPerformanceRow>;
  private markReady: () => void = () => undefined;
  /**
   * Resolves once the start-up partition upkeep has run (see {@link start}). Code that inserts into
   * a time-series table directly, not through these writers, awaits it first: an insert racing the
   * attach of its month's partition fails on PostgreSQL (SQLSTATE 23514).
   */
  readonly ready = new Promise<void>((resolve) => {
    this.markReady = resolve;
  });

  constructor(@Inject(DATABASE) database: Database, @Optional() metrics?: ServerMetrics) {
    const writer = <Row extends object>(table: TimeseriesTable<Row>) => {
      let lastLogged = Number.NEGATIVE_INFINITY;
      return new BatchedWriter(database, table, {
        onWritten: (count) => metrics?.timeseriesWritten(table.name, count),
        onDropped: (count, reason) => metrics?.timeseriesDropped(table.name, reason, count),
        onError: (error) => {
          if (Date.now() - lastLogged < ERROR_LOG_INTERVAL_MS) return;
          lastLogged = Date.now();
          this.logger.warn(`${table.name}: points dropped, insert failed: ${error.message}`);
        },
      });
    };
    this.stockMetrics = writer(STOCK_METRICS);
    this.userActivity = writer(USER_ACTIVITY);
    this.modelPerformance = writer(MODEL_PERFORMANCE);
  }

  private get all(): BatchedWriter<object>[] {
    return [this.stockMetrics, this.userActivity, this.modelPerformance] as BatchedWriter<object>[];
  }

  /**
   * Starts the writers; called by the partition upkeep once its start-up run has created this
   * month's partitions, so that inserts do not race the attach of a partition they would belong to.
   * Points recorded until then wait in the buffers.
   */
  start(): void {
    for (const writer of this.all) writer.start();
    this.markReady();
  }

  /** Writes everything buffered now (tests, exports). */
  async flush(): Promise<void> {
    await Promise.all(this.all.map((writer) => writer.flush()));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.all.map((writer) => writer.stop()));
  }
}
