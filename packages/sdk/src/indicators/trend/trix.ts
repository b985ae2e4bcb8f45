import { assertFiniteSeries, assertPeriod, fusedSeriesLength, warmUpArray } from '../args.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Ema } from '../kernel-parts.js';
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
 * index `3 · (period − 1) + 1`.
 */
export function trix(values: ArrayLike<number>, period: number): Float64Array {
  assertPeriod('period', period);
  const n = fusedSeriesLength('values', values);
  // The kernel's arithmetic (three `Ema` parts, then the rate of change) unrolled on locals, the
  // finiteness check in the same pass: the same bits.
  const out = warmUpArray(n, 3 * (period - 1) + 1);
  const alpha = 2 / (period + 1);
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let e1 = Number.NaN;
  let e2 = Number.NaN;
  let e3 = Number.NaN;
  let previous = Number.NaN;
  for (let i = 0; i < n; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN or ±Infinity: the error names the index
    if (++c1 < period) {
      s1 += x;
      continue;
    }
    e1 = c1 === period ? (s1 + x) / period : (x - e1) * alpha + e1;
    if (++c2 < period) {
      s2 += e1;
      continue;
    }
    e2 = c2 === period ? (s2 + e1) / period : (e1 - e2) * alpha + e2;
    if (++c3 < period) {
      s3 += e2;
      continue;
    }
    e3 = c3 === period ? (s3 + e2) / period : (e2 - e3) * alpha + e3;
    // Every bar after the first triple EMA is written (`out` holds 0 there, not NaN): a base that
    // overflowed to NaN gives NaN.
    if (c3 > period) out[i] = previous === 0 ? 0 : (e3 / previous - 1) * 100;
    previous = e3;
  }
  return out;
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
