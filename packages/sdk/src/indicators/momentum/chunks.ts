/**
 * Chunked batch loops. A batch function that runs its steady state in one loop over the whole
 * series is usually left, after its first call, in V8's on-stack-replacement (OSR) code: the first
 * call's early bars run before V8 allocates the function's feedback vector, so the whole-function
 * code deoptimises on entry ("insufficient type feedback") and every later call re-enters the
 * loop's OSR code, where loop-carried doubles are tagged values: a heap number per EMA per bar,
 * 2–3× slower and a young-generation GC every few hundred thousand bars.
 *
 * A steady-state function called once per chunk instead is entered many times per call, so V8
 * compiles it whole, with its state loaded from a Float64Array into float64 locals. Its first
 * call is short (FIRST_CHUNK bars) so that it finishes in the interpreter after the feedback
 * vector exists: the code after its loop (the state stores) then has feedback when V8 compiles
 * the loop, and no compiled form deoptimises on every chunk.
 */

/** Bars in the first chunk of a batch call: past V8's feedback-vector budget, short of OSR. */
export const FIRST_CHUNK = 256;

/** Bars in every later chunk: the call per chunk is a few ns per 4096 bars. */
export const CHUNK = 4096;

/** The end of the chunk that starts at `from` (the first one at `start`), capped at `n`. */
export function chunkEnd(from: number, start: number, n: number): number {
  return Math.min(n, from + (from === start ? FIRST_CHUNK : CHUNK));
}
