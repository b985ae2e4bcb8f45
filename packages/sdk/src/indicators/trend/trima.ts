import { assertFiniteSeries, assertPeriod, fusedSeriesLength } from '../args.js';
import { chunkEnd } from '../batch-chunks.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Sma } from '../kernel-parts.js';
import { SUM_SCALE, SUM_UNSCALE } from '../magnitude.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import type { IndicatorState } from '../state.js';

// Module-local copies: under some loaders an imported binding read in a hot loop is a getter call.
const SCALE = SUM_SCALE;
const UNSCALE = SUM_UNSCALE;

class TrimaKernel extends Kernel {
  private readonly inner: Sma;
  private readonly outer: Sma;

  constructor(period: number) {
    super(1);
    assertPeriod('period', period);
    // Weights 1, 2, …, 2, 1 over `period` values: an SMA of an SMA whose lengths add up to period + 1.
    const innerPeriod = Math.floor(period / 2) + 1;
    this.inner = new Sma(this, innerPeriod);
    this.outer = new Sma(this, period + 1 - innerPeriod);
  }

  step(x: number): void {
    const first = this.inner.next(x);
    if (Number.isNaN(first)) return;
    this.out[0] = this.outer.next(first);
  }
}

/**
 * Bars `from` to `to` of `trima`: the kernel's two `Sma` parts (running sums scaled by 2^-64, as
 * `sma`), the finiteness check in the same pass. `sums` holds [sum1, sum2]; `inner` is the ring
 * of the last p2 inner averages, `slot` the one p2 inputs ago, overwritten by the newest (returned
 * for the next chunk: an integer argument, not a float64 state slot used as an index).
 */
function trimaRun(
  values: ArrayLike<number>,
  out: Float64Array,
  from: number,
  to: number,
  sums: Float64Array,
  inner: Float64Array,
  slot: number,
  p1: number,
  p2: number,
): number {
  let sum1 = sums[0] as number;
  let sum2 = sums[1] as number;
  let s = slot;
  for (let i = from; i < to; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN or ±Infinity: the error names the index
    sum1 += x * SCALE;
    if (i >= p1) sum1 -= (values[i - p1] as number) * SCALE;
    if (i < p1 - 1) continue;
    const first = (sum1 / p1) * UNSCALE;
    sum2 += first * SCALE;
    // The outer average's inputs start at index p1 − 1.
    if (i - p2 >= p1 - 1) sum2 -= (inner[s] as number) * SCALE;
    inner[s] = first;
    s = s + 1 === p2 ? 0 : s + 1;
    if (i >= p1 + p2 - 2) out[i] = (sum2 / p2) * UNSCALE;
  }
  sums[0] = sum1;
  sums[1] = sum2;
  return s;
}

/** Bars `from` to `to` of `trima` from index `period` on, where both sums drop a value every bar. */
function trimaSteady(
  values: ArrayLike<number>,
  out: Float64Array,
  from: number,
  to: number,
  sums: Float64Array,
  inner: Float64Array,
  slot: number,
  p1: number,
  p2: number,
): number {
  let sum1 = sums[0] as number;
  let sum2 = sums[1] as number;
  let s = slot;
  for (let i = from; i < to; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN or ±Infinity: the error names the index
    sum1 += x * SCALE;
    sum1 -= (values[i - p1] as number) * SCALE;
    const first = (sum1 / p1) * UNSCALE;
    sum2 += first * SCALE;
    sum2 -= (inner[s] as number) * SCALE;
    inner[s] = first;
    s = s + 1 === p2 ? 0 : s + 1;
    out[i] = (sum2 / p2) * UNSCALE;
  }
  sums[0] = sum1;
  sums[1] = sum2;
  return s;
}

/**
 * Triangular moving average (TA-Lib's `TRIMA`): weights rising linearly to the middle of the window
 * and falling again (1, 2, 3, 2, 1 for 5; 1, 2, 2, 1 for 4), computed as the SMA over
 * `period + 1 − ⌊period/2⌋ − 1` values of the SMA over `⌊period/2⌋ + 1` values. First value at
 * index `period − 1`.
 * `options.out`: a column to write into and return instead of allocating one (see
 * {@link ColumnOutput}).
 */
export function trima(values: ArrayLike<number>, period: number, options: ColumnOutput = {}): Float64Array {
  assertPeriod('period', period);
  const n = fusedSeriesLength('values', values);
  // The kernel's arithmetic on locals, in chunks (see batch-chunks.ts): the same bits as the
  // streaming class. The inner averages the outer sum drops again are kept in a ring of p2, not in
  // a column of the input's length.
  const out = outputColumn(options?.out, 'out', n, period - 1, { values });
  const p1 = Math.floor(period / 2) + 1;
  const p2 = period + 1 - p1;
  const inner = new Float64Array(p2);
  const sums = new Float64Array(2);
  let slot = 0;
  for (let from = 0; from < n; ) {
    const to = chunkEnd(from, 0, n);
    if (from < period) slot = trimaRun(values, out, from, Math.min(to, period), sums, inner, slot, p1, p2);
    if (to > period) slot = trimaSteady(values, out, Math.max(from, period), to, sums, inner, slot, p1, p2);
    from = to;
  }
  return out;
}

/** Streaming {@link trima}: O(1) per update, same numbers as the batch function. */
export class TRIMA extends KernelIndicator<number, number> {
  readonly type = 'TRIMA';

  constructor(readonly period: number) {
    super(new TrimaKernel(period), { inputs: 'value', outputs: 'value' }, { period }, period - 1);
  }

  /** Restores an indicator from {@link TRIMA.toJSON}. */
  static fromJSON(state: IndicatorState): TRIMA {
    return new TRIMA(Number(state.params.period)).resume(state);
  }
}
