import { assertPeriod } from '../args.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Extreme } from '../kernel-parts.js';
import { runOnBars } from '../series-kernel.js';
import type { IndicatorState } from '../state.js';
import type { ChannelSeries, ChannelValue } from './keltner.js';

class DonchianKernel extends Kernel {
  private readonly highest: Extreme;
  private readonly lowest: Extreme;

  constructor(private readonly period: number) {
    super(3);
    assertPeriod('period', period);
    this.highest = new Extreme(this, period, 'max');
    this.lowest = new Extreme(this, period, 'min');
  }

  step(high: number, low: number): void {
    const i = this.tick();
    const upper = this.highest.next(high);
    const lower = this.lowest.next(low);
    if (i < this.period - 1) return;
    this.out[0] = upper;
    this.out[1] = (upper + lower) / 2;
    this.out[2] = lower;
  }
}

/**
 * Donchian channel: the highest high and lowest low of the last `n` bars (the current one
 * included) and their midpoint (TTR's `DonchianChannel`, TradingView's "DC"). First value at index
 * `n − 1`; amortised O(1) per bar (monotonic deques).
 */
export function donchian(high: ArrayLike<number>, low: ArrayLike<number>, period = 20): ChannelSeries {
  const [upper, middle, lower] = runOnBars(new DonchianKernel(period), { high, low }, ['high', 'low']) as [
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  return { upper, middle, lower };
}

/** Streaming {@link donchian} over `{ high, low }`. */
export class Donchian extends KernelIndicator<{ high: number; low: number }, ChannelValue> {
  readonly type = 'Donchian';

  constructor(readonly period = 20) {
    super(
      new DonchianKernel(period),
      { inputs: ['high', 'low'], outputs: ['upper', 'middle', 'lower'] },
      { period },
      period - 1,
    );
  }

  /** Restores an indicator from {@link Donchian.toJSON}. */
  static fromJSON(state: IndicatorState): Donchian {
    return new Donchian(Number(state.params.period)).resume(state);
  }
}
