import type { ConnectionOptions, Job, JobsOptions, Queue } from 'bullmq';
import { z } from 'zod';
import { reconnectEverySecond } from '../common/redis-connections.js';
import type { JobsConfig } from './jobs.config.js';

/** The BullMQ queues: one per kind of update, plus the dead letters. */
export const QUEUE_NAMES = {
  prices: 'prices',
  scores: 'scores',
  news: 'news',
  deadLetter: 'dead-letter',
} as const;

/** The BullMQ key prefix under the configured Redis namespace. */
export function queuePrefix(config: JobsConfig): string {
  return `${config.redisPrefix}:bull`;
}

/**
 * Connection options for every queue, worker and event stream: BullMQ opens (and closes) its own
 * connections from these. `maxRetriesPerRequest: null` is what BullMQ requires of a worker's
 * blocking connection: commands wait for a reconnect instead of failing. Reconnection is tried every
 * second at most, so ticks resume about a second after Redis does.
 */
export function queueConnection(redisUrl: string): ConnectionOptions {
  return { url: redisUrl, maxRetriesPerRequest: null, retryStrategy: reconnectEverySecond };
}

/**
 * Options of every update job: `JOB_RETRIES` retries (3) with exponential backoff from
 * `JOB_BACKOFF_MS` (60 s, then 120 s, 240 s), as the concept asks; completed jobs are kept for an
 * hour for inspection, failed ones for a week (their copies in the dead-letter queue stay until
 * removed).
 */
export function updateJobOptions(config: JobsConfig): JobsOptions {
  return {
    attempts: config.retries + 1,
    backoff: { type: 'exponential', delay: config.backoffMs },
    removeOnComplete: { age: 60 * 60, count: 1_000 },
    removeOnFail: { age: 7 * 24 * 60 * 60 },
  };
}

/** Data of a price or news job: which shard of the universe it covers. */
export const shardJobSchema = z
  .object({
    shard: z.number().int().min(0),
    shards: z.number().int().min(1).max(256),
    /** Market-clock tick; scheduled jobs leave it out and take it from their scheduled time. */
    tick: z.number().int().optional(),
  })
  .refine((d) => d.shard < d.shards, { message: 'shard must be below shards', path: ['shard'] });
export type ShardJob = z.infer<typeof shardJobSchema>;

/**
 * The tick of a price job: given, or its scheduled time in price intervals. Every shard of one
 * turn has the same scheduled time, so all workers price the same tick, and a retried job keeps
 * its tick (retries are idempotent).
 */
export function tickOf(job: Pick<Job, 'data' | 'opts' | 'timestamp'>, priceIntervalMs: number): number {
  const given = (job.data as Partial<ShardJob>).tick;
  if (given !== undefined) return given;
  return Math.round((job.opts.prevMillis ?? job.timestamp) / priceIntervalMs);
}

/** Id of the job scheduler of one shard; the shard count is part of it, so a re-sharding replaces them all. */
export function shardSchedulerId(queue: string, shard: number, shards: number): string {
  return `${queue}-${shard}-of-${shards}`;
}

/** The ids of the job schedulers `config` wants, per queue. */
export function wantedSchedulerIds(config: JobsConfig): Record<'prices' | 'scores' | 'news', Set<string>> {
  const shardIds = (kind: 'prices' | 'news') =>
    new Set(
      Array.from({ length: config.shards }, (_, shard) => shardSchedulerId(kind, shard, config.shards)),
    );
  return { prices: shardIds('prices'), scores: new Set(['scores']), news: shardIds('news') };
}

/**
 * Connection options of queues that only register schedules or add jobs: unlike a worker's blocking
 * connection, a command fails at once while Redis is away (no offline queue), so a schedule check
 * never hangs through an outage; the next check or the reconnect repeats it.
 */
export function failFastQueueConnection(redisUrl: string): ConnectionOptions {
  return {
    url: redisUrl,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: reconnectEverySecond,
  };
}

/**
 * Creates or updates the repeatable jobs (BullMQ job schedulers): one per shard for prices and
 * news, one for scores; removes schedulers of an older configuration. Idempotent, so every worker
 * runs it at start, and the {@link ScheduleKeeper} again whenever it finds one missing.
 */
export async function registerSchedules(
  queues: Record<'prices' | 'scores' | 'news', Queue>,
  config: JobsConfig,
): Promise<void> {
  const opts = updateJobOptions(config);
  const wanted = wantedSchedulerIds(config);
  for (const kind of ['prices', 'news'] as const) {
    const every = kind === 'prices' ? config.priceIntervalMs : config.newsIntervalMs;
    for (let shard = 0; shard < config.shards; shard++) {
      await queues[kind].upsertJobScheduler(
        shardSchedulerId(kind, shard, config.shards),
        { every },
        { name: kind, data: { shard, shards: config.shards }, opts },
      );
    }
  }
  await queues.scores.upsertJobScheduler(
    'scores',
    { every: config.scoreIntervalMs },
    { name: 'scores', data: {}, opts },
  );
  for (const kind of ['prices', 'scores', 'news'] as const) {
    for (const scheduler of await queues[kind].getJobSchedulers()) {
      const id = scheduler.id ?? scheduler.key;
      if (!wanted[kind].has(id)) await queues[kind].removeJobScheduler(id);
    }
  }
}

/** The wanted schedulers that `queues` lack (empty when all are registered). */
export async function missingSchedules(
  queues: Record<'prices' | 'scores' | 'news', Queue>,
  config: JobsConfig,
): Promise<string[]> {
  const wanted = wantedSchedulerIds(config);
  const missing: string[] = [];
  for (const kind of ['prices', 'scores', 'news'] as const) {
    const present = new Set((await queues[kind].getJobSchedulers()).map((s) => s.id ?? s.key));
    for (const id of wanted[kind]) if (!present.has(id)) missing.push(id);
  }
  return missing;
}
