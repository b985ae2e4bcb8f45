import { assertPeriod } from '../args.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Ema } from '../kernel-parts.js';
import { runOnBars } from '../series-kernel.js';
import type { IndicatorState } from '../state.js';

class ForceIndexKernel extends Kernel {
  private readonly average: Ema;
  private readonly s: Float64Array; // previous close

  constructor(period: number) {
    super(1);
    assertPeriod('period', period);
    this.average = new Ema(this, period);
    this.s = new Slots(this, 1, Number.NaN).v;
  }

  step(close: number, volume: number): void {
    const previous = this.s[0] as number;
    this.s[0] = close;
    if (Number.isNaN(previous)) return;
    this.out[0] = this.average.next((close - previous) * volume);
  }
}

/**
 * Force index (Elder): the EMA (SMA-seeded) of `(close − previous close) · volume` over `n` bars
 * (default 13). The first bar has no change: first value at index `n`. trading-signals and
 * TradingView seed the EMA with the first force instead; the two converge like an EMA.
 */
export function forceIndex(close: ArrayLike<number>, volume: ArrayLike<number>, period = 13): Float64Array {
  return runOnBars(new ForceIndexKernel(period), { close, volume }, ['close', 'volume'])[0] as Float64Array;
}

/** Streaming {@link forceIndex} over `{ close, volume }`: O(1) per update. */
export class ForceIndex extends KernelIndicator<{ close: number; volume: number }, number> {
  readonly type = 'ForceIndex';

  constructor(readonly period = 13) {
    super(
      new ForceIndexKernel(period),
      { inputs: ['close', 'volume'], outputs: 'value' },
      { period },
      period,
    );
  }

  /** Restores an indicator from {@link ForceIndex.toJSON}. */
  static fromJSON(state: IndicatorState): ForceIndex {
    return new ForceIndex(Number(state.params.period)).resume(state);
  }
}
