import type { XGBoostBooster, XGBoostModelJSON } from 'ml-xgboost';
import { ModelNotFittedError } from '../model/errors.js';
import type { FeatureMatrix, ModelJSON, Regressor } from '../model/regressor.js';
import {
  assertFeatureMatrix,
  assertInRange,
  assertInteger,
  assertModelJSON,
  assertTargets,
} from '../model/validate.js';
import { loadXGBoost } from './load-xgboost.js';

/** Hyper-parameters of {@link XGBoostRegressor}; names follow XGBoost's where they map one to one. */
export interface XGBoostRegressorOptions {
  /** Boosting rounds. Default 100. */
  rounds?: number;
  /** Maximum tree depth. Default 4. */
  maxDepth?: number;
  /** Shrinkage (`eta`). Default 0.05. */
  learningRate?: number;
  /** Row subsample per tree. Default 0.8. */
  subsample?: number;
  /** Column subsample per tree. Default 0.8. */
  colsampleByTree?: number;
  /** Minimum hessian (row count for squared error) in a leaf. Default 20: returns are noisy. */
  minChildWeight?: number;
  /** L2 penalty on leaf weights. Default 1. */
  lambda?: number;
  /** Seed of the row/column sampling. Default 1. */
  seed?: number;
}

const VERSION = 1;

// Boosters live in the WASM heap, which the JS garbage collector cannot see: free them when the
// regressor that owns them is collected, in addition to the explicit dispose().
const boosterFinalizer = new FinalizationRegistry<XGBoostBooster>((booster) => booster.free());

/**
 * Gradient-boosted trees (XGBoost compiled to WASM, via `ml-xgboost`) with squared-error loss
 * (objective `reg:linear`, the name this XGBoost build knows; `reg:squarederror` aborts it).
 * Deterministic for a seed. Inputs must be finite: this build aborts the process on `NaN`.
 */
export class XGBoostRegressor implements Regressor {
  readonly name = 'xgboost';
  readonly options: Required<XGBoostRegressorOptions>;
  private booster: XGBoostBooster | undefined;
  private saved: XGBoostModelJSON | undefined;
  private width = 0;
  /** Mean training target: the booster fits y − offset from a base score of 0. */
  private offset = 0;

  constructor(options: XGBoostRegressorOptions = {}) {
    this.options = {
      rounds: options.rounds ?? 100,
      maxDepth: options.maxDepth ?? 4,
      learningRate: options.learningRate ?? 0.05,
      subsample: options.subsample ?? 0.8,
      colsampleByTree: options.colsampleByTree ?? 0.8,
      minChildWeight: options.minChildWeight ?? 20,
      lambda: options.lambda ?? 1,
      seed: options.seed ?? 1,
    };
    const o = this.options;
    assertInteger('rounds', o.rounds, 1, 100_000);
    assertInteger('maxDepth', o.maxDepth, 1, 32);
    assertInRange('learningRate', o.learningRate, 0, 1, true);
    assertInRange('subsample', o.subsample, 0, 1);
    assertInRange('colsampleByTree', o.colsampleByTree, 0, 1);
    assertInRange('minChildWeight', o.minChildWeight, 0, Number.MAX_VALUE);
    assertInRange('lambda', o.lambda, 0, Number.MAX_VALUE);
    assertInteger('seed', o.seed, 0, 2 ** 31 - 1);
  }

  /** Trains a new booster on `X`, `y`, replacing (and freeing) any previous one. */
  async fit(X: FeatureMatrix, y: Float64Array): Promise<void> {
    const width = assertFeatureMatrix('X', X);
    assertTargets('y', y, X.length);
    const runtime = await loadXGBoost();
    const o = this.options;
    // XGBoost boosts from base_score, 0.5 by default in this version — far from any return. Boost
    // from the mean instead: base_score 0 on centred targets.
    let offset = 0;
    for (let i = 0; i < y.length; i++) offset += y[i] as number;
    offset /= y.length;
    const data = new Float32Array(X.length * width);
    X.forEach((row, i) => {
      data.set(row, i * width);
    });
    const labels = Float32Array.from(y, (v) => v - offset);
    const booster = runtime.train(
      {
        booster: 'gbtree',
        objective: 'reg:linear',
        max_depth: o.maxDepth,
        eta: o.learningRate,
        subsample: o.subsample,
        colsample_bytree: o.colsampleByTree,
        min_child_weight: o.minChildWeight,
        lambda: o.lambda,
        base_score: 0,
        seed: o.seed,
        silent: 1,
        iterations: o.rounds,
      },
      data,
      labels,
      X.length,
      width,
    );
    this.freeBooster();
    this.booster = booster;
    boosterFinalizer.register(this, booster, this);
    this.saved = undefined;
    this.width = width;
    this.offset = offset;
  }

  /** Predictions for every row of `X` (an empty `X` gives an empty result). */
  async predict(X: FeatureMatrix): Promise<Float64Array> {
    if (this.width === 0) throw new ModelNotFittedError('XGBoostRegressor', 'predict');
    if (X.length === 0) return new Float64Array(0);
    assertFeatureMatrix('X', X, this.width);
    const booster = await this.materialise();
    return Float64Array.from(booster.predict(X.map((row) => Array.from(row))), (v) => v + this.offset);
  }

  /** The booster in XGBoost's own binary model format (base64), with the options and width. */
  toJSON(): ModelJSON {
    if (this.width === 0) throw new ModelNotFittedError('XGBoostRegressor', 'serialise');
    const saved = this.saved ?? (this.booster as XGBoostBooster).toJSON();
    this.saved = saved;
    return {
      type: 'XGBoostRegressor',
      version: VERSION,
      data: {
        options: this.options,
        width: this.width,
        offset: this.offset,
        model: Buffer.from(Uint8Array.from(saved.model, (byte) => byte & 0xff)).toString('base64'),
        boosterOptions: saved.options,
      },
    };
  }

  /** Rebuilds a trained regressor; the booster is loaded into WASM on first `predict`. */
  static fromJSON(json: ModelJSON): XGBoostRegressor {
    assertModelJSON(json, 'XGBoostRegressor', VERSION);
    const data = json.data as {
      options: XGBoostRegressorOptions;
      width: number;
      offset: number;
      model: string;
      boosterOptions: Record<string, string | number>;
    };
    const regressor = new XGBoostRegressor(data.options);
    assertInteger('json.data.width', data.width, 1);
    regressor.width = data.width;
    regressor.offset = Number.isFinite(data.offset) ? data.offset : 0;
    regressor.saved = {
      name: 'ml-xgboost',
      model: Array.from(Buffer.from(data.model, 'base64')),
      options: data.boosterOptions,
    };
    return regressor;
  }

  /**
   * Frees the WASM memory of the booster now (it is also freed when the regressor is collected).
   * The regressor stays usable: its model is kept serialised and reloaded on the next `predict`.
   */
  dispose(): void {
    if (this.booster) this.saved ??= this.booster.toJSON();
    this.freeBooster();
  }

  private freeBooster(): void {
    if (this.booster) {
      boosterFinalizer.unregister(this);
      this.booster.free();
      this.booster = undefined;
    }
  }

  private async materialise(): Promise<XGBoostBooster> {
    if (this.booster) return this.booster;
    const { XGBoost } = await loadXGBoost();
    const booster = XGBoost.load(this.saved as XGBoostModelJSON);
    this.booster = booster;
    boosterFinalizer.register(this, booster, this);
    return booster;
  }
}
