import { performance } from 'node:perf_hooks';
import { DaKiError } from '@da-ki/sdk';
import { ArimaForecaster, type ArimaInclude, type ArimaOrder } from '../arima/arima-forecaster.js';
import { type FeatureTable, tableInputs } from '../dataset/feature-table.js';
import { type BuiltInModelSpec, createBuiltInRegressor } from '../ensemble/base-models.js';
import type { ModelJSON } from '../model/regressor.js';
import type { ProphetForecasterOptions } from '../prophet/prophet-forecaster.js';
import { type ForestTreesTask, growForestTrees } from '../random-forest/forest-training.js';
import type { GrownTree } from '../random-forest/histogram-tree.js';
import { runProphetJob } from './prophet-job.js';

/** Fit one built-in regressor on rows of a feature table and predict other rows with it. */
export interface RegressorTask {
  kind: 'regressor';
  /** Caller's key for the result. */
  id: string;
  spec: BuiltInModelSpec;
  /** The feature table (one flat buffer: cheap to post to a worker). */
  table: FeatureTable;
  /** Model input: single rows (0) or windows of this many rows (sequence models). */
  timesteps: number;
  /** Training rows of the table. */
  train: Int32Array;
  /** Targets of the training rows. */
  y: Float64Array;
  /** Rows to predict once trained (e.g. the test window). */
  predict: Int32Array;
  /** Return the trained model's JSON (for the final models). */
  keepModel: boolean;
}

/** Orders tried when selecting an ARIMA order. */
export interface ArimaGrid {
  /** The constant (see {@link ArimaInclude}); default `'auto'`, chosen on each symbol's first window. */
  include?: ArimaInclude;
  maxP: number;
  maxQ: number;
  maxD: number;
}

/** One symbol's ARIMA work: a fit per window and forecasts from anchors after it. */
export interface ArimaSymbolJob {
  symbol: string;
  /** Log closes of the symbol, all bars. */
  logClose: Float64Array;
  /**
   * Fits in order: estimate on bars `[start, end)`, then forecast from each anchor bar `t`
   * (using bars `[start, t]`) the log return to `t + horizon`.
   */
  fits: { start: number; end: number; anchors: number[] }[];
  /** Return the last fit's model JSON. */
  keepLastModel: boolean;
}

/** ARIMA for a batch of symbols: the order is chosen by AIC on each symbol's first window. */
export interface ArimaTask {
  kind: 'arima';
  id: string;
  horizon: number;
  grid: ArimaGrid;
  jobs: ArimaSymbolJob[];
}

/** One symbol's Prophet work: as {@link ArimaSymbolJob}, with the bars' timestamps. */
export interface ProphetSymbolJob extends ArimaSymbolJob {
  timestamps: Float64Array;
}

/** Prophet for a batch of symbols: a fit per window, the mean change over the horizon per anchor. */
export interface ProphetTask {
  kind: 'prophet';
  id: string;
  horizon: number;
  options: ProphetForecasterOptions;
  jobs: ProphetSymbolJob[];
}

/** Work for {@link runTrainingTask}: plain data, so it can be posted to a worker thread. */
export type TrainingTask = RegressorTask | ArimaTask | ProphetTask | ForestTreesTask;

/** Result of a {@link RegressorTask}. */
export interface RegressorResult {
  kind: 'regressor';
  id: string;
  predictions: Float64Array;
  model?: ModelJSON;
  seconds: number;
}

/** ARIMA outcome for one fit of one symbol. */
export interface ArimaFitOutcome {
  /** Order used, or `null` when the fit failed and the drift fallback was used. */
  order: ArimaOrder | null;
  /** Expected log return over the horizon from each anchor. */
  forecasts: Float64Array;
  error?: string;
}

/** Result of an {@link ArimaTask}. */
export interface ArimaResult {
  kind: 'arima';
  id: string;
  symbols: { symbol: string; fits: ArimaFitOutcome[]; model?: ModelJSON }[];
  seconds: number;
}

/** Result of a {@link ForestTreesTask}: the trees in index order. */
export interface ForestTreesResult {
  kind: 'forestTrees';
  id: string;
  trees: GrownTree[];
  seconds: number;
}

/** Result of a {@link ProphetTask}: per symbol and fit, the forecast log return of each anchor. */
export interface ProphetResult {
  kind: 'prophet';
  id: string;
  symbols: { symbol: string; fits: { forecasts: Float64Array; error?: string }[]; model?: ModelJSON }[];
  seconds: number;
}

/** Result of a {@link TrainingTask}. */
export type TrainingResult = RegressorResult | ArimaResult | ProphetResult | ForestTreesResult;

/** Runs one task in the current thread; the worker threads run exactly this. */
export async function runTrainingTask(task: TrainingTask): Promise<TrainingResult> {
  const started = performance.now();
  if (task.kind === 'regressor') {
    // A forest in a task grows its trees in the task's thread unless its spec says otherwise: the
    // pool already runs one task per worker, and with the pool's `workers: 0` the caller asked
    // for no threads at all.
    const spec: BuiltInModelSpec =
      task.spec.kind === 'randomForest' && task.spec.options?.workers === undefined
        ? { kind: 'randomForest', options: { ...task.spec.options, workers: 0 } }
        : task.spec;
    const model = createBuiltInRegressor(spec);
    await model.fit(tableInputs(task.table, task.train, task.timesteps), task.y);
    const predictions = await model.predict(tableInputs(task.table, task.predict, task.timesteps));
    const json = task.keepModel ? model.toJSON() : undefined;
    (model as { dispose?: () => void }).dispose?.();
    return {
      kind: 'regressor',
      id: task.id,
      predictions,
      ...(json ? { model: json } : {}),
      seconds: (performance.now() - started) / 1000,
    };
  }
  if (task.kind === 'forestTrees') {
    const trees = growForestTrees(task);
    return { kind: 'forestTrees', id: task.id, trees, seconds: (performance.now() - started) / 1000 };
  }
  if (task.kind === 'prophet') {
    const symbols = task.jobs.map((job) => runProphetJob(job, task.horizon, task.options));
    return { kind: 'prophet', id: task.id, symbols, seconds: (performance.now() - started) / 1000 };
  }
  const symbols = task.jobs.map((job) => runArimaJob(job, task.horizon, task.grid));
  return { kind: 'arima', id: task.id, symbols, seconds: (performance.now() - started) / 1000 };
}

function runArimaJob(job: ArimaSymbolJob, horizon: number, grid: ArimaGrid) {
  let order: ArimaOrder | undefined;
  let constant = true;
  let model: ModelJSON | undefined;
  const fits: ArimaFitOutcome[] = job.fits.map((fit, k) => {
    const window = job.logClose.subarray(fit.start, fit.end);
    const forecasts = new Float64Array(fit.anchors.length);
    try {
      const forecaster = new ArimaForecaster(
        order ? { order, include: constant ? 'drift' : 'none' } : grid,
      ).fit(window);
      if (!order) {
        order = forecaster.order;
        constant = forecaster.constant;
      }
      fit.anchors.forEach((anchor, i) => {
        const history = job.logClose.subarray(fit.start, anchor + 1);
        const mean = forecaster.forecastFrom(history, horizon, { level: 0.5 }).mean;
        forecasts[i] = (mean[horizon - 1] as number) - (job.logClose[anchor] as number);
      });
      if (job.keepLastModel && k === job.fits.length - 1) model = forecaster.toJSON();
      return { order: forecaster.order, forecasts };
    } catch (error) {
      if (!(error instanceof DaKiError)) throw error;
      // A series ctsa cannot fit still gets a forecast: the random walk with the window's drift.
      const drift =
        window.length > 1
          ? ((window[window.length - 1] as number) - (window[0] as number)) / (window.length - 1)
          : 0;
      forecasts.fill(drift * horizon);
      return { order: null, forecasts, error: `${job.symbol}: ${error.message}` };
    }
  });
  return { symbol: job.symbol, fits, ...(model ? { model } : {}) };
}
