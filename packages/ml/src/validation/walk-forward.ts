import { InvalidArgumentError } from '@da-ki/sdk';
import { assertInteger } from '../model/validate.js';

/** Options of {@link WalkForwardValidator}; every default is the concept's. */
export interface WalkForwardOptions {
  /** Number of train/test splits. Default 5. */
  nSplits?: number;
  /** Rows (dates) per test window. Default 30. */
  testSize?: number;
  /** Rows (dates) per rolling training window. Default 252, a trading year. */
  trainSize?: number;
  /** Forecast horizon in rows: a row's target is known `horizon` rows later. Default 30. */
  horizon?: number;
  /** Rows left out between training and test (the embargo). Default `horizon`; never less. */
  gap?: number;
  /** Shortest training window accepted for the earliest split. Default `trainSize`. */
  minTrainSize?: number;
}

/** One split: half-open index ranges `[start, end)`. */
export interface WalkForwardSplit {
  train: [start: number, end: number];
  test: [start: number, end: number];
}

/**
 * Walk-forward (rolling-origin) cross-validation for time-ordered rows. Test windows of `testSize`
 * rows tile the end of the series, oldest first; each is preceded by a rolling training window of
 * up to `trainSize` rows that ends `gap` rows before the test starts. With `gap ≥ horizon`, the
 * target of every training row (known at row + horizon) is realised before the test window
 * begins, so overlapping forward returns cannot leak test outcomes into training — the embargo
 * of López de Prado, *Advances in Financial Machine Learning* (2018), ch. 7.
 */
export class WalkForwardValidator {
  readonly nSplits: number;
  readonly testSize: number;
  readonly trainSize: number;
  readonly horizon: number;
  readonly gap: number;
  readonly minTrainSize: number;

  constructor(options: WalkForwardOptions = {}) {
    this.nSplits = options.nSplits ?? 5;
    this.testSize = options.testSize ?? 30;
    this.trainSize = options.trainSize ?? 252;
    this.horizon = options.horizon ?? 30;
    this.gap = options.gap ?? this.horizon;
    this.minTrainSize = options.minTrainSize ?? this.trainSize;
    assertInteger('nSplits', this.nSplits, 1);
    assertInteger('testSize', this.testSize, 1);
    assertInteger('trainSize', this.trainSize, 1);
    assertInteger('horizon', this.horizon, 1);
    assertInteger('gap', this.gap, 0);
    assertInteger('minTrainSize', this.minTrainSize, 1, this.trainSize);
    if (this.gap < this.horizon) {
      throw new InvalidArgumentError(
        'gap',
        `must be at least the horizon (${this.horizon}) so that training targets end before the test window, got ${this.gap}`,
      );
    }
  }

  /** Rows needed for every split to have a training window of `minTrainSize`. */
  get minRows(): number {
    return this.minTrainSize + this.gap + this.nSplits * this.testSize;
  }

  /** The splits of `n` rows, oldest first. Throws when `n` is too short for them. */
  split(n: number): WalkForwardSplit[] {
    assertInteger('n', n, 0);
    if (n < this.minRows) {
      throw new InvalidArgumentError(
        'n',
        `${n} rows are too few for ${this.nSplits} splits of ${this.testSize} test rows after a gap of ${this.gap} and at least ${this.minTrainSize} training rows (need ${this.minRows})`,
      );
    }
    const splits: WalkForwardSplit[] = [];
    for (let k = 0; k < this.nSplits; k++) {
      const testStart = n - (this.nSplits - k) * this.testSize;
      const trainEnd = testStart - this.gap;
      splits.push({
        train: [Math.max(0, trainEnd - this.trainSize), trainEnd],
        test: [testStart, testStart + this.testSize],
      });
    }
    return splits;
  }
}
