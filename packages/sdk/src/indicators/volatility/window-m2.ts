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
// term (0 − mean)² bounds n·mean² by n·M2.
// Σd and Σd² are each summed in four interleaved partial sums (value k of the window, oldest
// first, goes to sum k mod 4; then (s0 + s1) + (s2 + s3)): four independent addition chains instead
// of one, which is what lets Bollinger Bands run at tens of millions of bars per second (one chain
// waits on the adder's latency for every value). Batch and streaming forms both run this one
// function, so they get the same bits.

/** Σ (x − mean)² of `values[end − n + 1 .. end]`. */
export function m2OfArray(values: ArrayLike<number>, end: number, n: number): number {
  const last = values[end] as number;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let q0 = 0;
  let q1 = 0;
  let q2 = 0;
  let q3 = 0;
  let k = end - n + 1;
  for (; k + 3 <= end; k += 4) {
    const d0 = (values[k] as number) - last;
    const d1 = (values[k + 1] as number) - last;
    const d2 = (values[k + 2] as number) - last;
    const d3 = (values[k + 3] as number) - last;
    s0 += d0;
    s1 += d1;
    s2 += d2;
    s3 += d3;
    q0 += d0 * d0;
    q1 += d1 * d1;
    q2 += d2 * d2;
    q3 += d3 * d3;
  }
  // The last n mod 4 values, into the sums their position gives them.
  if (k <= end) {
    const d = (values[k] as number) - last;
    s0 += d;
    q0 += d * d;
  }
  if (k + 1 <= end) {
    const d = (values[k + 1] as number) - last;
    s1 += d;
    q1 += d * d;
  }
  if (k + 2 <= end) {
    const d = (values[k + 2] as number) - last;
    s2 += d;
    q2 += d * d;
  }
  const sum = s0 + s1 + (s2 + s3);
  const squares = q0 + q1 + (q2 + q3);
  // Never below 0 (a rounding residue of a flat-ish window).
  return Math.max(squares - (sum * sum) / n, 0);
}

// The ring's values copied oldest first, for m2OfArray (n ≤ DIRECT_WINDOW_LIMIT; no reentrancy).
const scratch = new Float64Array(DIRECT_WINDOW_LIMIT);

/** Σ (x − mean)² of the last `n` (≤ {@link DIRECT_WINDOW_LIMIT}) values of a ring read with `get(ago)` (0 = newest). */
export function m2OfRing(ring: { get(ago: number): number }, n: number): number {
  for (let ago = n - 1; ago >= 0; ago--) scratch[n - 1 - ago] = ring.get(ago);
  return m2OfArray(scratch, n - 1, n);
}
