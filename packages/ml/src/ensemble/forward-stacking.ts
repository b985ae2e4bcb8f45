import { conformalRadius } from './conformal.js';
import {
  applyMetaModel,
  equalWeightMetaModel,
  fitMetaModel,
  type LinearMetaModel,
  type MetaModelKind,
} from './meta-model.js';

/** One walk-forward split's out-of-fold rows: the base models' predictions for its test rows. */
export interface StackingSplit {
  /** Calendar index where the split's test window starts. */
  testStart: number;
  /** Base predictions per test row, one column per model. */
  predictions: readonly Float64Array[];
  /** Realised target of each test row. */
  targets: ArrayLike<number>;
  /** Calendar index at which each test row's target is realised. */
  targetDates: ArrayLike<number>;
}

/** The stacked forecast of one split, when it could be scored. */
export interface ForwardStackedSplit {
  /** Rows of earlier splits the meta-model was fitted on. */
  trainingRows: number;
  meta: LinearMetaModel;
  /** Stacked forecast of each test row. */
  forecasts: Float64Array;
  /**
   * Split-conformal radius from the meta-model's residuals on earlier rows realised before the
   * split; `null` when there are too few of them for an interval at the level asked for.
   */
  radius: number | null;
}

/** How the meta-model is fitted. */
export interface ForwardStackingOptions {
  kind: MetaModelKind;
  ridgeAlpha: number;
  intercept: boolean;
  /** Interval coverage. */
  level: number;
}

/**
 * Out-of-sample stacked forecasts for each split: split k's meta-model is fitted only on rows of
 * splits before k whose targets were realised before split k's test window starts, so neither its
 * weights nor its interval have seen an outcome from the future of split k. Splits without
 * enough such rows (`undefined`) cannot be scored — with test windows no longer than the horizon,
 * that is the first two.
 */
export function forwardStackedForecasts(
  models: readonly string[],
  splits: readonly StackingSplit[],
  options: ForwardStackingOptions,
): (ForwardStackedSplit | undefined)[] {
  return splits.map((split, k) => {
    const P: Float64Array[] = [];
    const y: number[] = [];
    for (let j = 0; j < k; j++) {
      const earlier = splits[j] as StackingSplit;
      for (let i = 0; i < earlier.predictions.length; i++) {
        if ((earlier.targetDates[i] as number) < split.testStart) {
          P.push(earlier.predictions[i] as Float64Array);
          y.push(earlier.targets[i] as number);
        }
      }
    }
    // a handful of rows per weight at the very least
    if (y.length < 2 * models.length + 2) return undefined;
    const meta = fitMetaModel(
      models,
      P,
      Float64Array.from(y),
      options.kind,
      options.ridgeAlpha,
      options.intercept,
    );
    const radius = conformalRadius(
      P.map((row, i) => (y[i] as number) - applyMetaModel(meta, row)),
      options.level,
    );
    const forecasts = Float64Array.from(split.predictions, (row) => applyMetaModel(meta, row));
    return { trainingRows: y.length, meta, forecasts, radius };
  });
}

/**
 * The equal-weight forecasts of every split (see `equalWeightMetaModel`): every split is scored,
 * since nothing is fitted. Split k's interval radius comes from the residuals of earlier splits'
 * rows realised before split k starts, and is `null` when there are fewer than the
 * ⌈level / (1 − level)⌉ residuals a conformal interval at `level` needs.
 */
export function equalWeightForecasts(
  models: readonly string[],
  splits: readonly StackingSplit[],
  level: number,
): ForwardStackedSplit[] {
  const meta = equalWeightMetaModel(models);
  const forecastsOf = (split: StackingSplit) =>
    Float64Array.from(split.predictions, (row) => applyMetaModel(meta, row));
  const all = splits.map(forecastsOf);
  const needed = Math.ceil(level / (1 - level) - 1e-9);
  return splits.map((split, k) => {
    const residuals: number[] = [];
    for (let j = 0; j < k; j++) {
      const earlier = splits[j] as StackingSplit;
      const forecasts = all[j] as Float64Array;
      for (let i = 0; i < earlier.predictions.length; i++) {
        if ((earlier.targetDates[i] as number) < split.testStart)
          residuals.push((earlier.targets[i] as number) - (forecasts[i] as number));
      }
    }
    return {
      trainingRows: 0,
      meta,
      forecasts: all[k] as Float64Array,
      radius: residuals.length >= needed ? conformalRadius(residuals, level) : null,
    };
  });
}
