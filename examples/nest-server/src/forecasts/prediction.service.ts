import { type Prediction, StockPredictionEnsemble } from '@da-ki/ml';
import type { BarSeries } from '@da-ki/sdk';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CONFIG, DATABASE } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import { AnalysisService, type ScoredRun } from '../stocks/analysis.service.js';
import { DatabaseCacheStore } from '../stocks/database-cache-store.js';
import { ensembleOptions } from './forecast-settings.js';

/** Lifetime of a trained ensemble in the database before it is retrained. */
const MODEL_TTL_MS = 7 * 24 * 60 * 60_000;

/** Forecast state for clients: why there is no forecast yet, if there is none. */
export type ForecastStatus = 'off' | 'training' | 'ready' | 'failed';

/**
 * Price forecasts from `@da-ki/ml`'s stacked ensemble. Training runs in the background after the
 * first scoring run (never on a request), the trained model is kept in the database so a restart
 * only predicts (under a second for 467 symbols), and every scoring run refreshes the forecasts.
 */
@Injectable()
export class PredictionService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Forecasts');
  private readonly store: DatabaseCacheStore;
  private model: StockPredictionEnsemble | undefined;
  private training: Promise<void> | undefined;
  private predictions = new Map<string, Prediction>();
  status: ForecastStatus;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) database: Database,
    private readonly analysis: AnalysisService,
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
        this.logger.error(`forecasting failed: ${(error as Error).message}`);
      });
    this.analysis.runListeners.push((run) => void forecast(run));
    void this.analysis.latestRun().then(forecast, () => undefined);
  }

  /** The latest forecast of a symbol, if any. */
  get(symbol: string): Prediction | undefined {
    return this.predictions.get(symbol);
  }

  private async update(run: ScoredRun): Promise<void> {
    const inputs = await Promise.all(
      run.results.map(async (r) => ({ bars: (await this.analysis.bars(r.symbol)) as BarSeries })),
    );
    if (!this.model) {
      this.training ??= this.loadOrTrain(inputs).finally(() => {
        this.training = undefined;
      });
      await this.training;
    }
    if (!this.model) return;
    const predictions = await this.model.predict(inputs);
    this.predictions = new Map(predictions.map((p) => [p.symbol, p]));
    this.status = 'ready';
  }

  private async loadOrTrain(inputs: { bars: BarSeries }[]): Promise<void> {
    const mode = this.config.forecastMode as 'fast' | 'full';
    const key = `forecast-model:${this.analysis.providers.market.name}:${this.config.syntheticSeed}:${this.config.syntheticSymbols}:${mode}`;
    const saved = await this.store.get(key);
    if (saved && saved.expiresAt > Date.now()) {
      this.model = StockPredictionEnsemble.fromJSON(saved.value as never);
      this.logger.log(`loaded forecast model ${this.model.modelVersion}`);
      return;
    }
    const started = Date.now();
    this.logger.log(`training the forecast ensemble (${mode}) on ${inputs.length} symbols in the background`);
    const ensemble = new StockPredictionEnsemble(ensembleOptions(mode));
    const report = await ensemble.fit(inputs);
    this.model = ensemble;
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

/** A prediction as the API returns it. */
export function predictionView(p: Prediction | undefined, status: ForecastStatus) {
  if (!p) return { status };
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
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
