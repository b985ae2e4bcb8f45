import { assertFiniteSeries, assertPeriod, fusedSeriesLength, warmUpArray } from '../args.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Ema } from '../kernel-parts.js';
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
    const e1 = this.first.next(x);
    if (Number.isNaN(e1)) return;
    const e2 = this.second.next(e1);
    if (Number.isNaN(e2)) return;
    const e3 = this.third.next(e2);
    if (!Number.isNaN(e3)) this.out[0] = 3 * e1 - 3 * e2 + e3;
  }
}

/**
 * Triple exponential moving average (Mulloy): `3·EMA − 3·EMA(EMA) + EMA(EMA(EMA))`, each EMA
 * SMA-seeded on the first `period` values of its input (TA-Lib's `TEMA`). First value at index
 * `3 · (period − 1)`.
 */
export function tema(values: ArrayLike<number>, period: number): Float64Array {
  assertPeriod('period', period);
  const n = fusedSeriesLength('values', values);
  // The kernel's arithmetic (three `Ema` parts) unrolled into one loop, the finiteness check in the
  // same pass: the same bits, faster.
  const out = warmUpArray(n, 3 * (period - 1));
  const alpha = 2 / (period + 1);
  let count1 = 0;
  let sum1 = 0;
  let e1 = Number.NaN;
  let count2 = 0;
  let sum2 = 0;
  let e2 = Number.NaN;
  let count3 = 0;
  let sum3 = 0;
  let e3 = Number.NaN;
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
    if (++count3 < period) {
      sum3 += e2;
      continue;
    }
    e3 = count3 === period ? (sum3 + e2) / period : (e2 - e3) * alpha + e3;
    out[i] = 3 * e1 - 3 * e2 + e3;
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
