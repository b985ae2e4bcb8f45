import { InvalidArgumentError } from '@da-ki/sdk';
import { normalEquations, solveLinearSystem } from './linear-algebra.js';
import { nnls } from './nnls.js';

/** How the stacking weights are constrained. */
export type MetaModelKind = 'nnls' | 'ridge';

/**
 * A fitted linear meta-model: prediction = intercept + Σ weight × base prediction. Kind `equal` is
 * the plain average the ensemble falls back to when the history is too short to fit weights out of
 * sample (see {@link equalWeightMetaModel}).
 */
export interface LinearMetaModel {
  kind: MetaModelKind | 'equal';
  /** Base model names, in column order. */
  models: string[];
  /** One weight per base model. */
  weights: number[];
  intercept: number;
}

/**
 * Fits the stacking meta-model on out-of-fold base predictions `P` (one row per observation, one
 * column per model) against outcomes `y`. `nnls`: weights ≥ 0 (Breiman's stacked regression,
 * 1996). `ridge`: L2 penalty `alpha` times the mean diagonal of the Gram matrix, so alpha is
 * scale-free. With `intercept` (default off) columns and `y` are centred first and the intercept
 * is free; without, the forecast is a weighted sum of the base forecasts, which carry their own
 * level — Breiman's form, and steadier when the out-of-fold rows span a short period whose mean
 * return says little about the next one.
 */
export function fitMetaModel(
  models: readonly string[],
  P: readonly Float64Array[],
  y: Float64Array,
  kind: MetaModelKind = 'nnls',
  alpha = 0.1,
  withIntercept = false,
): LinearMetaModel {
  if (P.length !== y.length)
    throw new InvalidArgumentError('y', `has ${y.length} values but there are ${P.length} rows`);
  if (P.length < 2) throw new InvalidArgumentError('P', 'needs at least 2 out-of-fold rows');
  const k = models.length;
  const means = new Array<number>(k).fill(0);
  let yMean = 0;
  for (let i = 0; i < P.length; i++) {
    const row = P[i] as Float64Array;
    if (row.length !== k)
      throw new InvalidArgumentError('P', `row has ${row.length} columns, expected ${k}`, i);
    for (let j = 0; j < k; j++) means[j] = (means[j] as number) + (row[j] as number);
    yMean += y[i] as number;
  }
  for (let j = 0; j < k; j++) means[j] = withIntercept ? (means[j] as number) / P.length : 0;
  yMean = withIntercept ? yMean / P.length : 0;
  const centred = P.map((row) => Float64Array.from(row, (v, j) => v - (means[j] as number)));
  const yc = Float64Array.from(y, (v) => v - yMean);

  let weights: number[];
  if (kind === 'nnls') {
    weights = Array.from(nnls(centred, yc));
  } else {
    const cols = Array.from({ length: k }, (_, j) => j);
    const { xtx, xty } = normalEquations(centred, yc, cols);
    const meanDiagonal = cols.reduce((s, j) => s + ((xtx[j] as number[])[j] as number), 0) / k || 1;
    for (const j of cols)
      (xtx[j] as number[])[j] = ((xtx[j] as number[])[j] as number) + alpha * meanDiagonal;
    weights = solveLinearSystem(xtx, xty) ?? new Array<number>(k).fill(0);
  }
  const intercept = withIntercept ? yMean - weights.reduce((s, w, j) => s + w * (means[j] as number), 0) : 0;
  return { kind, models: [...models], weights, intercept };
}

/** The meta-model's prediction for one row of base predictions. */
export function applyMetaModel(meta: LinearMetaModel, row: ArrayLike<number>): number {
  let value = meta.intercept;
  for (let j = 0; j < meta.weights.length; j++) value += (meta.weights[j] as number) * (row[j] as number);
  return value;
}

/**
 * The average of the base forecasts, fitted on nothing: what the ensemble combines with when the
 * history is too short to fit stacking weights on out-of-fold rows realised before each scored
 * split. Simple averages are hard to beat anyway (the "forecast combination puzzle", Stock &
 * Watson 2004), and having no fitted parameter, every out-of-fold row it scores is honest.
 */
export function equalWeightMetaModel(models: readonly string[]): LinearMetaModel {
  return { kind: 'equal', models: [...models], weights: models.map(() => 1 / models.length), intercept: 0 };
}
