import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { PredictionService, type RunForecasts } from '../forecasts/prediction.service.js';
import { MarketDataGateway } from '../market/market-data.gateway.js';
import { ScoreRunRepository } from '../scoring/score-run.repository.js';
import { ScoringRunner } from '../scoring/scoring-runner.js';
import { forecastRecords } from './forecast-records.js';
import { ModelPerformanceRepository } from './model-performance.repository.js';
import { outcomesFrom } from './outcomes.js';
import { recordKey } from './record-key.js';

/** How often outcomes are looked for besides after each run (data may move between runs). */
const OUTCOME_INTERVAL_MS = 60 * 60_000;

/**
 * Keeps the record of every forecast this process serves: each run's forecasts go beside its scores
 * in `growth_forecasts` and, one row per symbol, model and horizon, into `model_performance`; then
 * outcomes are filled for every forecast whose horizon has passed on the served data — at start-up,
 * after each set of forecasts, after each scoring run (new bars) and every hour.
 */
@Injectable()
export class TrackRecordRecorder implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('TrackRecord');
  private readonly subscriptions: Subscription[] = [];
  private timer: NodeJS.Timeout | undefined;
  private filling: Promise<number> | undefined;
  private fillAgain = false;

  constructor(
    private readonly predictions: PredictionService,
    private readonly scoring: ScoringRunner,
    private readonly market: MarketDataGateway,
    private readonly runs: ScoreRunRepository,
    private readonly performance: ModelPerformanceRepository,
  ) {}

  onApplicationBootstrap(): void {
    const failed = (what: string) => (error: Error) => this.logger.error(`${what} failed: ${error.message}`);
    this.subscriptions.push(
      this.predictions.forecasts.subscribe((forecasts) => {
        this.record(forecasts).catch(failed('recording forecasts'));
      }),
      this.scoring.runs.subscribe(() => {
        this.fillOutcomes().catch(failed('filling outcomes'));
      }),
    );
    // New bars may have arrived while the server was down.
    this.fillOutcomes().catch(failed('filling outcomes'));
    this.timer = setInterval(() => {
      this.fillOutcomes().catch(failed('filling outcomes'));
    }, OUTCOME_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    for (const s of this.subscriptions) s.unsubscribe();
    if (this.timer) clearInterval(this.timer);
  }

  /** Persists one run's forecasts (both tables), then fills what outcomes the data allows. */
  async record({ run, predictions, model }: RunForecasts, replayed = false): Promise<number> {
    await this.runs.saveForecasts(
      run.runId,
      predictions.map((p) => ({
        symbol: p.symbol,
        predictedPrice: p.predictedPrice,
        expectedReturn: p.expectedReturn,
      })),
    );
    const key = recordKey(run.source);
    const weights = model.weights;
    // When the row was written, replayed or not: retention (METRICS_RETENTION_DAYS) ages the record, not the origin.
    const recordedAt = new Date();
    const rows = predictions.flatMap((p) =>
      forecastRecords(p, weights, { dataSourceKey: key, replayed, recordedAt }),
    );
    const added = await this.performance.record(key, rows);
    if (!replayed) await this.fillOutcomes();
    return added;
  }

  /**
   * Fills actual price, return, accuracy, absolute error and inside-interval of every forecast of
   * the served source whose horizon has passed on its bars. One fill at a time; a call during a fill
   * runs once more after it (new data may have arrived). Returns how many forecasts were judged.
   */
  fillOutcomes(): Promise<number> {
    if (this.filling) {
      this.fillAgain = true;
      return this.filling;
    }
    this.filling = this.fillOnce().finally(() => {
      this.filling = undefined;
      if (this.fillAgain) {
        this.fillAgain = false;
        void this.fillOutcomes().catch(() => undefined);
      }
    });
    return this.filling;
  }

  private async fillOnce(): Promise<number> {
    const key = recordKey(this.market.source);
    const pending = await this.performance.pending(key);
    if (pending.length === 0) return 0;
    const symbols = [...new Set(pending.map((p) => p.symbol))];
    const bars = new Map(
      await Promise.all(
        symbols.map(async (s) => [s, await this.market.bars(s).catch(() => undefined)] as const),
      ),
    );
    const outcomes = outcomesFrom(pending, (s) => bars.get(s));
    const judged = await this.performance.saveOutcomes(key, outcomes);
    if (judged > 0) this.logger.log(`judged ${judged} forecasts whose horizon has passed`);
    return judged;
  }
}
