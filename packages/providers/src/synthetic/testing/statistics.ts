/** Small sample statistics for the synthetic provider's stylised-fact tests. */

/** Arithmetic mean of the finite values. */
export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) {
      sum += v;
      count++;
    }
  }
  return sum / count;
}

/** Median of the values. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Sample excess kurtosis m4 / m2² − 3 (0 for a normal distribution). */
export function excessKurtosis(values: ArrayLike<number>): number {
  const m = mean(values);
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < values.length; i++) {
    const d = (values[i] as number) - m;
    m2 += d * d;
    m4 += d ** 4;
  }
  m2 /= values.length;
  m4 /= values.length;
  return m4 / (m2 * m2) - 3;
}

/** Sample autocorrelation at `lag`. */
export function autocorrelation(values: ArrayLike<number>, lag: number): number {
  const m = mean(values);
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < values.length; i++) {
    const d = (values[i] as number) - m;
    denominator += d * d;
    if (i >= lag) numerator += d * ((values[i - lag] as number) - m);
  }
  return numerator / denominator;
}

/** Pearson correlation over the positions where both values are finite. */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = 0;
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    n++;
    sa += x;
    sb += y;
    saa += x * x;
    sbb += y * y;
    sab += x * y;
  }
  const cov = sab / n - (sa / n) * (sb / n);
  return cov / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
}

/** Close-to-close log returns. */
export function logReturns(close: ArrayLike<number>): Float64Array {
  const out = new Float64Array(Math.max(0, close.length - 1));
  for (let i = 1; i < close.length; i++)
    out[i - 1] = Math.log((close[i] as number) / (close[i - 1] as number));
  return out;
}
