import { createRng, InvalidArgumentError } from '@da-ki/sdk';
import { ModelNotFittedError } from '../model/errors.js';
import type { FeatureMatrix, ModelJSON, Regressor } from '../model/regressor.js';
import {
  assertFeatureMatrix,
  assertInRange,
  assertInteger,
  assertModelJSON,
  assertTargets,
} from '../model/validate.js';
import { Adam, clipGradientNorm } from './adam.js';
import {
  initLstmParameters,
  type LstmShape,
  lstmForward,
  lstmLayout,
  lstmLossAndGradient,
} from './lstm-network.js';

/** Hyper-parameters of {@link LstmRegressor}. */
export interface LstmRegressorOptions {
  /**
   * Timesteps per input row. Each row of `X` is a window of `timesteps` feature rows laid end to
   * end, oldest first, so its width must be a multiple of `timesteps`. Default 10.
   */
  timesteps?: number;
  /** Hidden units. Default 8. */
  hiddenSize?: number;
  /** Passes over the training rows. Default 10. */
  epochs?: number;
  /** Rows per Adam step. Default 64. */
  batchSize?: number;
  /** Adam step size. Default 0.003. */
  learningRate?: number;
  /** Back-propagate through at most this many of the last timesteps. Default: all of them. */
  bpttSteps?: number;
  /** Maximum L2 norm of a batch gradient. Default 1. */
  clipNorm?: number;
  /** At most this many rows (drawn at random, seeded) are used per epoch. Default 20 000. */
  maxSamplesPerEpoch?: number;
  /** Seed of the initial weights and of the batch order. Default 1. */
  seed?: number;
}

const VERSION = 1;

interface Scaling {
  featureMean: number[];
  featureSd: number[];
  targetMean: number;
  targetSd: number;
}

/**
 * A compact LSTM regressor in plain TypeScript: one LSTM layer, a linear read-out of the last
 * hidden state, squared-error loss, Adam, truncated back-propagation through time and gradient
 * clipping. Features and target are standardised internally. Deterministic for a seed: the same
 * data and options give bit-identical weights on every machine (no threads, no native code).
 */
export class LstmRegressor implements Regressor {
  readonly name = 'lstm';
  readonly options: Required<LstmRegressorOptions>;
  private params: Float64Array | undefined;
  private shape: LstmShape | undefined;
  private scaling: Scaling | undefined;
  private losses: number[] = [];

  constructor(options: LstmRegressorOptions = {}) {
    const timesteps = options.timesteps ?? 10;
    this.options = {
      timesteps,
      hiddenSize: options.hiddenSize ?? 8,
      epochs: options.epochs ?? 10,
      batchSize: options.batchSize ?? 64,
      learningRate: options.learningRate ?? 0.003,
      bpttSteps: options.bpttSteps ?? timesteps,
      clipNorm: options.clipNorm ?? 1,
      maxSamplesPerEpoch: options.maxSamplesPerEpoch ?? 20_000,
      seed: options.seed ?? 1,
    };
    const o = this.options;
    assertInteger('timesteps', o.timesteps, 1, 10_000);
    assertInteger('hiddenSize', o.hiddenSize, 1, 1024);
    assertInteger('epochs', o.epochs, 1, 100_000);
    assertInteger('batchSize', o.batchSize, 1);
    assertInRange('learningRate', o.learningRate, 0, 1, true);
    assertInteger('bpttSteps', o.bpttSteps, 1);
    assertInRange('clipNorm', o.clipNorm, 0, Number.MAX_VALUE, true);
    assertInteger('maxSamplesPerEpoch', o.maxSamplesPerEpoch, 1);
    assertInteger('seed', o.seed, 0, 2 ** 31 - 1);
  }

  /** Mean training loss (on standardised targets) after each epoch of the last `fit`. */
  get trainingLoss(): readonly number[] {
    return this.losses;
  }

  /** Trains a fresh network (weights from the seed) on windows `X` and targets `y`. */
  async fit(X: FeatureMatrix, y: Float64Array): Promise<void> {
    const width = assertFeatureMatrix('X', X);
    assertTargets('y', y, X.length);
    const o = this.options;
    if (width % o.timesteps !== 0) {
      throw new InvalidArgumentError(
        'X',
        `row width ${width} is not a multiple of timesteps (${o.timesteps})`,
      );
    }
    const shape: LstmShape = { inputSize: width / o.timesteps, hiddenSize: o.hiddenSize };
    const scaling = fitScaling(X, y, shape.inputSize);
    const sequences = X.map((row) => scaleSequence(row, scaling));
    const targets = Float64Array.from(y, (v) => (v - scaling.targetMean) / scaling.targetSd);

    const rng = createRng(`lstm:${o.seed}`);
    const params = initLstmParameters(shape, rng);
    const adam = new Adam(params.length, { learningRate: o.learningRate });
    const gradient = new Float64Array(params.length);
    const order = Array.from({ length: sequences.length }, (_, i) => i);
    const perEpoch = Math.min(order.length, o.maxSamplesPerEpoch);
    const batch: Float64Array[] = [];
    const batchTargets: number[] = [];
    this.losses = [];
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      shuffle(order, rng);
      let epochLoss = 0;
      let batches = 0;
      for (let start = 0; start < perEpoch; start += o.batchSize) {
        batch.length = 0;
        batchTargets.length = 0;
        for (let i = start; i < Math.min(perEpoch, start + o.batchSize); i++) {
          const row = order[i] as number;
          batch.push(sequences[row] as Float64Array);
          batchTargets.push(targets[row] as number);
        }
        const { loss } = lstmLossAndGradient(params, shape, batch, batchTargets, o.bpttSteps, gradient);
        clipGradientNorm(gradient, o.clipNorm);
        adam.step(params, gradient);
        epochLoss += loss;
        batches++;
      }
      this.losses.push(epochLoss / batches);
    }
    this.params = params;
    this.shape = shape;
    this.scaling = scaling;
  }

  /** Predictions for every window of `X`, in the target's units. */
  async predict(X: FeatureMatrix): Promise<Float64Array> {
    const { params, shape, scaling } = this;
    if (!params || !shape || !scaling) throw new ModelNotFittedError('LstmRegressor', 'predict');
    if (X.length === 0) return new Float64Array(0);
    assertFeatureMatrix('X', X, shape.inputSize * this.options.timesteps);
    const out = new Float64Array(X.length);
    const z = new Float64Array(4 * shape.hiddenSize);
    for (let i = 0; i < X.length; i++) {
      const yHat = lstmForward(params, shape, scaleSequence(X[i] as Float64Array, scaling), undefined, z);
      out[i] = yHat * scaling.targetSd + scaling.targetMean;
    }
    return out;
  }

  /** Options, shape, standardisation and the packed weights. */
  toJSON(): ModelJSON {
    const { params, shape, scaling } = this;
    if (!params || !shape || !scaling) throw new ModelNotFittedError('LstmRegressor', 'serialise');
    return {
      type: 'LstmRegressor',
      version: VERSION,
      data: { options: this.options, shape, scaling, params: Array.from(params), trainingLoss: this.losses },
    };
  }

  /** Rebuilds a trained network. */
  static fromJSON(json: ModelJSON): LstmRegressor {
    assertModelJSON(json, 'LstmRegressor', VERSION);
    const data = json.data as {
      options: LstmRegressorOptions;
      shape: LstmShape;
      scaling: Scaling;
      params: number[];
      trainingLoss?: number[];
    };
    const regressor = new LstmRegressor(data.options);
    const expected = lstmLayout(data.shape).size;
    if (!Array.isArray(data.params) || data.params.length !== expected) {
      throw new InvalidArgumentError('json.data.params', `must hold ${expected} weights for this shape`);
    }
    regressor.shape = { inputSize: data.shape.inputSize, hiddenSize: data.shape.hiddenSize };
    regressor.scaling = data.scaling;
    regressor.params = Float64Array.from(data.params);
    regressor.losses = data.trainingLoss ?? [];
    return regressor;
  }
}

function fitScaling(X: FeatureMatrix, y: Float64Array, F: number): Scaling {
  const sum = new Float64Array(F);
  const sumSq = new Float64Array(F);
  let count = 0;
  for (const row of X) {
    for (let i = 0; i < row.length; i++) {
      const v = row[i] as number;
      sum[i % F] = (sum[i % F] as number) + v;
      sumSq[i % F] = (sumSq[i % F] as number) + v * v;
    }
    count += row.length / F;
  }
  const featureMean: number[] = [];
  const featureSd: number[] = [];
  for (let k = 0; k < F; k++) {
    const mean = (sum[k] as number) / count;
    const sd = Math.sqrt(Math.max(0, (sumSq[k] as number) / count - mean * mean));
    featureMean.push(mean);
    featureSd.push(sd > 1e-12 ? sd : 1);
  }
  let targetMean = 0;
  for (let i = 0; i < y.length; i++) targetMean += y[i] as number;
  targetMean /= y.length;
  let ss = 0;
  for (let i = 0; i < y.length; i++) ss += ((y[i] as number) - targetMean) ** 2;
  const targetSd = Math.sqrt(ss / y.length);
  return { featureMean, featureSd, targetMean, targetSd: targetSd > 1e-12 ? targetSd : 1 };
}

function scaleSequence(row: Float64Array, scaling: Scaling): Float64Array {
  const F = scaling.featureMean.length;
  const out = new Float64Array(row.length);
  for (let i = 0; i < row.length; i++) {
    out[i] =
      ((row[i] as number) - (scaling.featureMean[i % F] as number)) / (scaling.featureSd[i % F] as number);
  }
  return out;
}

function shuffle(order: number[], rng: { next(): number }): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const swap = order[i] as number;
    order[i] = order[j] as number;
    order[j] = swap;
  }
}
