import { assertPeriod } from '../args.js';
import { assertBarColumns } from '../bar-args.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Extreme, WindowSum } from '../kernel-parts.js';
import { windowExtremes } from '../rolling-extreme.js';
import { windowSums } from '../rolling-sum.js';
import type { IndicatorState } from '../state.js';
import { trueRange } from './true-range.js';

class ChoppinessKernel extends Kernel {
  private readonly ranges: WindowSum;
  private readonly highest: Extreme;
  private readonly lowest: Extreme;
  private readonly s: Float64Array; // previous close
  private readonly scale: number;

  constructor(period: number) {
    super(1);
    assertPeriod('period', period, 2);
    this.ranges = new WindowSum(this, period);
    this.highest = new Extreme(this, period, 'max');
    this.lowest = new Extreme(this, period, 'min');
    this.s = new Slots(this, 1, Number.NaN).v;
    this.scale = 100 / Math.log10(period);
  }

  step(high: number, low: number, close: number): void {
    const previous = this.s[0] as number;
    this.s[0] = close;
    // TradingView's ta.atr(1): the first bar's true range is high − low.
    const range = Number.isNaN(previous) ? high - low : trueRange(high, low, previous);
    const total = this.ranges.next(range);
    const span = this.highest.next(high) - this.lowest.next(low);
    if (Number.isNaN(total)) return;
    // A window without any range is as choppy as it gets.
    this.out[0] = span === 0 || total === 0 ? 100 : this.scale * Math.log10(total / span);
  }
}

/**
 * Choppiness index (Dreiss), as TradingView's "CHOP":
 * `100 · log10(Σ TR / (HH − LL)) / log10(n)` over the last `n` bars, with the first bar's true
 * range high − low. Near 100 a market is choppy, near 0 trending; never below 0 (the true ranges
 * chain the closes, so they cover the window's range), above 100 only when the window's first true
 * range reaches back to a distant previous close. A window without range gives 100. `n` ≥ 2; first
 * value at index `n − 1`.
 */
export function choppiness(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period = 14,
): Float64Array {
  assertPeriod('period', period, 2);
  const n = assertBarColumns({ high, low, close });
  // The kernel's parts by their batch forms over the columns (`windowSums`, `windowExtremes`: the
  // same bits), instead of a kernel `step` per bar.
  const ranges = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // TradingView's ta.atr(1): the first bar's true range is high − low.
    const h = high[i] as number;
    const l = low[i] as number;
    ranges[i] = i === 0 ? h - l : trueRange(h, l, close[i - 1] as number);
  }
  const out = windowSums(ranges, period);
  const highest = windowExtremes(high, period, 'max');
  const lowest = windowExtremes(low, period, 'min');
  const scale = 100 / Math.log10(period);
  for (let i = period - 1; i < n; i++) {
    const total = out[i] as number;
    const span = (highest[i] as number) - (lowest[i] as number);
    // A window without any range is as choppy as it gets.
    out[i] = span === 0 || total === 0 ? 100 : scale * Math.log10(total / span);
  }
  return out;
}

/** Streaming {@link choppiness} over `{ high, low, close }`: amortised O(1) per update. */
export class Choppiness extends KernelIndicator<{ high: number; low: number; close: number }, number> {
  readonly type = 'Choppiness';

  constructor(readonly period = 14) {
    super(
      new ChoppinessKernel(period),
      { inputs: ['high', 'low', 'close'], outputs: 'value' },
      { period },
      period - 1,
    );
  }

  /** Restores an indicator from {@link Choppiness.toJSON}. */
  static fromJSON(state: IndicatorState): Choppiness {
    return new Choppiness(Number(state.params.period)).resume(state);
  }
}
