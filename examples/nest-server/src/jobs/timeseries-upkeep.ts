import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { CONFIG, DATABASE } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import { keepPartitions, type UpkeepReport } from '../timeseries/partition-keeper.js';
import { TimeseriesWriter } from '../timeseries/timeseries-writer.js';
import { failFastQueueConnection, queueConnection, queuePrefix } from './queues.js';

/** The BullMQ queue of the daily partition upkeep and retention. */
export const TIMESERIES_UPKEEP_QUEUE = 'timeseries-upkeep';
const DAY_MS = 86_400_000;
/** A shutdown waits this long at most for BullMQ's close: with Redis down it may never end. */
const CLOSE_DEADLINE_MS = 2_000;

/**
 * Runs the time-series partition upkeep and retention ({@link keepPartitions}) at start-up and then
 * daily. With Redis it is a BullMQ job scheduler, so that one instance of a cluster does the daily
 * run (the servers process the queue; the job is idempotent and locked, so a second run is harmless);
 * without Redis an in-process daily timer. The start-up run is not awaited (the server answers at
 * once); the {@link TimeseriesWriter} starts writing when it has ended, and buffers until then.
 */
@Injectable()
export class TimeseriesUpkeep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Timeseries');
  private timer: NodeJS.Timeout | undefined;
  private queue: Queue | undefined;
  private worker: Worker | undefined;
  private running: Promise<UpkeepReport | undefined> | undefined;

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly writer: TimeseriesWriter,
  ) {}

  onApplicationBootstrap(): void {
    // The writers start after the first run (also a failed one): see TimeseriesWriter.start.
    void this.run().finally(() => this.writer.start());
    if (!this.config.redisUrl) {
      this.timer = setInterval(() => void this.run(), DAY_MS);
      this.timer.unref();
      return;
    }
    const prefix = queuePrefix(this.config.jobs);
    // The queue only registers the schedule: failing fast while Redis is away, never hanging.
    this.queue = new Queue(TIMESERIES_UPKEEP_QUEUE, {
      connection: failFastQueueConnection(this.config.redisUrl),
      prefix,
    });
    this.queue.on('error', (error) => this.logger.warn(`${TIMESERIES_UPKEEP_QUEUE} queue: ${error.message}`));
    this.queue
      .upsertJobScheduler(
        'daily',
        { every: DAY_MS },
        { name: 'upkeep', opts: { removeOnComplete: 10, removeOnFail: 50 } },
      )
      .catch((error: Error) => this.logger.warn(`${TIMESERIES_UPKEEP_QUEUE} schedule: ${error.message}`));
    this.worker = new Worker(TIMESERIES_UPKEEP_QUEUE, async () => this.run(), {
      connection: queueConnection(this.config.redisUrl),
      prefix,
    });
    this.worker.on('error', (error) =>
      this.logger.warn(`${TIMESERIES_UPKEEP_QUEUE} worker: ${error.message}`),
    );
  }

  /** One upkeep now (one at a time); failures are logged, never thrown into the caller. */
  run(now = new Date()): Promise<UpkeepReport | undefined> {
    this.running ??= keepPartitions(this.database, { now, retentionDays: this.config.metricsRetentionDays })
      .then((report) => {
        if (report.created.length + report.dropped.length + report.deleted + report.moved > 0)
          this.logger.log(
            `partitions: ${report.created.length} created (${report.moved} rows moved from DEFAULT), ${report.dropped.length} dropped, ${report.deleted} old DEFAULT rows deleted`,
          );
        return report;
      })
      .catch((error: Error) => {
        this.logger.warn(`time-series partition upkeep failed: ${error.message}`);
        return undefined;
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    const bullmq = [this.worker, this.queue].filter((c): c is Worker | Queue => c !== undefined);
    await boundedly(Promise.allSettled(bullmq.map((c) => c.close())), CLOSE_DEADLINE_MS);
    // Closed or not, the connections go (a close still waiting for a first connection never ends).
    await boundedly(Promise.allSettled(bullmq.map((c) => c.disconnect())), CLOSE_DEADLINE_MS);
    await this.running;
  }
}

/** Waits for `work`, at most `ms` (as the ScheduleKeeper bounds its own close). */
async function boundedly(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work,
    new Promise((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
