/**
 * Chunked batch loops. A batch function that runs its steady state in one loop over the whole
 * series is compiled by V8 while its first call is still inside that loop (on-stack replacement,
 * OSR). The code after the loop, and the set-up before it, then have no type feedback: the
 * whole-function code deoptimises on entry or exit, and every later call re-enters the loop's OSR
 * code, where loop-carried doubles are tagged values — a heap number per running average per bar,
 * 2–3× slower, young-generation GCs every few hundred thousand bars, and rates that flip between
 * runs (PSAR 23 ns/bar instead of 14; PPO 6.6–35 ms per 1 M bars in one process).
 *
 * A steady-state function called once per chunk is entered many times per call, so V8 compiles
 * it whole, with its state loaded into float64 locals (from a Float64Array or arguments). Its
 * first call is short (FIRST_CHUNK bars) so that it returns, and the stores after its loop get
 * feedback, before V8 compiles it. Used by psar, t3, macd, apo/ppo, tsi, kst, cmo, Fisher, force
 * index and Chaikin money flow.
 */

/** Bars in the first chunk of a batch call: past V8's feedback-vector budget, short of OSR. */
export const FIRST_CHUNK = 256;

/** Bars in every later chunk: a call and the state's loads and stores per 4096 bars are noise. */
export const CHUNK = 4096;

/** The end of the chunk that starts at `from` (the first chunk starts at `start`), at most `n`. */
export function chunkEnd(from: number, start: number, n: number): number {
  return Math.min(n, from + (from === start ? FIRST_CHUNK : CHUNK));
}
