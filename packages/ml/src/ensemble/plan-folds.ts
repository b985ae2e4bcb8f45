import { FeatureEngineer, InvalidArgumentError } from '@da-ki/sdk';
import {
  buildUniverseDataset,
  type UniverseDataset,
  type UniverseInput,
} from '../dataset/universe-dataset.js';
import { InsufficientHistoryError } from '../model/errors.js';
import { WalkForwardValidator } from '../validation/walk-forward.js';
import { minimumPlanRows, planWalkForward, type WalkForwardPlan } from '../validation/walk-forward-plan.js';
import type { EnsembleSettings, Fold } from './ensemble-types.js';
import { MIN_FORECAST_BARS } from './history.js';

/** The walk-forward folds of a fit and the final training window. */
export interface FoldPlan {
  plan: WalkForwardPlan;
  /** Training window in dates (the validator's, for the drift baseline). */
  trainSize: number;
  folds: Fold[];
  /** First date of the final training window, and its rows. */
  finalStart: number;
  finalTrain: Int32Array;
}

/** The pooled feature dataset of `inputs` with the ensemble's horizon and features. */
export function buildDataset(inputs: readonly UniverseInput[], settings: EnsembleSettings): UniverseDataset {
  return buildUniverseDataset(inputs, {
    horizon: settings.horizon,
    ...(settings.features ? { features: settings.features } : {}),
    featureEngineer: new FeatureEngineer(settings.featureOptions),
  });
}

/**
 * Stage 1 of `fit`: the walk-forward plan for the dataset's usable dates, its splits as rows of
 * the dataset (training rows purged of targets realised inside the test window), and the final
 * training window.
 */
export function planFolds(dataset: UniverseDataset, settings: EnsembleSettings): FoldPlan {
  const last = dataset.lastLabelledDate;
  if (last < 0)
    throw new InvalidArgumentError(
      'inputs',
      `no symbol has more than ${settings.horizon} bars after the feature warm-up`,
    );
  const plan = planFor(dataset, last, settings);
  const validator = new WalkForwardValidator({
    nSplits: plan.nSplits,
    testSize: plan.testSize,
    trainSize: plan.trainSize,
    gap: plan.gap,
    minTrainSize: plan.minTrainSize,
    horizon: settings.horizon,
  });
  const folds = validator.split(last + 1).map((split, k) => {
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
  return { plan, trainSize: validator.trainSize, folds, finalStart, finalTrain };
}

/**
 * The walk-forward plan for the dataset's usable dates (from the first feature row to the last
 * realised target). Too few of them for any plan, with no option given, is a history problem:
 * `InsufficientHistoryError` with the bars a series of this horizon needs.
 */
function planFor(dataset: UniverseDataset, last: number, settings: EnsembleSettings): WalkForwardPlan {
  let first = last;
  for (const d of dataset.dateIndex) if (d < first) first = d;
  const usable = last + 1 - first;
  const given = Object.values(settings.validationOptions).some((value) => value !== undefined);
  const needed = minimumPlanRows(settings.horizon, settings.validationOptions.gap);
  if (!given && usable < needed) {
    const longest = dataset.series.reduce((a, b) => (b.close.length > a.close.length ? b : a));
    const minimum = Math.max(MIN_FORECAST_BARS, longest.close.length + needed - usable);
    throw new InsufficientHistoryError(
      minimum,
      [{ symbol: longest.symbol, bars: longest.close.length }],
      `a horizon of ${settings.horizon} needs ${needed} dates with features and a realised target, the data has ${usable}`,
    );
  }
  return planWalkForward(usable, settings.horizon, settings.validationOptions);
}
