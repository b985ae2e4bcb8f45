import { Logger } from '@nestjs/common';
import { QueueEvents } from 'bullmq';
import type { ScoringRunner } from '../scoring/scoring-runner.js';
import type { JobsConfig } from './jobs.config.js';
import { QUEUE_NAMES, queueConnection, queuePrefix } from './queues.js';

/**
 * For server instances with Redis: when a worker finishes a scoring run, serve it. BullMQ's queue
 * events are a Redis stream, so a completion that happens while this instance reconnects is still
 * read; the run itself comes from the database, where the worker persisted it.
 */
export class ScoreRunFollower {
  private readonly logger = new Logger('Jobs');
  private events: QueueEvents | undefined;

  constructor(
    private readonly scoring: ScoringRunner,
    private readonly redisUrl: string,
    private readonly config: JobsConfig,
  ) {}

  start(): void {
    this.events = new QueueEvents(QUEUE_NAMES.scores, {
      connection: queueConnection(this.redisUrl),
      prefix: queuePrefix(this.config),
      // close() waits for the blocking read in progress: keep it short so a shutdown drains fast.
      blockingTimeout: 1_000,
    });
    this.events.on('error', (error) => this.logger.error(`score events: ${error.message}`));
    this.events.on('completed', () => {
      this.scoring
        .reloadLatestRun()
        .catch((error: Error) => this.logger.error(`loading the new run failed: ${error.message}`));
    });
  }

  async stop(): Promise<void> {
    await this.events?.close();
    this.events = undefined;
  }
}
