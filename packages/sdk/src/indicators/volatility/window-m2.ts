/**
 * Windows up to this length get their sum of squared deviations by one pass over the window
 * (exact to rounding, and the fastest way for short windows: 20 values cost 60 operations);
 * longer ones use `WindowVariance`'s O(1) update.
 */
export const DIRECT_WINDOW_LIMIT = 64;

// The pass measures from the newest value, d = x − x_newest: the differences of nearby prices are
// exact (Sterbenz), so prices near 1e8 with a spread of 1e-4 keep their digits, and a window of
// equal values gives exactly 0 however large the jump before it. M2 = Σd² − (Σd)²/n then loses at
// most a factor n + 1 of precision to cancellation: the anchor is itself in the window, so its own
// term (0 − mean)² bounds n·mean² by n·M2. The loops below visit the window oldest first in the
// same order, so batch and streaming forms get the same bits.

/** Σ (x − mean)² of `values[end − n + 1 .. end]`. */
export function m2OfArray(values: ArrayLike<number>, end: number, n: number): number {
  const last = values[end] as number;
  let sum = 0;
  let squares = 0;
  for (let k = end - n + 1; k <= end; k++) {
    const d = (values[k] as number) - last;
    sum += d;
    squares += d * d;
  }
  // Never below 0 (a rounding residue of a flat-ish window).
  return Math.max(squares - (sum * sum) / n, 0);
}

/** Σ (x − mean)² of the last `n` values of a ring read with `get(ago)` (0 = newest). */
export function m2OfRing(ring: { get(ago: number): number }, n: number): number {
  const last = ring.get(0);
  let sum = 0;
  let squares = 0;
  for (let ago = n - 1; ago >= 0; ago--) {
    const d = ring.get(ago) - last;
    sum += d;
    squares += d * d;
  }
  return Math.max(squares - (sum * sum) / n, 0);
}
