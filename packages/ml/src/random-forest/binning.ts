import type { FeatureMatrix } from '../model/regressor.js';

/** At most this many bins per feature: a bin index fits in one byte. */
export const MAX_BINS = 255;

/**
 * Upper edges of each feature's bins. A value `x` falls in bin `b` = the number of edges below
 * `x`, so `x <= edges[b]` exactly when its bin is at most `b`: a split found on bins is the split
 * `x <= edges[b]` on raw values. With at most `maxBins` distinct values every value has its own
 * bin (edges halfway between neighbours, so the trees split exactly where exact CART would);
 * otherwise the edges are quantiles of the distinct values, as LightGBM and scikit-learn's
 * histogram trees bin.
 */
export function binEdges(X: FeatureMatrix, maxBins = MAX_BINS): Float64Array[] {
  const width = (X[0] as Float64Array).length;
  const column = new Float64Array(X.length);
  const edges: Float64Array[] = [];
  for (let f = 0; f < width; f++) {
    for (let i = 0; i < X.length; i++) column[i] = (X[i] as Float64Array)[f] as number;
    column.sort();
    const distinct: number[] = [];
    for (let i = 0; i < column.length; i++) {
      const v = column[i] as number;
      if (i === 0 || v !== distinct[distinct.length - 1]) distinct.push(v);
    }
    const featureEdges: number[] = [];
    if (distinct.length <= maxBins) {
      for (let i = 0; i + 1 < distinct.length; i++)
        featureEdges.push(midpoint(distinct[i] as number, distinct[i + 1] as number));
    } else {
      // quantiles of the sorted (not distinct) values, so dense regions get narrow bins
      for (let b = 1; b < maxBins; b++) {
        const at = (b * (column.length - 1)) / maxBins;
        const lo = column[Math.floor(at)] as number;
        const hi = column[Math.min(column.length - 1, Math.floor(at) + 1)] as number;
        const edge = midpoint(lo, hi);
        if (featureEdges.length === 0 || edge > (featureEdges[featureEdges.length - 1] as number))
          featureEdges.push(edge);
      }
    }
    edges.push(Float64Array.from(featureEdges));
  }
  return edges;
}

/** Halfway between two values; `a` itself when the halfway point rounds onto `b`. */
function midpoint(a: number, b: number): number {
  const m = a + (b - a) / 2;
  return m >= b ? a : m;
}

/** The bin of every value, row-major: `bins[i * width + f]` is row `i`'s bin of feature `f`. */
export function binMatrix(X: FeatureMatrix, edges: readonly Float64Array[]): Uint8Array {
  const rows = X.length;
  const width = edges.length;
  const bins = new Uint8Array(rows * width);
  edges.forEach((featureEdges, f) => {
    for (let i = 0; i < rows; i++)
      bins[i * width + f] = binOf((X[i] as Float64Array)[f] as number, featureEdges);
  });
  return bins;
}

/** Number of edges strictly below `x` (binary search). */
function binOf(x: number, edges: Float64Array): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((edges[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
