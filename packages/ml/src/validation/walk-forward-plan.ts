import { InvalidArgumentError } from '@da-ki/sdk';
import { assertInteger } from '../model/validate.js';
import type { WalkForwardOptions } from './walk-forward.js';

/** The walk-forward defaults: 5 splits of 30 test dates after a rolling year of training. */
export const DEFAULT_WALK_FORWARD = Object.freeze({ nSplits: 5, testSize: 30, trainSize: 252 });

/** Shortest training window a derived plan gives the earliest split, in dates. */
export const MIN_DERIVED_TRAIN_DATES = 10;

/** Shortest test window of a derived plan, in dates. */
export const MIN_DERIVED_TEST_DATES = 5;

/** A complete walk-forward plan, ready for `new WalkForwardValidator({ ...plan, horizon })`. */
export interface WalkForwardPlan {
  nSplits: number;
  testSize: number;
  trainSize: number;
  gap: number;
  minTrainSize: number;
  /**
   * True when some option was derived from the data length because the defaults did not fit;
   * false when the defaults (with the options given) fit as they are.
   */
  derived: boolean;
}

/**
 * The walk-forward plan for `rows` usable dates (dates that have feature rows and a realised
 * target) and a forecast `horizon`. Options given in `requested` are kept as they are; when the
 * defaults do not fit, the others are derived from the length: about half of what is left after
 * the gap goes to the test windows (up to 5 splits of up to 30 dates, each at least 5), the rest to
 * a rolling training window (at most 252, at least 10 dates). The gap is `max(horizon, gap)`: no
 * training row's target is realised inside its test window, whatever the length.
 *
 * Throws `InvalidArgumentError` naming the given option (`validation.trainSize`, …) and the numbers
 * when the options given cannot fit, or `rows` when nothing can (see {@link minimumPlanRows}).
 */
export function planWalkForward(
  rows: number,
  horizon: number,
  requested: Omit<WalkForwardOptions, 'horizon'> = {},
): WalkForwardPlan {
  assertInteger('rows', rows, 0);
  assertInteger('horizon', horizon, 1);
  for (const key of ['nSplits', 'testSize', 'trainSize', 'minTrainSize'] as const) {
    const value = requested[key];
    if (value !== undefined) assertInteger(`validation.${key}`, value, 1);
  }
  if (requested.gap !== undefined) assertInteger('validation.gap', requested.gap, 0);
  const gap = requested.gap ?? horizon;
  if (gap < horizon) {
    throw new InvalidArgumentError(
      'validation.gap',
      `must be at least the horizon (${horizon}) so that training targets end before the test window, got ${gap}`,
    );
  }
  const given = Object.entries(requested)
    .filter(([key, value]) => value !== undefined && key !== 'gap')
    .map(([key]) => key);
  const withDefaults = { ...DEFAULT_WALK_FORWARD, ...definedOnly(requested) };
  const defaultsMinTrain = requested.minTrainSize ?? withDefaults.trainSize;
  if (requested.minTrainSize !== undefined && requested.minTrainSize > withDefaults.trainSize) {
    throw new InvalidArgumentError(
      'validation.minTrainSize',
      `must not exceed trainSize (${withDefaults.trainSize}), got ${requested.minTrainSize}`,
    );
  }
  if (defaultsMinTrain + gap + withDefaults.nSplits * withDefaults.testSize <= rows) {
    return { ...withDefaults, gap, minTrainSize: defaultsMinTrain, derived: false };
  }

  const budget = rows - gap;
  // the shortest training window the options allow, and the half of the budget it aims for
  const minimalTrain = requested.minTrainSize ?? requested.trainSize ?? MIN_DERIVED_TRAIN_DATES;
  const testBudget = budget - Math.max(minimalTrain, Math.floor(budget / 2));
  // when half the budget is too little for the test windows asked for, tests may take the rest
  const spare = budget - minimalTrain;
  const testSize =
    requested.testSize ??
    (requested.nSplits !== undefined
      ? Math.min(
          DEFAULT_WALK_FORWARD.testSize,
          Math.floor(testBudget / requested.nSplits) || Math.floor(spare / requested.nSplits),
        )
      : Math.min(
          DEFAULT_WALK_FORWARD.testSize,
          Math.max(MIN_DERIVED_TEST_DATES, Math.floor(testBudget / DEFAULT_WALK_FORWARD.nSplits)),
        ));
  const nSplits =
    requested.nSplits ??
    (testSize > 0
      ? Math.min(
          DEFAULT_WALK_FORWARD.nSplits,
          Math.floor(testBudget / testSize) || Math.floor(spare / testSize),
        )
      : 0);
  const trainSize =
    requested.trainSize ?? Math.min(DEFAULT_WALK_FORWARD.trainSize, budget - nSplits * testSize);
  const minTrainSize = requested.minTrainSize ?? trainSize;
  const fits =
    testSize >= 1 &&
    nSplits >= 1 &&
    minTrainSize <= trainSize &&
    minTrainSize + gap + nSplits * testSize <= rows &&
    (requested.trainSize !== undefined || requested.minTrainSize !== undefined
      ? true
      : trainSize >= MIN_DERIVED_TRAIN_DATES);
  if (fits) return { nSplits, testSize, trainSize, gap, minTrainSize, derived: true };

  if (given.length === 0) {
    throw new InvalidArgumentError(
      'rows',
      `${rows} usable dates are too few for a walk-forward check with a horizon of ${horizon}: need ${minimumPlanRows(horizon, gap)} (gap ${gap} + at least ${MIN_DERIVED_TRAIN_DATES} training + ${MIN_DERIVED_TEST_DATES} test dates)`,
    );
  }
  const named = given.map((key) => `validation.${key}`).join(', ');
  const asked = given.map((key) => `${key} ${String(requested[key as keyof typeof requested])}`).join(', ');
  // the smallest plan with these options: at least one split of at least the shortest test window
  const splitsNeeded = Math.max(nSplits, 1);
  const testNeeded = Math.max(testSize, requested.testSize ?? MIN_DERIVED_TEST_DATES);
  const trainNeeded = Math.max(minTrainSize, MIN_DERIVED_TRAIN_DATES);
  const total = trainNeeded + gap + splitsNeeded * testNeeded;
  throw new InvalidArgumentError(
    named,
    `${asked} ${given.length === 1 ? 'does' : 'do'} not fit ${rows} usable dates with a horizon of ${horizon}: too few for ${trainNeeded} training + ${gap} gap + ${splitsNeeded} × ${testNeeded} test = ${total} dates; give fewer or smaller windows, or leave the option out to derive it`,
  );
}

/** Fewest usable dates for which {@link planWalkForward} derives a plan without options. */
export function minimumPlanRows(horizon: number, gap = horizon): number {
  return Math.max(gap, horizon) + MIN_DERIVED_TRAIN_DATES + MIN_DERIVED_TEST_DATES;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
