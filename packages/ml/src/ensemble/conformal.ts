import { InvalidArgumentError } from '@da-ki/sdk';

/**
 * The split-conformal radius for absolute residuals at coverage `level` (Vovk et al. 2005; Lei et
 * al. 2018): the ⌈(n + 1)·level⌉-th smallest |residual|. Under exchangeable residuals, an interval
 * of this radius around a new prediction covers the outcome with probability ≥ level. (Overlapping
 * forward returns are not exchangeable: the walk-forward report measures the coverage achieved.)
 */
export function conformalRadius(residuals: ArrayLike<number>, level: number): number {
  if (!(level > 0 && level < 1)) throw new InvalidArgumentError('level', `must be in (0, 1), got ${level}`);
  const n = residuals.length;
  if (n === 0) throw new InvalidArgumentError('residuals', 'must not be empty');
  const sorted = Float64Array.from(residuals, Math.abs).sort();
  const k = Math.min(n, Math.ceil((n + 1) * level));
  return sorted[k - 1] as number;
}

/** At most `size` evenly spaced order statistics of `values`, sorted: a compact stand-in for them. */
export function quantileSketch(values: ArrayLike<number>, size = 1001): Float64Array {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length <= size) return sorted;
  return Float64Array.from(
    { length: size },
    (_, i) => sorted[Math.round((i * (sorted.length - 1)) / (size - 1))] as number,
  );
}

/**
 * Probability that the outcome has the sign of `prediction`, with the outcome = prediction +
 * residual and residuals drawn from `sortedResiduals` (ascending): the empirical share of
 * residuals that do not flip the sign. 0.5 for a prediction of 0.
 */
export function signProbability(sortedResiduals: Float64Array, prediction: number): number {
  const n = sortedResiduals.length;
  if (n === 0 || prediction === 0) return 0.5;
  // count residuals e with prediction + e > 0 (prediction > 0) or < 0 (prediction < 0)
  const threshold = -prediction;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sortedResiduals[mid] as number) <= threshold) lo = mid + 1;
    else hi = mid;
  }
  const above = n - lo;
  if (prediction > 0) return above / n;
  // residuals strictly below −prediction
  let lo2 = 0;
  let hi2 = n;
  while (lo2 < hi2) {
    const mid = (lo2 + hi2) >> 1;
    if ((sortedResiduals[mid] as number) < threshold) lo2 = mid + 1;
    else hi2 = mid;
  }
  return lo2 / n;
}
