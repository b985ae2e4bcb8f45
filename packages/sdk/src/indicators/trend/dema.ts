import { assertFiniteSeries, assertPeriod, fusedSeriesLength } from '../args.js';
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
  // The kernel's arithmetic (two `Ema` parts) unrolled into one loop, the finiteness check in the
  // same pass: the same bits, several times faster; the contract test holds the streaming class to it.
  const out = outputColumn(options?.out, 'out', n, 2 * (period - 1), { values });
  const alpha = 2 / (period + 1);
  let count1 = 0;
  let sum1 = 0;
  let e1 = Number.NaN;
  let count2 = 0;
  let sum2 = 0;
  let e2 = Number.NaN;
  for (let i = 0; i < n; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN or ±Infinity: the error names the index
    if (++count1 < period) {
      sum1 += x;
      continue;
    }
    e1 = count1 === period ? (sum1 + x) / period : (x - e1) * alpha + e1;
    if (++count2 < period) {
      sum2 += e1;
      continue;
    }
    e2 = count2 === period ? (sum2 + e1) / period : (e1 - e2) * alpha + e2;
    out[i] = 2 * e1 - e2;
  }
  return out;
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
