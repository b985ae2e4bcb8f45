import { assertFiniteSeries, assertPeriod, fusedSeriesLength, warmUpArray } from '../args.js';
import { Kernel, Slots, Window } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { type ColumnsOutput, outputColumns } from '../output.js';
import type { IndicatorState } from '../state.js';

/** Columns of {@link linearRegression}. */
export interface LinearRegressionSeries {
  /** The fitted line at the newest bar of the window (TA-Lib's `LINEARREG`). */
  value: Float64Array;
  /** Slope per bar (`LINEARREG_SLOPE`). */
  slope: Float64Array;
  /** The fitted line at the oldest bar of the window (`LINEARREG_INTERCEPT`). */
  intercept: Float64Array;
  /**
   * `atan(slope)` in degrees (`LINEARREG_ANGLE`). {@link linearRegression} computes this column
   * on its first read and keeps it (a getter): an arctangent per value is about a third of the
   * function's time, and most callers never read the angle. Given as `out.angle`, it is computed
   * into that column before the function returns (a plain property then).
   */
  angle: Float64Array;
}

/** One value of the streaming {@link LinearRegression}. */
export interface LinearRegressionValue {
  value: number;
  slope: number;
  intercept: number;
  angle: number;
}

/**
 * The window's sums in O(1) per value: Σy and Σ ago·y (ago 0 = newest). A push ages every value by
 * one bar, which adds Σy to Σ ago·y; the evicted value leaves with weight n. Plain additions
 * drift, so both sums are recomputed from the window every `n` values, oldest first (amortised
 * O(1)): the drift stays within n roundings, the size of a direct O(n) sum's own error. State
 * `[Σy, Σ ago·y, values since the re-summation]`; the batch function runs the same operations.
 */
class LinearRegressionKernel extends Kernel {
  private readonly window: Window;
  private readonly sums: Float64Array;
  private readonly sumX: number;
  private readonly divisor: number;

  constructor(private readonly period: number) {
    super(4);
    assertPeriod('period', period, 2);
    this.window = this.own(new Window(period));
    this.sums = new Slots(this, 3).v;
    // x = bars ago (0 = newest), as TA-Lib: Σx = n(n−1)/2, divisor = (Σx)² − n·Σx².
    this.sumX = (period * (period - 1)) / 2;
    const sumXSquared = (period * (period - 1) * (2 * period - 1)) / 6;
    this.divisor = this.sumX * this.sumX - period * sumXSquared;
  }

  step(x: number): void {
    const n = this.period;
    const window = this.window;
    const s = this.sums;
    const evicted = window.push(x); // NaN while the window fills
    s[1] = (s[1] as number) + (s[0] as number);
    s[0] = (s[0] as number) + x;
    if (!Number.isNaN(evicted)) {
      s[0] = (s[0] as number) - evicted;
      s[1] = (s[1] as number) - n * evicted;
    }
    if (!window.isFull) return;
    if ((s[2] = (s[2] as number) + 1) === n) {
      let sumY = 0;
      let sumXY = 0;
      for (let ago = n - 1; ago >= 0; ago--) {
        const y = window.ago(ago);
        sumY += y;
        sumXY += ago * y;
      }
      s[0] = sumY;
      s[1] = sumXY;
      s[2] = 0;
    }
    const m = (n * (s[1] as number) - this.sumX * (s[0] as number)) / this.divisor;
    const b = ((s[0] as number) - m * this.sumX) / n;
    const out = this.out;
    out[0] = b + m * (n - 1);
    out[1] = m;
    out[2] = b;
    out[3] = Math.atan(m) * DEGREES;
  }
}

const DEGREES = 180 / Math.PI;

/**
 * Least-squares line through the last `n` values, with TA-Lib's formulas (`LINEARREG`,
 * `LINEARREG_SLOPE`, `LINEARREG_INTERCEPT`, `LINEARREG_ANGLE`): `value` is the line at the newest
 * bar, `intercept` at the oldest bar of the window, `slope` per bar, `angle` = atan(slope) in
 * degrees. `n` ≥ 2; first values at index `n − 1`. O(1) per value: the window's Σy and Σ ago·y
 * slide and are re-summed every `n` values (TA-Lib sums the window anew for every value; the
 * results agree to about 1e-12 of the price). `angle` is an enumerable getter that fills the
 * column from `slope` on its first read and returns the same array afterwards (the streaming
 * class's numbers, bit for bit); it can be assigned like the other columns. `options.out`: any of
 * the four columns to write into and return instead of allocating them (see {@link ColumnsOutput});
 * an `out.angle` is filled before the function returns (the caller asked for the angle), and is
 * then a plain property of the result.
 */
export function linearRegression(
  values: ArrayLike<number>,
  period = 14,
  options: ColumnsOutput<LinearRegressionSeries> = {},
): LinearRegressionSeries {
  assertPeriod('period', period, 2);
  const length = fusedSeriesLength('values', values);
  const out = options?.out;
  // The angle is checked (and computed) only when the caller names it: the lazy getter otherwise.
  const withAngle = typeof out === 'object' && out !== null && 'angle' in out;
  const columns = outputColumns(out, withAngle ? NAMES_WITH_ANGLE : FIT_NAMES, length, period - 1, {
    values,
  });
  const { value, slope, intercept } = columns;
  const sumX = (period * (period - 1)) / 2;
  const divisor = sumX * sumX - period * ((period * (period - 1) * (2 * period - 1)) / 6);
  fitWindows(values, length, period, sumX, divisor, value, slope, intercept);
  if (!withAngle) return withLazyAngle({ value, slope, intercept }, period - 1);
  const angle = columns.angle;
  fillAngles(slope, period - 1, angle);
  return { value, slope, intercept, angle };
}

const FIT_NAMES = ['value', 'slope', 'intercept'] as const;
const NAMES_WITH_ANGLE = ['value', 'slope', 'intercept', 'angle'] as const;

/** `angle[i] = atan(slope[i])` in degrees from `warmUp` on (the kernel's operation: the same bits). */
function fillAngles(slope: Float64Array, warmUp: number, angle: Float64Array): void {
  for (let i = warmUp; i < slope.length; i++) angle[i] = Math.atan(slope[i] as number) * DEGREES;
}

/**
 * The batch loop of {@link linearRegression}: the kernel's operations, reading the window from
 * the array instead of a ring, with the finiteness check in the same pass (a window reads only
 * values already checked).
 *
 * A function of its own, whose entry needs no type feedback: V8 gives a function feedback only
 * after its first few thousand bytecodes, so the set-up of a first call records none; the
 * optimised code then deopts on the set-up in the second call and later calls run the loop in
 * its on-stack-replaced code, seen at about half the speed of the optimised function.
 */
function fitWindows(
  values: ArrayLike<number>,
  length: number,
  n: number,
  sumX: number,
  divisor: number,
  value: Float64Array,
  slope: Float64Array,
  intercept: Float64Array,
): void {
  let sumY = 0;
  let sumXY = 0;
  let sinceResum = 0;
  for (let i = 0; i < length; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN or ±Infinity: the error names the index
    // Age every value, add the new one, drop the evicted one with weight n (as the kernel).
    sumXY += sumY;
    sumY += x;
    if (i >= n) {
      const evicted = values[i - n] as number;
      sumY -= evicted;
      sumXY -= n * evicted;
    }
    if (i < n - 1) continue;
    if (++sinceResum === n) {
      sumY = 0;
      sumXY = 0;
      for (let ago = n - 1; ago >= 0; ago--) {
        const y = values[i - ago] as number;
        sumY += y;
        sumXY += ago * y;
      }
      sinceResum = 0;
    }
    const m = (n * sumXY - sumX * sumY) / divisor;
    const b = (sumY - m * sumX) / n;
    value[i] = b + m * (n - 1);
    slope[i] = m;
    intercept[i] = b;
  }
}

/** The columns with `angle` as a getter that computes the column once, on its first read. */
function withLazyAngle(
  columns: Omit<LinearRegressionSeries, 'angle'>,
  warmUp: number,
): LinearRegressionSeries {
  let angle: Float64Array | undefined;
  return Object.defineProperty(columns, 'angle', {
    enumerable: true,
    configurable: true,
    get(): Float64Array {
      if (angle === undefined) {
        const slope = columns.slope;
        angle = warmUpArray(slope.length, warmUp);
        // The kernel's `Math.atan(m) * DEGREES` on the same slope: the same bits.
        fillAngles(slope, warmUp, angle);
      }
      return angle;
    },
    set(column: Float64Array): void {
      angle = column;
    },
  }) as LinearRegressionSeries;
}

/** Streaming {@link linearRegression}: O(1) per update (amortised), same numbers as the batch function. */
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
