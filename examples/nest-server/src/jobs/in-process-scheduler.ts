import { Logger } from '@nestjs/common';
import type { JobsConfig } from './jobs.config.js';
import type { PriceFeed } from './price-feed.js';
import type { UpdateTasks } from './update-tasks.js';

/**
 * The rhythm of a single instance without Redis: prices every `PRICE_INTERVAL_MS` (trading hours
 * only, except on the synthetic provider's simulated clock), scores every `SCORE_INTERVAL_MS`,
 * news every `NEWS_INTERVAL_MS`. A task still running when its next turn comes is not started
 * twice; the turn is skipped.
 *
 * The simulated clock counts price turns: tick `t0 + n` at the n-th turn, where `t0` is the wall
 * clock in price intervals at start-up, so ticks only grow, also across restarts.
 */
export class InProcessScheduler {
  private readonly logger = new Logger('Scheduler');
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Map<string, Promise<unknown>>();
  private tick = 0;

  constructor(
    private readonly tasks: UpdateTasks,
    private readonly feed: PriceFeed,
    private readonly config: JobsConfig,
  ) {}

  start(): void {
    if (this.timers.length > 0) return;
    this.tick = Math.floor(Date.now() / this.config.priceIntervalMs);
    this.every('prices', this.config.priceIntervalMs, async () => {
      const tick = ++this.tick;
      if (!this.feed.isOpen(new Date())) return;
      await this.tasks.prices(await this.tasks.universe(), tick);
    });
    this.every('scores', this.config.scoreIntervalMs, () => this.tasks.scores());
    this.every('news', this.config.newsIntervalMs, async () => this.tasks.news(await this.tasks.universe()));
  }

  /** Stops the timers and waits for the tasks in progress (so the database is not closed under them). */
  async stop(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    await Promise.allSettled(this.running.values());
  }

  private every(name: string, intervalMs: number, task: () => Promise<unknown>): void {
    const timer = setInterval(() => {
      if (this.running.has(name)) return;
      const run = task()
        .catch((error: Error) => this.logger.error(`${name} update failed: ${error.message}`))
        .finally(() => this.running.delete(name));
      this.running.set(name, run);
    }, intervalMs);
    timer.unref();
    this.timers.push(timer);
  }
}
