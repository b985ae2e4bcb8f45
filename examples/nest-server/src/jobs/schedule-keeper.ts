import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { JobsConfig } from './jobs.config.js';
import {
  failFastQueueConnection,
  missingSchedules,
  QUEUE_NAMES,
  queuePrefix,
  registerSchedules,
} from './queues.js';
import type { ScheduleStatus } from './schedule-status.js';

type UpdateQueues = Record<'prices' | 'scores' | 'news', Queue>;

/**
 * A check still running after this long reports Redis `unreachable`. BullMQ waits for a first
 * connection before it sends anything, so with Redis down at start a check only finishes once Redis
 * is up; it goes on in the background (one at a time) and updates the status when it does.
 */
const CHECK_DEADLINE_MS = 2_000;

/**
 * Keeps the BullMQ job schedulers registered. They live only in Redis: after Redis restarts empty
 * (or loses its data) no price tick, scoring run or news job is scheduled again until someone
 * registers them. The keeper checks when started, whenever one of its queues' Redis connections
 * becomes ready again, and every `SCHEDULE_CHECK_MS`; when any scheduler is missing it registers them all
 * (idempotent, so several workers and servers may do it at once). Its queues fail fast while Redis
 * is away, so a check never waits through an outage.
 */
export class ScheduleKeeper {
  private readonly logger = new Logger('Schedules');
  /** The update queues the keeper registers on (also usable to add jobs). */
  readonly queues: UpdateQueues;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  /** One more check, asked for while one ran (it may have started before Redis was back). */
  private rerun: Promise<void> | undefined;
  private stopped = false;

  constructor(
    redisUrl: string,
    private readonly config: JobsConfig,
    private readonly status: ScheduleStatus,
  ) {
    const connection = failFastQueueConnection(redisUrl);
    const prefix = queuePrefix(config);
    const queue = (name: string) => {
      const created = new Queue(name, { connection, prefix });
      // Connection errors are expected during an outage; the checks report them in the status.
      created.on('error', () => undefined);
      return created;
    };
    this.queues = {
      prices: queue(QUEUE_NAMES.prices),
      scores: queue(QUEUE_NAMES.scores),
      news: queue(QUEUE_NAMES.news),
    };
  }

  /**
   * Registers the schedules (or records why it could not) and starts watching them. Resolves after
   * the first check, or after {@link CHECK_DEADLINE_MS} if Redis does not answer (never rejects).
   */
  async start(): Promise<void> {
    this.timer = setInterval(() => void this.check(), this.config.scheduleCheckMs);
    this.timer.unref();
    await within(this.check(), CHECK_DEADLINE_MS);
    // A reconnect is the moment Redis may have come back empty: check at once, not at the next tick.
    // Each queue has its own connection, and they come back one after another: a check started
    // when the first is ready can fail on one still reconnecting, so every one of them asks.
    // Watched from after the first check, which already covers the first connections.
    for (const queue of Object.values(this.queues)) {
      queue.getBackend().on('ready', () => {
        void this.check();
      });
    }
    // Redis may have come back while the first check was failing, before anyone watched.
    if (this.status.state !== 'registered') void this.check();
  }

  /**
   * Looks for missing schedulers and registers them if any; one check at a time. A check asked
   * for while one runs is done once that one ends (however many were asked for meanwhile): the
   * running one may have begun before Redis, or a connection, was back. Never throws: the outcome
   * is in the {@link ScheduleStatus}.
   */
  check(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.checking) {
      this.rerun ??= this.checking.then(() => {
        this.rerun = undefined;
        return this.check();
      });
      return this.rerun;
    }
    this.checking = this.checkOnce().finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  /**
   * Stops the checks and closes the queues. Bounded: with Redis down a check (and BullMQ's close)
   * may wait for a connection that never comes, and a shutdown must not wait on Redis.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await within(
      Promise.allSettled([this.checking, ...Object.values(this.queues).map((queue) => queue.close())]),
      CHECK_DEADLINE_MS,
    );
    // Closed or not, the connections go (a close still waiting for a first connection never ends).
    await within(
      Promise.allSettled(Object.values(this.queues).map((queue) => queue.disconnect())),
      CHECK_DEADLINE_MS,
    );
  }

  private async checkOnce(): Promise<void> {
    const overdue = setTimeout(() => {
      this.status.state = 'unreachable';
    }, CHECK_DEADLINE_MS);
    try {
      const missing = await missingSchedules(this.queues, this.config);
      if (missing.length > 0) {
        const first = this.status.checkedAt === undefined;
        this.status.state = 'missing';
        this.status.lastMissing = missing;
        if (!first)
          this.logger.warn(
            `${missing.length} job scheduler(s) missing (first ${missing[0]}): registering them again`,
          );
        await registerSchedules(this.queues, this.config);
        if (!first) this.status.repairs++;
      }
      this.status.state = 'registered';
    } catch (error) {
      this.status.state = 'unreachable';
      this.logger.warn(`schedule check failed: ${(error as Error).message}`);
    } finally {
      clearTimeout(overdue);
      this.status.checkedAt = Date.now();
    }
  }
}

/** Waits for `work`, or `ms` at most (whichever comes first); never rejects. */
async function within(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work.catch(() => undefined),
    new Promise((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
