import { hostname } from 'node:os';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import { deadLetterIfFinal } from './dead-letter.js';
import { PriceFeed } from './price-feed.js';
import {
  QUEUE_NAMES,
  queueConnection,
  queuePrefix,
  type ShardJob,
  shardJobSchema,
  tickOf,
} from './queues.js';
import { ScheduleKeeper } from './schedule-keeper.js';
import { ScheduleStatus } from './schedule-status.js';
import { symbolsOfShard } from './sharding.js';
import { UpdateTasks } from './update-tasks.js';

type UpdateQueue = 'prices' | 'scores' | 'news';

/**
 * The worker process's BullMQ side: keeps the repeatable jobs registered (a {@link ScheduleKeeper}:
 * at start, after a reconnect, and periodically), and runs workers for the
 * prices, scores and news queues. Several worker processes share the work: each job is taken by
 * exactly one of them, and a job whose worker dies mid-way (its lock expires after `JOB_LOCK_MS`)
 * is moved back to the queue by another worker's stalled-job check and runs again. Jobs that
 * exhaust their retries are copied to the `dead-letter` queue.
 */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private readonly workers: Worker[] = [];
  private readonly queues: Queue[] = [];
  private keeper: ScheduleKeeper | undefined;
  /** This process's name on the jobs it processes (`job.processedBy`). */
  readonly name = `${hostname()}:${process.pid}`;

  constructor(
    private readonly tasks: UpdateTasks,
    private readonly feed: PriceFeed,
    private readonly schedules: ScheduleStatus,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.redisUrl)
      throw new Error('REDIS_URL: required by the worker (its queues live in Redis)');
    const jobs = this.config.jobs;
    const connection = queueConnection(this.config.redisUrl);
    const prefix = queuePrefix(jobs);
    const queue = (name: string) => {
      const created = new Queue(name, { connection, prefix });
      created.on('error', (error) => this.logger.error(`queue ${name}: ${error.message}`));
      this.queues.push(created);
      return created;
    };
    // Dead letters wait through an outage (the copy must not be lost); the keeper's queues fail fast.
    const deadLetters = queue(QUEUE_NAMES.deadLetter);
    this.keeper = new ScheduleKeeper(this.config.redisUrl, jobs, this.schedules);
    await this.keeper.start();
    for (const kind of ['prices', 'scores', 'news'] as const) {
      const worker = new Worker(kind, (job: Job) => this.process(kind, job), {
        connection,
        prefix,
        name: this.name,
        concurrency: jobs.workerConcurrency,
        lockDuration: jobs.lockDurationMs,
        stalledInterval: jobs.stalledIntervalMs,
        maxStalledCount: 1,
      });
      worker.on('failed', (job, error) => {
        this.logger.warn(`${kind} job ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`);
        deadLetterIfFinal(deadLetters, kind, job).catch((e: Error) =>
          this.logger.error(`dead-lettering ${job?.id}: ${e.message}`),
        );
      });
      worker.on('error', (error) => this.logger.error(`${kind} worker: ${error.message}`));
      this.workers.push(worker);
    }
  }

  /** Stops taking jobs and lets the ones in progress finish, before the database is closed. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.workers.splice(0).map((worker) => worker.close()));
    await this.keeper?.stop();
    await Promise.allSettled(this.queues.splice(0).map((queue) => queue.close()));
  }

  private async process(kind: UpdateQueue, job: Job): Promise<unknown> {
    if (kind === 'scores') return this.tasks.scores();
    const parsed = shardJobSchema.safeParse(job.data);
    // A malformed job fails the same way every time: no retries, straight to the dead letters.
    if (!parsed.success)
      throw new UnrecoverableError(`invalid ${kind} job data: ${parsed.error.issues[0]?.message}`);
    const symbols = await this.symbolsOf(parsed.data);
    if (kind === 'news') return this.tasks.news(symbols);
    if (!this.feed.isOpen(new Date())) return { skipped: 'market closed' };
    return this.tasks.prices(symbols, tickOf(job, this.config.jobs.priceIntervalMs));
  }

  private async symbolsOf(job: ShardJob): Promise<string[]> {
    return symbolsOfShard(await this.tasks.universe(), job.shard, job.shards);
  }
}
