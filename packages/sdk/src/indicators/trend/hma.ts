import { assertPeriod } from '../args.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Wma } from '../kernel-parts.js';
import { runOnSeries } from '../series-kernel.js';
import type { IndicatorState } from '../state.js';

class HmaKernel extends Kernel {
  private readonly half: Wma;
  private readonly full: Wma;
  private readonly smooth: Wma;

  constructor(period: number) {
    super(1);
    assertPeriod('period', period, 2);
    this.half = new Wma(this, Math.floor(period / 2));
    this.full = new Wma(this, period);
    this.smooth = new Wma(this, Math.floor(Math.sqrt(period)));
  }

  step(x: number): void {
    const half = this.half.next(x);
    const full = this.full.next(x);
    if (Number.isNaN(full)) return;
    this.out[0] = this.smooth.next(2 * half - full);
  }
}

/** Index of the first {@link hma} value. */
function hmaFirstIndex(period: number): number {
  return period - 1 + Math.floor(Math.sqrt(period)) - 1;
}

/**
 * Hull moving average: `WMA(2 · WMA(x, ⌊n/2⌋) − WMA(x, n), ⌊√n⌋)` (TTR's `HMA`, TradingView's
 * `ta.hma`). `period` ≥ 2; first value at index `n − 1 + ⌊√n⌋ − 1`. Exact once its windows are full.
 */
export function hma(values: ArrayLike<number>, period: number): Float64Array {
  return runOnSeries(new HmaKernel(period), values)[0] as Float64Array;
}

/** Streaming {@link hma}: O(1) per update, same numbers as the batch function. */
export class HMA extends KernelIndicator<number, number> {
  readonly type = 'HMA';

  constructor(readonly period: number) {
    super(new HmaKernel(period), { inputs: 'value', outputs: 'value' }, { period }, hmaFirstIndex(period));
  }

  /** Restores an indicator from {@link HMA.toJSON}. */
  static fromJSON(state: IndicatorState): HMA {
    return new HMA(Number(state.params.period)).resume(state);
  }
}
