/**
 * Chunked batch loops (psar, t3). A loop over a whole series runs, from the first call on, in V8's
 * on-stack-replacement (OSR) code: the function is compiled while its first call is still in the
 * loop, so the code after the loop has no type feedback, the whole-function code deoptimises when
 * it gets there, and every later call re-enters the loop's OSR code, where the loop-carried
 * doubles are tagged values (a heap number per update per bar: PSAR 23 ns/bar instead of 14).
 *
 * A function entered once per chunk is compiled whole, with its state loaded from a Float64Array
 * into float64 locals. Its first call is short (FIRST_CHUNK bars) so that it returns, and the
 * stores after its loop get feedback, before V8 compiles it.
 */

/** Bars in the first chunk of a batch call. */
export const FIRST_CHUNK = 256;

/** Bars in every later chunk (a call and the state's loads and stores per chunk are noise). */
export const CHUNK = 4096;

/** The end of the chunk that starts at `from` (the first chunk starts at `start`), at most `n`. */
export function chunkEnd(from: number, start: number, n: number): number {
  return Math.min(n, from + (from === start ? FIRST_CHUNK : CHUNK));
}
