/**
 * Windows up to this length get their sum of squared deviations by two passes over the window
 * (exact to rounding, and the fastest way for short windows: 40 operations for 20 values);
 * longer ones use `WindowVariance`'s O(1) update.
 */
export const DIRECT_WINDOW_LIMIT = 64;

// Both passes measure from the newest value: the differences of nearby prices are exact
// (Sterbenz), so prices near 1e8 with a spread of 1e-4 keep their digits, and a window of equal
// values gives exactly 0 however large the jump before it. The three loops below visit the window
// oldest first in the same order, so batch and streaming forms get the same bits.

/** Σ (x − mean)² of `values[end − n + 1 .. end]`. */
export function m2OfArray(values: ArrayLike<number>, end: number, n: number): number {
  const last = values[end] as number;
  const start = end - n + 1;
  let sum = 0;
  for (let k = start; k <= end; k++) sum += (values[k] as number) - last;
  const mean = sum / n;
  let m2 = 0;
  for (let k = start; k <= end; k++) {
    const e = (values[k] as number) - last - mean;
    m2 += e * e;
  }
  return m2;
}

/** Σ (x − mean)² of the last `n` values of a ring read with `get(ago)` (0 = newest). */
export function m2OfRing(ring: { get(ago: number): number }, n: number): number {
  const last = ring.get(0);
  let sum = 0;
  for (let ago = n - 1; ago >= 0; ago--) sum += ring.get(ago) - last;
  const mean = sum / n;
  let m2 = 0;
  for (let ago = n - 1; ago >= 0; ago--) {
    const e = ring.get(ago) - last - mean;
    m2 += e * e;
  }
  return m2;
}
