import type { FeatureEngineerOptions } from '@da-ki/sdk';
import type { ArimaForecaster } from '../arima/arima-forecaster.js';
import type { ModelFeatureName } from '../dataset/model-features.js';
import type { ModelMetrics } from '../metrics/forecast-metrics.js';
import type { Regressor } from '../model/regressor.js';
import type { ProphetForecaster, ProphetForecasterOptions } from '../prophet/prophet-forecaster.js';
import type { TrainingProgress } from '../training/pool.js';
import type { ArimaGrid } from '../training/tasks.js';
import type { WalkForwardOptions, WalkForwardSplit } from '../validation/walk-forward.js';
import type { WalkForwardPlan } from '../validation/walk-forward-plan.js';
import type { BaseModelSpec } from './base-models.js';
import type { LinearMetaModel, MetaModelKind } from './meta-model.js';
import type { ValidationSummary } from './prediction.js';

/** The stages of {@link StockPredictionEnsemble.fit}, in order. */
export type EnsembleStage = 'dataset' | 'training' | 'custom models' | 'evaluation' | 'final fit';

/**
 * Progress of `fit`: the stage, how far it is (`done` of `total`) and an estimate of the seconds
 * left in the whole fit. During `training` each event is also a {@link TrainingProgress} of the
 * task that just finished (`completed`, `total`, `task`, `seconds`, `mode`); in the other stages
 * `completed` = `done`, `task` = the stage and `seconds` = the seconds spent in it so far.
 */
export interface EnsembleProgress extends TrainingProgress {
  stage: EnsembleStage;
  done: number;
  /**
   * Estimated seconds left in the current stage: its elapsed time per unit done times the units
   * left (in `training` the units are tasks, the slowest kinds queued first, so the estimate errs
   * high early on); `null` before the first unit is done. Training is nearly all of a fit: the
   * later stages take seconds.
   */
  etaSeconds: number | null;
  /** Seconds since `fit` started. */
  elapsedSeconds: number;
}

/** Options of {@link StockPredictionEnsemble}. */
export interface StockPredictionEnsembleOptions {
  /** Forecast horizon in bars (trading days). Default 30. */
  horizon?: number;
  /** Pooled base models. Default {@link DEFAULT_BASE_MODELS}. */
  models?: readonly BaseModelSpec[];
  /**
   * The per-symbol ARIMA base model's order grid and constant, or `false` to leave ARIMA out.
   * Default p, q ≤ 1, d ≤ 1, `include: 'drift'` (the drift ranks stocks even where AIC would drop
   * it; pass `include: 'auto'` for auto.arima's choice).
   */
  arima?: false | Partial<ArimaGrid>;
  /**
   * Options of the per-symbol Prophet base model ({@link ProphetForecaster} on log closes; its
   * forecast is the fitted mean's change over the horizon), or `false` to leave it out. Default
   * `{}` (Prophet's defaults).
   */
  prophet?: false | ProphetForecasterOptions;
  /**
   * Walk-forward splits (the horizon is the ensemble's). Defaults: 5 splits, 30 test, 252 train,
   * gap = horizon. Options given are kept (and `fit` fails naming them when they cannot fit the
   * data); when the defaults do not fit, the others are derived from the data length (see
   * `planWalkForward`), down to {@link MIN_FORECAST_BARS} bars.
   */
  validation?: Omit<WalkForwardOptions, 'horizon'>;
  /** Meta-model: non-negative least squares (default) or ridge. */
  metaModel?: MetaModelKind;
  /** Ridge penalty, relative to the mean diagonal of the Gram matrix. Default 0.1. */
  ridgeAlpha?: number;
  /** Give the meta-model a free intercept. Default false: a weighted sum of the base forecasts. */
  metaIntercept?: boolean;
  /** Coverage of the prediction intervals. Default 0.9. */
  intervalLevel?: number;
  /** Model features. Default: the price-derived ones ({@link PRICE_MODEL_FEATURES}). */
  features?: readonly ModelFeatureName[];
  /** Windows of the feature engineer. */
  featureOptions?: FeatureEngineerOptions;
  /**
   * Fewest symbols a date needs for its cross-sectional IC in the report. Default 5; with fewer
   * symbols in the universe the IC columns stay empty ("—"): lower it (≥ 2) for small universes.
   */
  icMinCount?: number;
  /** Symbols per ARIMA (and per Prophet) training task. Default 25. */
  arimaBatchSize?: number;
  /** Worker threads for training; 0 trains in this thread. Default: available parallelism. */
  workers?: number;
  /** Called as `fit` goes: every stage and every finished training task (see {@link EnsembleProgress}). */
  onProgress?: (progress: EnsembleProgress) => void;
}

/** One walk-forward split as the report shows it. */
export interface ReportedSplit extends WalkForwardSplit {
  /** First and last calendar timestamps of the training and test windows. */
  trainDates: [from: number, to: number];
  testDates: [from: number, to: number];
  trainRows: number;
  testRows: number;
  /** Whether the ensemble (and so every model in the table) was scored on this split. */
  evaluated: boolean;
  /** Meta-model weights used for this split, when evaluated. */
  weights?: Record<string, number>;
}

/** Out-of-fold predictions of the evaluated rows: the data behind the metrics and the backtest. */
export interface OutOfFoldPanel {
  /** Symbol of each row. */
  symbols: string[];
  /** Timestamp of each row. */
  dates: Float64Array;
  /** Split of each row. */
  fold: Int32Array;
  /** Realised log return of each row. */
  actual: Float64Array;
  /** Predicted log return per model, ensemble and baseline. */
  predictions: Record<string, Float64Array>;
  /** Ensemble interval bounds (log return). */
  lower: Float64Array;
  upper: Float64Array;
}

/** What `fit` measured: the walk-forward evaluation of every model beside the baselines. */
export interface WalkForwardReport {
  horizon: number;
  intervalLevel: number;
  splits: ReportedSplit[];
  /** Base models, ARIMA, Prophet, the ensemble and the naive baselines, all on the same rows. */
  metrics: ModelMetrics[];
  oof: OutOfFoldPanel;
  /** Training seconds per model, summed over its tasks (all splits and the final fit). */
  trainingSeconds: Record<string, number>;
  /** Where training ran. */
  mode: 'workers' | 'in-process';
  /** Why worker threads were not used, when they were not. */
  fallbackReason?: string;
  /** Symbol fits where ctsa failed and the drift forecast stood in for ARIMA. */
  arimaFallbacks: number;
  /** Symbol fits Prophet could not make (too few values), where the drift forecast stood in. */
  prophetFallbacks: number;
  /** What was validated: the plan used, splits run and scored, rows scored, how forecasts were combined. */
  validation: ValidationSummary;
}

/** The ensemble's options, resolved and checked. @internal */
export interface EnsembleSettings {
  horizon: number;
  specs: readonly BaseModelSpec[];
  arimaGrid: ArimaGrid | false;
  prophetOptions: ProphetForecasterOptions | false;
  validationOptions: Omit<WalkForwardOptions, 'horizon'>;
  metaKind: MetaModelKind;
  ridgeAlpha: number;
  metaIntercept: boolean;
  level: number;
  features: readonly ModelFeatureName[] | undefined;
  featureOptions: FeatureEngineerOptions | undefined;
  arimaBatchSize: number;
  icMinCount: number;
  workers: number | undefined;
  onProgress: ((progress: EnsembleProgress) => void) | undefined;
}

/** The trained state. @internal */
export interface FittedEnsemble {
  names: string[];
  models: Regressor[];
  arima: Map<string, ArimaForecaster>;
  prophet: Map<string, ProphetForecaster>;
  meta: LinearMetaModel;
  radius: number;
  residualSketch: Float64Array;
  trainedThrough: number;
  modelVersion: string;
  plan: WalkForwardPlan;
  validation: ValidationSummary;
}

/** One walk-forward split with its training and test rows of the pooled dataset. @internal */
export interface Fold {
  split: WalkForwardSplit;
  train: Int32Array;
  test: Int32Array;
}

/** Per split, the symbol and anchor slot of each test row in the per-symbol results. @internal */
export type SymbolSlots = { symbol: string; slot: number }[][];
