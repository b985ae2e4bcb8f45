import { z } from 'zod';

const milliseconds = (min: number, fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(min)
    .max(24 * 60 * 60_000)
    .default(fallback);

/**
 * Environment variables of the live updates and background jobs, merged into the server's env
 * schema (`src/config/config.ts`), so a bad value is reported with all the others at start-up.
 */
export const jobsEnvShape = {
  /** Price ticks: every minute (the concept's rhythm; trading hours only for real providers). */
  PRICE_INTERVAL_MS: milliseconds(100, 60_000),
  /** Scoring runs over the universe: every 5 minutes. */
  SCORE_INTERVAL_MS: milliseconds(1_000, 5 * 60_000),
  /** News and sentiment refresh: every 15 minutes. */
  NEWS_INTERVAL_MS: milliseconds(1_000, 15 * 60_000),
  /** Shards the universe is split into (by symbol hash): one price job and one news job per shard and tick. */
  JOB_SHARDS: z.coerce.number().int().min(1).max(256).default(4),
  /** Retries after a failed attempt (so `JOB_RETRIES + 1` attempts in all). */
  JOB_RETRIES: z.coerce.number().int().min(0).max(20).default(3),
  /** First retry delay; doubles with each retry (exponential backoff). */
  JOB_BACKOFF_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60 * 60_000)
    .default(60_000),
  /** How long a worker's lock on an active job lasts before the job counts as stalled (worker died). */
  JOB_LOCK_MS: milliseconds(500, 30_000),
  /** How often workers look for stalled jobs. */
  JOB_STALLED_INTERVAL_MS: milliseconds(100, 30_000),
  /** Jobs one worker process runs at once. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /**
   * How often the worker and the server check that the job schedulers are in Redis (a Redis that
   * restarted empty has none) and register them again when missing. A reconnect checks at once.
   */
  SCHEDULE_CHECK_MS: milliseconds(100, 30_000),
  /** Namespace of every Redis key the queues, the Socket.IO adapter and the live quotes use. */
  REDIS_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1–64 letters, digits, "_", "." or "-"')
    .default('daki'),
};

type JobsEnv = { [K in keyof typeof jobsEnvShape]: z.output<(typeof jobsEnvShape)[K]> };

/** Validated settings of the scheduler, the queues and the workers. */
export interface JobsConfig {
  priceIntervalMs: number;
  scoreIntervalMs: number;
  newsIntervalMs: number;
  shards: number;
  retries: number;
  backoffMs: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
  workerConcurrency: number;
  scheduleCheckMs: number;
  redisPrefix: string;
}

/** The {@link JobsConfig} of a parsed environment. */
export function toJobsConfig(env: JobsEnv): JobsConfig {
  return {
    priceIntervalMs: env.PRICE_INTERVAL_MS,
    scoreIntervalMs: env.SCORE_INTERVAL_MS,
    newsIntervalMs: env.NEWS_INTERVAL_MS,
    shards: env.JOB_SHARDS,
    retries: env.JOB_RETRIES,
    backoffMs: env.JOB_BACKOFF_MS,
    lockDurationMs: env.JOB_LOCK_MS,
    stalledIntervalMs: env.JOB_STALLED_INTERVAL_MS,
    workerConcurrency: env.WORKER_CONCURRENCY,
    scheduleCheckMs: env.SCHEDULE_CHECK_MS,
    redisPrefix: env.REDIS_PREFIX,
  };
}
