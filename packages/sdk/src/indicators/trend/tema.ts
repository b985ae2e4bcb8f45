import { assertFiniteSeries, assertPeriod, fusedSeriesLength } from '../args.js';
import { chunkEnd } from '../batch-chunks.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Ema } from '../kernel-parts.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import type { IndicatorState } from '../state.js';

class TemaKernel extends Kernel {
  private readonly first: Ema;
  private readonly second: Ema;
  private readonly third: Ema;

  constructor(period: number) {
    super(1);
    assertPeriod('period', period);
    this.first = new Ema(this, period);
    this.second = new Ema(this, period);
    this.third = new Ema(this, period);
  }

  step(x: number): void {
    // Each stage is gated by its warm-up, not by NaN: after an overflow the NaN flows on, as in
    // the batch function.
    const e1 = this.first.next(x);
    if (!this.first.isReady) return;
    const e2 = this.second.next(e1);
    if (!this.second.isReady) return;
    const e3 = this.third.next(e2);
    if (this.third.isReady) this.out[0] = 3 * e1 - 3 * e2 + e3;
  }
}

/**
 * Bars `from` to `to` of `tema`'s warm-up (before index `3 · (period − 1) + 1`): the three `Ema`
 * parts' SMA seeds, each EMA starting once the previous one has a value. `state` holds
 * [sum1, e1, sum2, e2, sum3, e3]; bar `i` is the `i + 1`-th input of the first EMA.
 */
function temaSeed(
  values: ArrayLike<number>,
  out: Float64Array,
  from: number,
  to: number,
  state: Float64Array,
  period: number,
): void {
  const alpha = 2 / (period + 1);
  let sum1 = state[0] as number;
  let e1 = state[1] as number;
  let sum2 = state[2] as number;
  let e2 = state[3] as number;
  let sum3 = state[4] as number;
  let e3 = state[5] as number;
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
    const count3 = count2 - (period - 1);
    if (count3 < period) {
      sum3 += e2;
      continue;
    }
    e3 = count3 === period ? (sum3 + e2) / period : (e2 - e3) * alpha + e3;
    out[i] = 3 * e1 - 3 * e2 + e3;
  }
  state[0] = sum1;
  state[1] = e1;
  state[2] = sum2;
  state[3] = e2;
  state[4] = sum3;
  state[5] = e3;
}

/** Bars `from` to `to` of `tema` past its warm-up: the three EMA steps, no branch but the check. */
function temaRun(
  values: ArrayLike<number>,
  out: Float64Array,
  from: number,
  to: number,
  state: Float64Array,
  alpha: number,
): void {
  let e1 = state[1] as number;
  let e2 = state[3] as number;
  let e3 = state[5] as number;
  for (let i = from; i < to; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN or ±Infinity: the error names the index
    e1 = (x - e1) * alpha + e1;
    e2 = (e1 - e2) * alpha + e2;
    e3 = (e2 - e3) * alpha + e3;
    out[i] = 3 * e1 - 3 * e2 + e3;
  }
  state[1] = e1;
  state[3] = e2;
  state[5] = e3;
}

/**
 * Triple exponential moving average (Mulloy): `3·EMA − 3·EMA(EMA) + EMA(EMA(EMA))`, each EMA
 * SMA-seeded on the first `period` values of its input (TA-Lib's `TEMA`). First value at index
 * `3 · (period − 1)`.
 * `options.out`: a column to write into and return instead of allocating one (see
 * {@link ColumnOutput}).
 */
export function tema(values: ArrayLike<number>, period: number, options: ColumnOutput = {}): Float64Array {
  assertPeriod('period', period);
  const n = fusedSeriesLength('values', values);
  // The kernel's arithmetic (three `Ema` parts) unrolled on locals, the finiteness check in the
  // same pass: the same bits, faster. In chunks (see batch-chunks.ts), the warm-up with its seeds
  // apart from the steady state.
  const out = outputColumn(options?.out, 'out', n, 3 * (period - 1), { values });
  const steady = 3 * (period - 1) + 1;
  const alpha = 2 / (period + 1);
  const state = new Float64Array(6);
  for (let from = 0; from < n; ) {
    const to = chunkEnd(from, 0, n);
    if (from < steady) temaSeed(values, out, from, Math.min(to, steady), state, period);
    if (to > steady) temaRun(values, out, Math.max(from, steady), to, state, alpha);
    from = to;
  }
  return out;
}

/** Streaming {@link tema}: O(1) per update, same numbers as the batch function. */
export class TEMA extends KernelIndicator<number, number> {
  readonly type = 'TEMA';

  constructor(readonly period: number) {
    super(new TemaKernel(period), { inputs: 'value', outputs: 'value' }, { period }, 3 * (period - 1));
  }

  /** Restores an indicator from {@link TEMA.toJSON}. */
  static fromJSON(state: IndicatorState): TEMA {
    return new TEMA(Number(state.params.period)).resume(state);
  }
}
