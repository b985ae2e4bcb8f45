import { assertFiniteSeries, assertPeriod, fusedSeriesLength } from '../args.js';
import { chunkEnd } from '../batch-chunks.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Ema } from '../kernel-parts.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import type { IndicatorState } from '../state.js';

class TrixKernel extends Kernel {
  private readonly emas: [Ema, Ema, Ema];
  private readonly s: Float64Array; // previous triple EMA

  constructor(period: number) {
    super(1);
    assertPeriod('period', period);
    this.emas = [new Ema(this, period), new Ema(this, period), new Ema(this, period)];
    this.s = new Slots(this, 1, Number.NaN).v;
  }

  step(x: number): void {
    const [first, second, third] = this.emas;
    // Each stage takes the previous one's every value once that one is past its warm-up — NaN
    // included, after an overflow — as the batch function's counts do.
    const e1 = first.next(x);
    if (!first.isReady) return;
    const e2 = second.next(e1);
    if (!second.isReady) return;
    const e3 = third.next(e2);
    if (!third.isReady) return;
    const previous = this.s[0] as number;
    this.s[0] = e3;
    if (third.count === third.period) return; // the first triple EMA has nothing to compare with
    // A zero base gives 0, as `roc` does, instead of ±Infinity; a NaN base gives NaN.
    this.out[0] = previous === 0 ? 0 : (e3 / previous - 1) * 100;
  }
}

/**
 * TRIX: the one-bar rate of change, in percent, of the triple-smoothed EMA (each EMA SMA-seeded),
 * `100 · (e3[i] / e3[i−1] − 1)` — TA-Lib's `TRIX`, TTR's `TRIX(percent = TRUE)`. First value at
 * index `3 · (period − 1) + 1`. `options.out`: a column to write into and return instead of
 * allocating one (see {@link ColumnOutput}).
 */
export function trix(values: ArrayLike<number>, period: number, options: ColumnOutput = {}): Float64Array {
  assertPeriod('period', period);
  const n = fusedSeriesLength('values', values);
  // The kernel's arithmetic (three `Ema` parts, then the rate of change) unrolled on locals, the
  // finiteness check in the same pass: the same bits. In chunks (see batch-chunks.ts), the
  // warm-up with its seeds apart from the steady state.
  const first = 3 * (period - 1) + 1;
  const out = outputColumn(options?.out, 'out', n, first, { values });
  const alpha = 2 / (period + 1);
  // Sums start at 0; the EMAs and `previous` are each set by their seed before they are read.
  const state = new Float64Array(STATE_SIZE);
  for (let from = 0; from < n; ) {
    const to = chunkEnd(from, 0, n);
    if (from < first) trixSeed(values, from, Math.min(to, first), state, period, alpha);
    if (to > first) trixRun(values, out, Math.max(from, first), to, state, alpha);
    from = to;
  }
  return out;
}

// The batch state between chunks: the three warm-up sums, the three EMAs, the previous triple EMA.
const S1 = 0;
const S2 = 1;
const S3 = 2;
const E1 = 3;
const E2 = 4;
const E3 = 5;
const PREVIOUS = 6;
const STATE_SIZE = 7;

/**
 * Bars `from` to `to − 1` of `trix` before its first value: each EMA's seed sum, its SMA seed, then
 * its steps, the stage counts taken from the index. Ends with `previous` = the first triple EMA.
 */
function trixSeed(
  values: ArrayLike<number>,
  from: number,
  to: number,
  state: Float64Array,
  period: number,
  alpha: number,
): void {
  let s1 = state[S1] as number;
  let s2 = state[S2] as number;
  let s3 = state[S3] as number;
  let e1 = state[E1] as number;
  let e2 = state[E2] as number;
  let e3 = state[E3] as number;
  let previous = state[PREVIOUS] as number;
  for (let i = from; i < to; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN or ±Infinity: the error names the index
    const c1 = i + 1;
    if (c1 < period) {
      s1 += x;
      continue;
    }
    e1 = c1 === period ? (s1 + x) / period : (x - e1) * alpha + e1;
    const c2 = c1 - (period - 1);
    if (c2 < period) {
      s2 += e1;
      continue;
    }
    e2 = c2 === period ? (s2 + e1) / period : (e1 - e2) * alpha + e2;
    const c3 = c2 - (period - 1);
    if (c3 < period) {
      s3 += e2;
      continue;
    }
    e3 = c3 === period ? (s3 + e2) / period : (e2 - e3) * alpha + e3;
    // Only the first triple EMA is reached before the first value: it has nothing to compare with.
    previous = e3;
  }
  state[S1] = s1;
  state[S2] = s2;
  state[S3] = s3;
  state[E1] = e1;
  state[E2] = e2;
  state[E3] = e3;
  state[PREVIOUS] = previous;
}

/**
 * Bars `from` to `to − 1` of `trix` from its first value on: the three EMA steps and the rate of
 * change, every bar written (a zero base gives 0, as `roc`; a base that overflowed to NaN, NaN).
 */
function trixRun(
  values: ArrayLike<number>,
  out: Float64Array,
  from: number,
  to: number,
  state: Float64Array,
  alpha: number,
): void {
  let e1 = state[E1] as number;
  let e2 = state[E2] as number;
  let e3 = state[E3] as number;
  let previous = state[PREVIOUS] as number;
  for (let i = from; i < to; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN or ±Infinity: the error names the index
    e1 = (x - e1) * alpha + e1;
    e2 = (e1 - e2) * alpha + e2;
    e3 = (e2 - e3) * alpha + e3;
    out[i] = previous === 0 ? 0 : (e3 / previous - 1) * 100;
    previous = e3;
  }
  state[E1] = e1;
  state[E2] = e2;
  state[E3] = e3;
  state[PREVIOUS] = previous;
}

/** Streaming {@link trix}: O(1) per update, same numbers as the batch function. */
export class TRIX extends KernelIndicator<number, number> {
  readonly type = 'TRIX';

  constructor(readonly period: number) {
    super(new TrixKernel(period), { inputs: 'value', outputs: 'value' }, { period }, 3 * (period - 1) + 1);
  }

  /** Restores an indicator from {@link TRIX.toJSON}. */
  static fromJSON(state: IndicatorState): TRIX {
    return new TRIX(Number(state.params.period)).resume(state);
  }
}
