import { assertPeriod } from '../args.js';
import { fusedCheckLength, isBadRange, isNotFinite, rejectBarColumns } from '../bar-args.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { WindowSum } from '../kernel-parts.js';
import { windowSums } from '../rolling-sum.js';
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
  // The kernel's three `WindowSum`s by `windowSums` over the per-bar movements (the same bits),
  // instead of a kernel `step` per bar through ring windows; the contract test holds the
  // streaming class to it.
  const ups = new Float64Array(n);
  const downs = new Float64Array(n);
  const ranges = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    if (isBadRange(h, l) || isNotFinite(close[i] as number)) rejectBarColumns(columns);
    if (i === 0) continue;
    ups[i] = Math.abs(h - (low[i - 1] as number));
    downs[i] = Math.abs(l - (high[i - 1] as number));
    ranges[i] = trueRange(h, l, close[i - 1] as number);
  }
  const plus = windowSums(ups, period, 1);
  const minus = windowSums(downs, period, 1);
  const rangeSums = windowSums(ranges, period, 1);
  for (let i = period; i < n; i++) {
    // Without any range there is no movement either way: both 1, neither side dominates.
    const range = rangeSums[i] as number;
    plus[i] = range === 0 ? 1 : (plus[i] as number) / range;
    minus[i] = range === 0 ? 1 : (minus[i] as number) / range;
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
