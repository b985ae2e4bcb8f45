import { assertPeriod } from '../args.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Sma } from '../kernel-parts.js';
import { runOnSeries } from '../series-kernel.js';
import type { IndicatorState } from '../state.js';

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
 * Triangular moving average (TA-Lib's `TRIMA`): weights rising linearly to the middle of the window
 * and falling again (1, 2, 3, 2, 1 for 5; 1, 2, 2, 1 for 4), computed as the SMA over
 * `period + 1 − ⌊period/2⌋ − 1` values of the SMA over `⌊period/2⌋ + 1` values. First value at
 * index `period − 1`.
 */
export function trima(values: ArrayLike<number>, period: number): Float64Array {
  return runOnSeries(new TrimaKernel(period), values)[0] as Float64Array;
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
