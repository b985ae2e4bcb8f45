import { assertPeriod, warmUpArray } from '../args.js';
import { fusedCheckLength, isBadRange, isNotFinite, rejectBarColumns } from '../bar-args.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { WindowSum } from '../kernel-parts.js';
import { addCompensated } from '../rolling-sum.js';
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
    if (Number.isNaN(range)) return;
    // Without any range there is no movement either way: both 1, neither side dominates.
    this.out[0] = range === 0 ? 1 : up / range;
    this.out[1] = range === 0 ? 1 : down / range;
  }
}

/**
 * Vortex indicator (Botes & Siepman): over the last `n` bars, `VI+ = Σ|high − low₋₁| / Σ TR` and
 * `VI− = Σ|low − high₋₁| / Σ TR`, TR the true range (TradingView's "VI", trading-signals'
 * `VortexIndicator`). The first bar has no previous bar: first values at index `n`. A window
 * without any range gives 1 for both.
 */
export function vortex(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period = 14,
): VortexSeries {
  assertPeriod('period', period);
  const columns = { high, low, close };
  const n = fusedCheckLength(columns);
  // The kernel's three `WindowSum`s on one small state array in the one pass (`RollingSum`'s
  // arithmetic: Neumaier's additions, an exact re-summation every `period` pushes, exact 0 through
  // counts of non-zero values), each movement recomputed from the columns where a sum needs it again
  // (the same bits): no column per sum, which costs more than the arithmetic. The contract test
  // holds the streaming class to it.
  const plus = warmUpArray(n, period);
  const minus = warmUpArray(n, period);
  const sums = new Float64Array(6); // up, down, range: total and compensation each
  let upNonZero = 0;
  let downNonZero = 0;
  let rangeNonZero = 0;
  let sinceResum = 0;
  for (let i = 0; i < n; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    if (isBadRange(h, l) || isNotFinite(close[i] as number)) rejectBarColumns(columns);
    if (i === 0) continue;
    const up = Math.abs(h - (low[i - 1] as number));
    const down = Math.abs(l - (high[i - 1] as number));
    const range = trueRange(h, l, close[i - 1] as number);
    addCompensated(sums, 0, up);
    addCompensated(sums, 2, down);
    addCompensated(sums, 4, range);
    if (up !== 0) upNonZero++;
    if (down !== 0) downNonZero++;
    if (range !== 0) rangeNonZero++;
    if (i > period) {
      // The movements leaving the window, pushed `period` bars ago.
      const k = i - period;
      const oldUp = Math.abs((high[k] as number) - (low[k - 1] as number));
      const oldDown = Math.abs((low[k] as number) - (high[k - 1] as number));
      const oldRange = trueRange(high[k] as number, low[k] as number, close[k - 1] as number);
      addCompensated(sums, 0, -oldUp);
      addCompensated(sums, 2, -oldDown);
      addCompensated(sums, 4, -oldRange);
      if (oldUp !== 0) upNonZero--;
      if (oldDown !== 0) downNonZero--;
      if (oldRange !== 0) rangeNonZero--;
    }
    if (++sinceResum === period) {
      sinceResum = 0;
      sums.fill(0);
      for (let k = i - period + 1; k <= i; k++) {
        addCompensated(sums, 0, Math.abs((high[k] as number) - (low[k - 1] as number)));
        addCompensated(sums, 2, Math.abs((low[k] as number) - (high[k - 1] as number)));
        addCompensated(sums, 4, trueRange(high[k] as number, low[k] as number, close[k - 1] as number));
      }
    }
    if (i < period) continue;
    const ups = upNonZero === 0 ? 0 : (sums[0] as number) + (sums[1] as number);
    const downs = downNonZero === 0 ? 0 : (sums[2] as number) + (sums[3] as number);
    const ranges = rangeNonZero === 0 ? 0 : (sums[4] as number) + (sums[5] as number);
    // Without any range there is no movement either way: both 1, neither side dominates.
    plus[i] = ranges === 0 ? 1 : ups / ranges;
    minus[i] = ranges === 0 ? 1 : downs / ranges;
  }
  return { plus, minus };
}

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
