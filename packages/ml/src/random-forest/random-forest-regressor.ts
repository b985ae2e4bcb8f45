import { availableParallelism } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import { InvalidArgumentError } from '@da-ki/sdk';
import { ModelNotFittedError } from '../model/errors.js';
import type { FeatureMatrix, ModelJSON, Regressor } from '../model/regressor.js';
import {
  assertFeatureMatrix,
  assertInRange,
  assertInteger,
  assertModelJSON,
  assertTargets,
} from '../model/validate.js';
import { runTrainingTasks } from '../training/pool.js';
import type { ForestTreesResult } from '../training/tasks.js';
import { binEdges, binMatrix } from './binning.js';
import { bootstrapWeights, type ForestTreesTask, growForestTrees } from './forest-training.js';
import type { GrownTree, TreeArrays, TreeParams } from './histogram-tree.js';
import { predictTree } from './histogram-tree.js';
import { treeFromJSON, treeToJSON } from './tree-json.js';

/**
 * Hyper-parameters of {@link RandomForestRegressor}. The defaults are scikit-learn's
 * `RandomForestRegressor()`: 100 fully grown trees on bootstrap samples, every feature a split
 * candidate.
 */
export interface RandomForestRegressorOptions {
  /** Number of trees. Default 100. */
  nEstimators?: number;
  /**
   * Split candidates per node: a fraction (0, 1] of the features (at least one), `'sqrt'` or
   * `'log2'` of their number. Default 1 (all features, scikit-learn's regressor default).
   */
  maxFeatures?: number | 'sqrt' | 'log2';
  /** Maximum tree depth; `null` (default) grows until leaves are pure or too small to split. */
  maxDepth?: number | null;
  /** Fewest distinct training rows in a leaf. Default 1. */
  minSamplesLeaf?: number;
  /** Fewest distinct training rows in a node that may be split. Default 2. */
  minSamplesSplit?: number;
  /** Train each tree on a bootstrap sample (rows drawn with replacement). Default true. */
  bootstrap?: boolean;
  /**
   * Rows drawn per bootstrap sample: a count (> 1) or a fraction (0, 1] of the rows; `null`
   * (default) draws as many as there are rows.
   */
  maxSamples?: number | null;
  /** Compute the out-of-bag R² ({@link RandomForestRegressor.oobScore}). Needs `bootstrap`. Default false. */
  oobScore?: boolean;
  /** Seed of the bootstrap samples and feature draws. Default 1. */
  seed?: number;
  /**
   * Worker threads that grow the trees. Default: every core when called on the main thread, 0
   * (this thread) inside a worker — the ensemble already runs one model per core. The trees do
   * not depend on it.
   */
  workers?: number;
}

/** Resolved options (what `toJSON` stores). */
export interface RandomForestRegressorSettings {
  nEstimators: number;
  maxFeatures: number | 'sqrt' | 'log2';
  maxDepth: number | null;
  minSamplesLeaf: number;
  minSamplesSplit: number;
  bootstrap: boolean;
  maxSamples: number | null;
  oobScore: boolean;
  seed: number;
}

// Version 1 was the ml-random-forest backend; its JSON cannot be read by the histogram trees.
const VERSION = 2;

/**
 * A random forest of histogram-based CART regression trees, in plain TypeScript: features
 * binned into at most 255 bins (as LightGBM and scikit-learn's histogram trees), bootstrap
 * samples, `maxFeatures` candidates per split, out-of-bag R² and impurity-based feature
 * importances. Trees are grown on worker threads and are identical for a seed whatever the
 * number of workers. The prediction is the mean of the trees'.
 */
export class RandomForestRegressor implements Regressor {
  readonly name = 'randomForest';
  readonly options: RandomForestRegressorSettings;
  private readonly workers: number | undefined;
  private trees: TreeArrays[] | undefined;
  private width = 0;
  private importances: Float64Array | undefined;
  private oob: number | undefined;

  constructor(options: RandomForestRegressorOptions = {}) {
    this.options = {
      nEstimators: options.nEstimators ?? 100,
      maxFeatures: options.maxFeatures ?? 1,
      maxDepth: options.maxDepth ?? null,
      minSamplesLeaf: options.minSamplesLeaf ?? 1,
      minSamplesSplit: options.minSamplesSplit ?? 2,
      bootstrap: options.bootstrap ?? true,
      maxSamples: options.maxSamples ?? null,
      oobScore: options.oobScore ?? false,
      seed: options.seed ?? 1,
    };
    this.workers = options.workers;
    const o = this.options;
    assertInteger('nEstimators', o.nEstimators, 1, 10_000);
    if (typeof o.maxFeatures === 'number') assertInRange('maxFeatures', o.maxFeatures, 0, 1);
    if (
      o.maxFeatures === 0 ||
      (typeof o.maxFeatures === 'string' && !['sqrt', 'log2'].includes(o.maxFeatures))
    )
      throw new InvalidArgumentError(
        'maxFeatures',
        `must be in (0, 1], 'sqrt' or 'log2', got ${o.maxFeatures}`,
      );
    if (o.maxDepth !== null) assertInteger('maxDepth', o.maxDepth, 1, 1000);
    assertInteger('minSamplesLeaf', o.minSamplesLeaf, 1);
    assertInteger('minSamplesSplit', o.minSamplesSplit, 2);
    if (o.maxSamples !== null) {
      if (o.maxSamples > 1) assertInteger('maxSamples', o.maxSamples, 2);
      else assertInRange('maxSamples', o.maxSamples, 0, 1);
      if (o.maxSamples === 0) throw new InvalidArgumentError('maxSamples', 'must be > 0');
    }
    if (o.oobScore && !o.bootstrap)
      throw new InvalidArgumentError('oobScore', 'needs bootstrap: true (every row is in bag otherwise)');
    assertInteger('seed', o.seed, 0, 2 ** 31 - 1);
    if (options.workers !== undefined) assertInteger('workers', options.workers, 0, 256);
  }

  /** Grows the forest on `X`, `y`. */
  async fit(X: FeatureMatrix, y: Float64Array): Promise<void> {
    const width = assertFeatureMatrix('X', X);
    assertTargets('y', y, X.length);
    const o = this.options;
    const edges = binEdges(X);
    const data = { bins: binMatrix(X, edges), rows: X.length, width, edges };
    const params: TreeParams = {
      maxDepth: o.maxDepth ?? Number.POSITIVE_INFINITY,
      minSamplesLeaf: o.minSamplesLeaf,
      minSamplesSplit: o.minSamplesSplit,
      featuresPerSplit: featuresPerSplit(o.maxFeatures, width),
    };
    const draws = o.bootstrap ? bootstrapDraws(o.maxSamples, X.length) : 0;
    const batches = Math.min(o.nEstimators, this.workers ?? (isMainThread ? availableParallelism() : 0));
    const task = (from: number, to: number): ForestTreesTask => ({
      kind: 'forestTrees',
      id: `trees ${from}–${to - 1}`,
      data,
      y,
      params,
      bootstrapDraws: draws,
      seed: o.seed,
      from,
      to,
    });
    let grown: GrownTree[];
    if (batches <= 1) {
      grown = growForestTrees(task(0, o.nEstimators));
    } else {
      const tasks = Array.from({ length: batches }, (_, b) =>
        task(Math.floor((b * o.nEstimators) / batches), Math.floor(((b + 1) * o.nEstimators) / batches)),
      );
      const run = await runTrainingTasks(tasks, { workers: batches });
      grown = run.results.flatMap((r) => (r as ForestTreesResult).trees);
    }
    this.trees = grown.map((g) => g.tree);
    this.width = width;
    this.importances = meanImportances(grown, width);
    this.oob = o.oobScore ? outOfBagR2(this.trees, X, y, draws, o.seed) : undefined;
  }

  /** Mean of the trees' predictions for every row of `X`. */
  async predict(X: FeatureMatrix): Promise<Float64Array> {
    const trees = this.trees;
    if (!trees) throw new ModelNotFittedError('RandomForestRegressor', 'predict');
    if (X.length === 0) return new Float64Array(0);
    assertFeatureMatrix('X', X, this.width);
    const out = new Float64Array(X.length);
    for (let i = 0; i < X.length; i++) {
      const row = X[i] as Float64Array;
      let sum = 0;
      for (const tree of trees) sum += predictTree(tree, row);
      out[i] = sum / trees.length;
    }
    return out;
  }

  /**
   * Impurity-based feature importances (mean decrease in squared error), as scikit-learn's
   * `feature_importances_`: each tree's decreases normalised to sum 1, averaged over the trees.
   */
  featureImportances(): Float64Array {
    if (!this.importances) throw new ModelNotFittedError('RandomForestRegressor', 'report importances');
    return this.importances.slice();
  }

  /**
   * Out-of-bag R²: every training row predicted by the trees whose bootstrap sample left it out,
   * scored against its target (rows in every sample are skipped), as scikit-learn's `oob_score_`.
   */
  oobScore(): number {
    if (this.oob === undefined)
      throw new ModelNotFittedError(
        'RandomForestRegressor',
        'report an out-of-bag score without oobScore: true',
      );
    return this.oob;
  }

  /** The trees (flat arrays, base64) with the options and importances. */
  toJSON(): ModelJSON {
    if (!this.trees || !this.importances) throw new ModelNotFittedError('RandomForestRegressor', 'serialise');
    return {
      type: 'RandomForestRegressor',
      version: VERSION,
      data: {
        options: this.options,
        width: this.width,
        importances: Array.from(this.importances),
        ...(this.oob !== undefined ? { oobScore: this.oob } : {}),
        trees: this.trees.map(treeToJSON),
      },
    };
  }

  /**
   * Rebuilds a trained forest. JSON of version 1 (the ml-random-forest backend, before
   * @da-ki/ml 0.2) is refused with an `InvalidArgumentError` on `json.version` saying to retrain.
   */
  static fromJSON(json: ModelJSON): RandomForestRegressor {
    if ((json as { type?: unknown }).type === 'RandomForestRegressor' && json.version === 1)
      throw new InvalidArgumentError(
        'json.version',
        'RandomForestRegressor version 1 was saved by the ml-random-forest backend, which this version no longer contains; retrain the model (version 2 stores histogram trees)',
      );
    assertModelJSON(json, 'RandomForestRegressor', VERSION);
    const data = json.data as {
      options: RandomForestRegressorSettings;
      width: number;
      importances: number[];
      oobScore?: number;
      trees: unknown[];
    };
    const regressor = new RandomForestRegressor(data.options);
    assertInteger('json.data.width', data.width, 1);
    if (!Array.isArray(data.trees) || data.trees.length === 0)
      throw new InvalidArgumentError('json.data.trees', 'must be a non-empty array');
    regressor.width = data.width;
    regressor.trees = data.trees.map((t, i) => treeFromJSON(t, `json.data.trees[${i}]`, data.width));
    regressor.importances = Float64Array.from(data.importances);
    regressor.oob = data.oobScore;
    return regressor;
  }
}

function featuresPerSplit(maxFeatures: number | 'sqrt' | 'log2', width: number): number {
  const count =
    maxFeatures === 'sqrt'
      ? Math.floor(Math.sqrt(width))
      : maxFeatures === 'log2'
        ? Math.floor(Math.log2(width))
        : Math.floor(maxFeatures * width);
  return Math.min(width, Math.max(1, count));
}

function bootstrapDraws(maxSamples: number | null, rows: number): number {
  if (maxSamples === null) return rows;
  return maxSamples > 1 ? Math.min(rows, maxSamples) : Math.max(1, Math.round(maxSamples * rows));
}

function meanImportances(grown: GrownTree[], width: number): Float64Array {
  const mean = new Float64Array(width);
  let counted = 0;
  for (const { impurityDecrease } of grown) {
    const total = impurityDecrease.reduce((a, b) => a + b, 0);
    if (total <= 0) continue; // a stump (constant target) says nothing about features
    for (let f = 0; f < width; f++) mean[f] = (mean[f] as number) + (impurityDecrease[f] as number) / total;
    counted++;
  }
  if (counted > 0) for (let f = 0; f < width; f++) mean[f] = (mean[f] as number) / counted;
  return mean;
}

function outOfBagR2(
  trees: TreeArrays[],
  X: FeatureMatrix,
  y: Float64Array,
  draws: number,
  seed: number,
): number {
  const sum = new Float64Array(X.length);
  const count = new Int32Array(X.length);
  trees.forEach((tree, t) => {
    const weights = bootstrapWeights(X.length, draws, seed, t);
    for (let i = 0; i < X.length; i++) {
      if ((weights[i] as number) > 0) continue;
      sum[i] = (sum[i] as number) + predictTree(tree, X[i] as Float64Array);
      count[i] = (count[i] as number) + 1;
    }
  });
  let n = 0;
  let mean = 0;
  for (let i = 0; i < X.length; i++)
    if ((count[i] as number) > 0) {
      n++;
      mean += y[i] as number;
    }
  if (n < 2)
    throw new InvalidArgumentError(
      'oobScore',
      `only ${n} rows were left out of every bootstrap sample; use more trees`,
    );
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < X.length; i++) {
    if ((count[i] as number) === 0) continue;
    ssRes += ((y[i] as number) - (sum[i] as number) / (count[i] as number)) ** 2;
    ssTot += ((y[i] as number) - mean) ** 2;
  }
  return ssTot > 0 ? 1 - ssRes / ssTot : 0;
}
