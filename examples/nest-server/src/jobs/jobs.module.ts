import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { ScoringRunner } from '../scoring/scoring-runner.js';
import { StocksModule } from '../stocks/stocks.module.js';
import { InProcessScheduler } from './in-process-scheduler.js';
import { LiveQuotesModule } from './live-quotes.module.js';
import { PriceFeed } from './price-feed.js';
import { ScheduleKeeper } from './schedule-keeper.js';
import { ScheduleStatus } from './schedule-status.js';
import { ScoreRunFollower } from './score-run-follower.js';
import { UPDATE_PROVIDERS } from './update-providers.js';
import { UpdateTasks } from './update-tasks.js';

/**
 * The server's side of the background work. Without `REDIS_URL` the in-process scheduler runs the
 * updates; with it the worker processes do (`npm run worker`), and this instance only follows
 * their scoring runs and reads their live quotes — their broadcasts reach its clients through the
 * Socket.IO Redis adapter.
 */
@Injectable()
export class JobsRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private scheduler: InProcessScheduler | undefined;
  private follower: ScoreRunFollower | undefined;
  private keeper: ScheduleKeeper | undefined;

  constructor(
    private readonly tasks: UpdateTasks,
    private readonly feed: PriceFeed,
    private readonly scoring: ScoringRunner,
    private readonly schedules: ScheduleStatus,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.redisUrl) {
      this.follower = new ScoreRunFollower(this.scoring, this.config.redisUrl, this.config.jobs);
      this.follower.start();
      // The server keeps the schedules too: a worker that is busy or restarting does not leave
      // Redis without them, and /ready reports them. Not awaited: the first check must not hold
      // up the start (it fails fast while Redis is away, and the next check repeats it).
      this.keeper = new ScheduleKeeper(this.config.redisUrl, this.config.jobs, this.schedules);
      void this.keeper.start();
    } else {
      this.schedules.state = 'in-process';
      this.scheduler = new InProcessScheduler(this.tasks, this.feed, this.config.jobs);
      this.scheduler.start();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.scheduler?.stop();
    await this.follower?.stop();
    await this.keeper?.stop();
  }
}

/**
 * Scheduler or queue follower and schedule keeper, the update tasks, and the live quotes REST
 * valuations read. Exports the {@link ScheduleStatus} `/ready` reports.
 */
@Module({
  imports: [StocksModule, LiveQuotesModule, RealtimeModule],
  providers: [...UPDATE_PROVIDERS, ScheduleStatus, JobsRuntime],
  exports: [ScheduleStatus],
})
export class JobsModule {}
