import { assertPeriod } from '../args.js';
import { fusedCheckLength, isBadRange, isNotFinite, rejectBarColumns } from '../bar-args.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { WindowSum } from '../kernel-parts.js';
import { type ColumnsOutput, outputColumns } from '../output.js';
import { neumaierError, resumWindow } from '../rolling-sum.js';
import type { IndicatorState } from '../state.js';
import { trueRange } from '../volatility/true-range.js';

/** Columns of {@link vortex}. */
export interface VortexSeries {
  /** VI+ = Σ|high − previous low| / Σ true range over n bars. */
  plus: Float64Array;
  /** VI− = Σ|low − previous high| / Σ true range over n bars. */
  minus: Float64Array;
}

/** One value of the streaming {@link Vortex}. */
export interface VortexValue {
  plus: number;
  minus: number;
}

class VortexKernel extends Kernel {
  private readonly up: WindowSum;
  private readonly down: WindowSum;
  private readonly ranges: WindowSum;
  private readonly s: Float64Array; // previous high, low, close

  constructor(period: number) {
    super(2);
    assertPeriod('period', period);
    this.up = new WindowSum(this, period);
    this.down = new WindowSum(this, period);
    this.ranges = new WindowSum(this, period);
    this.s = new Slots(this, 3, Number.NaN).v;
  }

  step(high: number, low: number, close: number): void {
    const s = this.s;
    const [previousHigh, previousLow, previousClose] = [s[0] as number, s[1] as number, s[2] as number];
    s[0] = high;
    s[1] = low;
    s[2] = close;
    if (Number.isNaN(previousClose)) return;
    const up = this.up.next(Math.abs(high - previousLow));
    const down = this.down.next(Math.abs(low - previousHigh));
    const range = this.ranges.next(trueRange(high, low, previousClose));
    // From the first full window on every bar is written; sums that overflowed give NaN.
    if (!this.ranges.isFull) return;
    // Without any range there is no movement either way: both 1, neither side dominates.
    this.out[0] = range === 0 ? 1 : up / range;
    this.out[1] = range === 0 ? 1 : down / range;
  }
}

/**
 * Vortex indicator (Botes & Siepman): over the last `n` bars, `VI+ = Σ|high − low₋₁| / Σ TR` and
 * `VI− = Σ|low − high₋₁| / Σ TR`, TR the true range (TradingView's "VI", trading-signals'
 * `VortexIndicator`). The first bar has no previous bar: first values at index `n`. A window
 * without any range gives 1 for both. `options.out`: either column to write into and return
 * instead of allocating it (see {@link ColumnsOutput}).
 */
export function vortex(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period = 14,
  options: ColumnsOutput<VortexSeries> = {},
): VortexSeries {
  assertPeriod('period', period);
  const columns = { high, low, close };
  const n = fusedCheckLength(columns);
  // The kernel's three `WindowSum`s on locals in the one pass (`RollingSum`'s arithmetic:
  // Neumaier's additions, an exact re-summation every `period` pushes, oldest first, exact 0
  // through counts of non-zero values): the same bits, which the contract test holds the streaming
  // class to. The window's movements sit in three `period`-long rings, so each bar computes its
  // movements once (recomputing the leaving ones and the re-summed window from the columns cost
  // more than the arithmetic). The bars run in blocks that end at a re-summation: the per-bar loop
  // holds no inner loop (with the re-summation inside it, V8's code for the bar ran 2× slower), and
  // a re-summation bar skips the additions it would discard.
  const { plus, minus } = outputColumns(options?.out, VORTEX_NAMES, n, period, columns);
  // Built before the loop: a literal first met after an on-stack-replaced loop deoptimises it.
  const series = { plus, minus };
  if (n === 0) return series;
  if (isBadRange(high[0] as number, low[0] as number) || isNotFinite(close[0] as number))
    rejectBarColumns(columns);
  const ups = new Float64Array(period);
  const downs = new Float64Array(period);
  const ranges = new Float64Array(period);
  const resummed = new Float64Array(2);
  let upTotal = 0;
  let upCompensation = 0;
  let downTotal = 0;
  let downCompensation = 0;
  let rangeTotal = 0;
  let rangeCompensation = 0;
  let upNonZero = 0;
  let downNonZero = 0;
  let rangeNonZero = 0;
  // Ring slot of bar i's movements: (i − 1) mod period, where the movements of bar i − period sit.
  let slot = 0;
  let i = 1;
  for (let resumAt = period; i < n; resumAt += period) {
    // Bars before the re-summation bar: add the new movements, subtract the leaving ones (none in
    // the first block, whose bars are all before the first value).
    const stop = Math.min(resumAt, n);
    for (; i < stop; i++) {
      const h = high[i] as number;
      const l = low[i] as number;
      const previousClose = close[i - 1] as number;
      if (isBadRange(h, l) || isNotFinite(close[i] as number)) rejectBarColumns(columns);
      const up = Math.abs(h - (low[i - 1] as number));
      const down = Math.abs(l - (high[i - 1] as number));
      const range = trueRange(h, l, previousClose);
      let next = upTotal + up;
      upCompensation += neumaierError(upTotal, up, next);
      upTotal = next;
      next = downTotal + down;
      downCompensation += neumaierError(downTotal, down, next);
      downTotal = next;
      next = rangeTotal + range;
      rangeCompensation += neumaierError(rangeTotal, range, next);
      rangeTotal = next;
      if (up !== 0) upNonZero++;
      if (down !== 0) downNonZero++;
      if (range !== 0) rangeNonZero++;
      if (i > period) {
        // The movements leaving the window, pushed `period` bars ago.
        const oldUp = -(ups[slot] as number);
        const oldDown = -(downs[slot] as number);
        const oldRange = -(ranges[slot] as number);
        next = upTotal + oldUp;
        upCompensation += neumaierError(upTotal, oldUp, next);
        upTotal = next;
        next = downTotal + oldDown;
        downCompensation += neumaierError(downTotal, oldDown, next);
        downTotal = next;
        next = rangeTotal + oldRange;
        rangeCompensation += neumaierError(rangeTotal, oldRange, next);
        rangeTotal = next;
        if (oldUp !== 0) upNonZero--;
        if (oldDown !== 0) downNonZero--;
        if (oldRange !== 0) rangeNonZero--;
        const upSum = upNonZero === 0 ? 0 : upTotal + upCompensation;
        const downSum = downNonZero === 0 ? 0 : downTotal + downCompensation;
        const rangeSum = rangeNonZero === 0 ? 0 : rangeTotal + rangeCompensation;
        // Without any range there is no movement either way: both 1, neither side dominates.
        plus[i] = rangeSum === 0 ? 1 : upSum / rangeSum;
        minus[i] = rangeSum === 0 ? 1 : downSum / rangeSum;
      }
      ups[slot] = up;
      downs[slot] = down;
      ranges[slot] = range;
      slot++;
    }
    if (i === n) break;
    // The re-summation bar (i = resumAt, slot = period − 1): the window's new sums replace the
    // running ones, so only the counts of non-zero movements follow the push.
    const h = high[i] as number;
    const l = low[i] as number;
    if (isBadRange(h, l) || isNotFinite(close[i] as number)) rejectBarColumns(columns);
    const up = Math.abs(h - (low[i - 1] as number));
    const down = Math.abs(l - (high[i - 1] as number));
    const range = trueRange(h, l, close[i - 1] as number);
    if (up !== 0) upNonZero++;
    if (down !== 0) downNonZero++;
    if (range !== 0) rangeNonZero++;
    if (i > period) {
      if ((ups[slot] as number) !== 0) upNonZero--;
      if ((downs[slot] as number) !== 0) downNonZero--;
      if ((ranges[slot] as number) !== 0) rangeNonZero--;
    }
    ups[slot] = up;
    downs[slot] = down;
    ranges[slot] = range;
    slot = 0;
    // The window is in the rings in push order (slot 0 oldest): re-summed oldest first.
    resumWindow(ups, resummed);
    upTotal = resummed[0] as number;
    upCompensation = resummed[1] as number;
    resumWindow(downs, resummed);
    downTotal = resummed[0] as number;
    downCompensation = resummed[1] as number;
    resumWindow(ranges, resummed);
    rangeTotal = resummed[0] as number;
    rangeCompensation = resummed[1] as number;
    const upSum = upNonZero === 0 ? 0 : upTotal + upCompensation;
    const downSum = downNonZero === 0 ? 0 : downTotal + downCompensation;
    const rangeSum = rangeNonZero === 0 ? 0 : rangeTotal + rangeCompensation;
    plus[i] = rangeSum === 0 ? 1 : upSum / rangeSum;
    minus[i] = rangeSum === 0 ? 1 : downSum / rangeSum;
    i++;
  }
  return series;
}

const VORTEX_NAMES = ['plus', 'minus'] as const;

/** Streaming {@link vortex} over `{ high, low, close }`: amortised O(1) per update. */
export class Vortex extends KernelIndicator<{ high: number; low: number; close: number }, VortexValue> {
  readonly type = 'Vortex';

  constructor(readonly period = 14) {
    super(
      new VortexKernel(period),
      { inputs: ['high', 'low', 'close'], outputs: ['plus', 'minus'] },
      { period },
      period,
    );
  }

  /** Restores an indicator from {@link Vortex.toJSON}. */
  static fromJSON(state: IndicatorState): Vortex {
    return new Vortex(Number(state.params.period)).resume(state);
  }
}
