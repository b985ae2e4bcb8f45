import type { UniverseInput } from '../dataset/universe-dataset.js';
import { ModelNotFittedError } from '../model/errors.js';
import type { ModelJSON, Regressor } from '../model/regressor.js';
import { runTrainingTasks } from '../training/pool.js';
import { collectOutOfFold } from './collect-oof.js';
import { trainCustomModels } from './custom-models.js';
import { ensembleFromJSON, ensembleToJSON } from './ensemble-json.js';
import type {
  EnsembleProgress,
  EnsembleSettings,
  FittedEnsemble,
  StockPredictionEnsembleOptions,
  WalkForwardReport,
} from './ensemble-types.js';
import { evaluationPanel } from './evaluation-panel.js';
import { finalFit } from './final-fit.js';
import { FitProgress } from './fit-progress.js';
import { assertForecastableHistory } from './history.js';
import { buildDataset, planFolds } from './plan-folds.js';
import { planTasks } from './plan-tasks.js';
import { predictLatest } from './predict-rows.js';
import type { Prediction, ValidationSummary } from './prediction.js';
import { modelNamesOf, resolveSettings } from './settings.js';

export type {
  EnsembleProgress,
  EnsembleStage,
  OutOfFoldPanel,
  ReportedSplit,
  StockPredictionEnsembleOptions,
  WalkForwardReport,
} from './ensemble-types.js';
export { DEFAULT_BASE_MODELS } from './settings.js';

/**
 * Stacked ensemble of the base models (XGBoost, random forest and LSTM pooled across the universe,
 * ARIMA and Prophet per symbol) with a linear meta-model trained on OUT-OF-FOLD predictions from
 * walk-forward splits — not on in-sample predictions, which leak and reward the model that
 * overfits most (Wolpert 1992; Breiman 1996). Weights are non-negative (NNLS) or ridge-shrunk,
 * and exposed.
 *
 * `fit` also scores every model, the ensemble and naive baselines on the same out-of-fold rows. To
 * keep that score honest the ensemble of split k uses a meta-model fitted only on earlier splits'
 * rows whose targets were realised before split k starts, so the first splits serve as its
 * training set and are not scored. Prediction intervals are split-conformal on out-of-fold
 * residuals of the stacked forecast.
 */
export class StockPredictionEnsemble {
  readonly horizon: number;
  private readonly settings: EnsembleSettings;
  private fitted: FittedEnsemble | undefined;
  private lastReport: WalkForwardReport | undefined;

  constructor(options: StockPredictionEnsembleOptions = {}) {
    this.settings = resolveSettings(options);
    this.horizon = this.settings.horizon;
  }

  /** Base model names in meta-model column order (the pooled models, then ARIMA and Prophet). */
  get modelNames(): string[] {
    return modelNamesOf(this.settings);
  }

  /** Meta-model weight of each base model. */
  get weights(): Record<string, number> {
    const { meta } = this.state('read the weights of');
    return Object.fromEntries(meta.models.map((name, j) => [name, meta.weights[j] as number]));
  }

  /** Meta-model intercept (log return). */
  get intercept(): number {
    return this.state('read the intercept of').meta.intercept;
  }

  /** Identifies the trained state: training end date and a hash. */
  get modelVersion(): string {
    return this.state('read the version of').modelVersion;
  }

  /** What the walk-forward check of the trained ensemble covered (kept by `toJSON`). */
  get validation(): ValidationSummary {
    return this.state('read the validation of').validation;
  }

  /** The walk-forward report of the last `fit` (not kept by `toJSON`: its metrics are). */
  get report(): WalkForwardReport | undefined {
    return this.lastReport;
  }

  /**
   * Walk-forward training and evaluation, then the final fit: builds the pooled dataset, trains
   * every base model on each split (worker threads), fits the meta-model on the out-of-fold
   * predictions, scores everything against the baselines, and trains the final base models on the
   * latest window. `onProgress` hears every stage and every finished training task.
   *
   * Every input needs {@link MIN_FORECAST_BARS} bars (else `InsufficientHistoryError` naming the
   * symbols; `partitionByHistory` separates them beforehand). The walk-forward plan is
   * `options.validation` completed with the defaults, or derived from the data length when the
   * defaults do not fit (`report.validation` says which).
   */
  async fit(inputs: readonly UniverseInput[]): Promise<WalkForwardReport> {
    const settings = this.settings;
    const progress = new FitProgress(settings.onProgress, settings.workers);
    assertForecastableHistory(inputs);
    progress.enter('dataset', 1);
    const dataset = buildDataset(inputs, settings);
    const folds = planFolds(dataset, settings);
    const { tasks, symbolSlots } = planTasks(dataset, folds, settings);
    progress.step(1, 1);

    progress.enter('training', tasks.length);
    const run = await runTrainingTasks(tasks, {
      ...(settings.workers === undefined ? {} : { workers: settings.workers }),
      onProgress: (p) => progress.task(p),
    });
    const customCount = settings.specs.filter((s) => s.kind === 'custom').length;
    if (customCount > 0) progress.enter('custom models', customCount);
    const custom = await trainCustomModels(dataset, folds, settings, (done, total) =>
      progress.step(done, total),
    );

    progress.enter('evaluation', 1);
    const names = this.modelNames;
    const oof = collectOutOfFold(names, folds, run, custom, symbolSlots);
    const evaluation = evaluationPanel(names, dataset, folds, oof, settings);
    progress.step(1, 1);

    progress.enter('final fit', 1);
    this.fitted = finalFit(names, dataset, folds, oof, evaluation, custom, settings);
    progress.step(1, 1);
    this.lastReport = {
      horizon: settings.horizon,
      intervalLevel: settings.level,
      splits: evaluation.splits,
      metrics: evaluation.metrics,
      oof: evaluation.oof,
      trainingSeconds: oof.trainingSeconds,
      mode: run.mode,
      ...(run.fallbackReason ? { fallbackReason: run.fallbackReason } : {}),
      arimaFallbacks: oof.arimaFallbacks,
      prophetFallbacks: oof.prophetFallbacks,
      validation: this.fitted.validation,
    };
    return this.lastReport;
  }

  /**
   * Forecasts for every symbol of `inputs` (each needs enough bars for its features), from its
   * latest bar. Every input needs {@link MIN_FORECAST_BARS} bars (else `InsufficientHistoryError`
   * naming the symbols); a symbol whose latest bar has no complete feature row is left out.
   */
  async predict(inputs: readonly UniverseInput[]): Promise<Prediction[]> {
    const fitted = this.state('predict with');
    assertForecastableHistory(inputs);
    return predictLatest(buildDataset(inputs, this.settings), this.settings, fitted);
  }

  /** The trained ensemble: options, meta-model, interval data, every base model and per-symbol models. */
  toJSON(): ModelJSON {
    return ensembleToJSON(this.settings, this.state('serialise'));
  }

  /**
   * Rebuilds a trained ensemble. Custom base models are rebuilt by `revive` (and their factories
   * must be given again in `models` to `fit` anew). Ensembles saved before Prophet (version 2)
   * load without it.
   */
  static fromJSON(
    json: ModelJSON,
    options: {
      revive?: (json: ModelJSON) => Regressor;
      workers?: number;
      onProgress?: (p: EnsembleProgress) => void;
    } = {},
  ): StockPredictionEnsemble {
    const saved = ensembleFromJSON(json, options.revive);
    const ensemble = new StockPredictionEnsemble({
      ...saved.options,
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    ensemble.fitted = saved.fitted;
    return ensemble;
  }

  private state(action: string): FittedEnsemble {
    if (!this.fitted) throw new ModelNotFittedError('StockPredictionEnsemble', action);
    return this.fitted;
  }
}
