import { assertPeriod } from '../args.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Extreme } from '../kernel-parts.js';
import { runOnBars } from '../series-kernel.js';
import type { IndicatorState } from '../state.js';

/** Columns of {@link aroon}. */
export interface AroonSeries {
  /** `100 · (n − bars since the highest high) / n`, in [0, 100]. */
  up: Float64Array;
  /** `100 · (n − bars since the lowest low) / n`, in [0, 100]. */
  down: Float64Array;
  /** up − down, in [−100, 100]. */
  oscillator: Float64Array;
}

/** One value of the streaming {@link Aroon}. */
export interface AroonValue {
  up: number;
  down: number;
  oscillator: number;
}

class AroonKernel extends Kernel {
  private readonly highest: Extreme;
  private readonly lowest: Extreme;

  constructor(private readonly period: number) {
    super(3);
    assertPeriod('period', period);
    // The window is the current bar and the `period` before it, as TA-Lib's AROON.
    this.highest = new Extreme(this, period + 1, 'max');
    this.lowest = new Extreme(this, period + 1, 'min');
  }

  step(high: number, low: number): void {
    const i = this.tick();
    this.highest.next(high);
    this.lowest.next(low);
    if (i < this.period) return;
    const n = this.period;
    const up = (100 * (n - this.highest.age)) / n;
    const down = (100 * (n - this.lowest.age)) / n;
    this.out[0] = up;
    this.out[1] = down;
    this.out[2] = up - down;
  }
}

/**
 * Aroon (Chande), as TA-Lib's `AROON`: over the current bar and the `n` before it,
 * `up = 100 · (n − bars since the highest high) / n`, `down` likewise with the lowest low, and the
 * oscillator `up − down`. A tie goes to the most recent bar (TA-Lib; TTR takes the oldest, so the
 * two differ on bars with equal highs in the window). First value at index `n`.
 */
export function aroon(high: ArrayLike<number>, low: ArrayLike<number>, period = 25): AroonSeries {
  const [up, down, oscillator] = runOnBars(new AroonKernel(period), { high, low }, ['high', 'low']) as [
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  return { up, down, oscillator };
}

/** Streaming {@link aroon} over `{ high, low }`: amortised O(1) per update. */
export class Aroon extends KernelIndicator<{ high: number; low: number }, AroonValue> {
  readonly type = 'Aroon';

  constructor(readonly period = 25) {
    super(
      new AroonKernel(period),
      { inputs: ['high', 'low'], outputs: ['up', 'down', 'oscillator'] },
      { period },
      period,
    );
  }

  /** Restores an indicator from {@link Aroon.toJSON}. */
  static fromJSON(state: IndicatorState): Aroon {
    return new Aroon(Number(state.params.period)).resume(state);
  }
}
