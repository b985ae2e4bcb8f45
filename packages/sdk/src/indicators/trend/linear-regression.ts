import { assertFiniteSeries, assertPeriod, fusedSeriesLength, warmUpArray } from '../args.js';
import { Kernel, Window } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import type { IndicatorState } from '../state.js';

/** Columns of {@link linearRegression}. */
export interface LinearRegressionSeries {
  /** The fitted line at the newest bar of the window (TA-Lib's `LINEARREG`). */
  value: Float64Array;
  /** Slope per bar (`LINEARREG_SLOPE`). */
  slope: Float64Array;
  /** The fitted line at the oldest bar of the window (`LINEARREG_INTERCEPT`). */
  intercept: Float64Array;
  /** `atan(slope)` in degrees (`LINEARREG_ANGLE`). */
  angle: Float64Array;
}

/** One value of the streaming {@link LinearRegression}. */
export interface LinearRegressionValue {
  value: number;
  slope: number;
  intercept: number;
  angle: number;
}

class LinearRegressionKernel extends Kernel {
  private readonly window: Window;
  private readonly sumX: number;
  private readonly divisor: number;

  constructor(private readonly period: number) {
    super(4);
    assertPeriod('period', period, 2);
    this.window = this.own(new Window(period));
    // x = bars ago (0 = newest), as TA-Lib: Σx = n(n−1)/2, divisor = (Σx)² − n·Σx².
    this.sumX = (period * (period - 1)) / 2;
    const sumXSquared = (period * (period - 1) * (2 * period - 1)) / 6;
    this.divisor = this.sumX * this.sumX - period * sumXSquared;
  }

  step(x: number): void {
    const window = this.window;
    window.push(x);
    if (!window.isFull) return;
    const n = this.period;
    let sumXY = 0;
    let sumY = 0;
    for (let ago = n - 1; ago >= 0; ago--) {
      const y = window.ago(ago);
      sumY += y;
      sumXY += ago * y;
    }
    const slope = (n * sumXY - this.sumX * sumY) / this.divisor;
    const intercept = (sumY - slope * this.sumX) / n;
    const out = this.out;
    out[0] = intercept + slope * (n - 1);
    out[1] = slope;
    out[2] = intercept;
    out[3] = Math.atan(slope) * (180 / Math.PI);
  }
}

/**
 * Least-squares line through the last `n` values, with TA-Lib's arithmetic (`LINEARREG`,
 * `LINEARREG_SLOPE`, `LINEARREG_INTERCEPT`, `LINEARREG_ANGLE`): `value` is the line at the newest
 * bar, `intercept` at the oldest bar of the window, `slope` per bar, `angle` = atan(slope) in
 * degrees. `n` ≥ 2; first values at index `n − 1`; O(n) per value, as TA-Lib.
 */
export function linearRegression(values: ArrayLike<number>, period = 14): LinearRegressionSeries {
  assertPeriod('period', period, 2);
  const length = fusedSeriesLength('values', values);
  const value = warmUpArray(length, period - 1);
  const slope = warmUpArray(length, period - 1);
  const intercept = warmUpArray(length, period - 1);
  const angle = warmUpArray(length, period - 1);
  // The kernel's sums, reading the array instead of the window (the same bits), the finiteness
  // check in the same pass (a window reads only values already checked).
  const n = period;
  const sumX = (n * (n - 1)) / 2;
  const divisor = sumX * sumX - n * ((n * (n - 1) * (2 * n - 1)) / 6);
  for (let i = 0; i < length; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN or ±Infinity: the error names the index
    if (i < n - 1) continue;
    let sumXY = 0;
    let sumY = 0;
    for (let ago = n - 1; ago >= 0; ago--) {
      const y = values[i - ago] as number;
      sumY += y;
      sumXY += ago * y;
    }
    const m = (n * sumXY - sumX * sumY) / divisor;
    const b = (sumY - m * sumX) / n;
    value[i] = b + m * (n - 1);
    slope[i] = m;
    intercept[i] = b;
    angle[i] = Math.atan(m) * (180 / Math.PI);
  }
  return { value, slope, intercept, angle };
}

/** Streaming {@link linearRegression}: O(n) per update, same numbers as the batch function. */
export class LinearRegression extends KernelIndicator<number, LinearRegressionValue> {
  readonly type = 'LinearRegression';

  constructor(readonly period = 14) {
    super(
      new LinearRegressionKernel(period),
      { inputs: 'value', outputs: ['value', 'slope', 'intercept', 'angle'] },
      { period },
      period - 1,
    );
  }

  /** Restores an indicator from {@link LinearRegression.toJSON}. */
  static fromJSON(state: IndicatorState): LinearRegression {
    return new LinearRegression(Number(state.params.period)).resume(state);
  }
}
