import { FeatureEngineer, type FeatureEngineerOptions, InvalidArgumentError } from '@da-ki/sdk';
import { ArimaForecaster } from '../arima/arima-forecaster.js';
import type { ModelFeatureName } from '../dataset/model-features.js';
import {
  buildUniverseDataset,
  type UniverseDataset,
  type UniverseInput,
} from '../dataset/universe-dataset.js';
import { evaluateForecasts, type ModelMetrics } from '../metrics/forecast-metrics.js';
import { InsufficientHistoryError, ModelNotFittedError, ModelTrainingError } from '../model/errors.js';
import type { ModelJSON, Regressor } from '../model/regressor.js';
import { assertInRange, assertInteger, assertModelJSON } from '../model/validate.js';
import { ProphetForecaster, type ProphetForecasterOptions } from '../prophet/prophet-forecaster.js';
import { runTrainingTasks, type TrainingProgress } from '../training/pool.js';
import type {
  ArimaGrid,
  ArimaResult,
  ProphetResult,
  ProphetSymbolJob,
  RegressorResult,
  TrainingTask,
} from '../training/tasks.js';
import {
  type WalkForwardOptions,
  type WalkForwardSplit,
  WalkForwardValidator,
} from '../validation/walk-forward.js';
import { minimumPlanRows, planWalkForward, type WalkForwardPlan } from '../validation/walk-forward-plan.js';
import {
  type BaseModelSpec,
  type BuiltInModelSpec,
  type CustomModelSpec,
  regressorFromJSON,
  specName,
  specTimesteps,
} from './base-models.js';
import { BASELINE_NAMES, driftForecast, meanOf } from './baselines.js';
import { conformalRadius, quantileSketch, signProbability } from './conformal.js';
import {
  equalWeightForecasts,
  type ForwardStackedSplit,
  forwardStackedForecasts,
} from './forward-stacking.js';
import { assertForecastableHistory, MIN_FORECAST_BARS } from './history.js';
import {
  applyMetaModel,
  equalWeightMetaModel,
  fitMetaModel,
  type LinearMetaModel,
  type MetaModelKind,
} from './meta-model.js';
import type { Prediction, ValidationSummary } from './prediction.js';

/** The base models used when none are given: XGBoost, random forest and LSTM (plus ARIMA and Prophet). */
export const DEFAULT_BASE_MODELS: readonly BuiltInModelSpec[] = [
  { kind: 'xgboost' },
  { kind: 'randomForest' },
  { kind: 'lstm' },
];

/** Options of {@link StockPredictionEnsemble}. */
export interface StockPredictionEnsembleOptions {
  /** Forecast horizon in bars (trading days). Default 30. */
  horizon?: number;
  /** Pooled base models. Default {@link DEFAULT_BASE_MODELS}. */
  models?: readonly BaseModelSpec[];
  /** The per-symbol ARIMA base model's order grid, or `false` to leave ARIMA out. Default p, q ≤ 1, d ≤ 1. */
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
  /** Called after each finished training task. */
  onProgress?: (progress: TrainingProgress) => void;
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
  /** Base models, ARIMA, the ensemble and the naive baselines, all on the same rows. */
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

// 2: the trained state carries its walk-forward plan and validation summary
// 3: Prophet per symbol (version 2 loads, without Prophet)
const VERSION = 3;
const ARIMA_TAIL = 300;

interface Fitted {
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

/**
 * Stacked ensemble of the base models (XGBoost, random forest and LSTM pooled across the universe,
 * ARIMA per symbol) with a linear meta-model trained on OUT-OF-FOLD predictions from walk-forward
 * splits — not on in-sample predictions, which leak and reward the model that overfits most
 * (Wolpert 1992; Breiman 1996). Weights are non-negative (NNLS) or ridge-shrunk, and exposed.
 *
 * `fit` also scores every model, the ensemble and naive baselines on the same out-of-fold rows. To
 * keep that score honest the ensemble of split k uses a meta-model fitted only on earlier splits'
 * rows whose targets were realised before split k starts, so the first splits serve as its
 * training set and are not scored. Prediction intervals are split-conformal on out-of-fold
 * residuals of the stacked forecast.
 */
export class StockPredictionEnsemble {
  readonly horizon: number;
  private readonly specs: readonly BaseModelSpec[];
  private readonly arimaGrid: ArimaGrid | false;
  private readonly prophetOptions: ProphetForecasterOptions | false;
  private readonly validationOptions: Omit<WalkForwardOptions, 'horizon'>;
  private readonly metaKind: MetaModelKind;
  private readonly ridgeAlpha: number;
  private readonly metaIntercept: boolean;
  private readonly level: number;
  private readonly features: readonly ModelFeatureName[] | undefined;
  private readonly featureOptions: FeatureEngineerOptions | undefined;
  private readonly arimaBatchSize: number;
  private readonly icMinCount: number;
  private readonly workers: number | undefined;
  private readonly onProgress: ((progress: TrainingProgress) => void) | undefined;
  private fitted: Fitted | undefined;
  private lastReport: WalkForwardReport | undefined;

  constructor(options: StockPredictionEnsembleOptions = {}) {
    this.horizon = options.horizon ?? 30;
    this.specs = options.models ?? DEFAULT_BASE_MODELS;
    this.arimaGrid = options.arima === false ? false : { maxP: 1, maxQ: 1, maxD: 1, ...options.arima };
    this.prophetOptions = options.prophet === false ? false : { ...options.prophet };
    // checks the Prophet options now rather than in a worker
    if (this.prophetOptions !== false) new ProphetForecaster(this.prophetOptions);
    this.validationOptions = options.validation ?? {};
    this.metaKind = options.metaModel ?? 'nnls';
    this.ridgeAlpha = options.ridgeAlpha ?? 0.1;
    this.metaIntercept = options.metaIntercept ?? false;
    this.level = options.intervalLevel ?? 0.9;
    this.features = options.features;
    this.featureOptions = options.featureOptions;
    this.arimaBatchSize = options.arimaBatchSize ?? 25;
    this.icMinCount = options.icMinCount ?? 5;
    this.workers = options.workers;
    this.onProgress = options.onProgress;
    assertInteger('horizon', this.horizon, 1);
    assertInRange('intervalLevel', this.level, 0, 1, true);
    assertInRange('ridgeAlpha', this.ridgeAlpha, 0, Number.MAX_VALUE);
    assertInteger('arimaBatchSize', this.arimaBatchSize, 1);
    assertInteger('icMinCount', this.icMinCount, 2);
    if (this.metaKind !== 'nnls' && this.metaKind !== 'ridge') {
      throw new InvalidArgumentError(
        'metaModel',
        `must be "nnls" or "ridge", got ${JSON.stringify(this.metaKind)}`,
      );
    }
    const names = this.specs.map(specName);
    if (this.specs.length === 0 && this.arimaGrid === false && this.prophetOptions === false)
      throw new InvalidArgumentError('models', 'the ensemble needs at least one model');
    if (new Set(names).size !== names.length || names.includes('arima') || names.includes('prophet')) {
      throw new InvalidArgumentError(
        'models',
        `model names must be unique and not "arima" or "prophet": ${names.join(', ')}`,
      );
    }
    // validates the split options early (whether they fit is known only with the data)
    planWalkForward(Number.MAX_SAFE_INTEGER, this.horizon, this.validationOptions);
  }

  /** Base model names in meta-model column order (the pooled models, then ARIMA and Prophet). */
  get modelNames(): string[] {
    return [
      ...this.specs.map(specName),
      ...(this.arimaGrid === false ? [] : ['arima']),
      ...(this.prophetOptions === false ? [] : ['prophet']),
    ];
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
   * latest window.
   *
   * Every input needs {@link MIN_FORECAST_BARS} bars (else `InsufficientHistoryError` naming the
   * symbols; `partitionByHistory` separates them beforehand). The walk-forward plan is
   * `options.validation` completed with the defaults, or derived from the data length when the
   * defaults do not fit (`report.validation` says which).
   */
  async fit(inputs: readonly UniverseInput[]): Promise<WalkForwardReport> {
    assertForecastableHistory(inputs);
    const dataset = buildUniverseDataset(inputs, {
      horizon: this.horizon,
      ...(this.features ? { features: this.features } : {}),
      featureEngineer: new FeatureEngineer(this.featureOptions),
    });
    const last = dataset.lastLabelledDate;
    if (last < 0)
      throw new InvalidArgumentError(
        'inputs',
        `no symbol has more than ${this.horizon} bars after the feature warm-up`,
      );
    const plan = this.planFor(dataset, last);
    const validator = new WalkForwardValidator({
      nSplits: plan.nSplits,
      testSize: plan.testSize,
      trainSize: plan.trainSize,
      gap: plan.gap,
      minTrainSize: plan.minTrainSize,
      horizon: this.horizon,
    });
    const splits = validator.split(last + 1);
    const folds = splits.map((split, k) => {
      const train = Int32Array.from(dataset.trainingRows(split.train[0], split.train[1], split.test[0]));
      const test = Int32Array.from(dataset.labelledRows(split.test[0], split.test[1]));
      if (train.length === 0 || test.length === 0) {
        throw new InvalidArgumentError(
          'inputs',
          `walk-forward split ${k + 1} has ${train.length} training and ${test.length} test rows`,
        );
      }
      return { split, train, test };
    });
    const finalStart = Math.max(0, last + 1 - validator.trainSize);
    const finalTrain = Int32Array.from(dataset.trainingRows(finalStart, last + 1, Number.POSITIVE_INFINITY));

    // --- tasks: every built-in model on every split and on the final window; ARIMA per symbol batch
    const tasks: TrainingTask[] = [];
    const builtIn = this.specs.filter((s): s is BuiltInModelSpec => s.kind !== 'custom');
    for (const spec of builtIn) {
      const name = specName(spec);
      const timesteps = specTimesteps(spec);
      folds.forEach((fold, k) => {
        tasks.push({
          kind: 'regressor',
          id: `${name}#${k}`,
          spec,
          table: dataset.table,
          timesteps,
          train: fold.train,
          y: Float64Array.from(fold.train, (i) => dataset.y[i] as number),
          predict: fold.test,
          keepModel: false,
        });
      });
      tasks.push({
        kind: 'regressor',
        id: `${name}#final`,
        spec,
        table: dataset.table,
        timesteps,
        train: finalTrain,
        y: Float64Array.from(finalTrain, (i) => dataset.y[i] as number),
        predict: new Int32Array(0),
        keepModel: true,
      });
    }
    const symbolSlots =
      this.arimaGrid === false && this.prophetOptions === false
        ? undefined
        : this.symbolJobs(dataset, folds, finalStart, tasks);
    // slow tasks first, so the pool does not end waiting on one straggler
    const order = (t: TrainingTask) =>
      t.kind !== 'regressor' ? 2 : t.spec.kind === 'randomForest' ? 0 : t.spec.kind === 'lstm' ? 1 : 3;
    tasks.sort((a, b) => order(a) - order(b));
    const run = await runTrainingTasks(tasks, {
      ...(this.workers === undefined ? {} : { workers: this.workers }),
      ...(this.onProgress ? { onProgress: this.onProgress } : {}),
    });
    const byId = new Map(run.results.map((r) => [r.id, r]));
    const trainingSeconds: Record<string, number> = {};
    for (const result of run.results) {
      const name = result.kind === 'regressor' ? (result.id.split('#')[0] as string) : result.kind;
      trainingSeconds[name] = (trainingSeconds[name] ?? 0) + result.seconds;
    }

    // --- custom models train here (their factories cannot cross to a worker)
    const custom = new Map<string, { predictions: Float64Array[]; final: Regressor }>();
    for (const spec of this.specs.filter((s): s is CustomModelSpec => s.kind === 'custom')) {
      const started = performance.now();
      const timesteps = specTimesteps(spec);
      const predictions: Float64Array[] = [];
      for (const fold of folds) {
        const model = spec.create();
        await model.fit(
          dataset.inputs(Array.from(fold.train), timesteps),
          dataset.targets(Array.from(fold.train)),
        );
        predictions.push(await model.predict(dataset.inputs(Array.from(fold.test), timesteps)));
      }
      const final = spec.create();
      await final.fit(
        dataset.inputs(Array.from(finalTrain), timesteps),
        dataset.targets(Array.from(finalTrain)),
      );
      custom.set(spec.name, { predictions, final });
      trainingSeconds[spec.name] = (performance.now() - started) / 1000;
    }

    // --- out-of-fold matrix per split: one column per base model (ARIMA last)
    const names = this.modelNames;
    let arimaFallbacks = 0;
    const arimaResults = new Map<string, ArimaResult['symbols'][number]>();
    for (const result of run.results)
      if (result.kind === 'arima') for (const s of result.symbols) arimaResults.set(s.symbol, s);
    for (const s of arimaResults.values()) arimaFallbacks += s.fits.filter((f) => f.order === null).length;
    const prophetResults = new Map<string, ProphetResult['symbols'][number]>();
    for (const result of run.results)
      if (result.kind === 'prophet') for (const s of result.symbols) prophetResults.set(s.symbol, s);
    let prophetFallbacks = 0;
    for (const s of prophetResults.values()) prophetFallbacks += s.fits.filter((f) => f.error).length;
    const oofColumns = folds.map((_fold, k) =>
      names.map((name) => {
        if (name === 'arima' || name === 'prophet') {
          const results = name === 'arima' ? arimaResults : prophetResults;
          const slots = (symbolSlots as SymbolSlots)[k] as { symbol: string; slot: number }[];
          return Float64Array.from(
            slots,
            ({ symbol, slot }) => (results.get(symbol)?.fits[k]?.forecasts[slot] as number) ?? 0,
          );
        }
        const fromCustom = custom.get(name);
        if (fromCustom) return fromCustom.predictions[k] as Float64Array;
        return (byId.get(`${name}#${k}`) as RegressorResult).predictions;
      }),
    );
    const foldRows = folds.map((fold, k) =>
      Array.from(fold.test, (_, i) =>
        Float64Array.from(
          names,
          (__, j) => ((oofColumns[k] as Float64Array[])[j] as Float64Array)[i] as number,
        ),
      ),
    );

    // --- honest ensemble score: split k's meta-model sees only earlier rows realised before split k
    const reportedSplits: ReportedSplit[] = [];
    const panel = {
      fold: [] as number[],
      rows: [] as number[],
      ensemble: [] as number[],
      lower: [] as number[],
      upper: [] as number[],
    };
    const panelBase: number[][] = names.map(() => []);
    const panelBaselines: number[][] = BASELINE_NAMES.map(() => []);
    const stackingSplits = folds.map((fold, k) => ({
      testStart: fold.split.test[0],
      predictions: foldRows[k] as Float64Array[],
      targets: Float64Array.from(fold.test, (row) => dataset.y[row] as number),
      targetDates: Int32Array.from(fold.test, (row) => dataset.targetDateIndex[row] as number),
    }));
    let stacked: (ForwardStackedSplit | undefined)[] = forwardStackedForecasts(names, stackingSplits, {
      kind: this.metaKind,
      ridgeAlpha: this.ridgeAlpha,
      intercept: this.metaIntercept,
      level: this.level,
    });
    // a history too short for out-of-sample stacking weights: average the base models instead
    const equalWeights = plan.derived && stacked.every((split) => split === undefined);
    if (equalWeights) stacked = equalWeightForecasts(names, stackingSplits, this.level);
    folds.forEach((fold, k) => {
      const scored = stacked[k];
      const reported: ReportedSplit = {
        ...fold.split,
        trainDates: [
          dataset.dates[fold.split.train[0]] as number,
          dataset.dates[fold.split.train[1] - 1] as number,
        ],
        testDates: [
          dataset.dates[fold.split.test[0]] as number,
          dataset.dates[fold.split.test[1] - 1] as number,
        ],
        trainRows: fold.train.length,
        testRows: fold.test.length,
        evaluated: scored !== undefined,
        ...(scored
          ? { weights: Object.fromEntries(names.map((name, j) => [name, scored.meta.weights[j] as number])) }
          : {}),
      };
      reportedSplits.push(reported);
      if (!scored) return;
      const historicalMean = meanOf(Float64Array.from(fold.train, (i) => dataset.y[i] as number));
      fold.test.forEach((row, i) => {
        const p = scored.forecasts[i] as number;
        panel.fold.push(k);
        panel.rows.push(row);
        panel.ensemble.push(p);
        // no honest interval yet for this split: its rows are left out of the coverage
        panel.lower.push(scored.radius === null ? Number.NaN : p - scored.radius);
        panel.upper.push(scored.radius === null ? Number.NaN : p + scored.radius);
        names.forEach((_, j) => {
          (panelBase[j] as number[]).push(
            ((oofColumns[k] as Float64Array[])[j] as Float64Array)[i] as number,
          );
        });
        const series = dataset.series[
          dataset.symbolIndex[row] as number
        ] as UniverseDataset['series'][number];
        const bar = dataset.barIndex[row] as number;
        (panelBaselines[0] as number[]).push(0);
        // drift over the trailing training-window length up to the forecast origin (no future bars)
        (panelBaselines[1] as number[]).push(
          driftForecast(series.logClose, Math.max(0, bar + 1 - validator.trainSize), bar + 1, this.horizon),
        );
        (panelBaselines[2] as number[]).push(historicalMean);
      });
    });
    if (panel.rows.length === 0) {
      throw new InvalidArgumentError(
        'validation',
        `no split can be scored: the meta-model needs earlier splits whose targets are realised before a later split starts; use more splits (nSplits ≥ ${Math.ceil((this.horizon - 1) / validator.testSize) + 2} for a horizon of ${this.horizon} and test windows of ${validator.testSize})`,
      );
    }
    const actual = Float64Array.from(panel.rows, (row) => dataset.y[row] as number);
    const dates = Float64Array.from(
      panel.rows,
      (row) => dataset.dates[dataset.dateIndex[row] as number] as number,
    );
    const predictions: Record<string, Float64Array> = {};
    names.forEach((name, j) => {
      predictions[name] = Float64Array.from(panelBase[j] as number[]);
    });
    predictions.ensemble = Float64Array.from(panel.ensemble);
    BASELINE_NAMES.forEach((name, j) => {
      predictions[name] = Float64Array.from(panelBaselines[j] as number[]);
    });
    const lower = Float64Array.from(panel.lower);
    const upper = Float64Array.from(panel.upper);
    const metrics = Object.entries(predictions).map(([model, predicted]) => {
      const row = evaluateForecasts({ model, dates, predicted, actual }, { minCount: this.icMinCount });
      return model === 'ensemble' ? { ...row, coverage: coverageWhereKnown(actual, lower, upper) } : row;
    });

    // --- final meta-model on every out-of-fold row; intervals from its residuals
    const allP = foldRows.flat();
    const allY = Float64Array.from(
      folds.flatMap((fold) => Array.from(fold.test, (row) => dataset.y[row] as number)),
    );
    const meta = equalWeights
      ? equalWeightMetaModel(names)
      : fitMetaModel(names, allP, allY, this.metaKind, this.ridgeAlpha, this.metaIntercept);
    const residuals = allP.map((row, i) => (allY[i] as number) - applyMetaModel(meta, row));
    const models = this.specs.map((spec) => {
      const name = specName(spec);
      const fromCustom = custom.get(name);
      if (fromCustom) return fromCustom.final;
      const result = byId.get(`${name}#final`) as RegressorResult;
      if (!result.model) throw new ModelTrainingError(name, 'the final model was not returned');
      return regressorFromJSON(result.model);
    });
    const arima = new Map<string, ArimaForecaster>();
    for (const [symbol, result] of arimaResults)
      if (result.model) arima.set(symbol, ArimaForecaster.fromJSON(result.model));
    const prophet = new Map<string, ProphetForecaster>();
    for (const [symbol, result] of prophetResults)
      if (result.model) prophet.set(symbol, ProphetForecaster.fromJSON(result.model));
    const trainedThrough = dataset.dates[dataset.dates.length - 1] as number;
    const validation: ValidationSummary = {
      splits: folds.length,
      scoredSplits: reportedSplits.filter((s) => s.evaluated).length,
      rowsScored: actual.length,
      testSize: plan.testSize,
      trainSize: plan.trainSize,
      gap: plan.gap,
      derived: plan.derived,
      stacking: meta.kind,
    };
    this.fitted = {
      names,
      models,
      arima,
      prophet,
      meta,
      radius: conformalRadius(residuals, this.level),
      residualSketch: quantileSketch(residuals),
      trainedThrough,
      modelVersion: '',
      plan,
      validation,
    };
    this.fitted.modelVersion = `${new Date(trainedThrough).toISOString().slice(0, 10)}.${fnv1a(JSON.stringify(this.toJSON().data))}`;
    this.lastReport = {
      horizon: this.horizon,
      intervalLevel: this.level,
      splits: reportedSplits,
      metrics,
      oof: {
        symbols: panel.rows.map(
          (row) => (dataset.series[dataset.symbolIndex[row] as number] as { symbol: string }).symbol,
        ),
        dates,
        fold: Int32Array.from(panel.fold),
        actual,
        predictions,
        lower,
        upper,
      },
      trainingSeconds,
      mode: run.mode,
      ...(run.fallbackReason ? { fallbackReason: run.fallbackReason } : {}),
      arimaFallbacks,
      prophetFallbacks,
      validation,
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
    const dataset = buildUniverseDataset(inputs, {
      horizon: this.horizon,
      ...(this.features ? { features: this.features } : {}),
      featureEngineer: new FeatureEngineer(this.featureOptions),
    });
    const rows = dataset.latestRows();
    if (rows.length === 0) return [];
    const columns: Float64Array[] = [];
    for (const [j, spec] of this.specs.entries()) {
      columns.push(await (fitted.models[j] as Regressor).predict(dataset.inputs(rows, specTimesteps(spec))));
    }
    if (this.arimaGrid !== false)
      columns.push(Float64Array.from(rows, (row) => this.arimaForecast(dataset, row)));
    if (this.prophetOptions !== false)
      columns.push(Float64Array.from(rows, (row) => this.prophetForecast(dataset, row)));
    return rows.map((row, i) => {
      const series = dataset.series[dataset.symbolIndex[row] as number] as UniverseDataset['series'][number];
      const bar = dataset.barIndex[row] as number;
      const price = series.close[bar] as number;
      const basePredictions = columns.map((column) => column[i] as number);
      const expectedLogReturn = applyMetaModel(fitted.meta, basePredictions);
      const contributions: Record<string, number> = {};
      fitted.names.forEach((name, j) => {
        contributions[name] = (fitted.meta.weights[j] as number) * (basePredictions[j] as number);
      });
      contributions.intercept = fitted.meta.intercept;
      return {
        symbol: series.symbol,
        currentPrice: price,
        asOf: series.timestamps[bar] as number,
        horizon: this.horizon,
        predictedPrice: price * Math.exp(expectedLogReturn),
        expectedReturn: Math.expm1(expectedLogReturn),
        expectedLogReturn,
        interval: {
          lower: price * Math.exp(expectedLogReturn - fitted.radius),
          upper: price * Math.exp(expectedLogReturn + fitted.radius),
          level: this.level,
        },
        confidenceLevel: signProbability(fitted.residualSketch, expectedLogReturn),
        contributions,
        modelVersion: fitted.modelVersion,
        validation: { ...fitted.validation },
      };
    });
  }

  /** The trained ensemble: options, meta-model, interval data, every base model and per-symbol ARIMA. */
  toJSON(): ModelJSON {
    const fitted = this.state('serialise');
    return {
      type: 'StockPredictionEnsemble',
      version: VERSION,
      data: {
        options: {
          horizon: this.horizon,
          models: this.specs.map((spec) =>
            spec.kind === 'custom'
              ? { kind: 'custom', name: spec.name, input: spec.input ?? 'rows', timesteps: spec.timesteps }
              : spec,
          ),
          arima: this.arimaGrid,
          prophet: this.prophetOptions,
          validation: this.validationOptions,
          metaModel: this.metaKind,
          ridgeAlpha: this.ridgeAlpha,
          metaIntercept: this.metaIntercept,
          intervalLevel: this.level,
          features: this.features,
          featureOptions: this.featureOptions,
          arimaBatchSize: this.arimaBatchSize,
          icMinCount: this.icMinCount,
        },
        names: fitted.names,
        meta: fitted.meta,
        radius: fitted.radius,
        residualSketch: Array.from(fitted.residualSketch),
        models: fitted.models.map((model) => model.toJSON()),
        arima: Object.fromEntries(
          [...fitted.arima].map(([symbol, forecaster]) => [symbol, forecaster.toJSON()]),
        ),
        prophet: Object.fromEntries(
          [...fitted.prophet].map(([symbol, forecaster]) => [symbol, forecaster.toJSON()]),
        ),
        trainedThrough: fitted.trainedThrough,
        modelVersion: fitted.modelVersion,
        plan: fitted.plan,
        validation: fitted.validation,
      },
    };
  }

  /**
   * Rebuilds a trained ensemble. Custom base models are rebuilt by `revive` (and their factories
   * must be given again in `models` to `fit` anew).
   */
  static fromJSON(
    json: ModelJSON,
    options: {
      revive?: (json: ModelJSON) => Regressor;
      workers?: number;
      onProgress?: (p: TrainingProgress) => void;
    } = {},
  ): StockPredictionEnsemble {
    // version 2 (before Prophet) reads as an ensemble without Prophet
    const version2 = (json as { version?: unknown }).version === 2;
    assertModelJSON(json, 'StockPredictionEnsemble', version2 ? 2 : VERSION);
    const data = json.data as {
      options: StockPredictionEnsembleOptions & { models: BaseModelSpec[] };
      names: string[];
      meta: LinearMetaModel;
      radius: number;
      residualSketch: number[];
      models: ModelJSON[];
      arima: Record<string, ModelJSON>;
      prophet?: Record<string, ModelJSON>;
      trainedThrough: number;
      modelVersion: string;
      plan: WalkForwardPlan;
      validation: ValidationSummary;
    };
    const specs = data.options.models.map((spec) =>
      spec.kind === 'custom'
        ? {
            ...spec,
            create: () => {
              throw new InvalidArgumentError(
                'models',
                `custom model ${spec.name} has no factory after fromJSON; pass it to a new ensemble to refit`,
              );
            },
          }
        : spec,
    );
    const ensemble = new StockPredictionEnsemble({
      ...data.options,
      ...(version2 ? { prophet: false as const } : {}),
      models: specs,
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    ensemble.fitted = {
      names: data.names,
      models: data.models.map((model) => regressorFromJSON(model, options.revive)),
      arima: new Map(
        Object.entries(data.arima).map(([symbol, model]) => [symbol, ArimaForecaster.fromJSON(model)]),
      ),
      prophet: new Map(
        Object.entries(data.prophet ?? {}).map(([symbol, model]) => [
          symbol,
          ProphetForecaster.fromJSON(model),
        ]),
      ),
      meta: data.meta,
      radius: data.radius,
      residualSketch: Float64Array.from(data.residualSketch),
      trainedThrough: data.trainedThrough,
      modelVersion: data.modelVersion,
      plan: data.plan,
      validation: data.validation,
    };
    return ensemble;
  }

  /** ARIMA's expected log return for a row: its symbol's fitted model, else the recent drift. */
  private arimaForecast(dataset: UniverseDataset, row: number): number {
    const series = dataset.series[dataset.symbolIndex[row] as number] as UniverseDataset['series'][number];
    const bar = dataset.barIndex[row] as number;
    const history = series.logClose.subarray(Math.max(0, bar + 1 - ARIMA_TAIL), bar + 1);
    const forecaster = this.fitted?.arima.get(series.symbol);
    if (forecaster) {
      try {
        return (
          (forecaster.forecastFrom(history, this.horizon).mean[this.horizon - 1] as number) -
          (series.logClose[bar] as number)
        );
      } catch (error) {
        if (!(error instanceof InvalidArgumentError)) throw error;
      }
    }
    const trainSize = (this.fitted as Fitted).plan.trainSize;
    return driftForecast(series.logClose, Math.max(0, bar + 1 - trainSize), bar + 1, this.horizon);
  }

  /** Prophet's expected log return for a row: its symbol's fitted model's mean change, else the recent drift. */
  private prophetForecast(dataset: UniverseDataset, row: number): number {
    const series = dataset.series[dataset.symbolIndex[row] as number] as UniverseDataset['series'][number];
    const bar = dataset.barIndex[row] as number;
    const forecaster = this.fitted?.prophet.get(series.symbol);
    if (forecaster) return forecaster.meanChange(series.timestamps[bar] as number, this.horizon);
    const trainSize = (this.fitted as Fitted).plan.trainSize;
    return driftForecast(series.logClose, Math.max(0, bar + 1 - trainSize), bar + 1, this.horizon);
  }

  /**
   * Appends the per-symbol tasks (ARIMA, Prophet: the same windows and anchors); returns, per
   * split, which symbol and anchor slot each test row uses.
   */
  private symbolJobs(
    dataset: UniverseDataset,
    folds: { split: WalkForwardSplit; test: Int32Array }[],
    finalStart: number,
    tasks: TrainingTask[],
  ): SymbolSlots {
    const jobs = new Map<number, ProphetSymbolJob>();
    dataset.series.forEach((series, s) => {
      if (series.rowCount === 0) return;
      const fits = folds.map(({ split }) => {
        const [start, end] = barRange(series.dateIndex, split.train[0], split.train[1]);
        return { start, end, anchors: [] as number[] };
      });
      const [start] = barRange(series.dateIndex, finalStart, dataset.dates.length);
      fits.push({ start, end: series.logClose.length, anchors: [] });
      jobs.set(s, {
        symbol: series.symbol,
        logClose: series.logClose,
        timestamps: series.timestamps,
        fits,
        keepLastModel: true,
      });
    });
    const slots: SymbolSlots = folds.map(({ test }, k) =>
      Array.from(test, (row) => {
        const job = jobs.get(dataset.symbolIndex[row] as number) as ProphetSymbolJob;
        const anchors = (job.fits[k] as ProphetSymbolJob['fits'][number]).anchors;
        anchors.push(dataset.barIndex[row] as number);
        return { symbol: job.symbol, slot: anchors.length - 1 };
      }),
    );
    const all = [...jobs.values()];
    for (let i = 0; i < all.length; i += this.arimaBatchSize) {
      const batch = all.slice(i, i + this.arimaBatchSize);
      const id = i / this.arimaBatchSize;
      if (this.arimaGrid !== false)
        tasks.push({
          kind: 'arima',
          id: `arima#${id}`,
          horizon: this.horizon,
          grid: this.arimaGrid,
          jobs: batch.map(({ timestamps: _timestamps, ...job }) => job),
        });
      if (this.prophetOptions !== false)
        tasks.push({
          kind: 'prophet',
          id: `prophet#${id}`,
          horizon: this.horizon,
          options: this.prophetOptions,
          jobs: batch,
        });
    }
    return slots;
  }

  /**
   * The walk-forward plan for the dataset's usable dates (from the first feature row to the last
   * realised target). Too few of them for any plan, with no option given, is a history problem:
   * `InsufficientHistoryError` with the bars a series of this horizon needs.
   */
  private planFor(dataset: UniverseDataset, last: number): WalkForwardPlan {
    let first = last;
    for (const d of dataset.dateIndex) if (d < first) first = d;
    const usable = last + 1 - first;
    const given = Object.values(this.validationOptions).some((value) => value !== undefined);
    const needed = minimumPlanRows(this.horizon, this.validationOptions.gap);
    if (!given && usable < needed) {
      const longest = dataset.series.reduce((a, b) => (b.close.length > a.close.length ? b : a));
      const minimum = Math.max(MIN_FORECAST_BARS, longest.close.length + needed - usable);
      throw new InsufficientHistoryError(
        minimum,
        [{ symbol: longest.symbol, bars: longest.close.length }],
        `a horizon of ${this.horizon} needs ${needed} dates with features and a realised target, the data has ${usable}`,
      );
    }
    return planWalkForward(usable, this.horizon, this.validationOptions);
  }

  private state(action: string): Fitted {
    if (!this.fitted) throw new ModelNotFittedError('StockPredictionEnsemble', action);
    return this.fitted;
  }
}

type SymbolSlots = { symbol: string; slot: number }[][];

/** Bars `[start, end)` of a symbol whose calendar index lies in `[from, to)`. */
function barRange(dateIndex: Int32Array, from: number, to: number): [number, number] {
  const lowerBound = (value: number) => {
    let lo = 0;
    let hi = dateIndex.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((dateIndex[mid] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return [lowerBound(from), lowerBound(to)];
}

/** 32-bit FNV-1a hash of a string, as 8 hex digits. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Share of outcomes inside their interval, over the rows that have one; `null` when none has. */
function coverageWhereKnown(actual: Float64Array, lower: Float64Array, upper: Float64Array): number | null {
  let rows = 0;
  let inside = 0;
  for (let i = 0; i < actual.length; i++) {
    const lo = lower[i] as number;
    const hi = upper[i] as number;
    if (Number.isNaN(lo) || Number.isNaN(hi)) continue;
    rows++;
    const a = actual[i] as number;
    if (a >= lo && a <= hi) inside++;
  }
  return rows === 0 ? null : inside / rows;
}
