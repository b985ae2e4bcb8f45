import { createRng } from '@da-ki/sdk';
import { RandomForestRegression } from 'ml-random-forest';
import { ModelNotFittedError } from '../model/errors.js';
import type { FeatureMatrix, ModelJSON, Regressor } from '../model/regressor.js';
import {
  assertFeatureMatrix,
  assertInRange,
  assertInteger,
  assertModelJSON,
  assertTargets,
} from '../model/validate.js';

/** Hyper-parameters of {@link RandomForestRegressor}. */
export interface RandomForestRegressorOptions {
  /** Number of trees. Default 10 (ml-random-forest is slow: see {@link RandomForestRegressor}). */
  nEstimators?: number;
  /** Fraction (0, 1] of the features each tree sees. Default 0.33, as Breiman suggests for regression. */
  maxFeatures?: number;
  /** Maximum tree depth. Default 6. */
  maxDepth?: number;
  /** A node with at most this many rows becomes a leaf. Default 20. */
  minNumSamples?: number;
  /**
   * At most this many rows, drawn at random (seeded) without replacement, train the forest.
   * Default 2000. ml-cart tries every change of the sorted target as a split point and re-splits
   * the rows for each, which costs O(n²) per node: 10 trees on 10 000 rows take minutes.
   */
  maxSamples?: number;
  /** Seed of the row subsample, the bootstrap and the feature draws. Default 1. */
  seed?: number;
}

const VERSION = 1;

/**
 * A random forest of CART regression trees (`ml-random-forest`'s `RandomForestRegression`), trees
 * averaged, bootstrap rows per tree. Deterministic for a seed. Slow to train: keep it off request
 * paths (prediction is fast).
 */
export class RandomForestRegressor implements Regressor {
  readonly name = 'randomForest';
  readonly options: Required<RandomForestRegressorOptions>;
  private forest: RandomForestRegression | undefined;
  private width = 0;

  constructor(options: RandomForestRegressorOptions = {}) {
    this.options = {
      nEstimators: options.nEstimators ?? 10,
      maxFeatures: options.maxFeatures ?? 0.33,
      maxDepth: options.maxDepth ?? 6,
      minNumSamples: options.minNumSamples ?? 20,
      maxSamples: options.maxSamples ?? 2000,
      seed: options.seed ?? 1,
    };
    const o = this.options;
    assertInteger('nEstimators', o.nEstimators, 1, 10_000);
    assertInRange('maxFeatures', o.maxFeatures, 0, 1);
    if (o.maxFeatures === 0) assertInRange('maxFeatures', o.maxFeatures, 0, 1, true);
    assertInteger('maxDepth', o.maxDepth, 1, 64);
    assertInteger('minNumSamples', o.minNumSamples, 1);
    assertInteger('maxSamples', o.maxSamples, 2);
    assertInteger('seed', o.seed, 0, 2 ** 31 - 1);
  }

  /** Trains the forest on (a seeded subsample of at most `maxSamples` rows of) `X`, `y`. */
  async fit(X: FeatureMatrix, y: Float64Array): Promise<void> {
    const width = assertFeatureMatrix('X', X);
    assertTargets('y', y, X.length);
    const o = this.options;
    const rows = subsampleRows(X.length, o.maxSamples, o.seed);
    const forest = new RandomForestRegression({
      nEstimators: o.nEstimators,
      maxFeatures: featureFraction(o.maxFeatures, width),
      replacement: false,
      seed: o.seed,
      useSampleBagging: true,
      noOOB: true,
      treeOptions: { maxDepth: o.maxDepth, minNumSamples: o.minNumSamples },
    });
    forest.train(
      rows.map((i) => Array.from(X[i] as Float64Array)),
      rows.map((i) => y[i] as number),
    );
    this.forest = forest;
    this.width = width;
  }

  /** Mean of the trees' predictions for every row of `X`. */
  async predict(X: FeatureMatrix): Promise<Float64Array> {
    if (!this.forest) throw new ModelNotFittedError('RandomForestRegressor', 'predict');
    if (X.length === 0) return new Float64Array(0);
    assertFeatureMatrix('X', X, this.width);
    return Float64Array.from(this.forest.predict(X.map((row) => Array.from(row))));
  }

  /** The forest as ml-random-forest's own JSON (every tree's nodes), with the options. */
  toJSON(): ModelJSON {
    if (!this.forest) throw new ModelNotFittedError('RandomForestRegressor', 'serialise');
    return {
      type: 'RandomForestRegressor',
      version: VERSION,
      data: { options: this.options, width: this.width, forest: this.forest.toJSON() },
    };
  }

  /** Rebuilds a trained forest with ml-random-forest's `load`. */
  static fromJSON(json: ModelJSON): RandomForestRegressor {
    assertModelJSON(json, 'RandomForestRegressor', VERSION);
    const data = json.data as { options: RandomForestRegressorOptions; width: number; forest: unknown };
    const regressor = new RandomForestRegressor(data.options);
    assertInteger('json.data.width', data.width, 1);
    regressor.width = data.width;
    regressor.forest = RandomForestRegression.load(
      data.forest as Parameters<typeof RandomForestRegression.load>[0],
    );
    return regressor;
  }
}

/**
 * The fraction to hand ml-random-forest so that each tree sees `round(fraction × width)` features,
 * at least one. It floors `fraction × width` (0 features for 0.33 of 2 columns) and reads any value
 * in (0, 1] as a fraction, so the integer 1 would mean every column: pass (count + ½) / width.
 */
function featureFraction(fraction: number, width: number): number {
  const count = Math.min(width, Math.max(1, Math.round(fraction * width)));
  return count === width ? 1 : (count + 0.5) / width;
}

/** Row indices: all of them when `n ≤ limit`, else `limit` drawn without replacement, in order. */
function subsampleRows(n: number, limit: number, seed: number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (n <= limit) return all;
  const rng = createRng(`random-forest-rows:${seed}`);
  // Partial Fisher–Yates: the first `limit` slots become a uniform sample without replacement.
  for (let i = 0; i < limit; i++) {
    const j = i + Math.floor(rng.next() * (n - i));
    const swap = all[i] as number;
    all[i] = all[j] as number;
    all[j] = swap;
  }
  return all.slice(0, limit).sort((a, b) => a - b);
}
