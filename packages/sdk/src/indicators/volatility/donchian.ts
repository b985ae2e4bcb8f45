import { assertPeriod, warmUpArray } from '../args.js';
import { assertBarColumns } from '../bar-args.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Extreme } from '../kernel-parts.js';
import { windowExtremes } from '../rolling-extreme.js';
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
  assertPeriod('period', period);
  const n = assertBarColumns({ high, low });
  // The kernel's two `Extreme` parts by `windowExtremes` over the columns (the same deque, the same
  // values), instead of a kernel `step` per bar.
  const upper = windowExtremes(high, period, 'max');
  const lower = windowExtremes(low, period, 'min');
  const warmUp = Math.min(period - 1, n);
  upper.fill(Number.NaN, 0, warmUp);
  lower.fill(Number.NaN, 0, warmUp);
  const middle = warmUpArray(n, period - 1);
  for (let i = warmUp; i < n; i++) middle[i] = ((upper[i] as number) + (lower[i] as number)) / 2;
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
