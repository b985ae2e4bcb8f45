import { assertFiniteSeries, assertPeriod, fusedSeriesLength } from '../args.js';
import { chunkEnd } from '../batch-chunks.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Ema } from '../kernel-parts.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import type { IndicatorState } from '../state.js';

class DemaKernel extends Kernel {
  private readonly first: Ema;
  private readonly second: Ema;

  constructor(period: number) {
    super(1);
    assertPeriod('period', period);
    this.first = new Ema(this, period);
    this.second = new Ema(this, period);
  }

  step(x: number): void {
    // Each stage is gated by its warm-up, not by NaN: after an overflow the NaN flows on, as in
    // the batch function.
    const e1 = this.first.next(x);
    if (!this.first.isReady) return;
    const e2 = this.second.next(e1);
    if (this.second.isReady) this.out[0] = 2 * e1 - e2;
  }
}

/**
 * Double exponential moving average (Mulloy): `2 · EMA(x) − EMA(EMA(x))`, both EMAs SMA-seeded
 * (TA-Lib's `DEMA`, TTR's `DEMA`). First value at index `2 · (period − 1)`.
 * `options.out`: a column to write into and return instead of allocating one (see
 * {@link ColumnOutput}).
 */
export function dema(values: ArrayLike<number>, period: number, options: ColumnOutput = {}): Float64Array {
  assertPeriod('period', period);
  const n = fusedSeriesLength('values', values);
  // The kernel's arithmetic (two `Ema` parts) unrolled on locals, the finiteness check in the same
  // pass: the same bits, several times faster; the contract test holds the streaming class to it.
  // In chunks (see batch-chunks.ts), the warm-up with its seeds apart from the steady state.
  const out = outputColumn(options?.out, 'out', n, 2 * (period - 1), { values });
  const steady = 2 * (period - 1) + 1;
  const alpha = 2 / (period + 1);
  const state = new Float64Array(4);
  for (let from = 0; from < n; ) {
    const to = chunkEnd(from, 0, n);
    if (from < steady) demaSeed(values, out, from, Math.min(to, steady), state, period, alpha);
    if (to > steady) demaRun(values, out, Math.max(from, steady), to, state, alpha);
    from = to;
  }
  return out;
}

/**
 * Bars `from` to `to` of `dema`'s warm-up (before index `2 · (period − 1) + 1`): the two `Ema` parts'
 * SMA seeds, the second EMA starting once the first has a value. `state` holds
 * [sum1, e1, sum2, e2]; bar `i` is the `i + 1`-th input of the first EMA.
 */
function demaSeed(
  values: ArrayLike<number>,
  out: Float64Array,
  from: number,
  to: number,
  state: Float64Array,
  period: number,
  alpha: number,
): void {
  let sum1 = state[0] as number;
  let e1 = state[1] as number;
  let sum2 = state[2] as number;
  let e2 = state[3] as number;
  for (let i = from; i < to; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN or ±Infinity: the error names the index
    const count1 = i + 1;
    if (count1 < period) {
      sum1 += x;
      continue;
    }
    e1 = count1 === period ? (sum1 + x) / period : (x - e1) * alpha + e1;
    const count2 = count1 - (period - 1);
    if (count2 < period) {
      sum2 += e1;
      continue;
    }
    e2 = count2 === period ? (sum2 + e1) / period : (e1 - e2) * alpha + e2;
    out[i] = 2 * e1 - e2;
  }
  state[0] = sum1;
  state[1] = e1;
  state[2] = sum2;
  state[3] = e2;
}

/** Bars `from` to `to` of `dema` past its warm-up: the two EMA steps, no branch but the check. */
function demaRun(
  values: ArrayLike<number>,
  out: Float64Array,
  from: number,
  to: number,
  state: Float64Array,
  alpha: number,
): void {
  let e1 = state[1] as number;
  let e2 = state[3] as number;
  for (let i = from; i < to; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN or ±Infinity: the error names the index
    e1 = (x - e1) * alpha + e1;
    e2 = (e1 - e2) * alpha + e2;
    out[i] = 2 * e1 - e2;
  }
  state[1] = e1;
  state[3] = e2;
}

/** Streaming {@link dema}: O(1) per update, same numbers as the batch function. */
export class DEMA extends KernelIndicator<number, number> {
  readonly type = 'DEMA';

  constructor(readonly period: number) {
    super(new DemaKernel(period), { inputs: 'value', outputs: 'value' }, { period }, 2 * (period - 1));
  }

  /** Restores an indicator from {@link DEMA.toJSON}. */
  static fromJSON(state: IndicatorState): DEMA {
    return new DEMA(Number(state.params.period)).resume(state);
  }
}
