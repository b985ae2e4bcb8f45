import { assertPeriod } from '../args.js';
import { fusedCheckLength, isBadRange, isNotFinite, rejectBarColumns } from '../bar-args.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Extreme, WindowSum } from '../kernel-parts.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import { neumaierError, resumWindow } from '../rolling-sum.js';
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
    // Gated by the warm-up, not by NaN: a total that overflowed gives NaN, as in the batch.
    if (!this.ranges.isFull) return;
    // A window without any range is as choppy as it gets.
    this.out[0] = span === 0 || total === 0 ? 100 : this.scale * Math.log10(total / span);
  }
}

/** The index from a window's true-range total and span (a window without any range: 100). */
function chop(total: number, span: number, scale: number): number {
  return span === 0 || total === 0 ? 100 : scale * Math.log10(total / span);
}

/**
 * Choppiness index (Dreiss), as TradingView's "CHOP":
 * `100 · log10(Σ TR / (HH − LL)) / log10(n)` over the last `n` bars, with the first bar's true
 * range high − low. Near 100 a market is choppy, near 0 trending; never below 0 (the true ranges
 * chain the closes, so they cover the window's range), above 100 only when the window's first true
 * range reaches back to a distant previous close. A window without range gives 100. `n` ≥ 2; first
 * value at index `n − 1`. `options.out`: a column to write into and return instead of allocating
 * one (see {@link ColumnOutput}).
 */
export function choppiness(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period = 14,
  options: ColumnOutput = {},
): Float64Array {
  assertPeriod('period', period, 2);
  const columns = { high, low, close };
  const n = fusedCheckLength(columns);
  // The kernel's parts on locals in one pass, the bar checks in it too: the true ranges' `WindowSum`
  // (`RollingSum`'s arithmetic, as `windowSums`: Neumaier's additions, an exact re-summation every
  // `period` pushes, oldest first, exact 0 through a count of non-zero ranges) over a `period`-long
  // ring of ranges, and the window's highest high and lowest low (see `highAfter`): the same bits,
  // and no column of the input's length but the output. The bars run in blocks of `period` that
  // end at a re-summation, whose bar's value is written from the re-summed total after the block.
  const out = outputColumn(options?.out, 'out', n, period - 1, columns);
  const ranges = new Float64Array(period);
  const resummed = new Float64Array(2);
  // `highAfter[k]`, `lowAfter[k]`: the extremes of the previous block from its position k on
  // (van Herk / Gil-Werman). With the extremes of the current block so far, they give the window's
  // by two comparisons per bar, where a monotonic deque's data-dependent pops cost more on a
  // random walk. Only the values matter (a ±0 tie gives a span of 0 either way).
  const highAfter = new Float64Array(period + 1).fill(Number.NEGATIVE_INFINITY);
  const lowAfter = new Float64Array(period + 1).fill(Number.POSITIVE_INFINITY);
  const scale = 100 / Math.log10(period);
  let total = 0;
  let compensation = 0;
  let nonZero = 0;
  let span = 0;
  let slot = 0; // ring slot of bar i: i mod period, where the range of bar i − period sits
  let i = 0;
  for (let resumAt = period - 1; i < n; resumAt += period) {
    const stop = Math.min(resumAt + 1, n);
    // The window of the bar at position p of a block is the previous block from position p + 1 on
    // and this block up to p: one backward pass over the previous block per block (±Infinity past
    // its end, and all through the first block, whose bars precede the first value).
    if (i >= period) {
      let most = Number.NEGATIVE_INFINITY;
      let least = Number.POSITIVE_INFINITY;
      for (let k = period - 1; k >= 0; k--) {
        most = Math.max(most, high[i - period + k] as number);
        least = Math.min(least, low[i - period + k] as number);
        highAfter[k] = most;
        lowAfter[k] = least;
      }
    }
    let highestSoFar = Number.NEGATIVE_INFINITY;
    let lowestSoFar = Number.POSITIVE_INFINITY;
    let j = 1; // position in the block + 1
    for (; i < stop; i++) {
      const h = high[i] as number;
      const l = low[i] as number;
      if (isBadRange(h, l) || isNotFinite(close[i] as number)) rejectBarColumns(columns);
      // TradingView's ta.atr(1): the first bar's true range is high − low.
      const range = i === 0 ? h - l : trueRange(h, l, close[i - 1] as number);
      let next = total + range;
      compensation += neumaierError(total, range, next);
      total = next;
      if (range !== 0) nonZero++;
      if (i >= period) {
        const evicted = ranges[slot] as number;
        const minus = -evicted;
        next = total + minus;
        compensation += neumaierError(total, minus, next);
        total = next;
        if (evicted !== 0) nonZero--;
      }
      ranges[slot] = range;
      slot++;
      highestSoFar = Math.max(highestSoFar, h);
      lowestSoFar = Math.min(lowestSoFar, l);
      const highest = Math.max(highAfter[j] as number, highestSoFar);
      const lowest = Math.min(lowAfter[j] as number, lowestSoFar);
      span = highest - lowest;
      j++;
      if (i >= period && i !== resumAt) out[i] = chop(nonZero === 0 ? 0 : total + compensation, span, scale);
    }
    if (i - 1 !== resumAt) break;
    // The re-summation bar: its total replaces the running one (the ring holds the window oldest
    // first from slot 0).
    slot = 0;
    resumWindow(ranges, resummed);
    total = resummed[0] as number;
    compensation = resummed[1] as number;
    out[resumAt] = chop(nonZero === 0 ? 0 : total + compensation, span, scale);
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
