import { InvalidArgumentError } from '@da-ki/sdk';
import type { UniverseDataset } from '../dataset/universe-dataset.js';
import { evaluateForecasts, type ModelMetrics } from '../metrics/forecast-metrics.js';
import { BASELINE_NAMES, driftForecast, meanOf } from './baselines.js';
import type { OutOfFold } from './collect-oof.js';
import type { EnsembleSettings, OutOfFoldPanel, ReportedSplit } from './ensemble-types.js';
import {
  equalWeightForecasts,
  type ForwardStackedSplit,
  forwardStackedForecasts,
} from './forward-stacking.js';
import type { FoldPlan } from './plan-folds.js';

/** The scored out-of-fold panel, the metrics table and the splits as reported. */
export interface EvaluationPanel {
  splits: ReportedSplit[];
  metrics: ModelMetrics[];
  oof: OutOfFoldPanel;
  /** True when the history was too short for out-of-sample stacking weights: equal weights instead. */
  equalWeights: boolean;
}

/**
 * Stage 4 of `fit`: the honest score. The ensemble of split k uses a meta-model fitted only on
 * earlier splits' rows whose targets were realised before split k starts, so the first splits
 * train it and are not scored; every base model, the ensemble and the naive baselines are scored
 * on exactly the scored rows.
 */
export function evaluationPanel(
  names: readonly string[],
  dataset: UniverseDataset,
  folds: FoldPlan,
  oof: OutOfFold,
  settings: EnsembleSettings,
): EvaluationPanel {
  const stackingSplits = folds.folds.map((fold, k) => ({
    testStart: fold.split.test[0],
    predictions: oof.rows[k] as Float64Array[],
    targets: Float64Array.from(fold.test, (row) => dataset.y[row] as number),
    targetDates: Int32Array.from(fold.test, (row) => dataset.targetDateIndex[row] as number),
  }));
  let stacked: (ForwardStackedSplit | undefined)[] = forwardStackedForecasts(names, stackingSplits, {
    kind: settings.metaKind,
    ridgeAlpha: settings.ridgeAlpha,
    intercept: settings.metaIntercept,
    level: settings.level,
  });
  // a history too short for out-of-sample stacking weights: average the base models instead
  const equalWeights = folds.plan.derived && stacked.every((split) => split === undefined);
  if (equalWeights) stacked = equalWeightForecasts(names, stackingSplits, settings.level);

  const splits: ReportedSplit[] = [];
  const panel = {
    fold: [] as number[],
    rows: [] as number[],
    ensemble: [] as number[],
    lower: [] as number[],
    upper: [] as number[],
  };
  const base: number[][] = names.map(() => []);
  const baselines: number[][] = BASELINE_NAMES.map(() => []);
  folds.folds.forEach((fold, k) => {
    const scored = stacked[k];
    splits.push({
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
    });
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
        (base[j] as number[]).push(((oof.columns[k] as Float64Array[])[j] as Float64Array)[i] as number);
      });
      const series = dataset.series[dataset.symbolIndex[row] as number] as UniverseDataset['series'][number];
      const bar = dataset.barIndex[row] as number;
      (baselines[0] as number[]).push(0);
      // drift over the trailing training-window length up to the forecast origin (no future bars)
      (baselines[1] as number[]).push(
        driftForecast(series.logClose, Math.max(0, bar + 1 - folds.trainSize), bar + 1, settings.horizon),
      );
      (baselines[2] as number[]).push(historicalMean);
    });
  });
  if (panel.rows.length === 0) {
    const testSize = folds.plan.testSize;
    throw new InvalidArgumentError(
      'validation',
      `no split can be scored: the meta-model needs earlier splits whose targets are realised before a later split starts; use more splits (nSplits ≥ ${Math.ceil((settings.horizon - 1) / testSize) + 2} for a horizon of ${settings.horizon} and test windows of ${testSize})`,
    );
  }
  const actual = Float64Array.from(panel.rows, (row) => dataset.y[row] as number);
  const dates = Float64Array.from(
    panel.rows,
    (row) => dataset.dates[dataset.dateIndex[row] as number] as number,
  );
  const predictions: Record<string, Float64Array> = {};
  names.forEach((name, j) => {
    predictions[name] = Float64Array.from(base[j] as number[]);
  });
  predictions.ensemble = Float64Array.from(panel.ensemble);
  BASELINE_NAMES.forEach((name, j) => {
    predictions[name] = Float64Array.from(baselines[j] as number[]);
  });
  const lower = Float64Array.from(panel.lower);
  const upper = Float64Array.from(panel.upper);
  const metrics = Object.entries(predictions).map(([model, predicted]) => {
    const row = evaluateForecasts({ model, dates, predicted, actual }, { minCount: settings.icMinCount });
    return model === 'ensemble' ? { ...row, coverage: coverageWhereKnown(actual, lower, upper) } : row;
  });
  const symbols = panel.rows.map(
    (row) => (dataset.series[dataset.symbolIndex[row] as number] as { symbol: string }).symbol,
  );
  return {
    splits,
    metrics,
    oof: { symbols, dates, fold: Int32Array.from(panel.fold), actual, predictions, lower, upper },
    equalWeights,
  };
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
