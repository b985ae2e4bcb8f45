import { setTimeout as delay } from 'node:timers/promises';
import {
  type EnsembleProgress,
  MIN_FORECAST_BARS,
  type Prediction,
  partitionByHistory,
  StockPredictionEnsemble,
} from '@da-ki/ml';
import type { BarSeries } from '@da-ki/sdk';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type Observable, Subject } from 'rxjs';
import { CONFIG, DATABASE } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import { DatabaseCacheStore } from '../market/database-cache-store.js';
import { MarketDataGateway } from '../market/market-data.gateway.js';
import type { ScoredRun } from '../scoring/score-run.js';
import { ScoringRunner } from '../scoring/scoring-runner.js';
import { ensembleOptions } from './forecast-settings.js';
import { TrainingLease } from './training-lease.js';

/** Lifetime of a trained ensemble in the database before it is retrained. */
const MODEL_TTL_MS = 7 * 24 * 60 * 60_000;
/** How often a process that waits for another's training looks for the saved model. */
const WAIT_POLL_MS = 2_000;

/** The forecasts made for one scoring run (published on {@link PredictionService.forecasts}). */
export interface RunForecasts {
  run: ScoredRun;
  predictions: readonly Prediction[];
  /** The ensemble that made them (its weights give each base model's own forecast). */
  model: StockPredictionEnsemble;
}

/** Forecast state for clients: why there is no forecast yet, if there is none. */
export type ForecastStatus = 'off' | 'training' | 'ready' | 'failed';

/**
 * Price forecasts from `@da-ki/ml`'s stacked ensemble. Training runs in the background after the
 * first scoring run (never on a request), the trained model is kept in the database so a restart
 * only predicts (under a second for 467 symbols), and every scoring run refreshes the forecasts.
 */
@Injectable()
export class PredictionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Forecasts');
  private readonly store: DatabaseCacheStore;
  private model: StockPredictionEnsemble | undefined;
  /** Data source the model was trained on: a model of another source is never used. */
  private modelSource: string | undefined;
  private training: Promise<void> | undefined;
  private predictions = new Map<string, Prediction>();
  /** Why a symbol of the served run has no forecast (too little history, a failed training). */
  private reasons = new Map<string, string>();
  /** Why the whole forecast failed, when it did. */
  private failure: string | undefined;
  status: ForecastStatus;
  private changes = 0;
  /** The latest progress event of the fit under way, if one is. */
  private fitProgress: EnsembleProgress | undefined;
  private readonly progressEvents = new Subject<EnsembleProgress>();
  private readonly made = new Subject<RunForecasts>();
  /** Ends a wait for another process's training when this one shuts down. */
  private readonly stopping = new AbortController();

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) private readonly database: Database,
    private readonly scoring: ScoringRunner,
    private readonly market: MarketDataGateway,
  ) {
    this.store = new DatabaseCacheStore(database);
    this.status = config.forecastMode === 'off' ? 'off' : 'training';
  }

  /** After every module is up: forecast the current run (a restart loads it from the database). */
  onApplicationBootstrap(): void {
    if (this.config.forecastMode === 'off') return;
    const forecast = (run: ScoredRun) =>
      this.update(run).catch((error) => {
        this.status = this.predictions.size > 0 ? 'ready' : 'failed';
        this.failure = `the forecast ensemble could not be trained: ${(error as Error).message}`;
        this.changes++;
        this.logger.error(`forecasting failed: ${(error as Error).message}`);
      });
    this.scoring.runs.subscribe(({ run }) => void forecast(run));
    // New data: forecasts and the model of the previous source are dropped (the next run retrains).
    this.market.sourceChanges.subscribe(() => {
      this.model = undefined;
      this.modelSource = undefined;
      this.predictions = new Map();
      this.reasons = new Map();
      this.failure = undefined;
      this.status = 'training';
      this.changes++;
    });
    void this.scoring.latestRun().then(forecast, () => undefined);
  }

  onApplicationShutdown(): void {
    this.stopping.abort();
  }

  /**
   * Changes whenever any symbol's forecast view may have changed (new predictions, a failure, a new
   * data source): responses that embed forecasts are reused while it stays the same.
   */
  get revision(): number {
    return this.changes;
  }

  /** Every set of forecasts made for a run, once they are served (the track record keeps them). */
  get forecasts(): Observable<RunForecasts> {
    return this.made.asObservable();
  }

  /** Every progress event of a fit of the ensemble in this process (stage, done / total, ETA). */
  get trainingProgress(): Observable<EnsembleProgress> {
    return this.progressEvents.asObservable();
  }

  /** The latest forecast of a symbol, if any. */
  get(symbol: string): Prediction | undefined {
    return this.predictions.get(symbol);
  }

  /** Why `symbol` has no forecast, when it has none and the reason is known. */
  reason(symbol: string): string | undefined {
    return this.reasons.get(symbol) ?? this.failure;
  }

  /** The forecast of a symbol as the API returns it. */
  view(symbol: string) {
    const prediction = this.predictions.get(symbol);
    if (prediction) return predictionView(prediction, 'ready');
    const reason = this.reason(symbol);
    // A model that predicted the run but left this symbol out has failed for it, and says why.
    if (reason !== undefined && this.status !== 'off') return { status: 'failed' as const, reason };
    if (this.status === 'training' && this.fitProgress)
      return { status: this.status, progress: progressView(this.fitProgress) };
    return predictionView(undefined, this.status);
  }

  private async update(run: ScoredRun): Promise<void> {
    const all = await Promise.all(run.results.map(async (r) => ({ bars: await this.market.bars(r.symbol) })));
    // A short series would fail the whole ensemble: forecast the others, and say why it has none.
    const { usable: inputs, tooShort } = partitionByHistory(all);
    const shortReasons = tooShort.map(
      ({ symbol, bars }) =>
        [symbol, `${symbol} needs at least ${MIN_FORECAST_BARS} bars, has ${bars}`] as const,
    );
    if (inputs.length === 0) {
      this.predictions = new Map();
      this.reasons = new Map(shortReasons);
      this.failure = undefined;
      this.status = 'failed';
      this.changes++;
      return;
    }
    if (this.modelSource !== run.sourceKey) {
      this.model = undefined;
      this.modelSource = undefined;
    }
    if (!this.model) {
      this.training ??= this.loadOrTrain(inputs, run.sourceKey).finally(() => {
        this.training = undefined;
      });
      await this.training;
    }
    if (!this.model || this.modelSource !== run.sourceKey) return;
    const predictions = await this.model.predict(inputs);
    // The source may have changed while predicting: forecasts of another source are not served.
    if (run.sourceKey !== this.market.sourceKey) return;
    this.predictions = new Map(predictions.map((p) => [p.symbol, p]));
    this.reasons = new Map([
      ...shortReasons,
      ...inputs
        .filter(({ bars }) => !this.predictions.has(bars.symbol))
        .map(
          ({ bars }) =>
            [
              bars.symbol,
              `${bars.symbol}: no complete feature row on its latest bar to forecast from`,
            ] as const,
        ),
    ]);
    this.failure = undefined;
    this.status = 'ready';
    this.changes++;
    this.made.next({ run, predictions, model: this.model });
  }

  /**
   * Loads the saved model of `source`, else trains one. Processes on one database (an instance and
   * its job worker, the processes of cluster mode) train it once: the one holding the
   * {@link TrainingLease} trains and saves, the others wait for the saved model.
   */
  private async loadOrTrain(inputs: { bars: BarSeries }[], source: string): Promise<void> {
    const mode = this.config.forecastMode as 'fast' | 'full';
    // The key names the data source: a model trained on other data is never loaded.
    const key = `forecast-model:${source}:${mode}`;
    if (await this.loadSaved(key, source)) return;
    const lease = new TrainingLease(this.database, `forecast-training:${source}:${mode}`);
    while (!(await lease.claim())) {
      this.showProgress(await lease.holderProgress());
      try {
        await delay(WAIT_POLL_MS, undefined, { signal: this.stopping.signal });
      } catch {
        return; // shutting down
      }
      if (await this.loadSaved(key, source)) return;
    }
    try {
      // The holder before us may have saved it between our last look and the claim.
      if (await this.loadSaved(key, source)) return;
      await this.train(inputs, source, key, mode, lease);
    } finally {
      await lease.release();
    }
  }

  /** Loads the model saved under `key` if there is a usable one; true when it did. */
  private async loadSaved(key: string, source: string): Promise<boolean> {
    const saved = await this.store.get(key);
    if (!saved || saved.expiresAt <= Date.now()) return false;
    try {
      this.model = StockPredictionEnsemble.fromJSON(saved.value as never);
      this.modelSource = source;
      this.fitProgress = undefined;
      this.logger.log(`loaded forecast model ${this.model.modelVersion}`);
      return true;
    } catch (error) {
      // A model saved by an older server (another format version) is retrained, not a reason to
      // serve no forecasts until it expires.
      this.logger.warn(`stored forecast model not usable (${(error as Error).message}); retraining`);
      return false;
    }
  }

  /** Another process's progress, shown as this one's while it waits for that model. */
  private showProgress(progress: EnsembleProgress | null): void {
    if (progress === null || JSON.stringify(progress) === JSON.stringify(this.fitProgress)) return;
    this.fitProgress = progress;
    this.changes++;
  }

  private async train(
    inputs: { bars: BarSeries }[],
    source: string,
    key: string,
    mode: 'fast' | 'full',
    lease: TrainingLease,
  ): Promise<void> {
    // Models of other sources are of no further use.
    await this.store.deletePrefix('forecast-model:');
    const started = Date.now();
    this.logger.log(`training the forecast ensemble (${mode}) on ${inputs.length} symbols in the background`);
    const ensemble = new StockPredictionEnsemble({
      ...ensembleOptions(mode),
      // Each event changes what the API says about a symbol in training: its progress.
      onProgress: (progress) => {
        this.fitProgress = progress;
        this.changes++;
        this.progressEvents.next(progress);
        lease.report(progress);
      },
    });
    const report = await ensemble.fit(inputs).finally(() => {
      this.fitProgress = undefined;
    });
    this.model = ensemble;
    this.modelSource = source;
    const expiresAt = Date.now() + MODEL_TTL_MS;
    await this.store.set(key, { value: ensemble.toJSON(), expiresAt });
    const ensembleMetrics = report.metrics.find((m) => m.model === 'ensemble');
    const zero = report.metrics.find((m) => m.model.includes('zero'));
    this.logger.log(
      `forecast ensemble ${ensemble.modelVersion} trained in ${((Date.now() - started) / 1000).toFixed(0)} s; ` +
        `out-of-fold RMSE ${ensembleMetrics?.rmse.toFixed(4)} vs zero-return baseline ${zero?.rmse.toFixed(4)}`,
    );
  }
}

/** A progress event of the ensemble's fit as the API returns it (percent of the stage, one decimal). */
export function progressView(p: EnsembleProgress) {
  return {
    stage: p.stage,
    done: p.done,
    total: p.total,
    percent: p.total > 0 ? Math.round((p.done / p.total) * 1000) / 10 : 0,
    eta_seconds: p.etaSeconds === null ? null : Math.round(p.etaSeconds),
  };
}

/** A prediction as the API returns it. */
export function predictionView(p: Prediction | undefined, status: ForecastStatus, reason?: string) {
  if (!p) return reason === undefined ? { status } : { status, reason };
  return {
    status: 'ready' as const,
    horizon_days: p.horizon,
    current_price: p.currentPrice,
    predicted_price: round(p.predictedPrice, 4),
    expected_return: round(p.expectedReturn, 6),
    interval: {
      lower: round(p.interval.lower, 4),
      upper: round(p.interval.upper, 4),
      level: p.interval.level,
    },
    confidence_level: round(p.confidenceLevel, 4),
    contributions: p.contributions,
    model_version: p.modelVersion,
    // What the walk-forward evaluation behind the interval checked: short histories get fewer splits.
    validation: {
      splits: p.validation.splits,
      rows_scored: p.validation.rowsScored,
      stacking: p.validation.stacking,
    },
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
