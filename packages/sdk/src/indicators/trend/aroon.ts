import { assertPeriod } from '../args.js';
import { assertBarColumns } from '../bar-args.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Extreme } from '../kernel-parts.js';
import { type ColumnsOutput, outputColumns } from '../output.js';
import { windowExtremes } from '../rolling-extreme.js';
import { giveBackScratch, takeScratch } from '../scratch-columns.js';
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
 * two differ on bars with equal highs in the window). First value at index `n`. `options.out`: any
 * of the three columns to write into and return instead of allocating them (see {@link ColumnsOutput}).
 */
export function aroon(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  period = 25,
  options: ColumnsOutput<AroonSeries> = {},
): AroonSeries {
  assertPeriod('period', period);
  const n = assertBarColumns({ high, low });
  const { up, down, oscillator } = outputColumns(options?.out, AROON_NAMES, n, period, { high, low });
  // The kernel's two `Extreme` parts (the current bar and the `period` before it) by
  // `windowExtremes` over the columns: the same deque, so the same ages on ties.
  // The extremes' values and indices are scratch columns (see scratch-columns.ts).
  const highIndex = takeScratch(Int32Array, n);
  const lowIndex = takeScratch(Int32Array, n);
  const extremes = takeScratch(Float64Array, n);
  windowExtremes(high, period + 1, 'max', 0, highIndex, extremes);
  windowExtremes(low, period + 1, 'min', 0, lowIndex, extremes);
  for (let i = period; i < n; i++) {
    const u = (100 * (period - (i - (highIndex[i] as number)))) / period;
    const d = (100 * (period - (i - (lowIndex[i] as number)))) / period;
    up[i] = u;
    down[i] = d;
    oscillator[i] = u - d;
  }
  giveBackScratch(highIndex, lowIndex, extremes);
  return { up, down, oscillator };
}

const AROON_NAMES = ['up', 'down', 'oscillator'] as const;

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
