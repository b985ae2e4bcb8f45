// Test kit: seeded regression problems with a known target function.
import { createRng } from '@da-ki/sdk';

/** A regression data set: rows, targets and the noise-free targets. */
export interface RegressionData {
  X: Float64Array[];
  y: Float64Array;
  signal: Float64Array;
}

/**
 * `n` rows of `width` uniform(−1, 1) features; target `sin(3·x0) + x1·x2` plus normal noise of sd
 * `noise`. Nonlinear, so a linear fit leaves most of the variance unexplained.
 */
export function nonlinearRegression(n: number, width = 5, noise = 0.1, seed = 7): RegressionData {
  const rng = createRng(seed);
  const X: Float64Array[] = [];
  const y = new Float64Array(n);
  const signal = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = new Float64Array(width);
    for (let k = 0; k < width; k++) row[k] = rng.next() * 2 - 1;
    X.push(row);
    signal[i] = Math.sin(3 * (row[0] as number)) + (row[1] as number) * (row[2] as number);
    y[i] = (signal[i] as number) + noise * rng.normal();
  }
  return { X, y, signal };
}

/** Root mean squared difference of two equal-length vectors. */
export function rmseOf(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ss = 0;
  for (let i = 0; i < a.length; i++) ss += ((a[i] as number) - (b[i] as number)) ** 2;
  return Math.sqrt(ss / a.length);
}

/** Population standard deviation. */
export function sdOf(values: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i] as number;
  mean /= values.length;
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += ((values[i] as number) - mean) ** 2;
  return Math.sqrt(ss / values.length);
}
