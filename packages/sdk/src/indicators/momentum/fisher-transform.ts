import { assertPeriod } from '../args.js';
import { fusedCheckLength, isBadRange, rejectBarColumns } from '../bar-args.js';
import { chunkEnd } from '../batch-chunks.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Extreme } from '../kernel-parts.js';
import { type ColumnsOutput, outputColumns } from '../output.js';
import type { IndicatorState } from '../state.js';

/** Columns of {@link fisherTransform}. */
export interface FisherTransformSeries {
  /** The Fisher transform of the normalised median price. */
  fisher: Float64Array;
  /** The previous bar's `fisher`. */
  trigger: Float64Array;
}

/** One value of the streaming {@link FisherTransform}. */
export interface FisherTransformValue {
  fisher: number;
  trigger: number;
}

/** Clamp of the normalised value, as Ehlers and TradingView: ±0.999 beyond ±0.99. */
function clamp(value: number): number {
  if (value > 0.99) return 0.999;
  if (value < -0.99) return -0.999;
  return value;
}

class FisherKernel extends Kernel {
  private readonly highest: Extreme;
  private readonly lowest: Extreme;
  private readonly s: Float64Array; // smoothed value, fisher

  constructor(private readonly period: number) {
    super(2);
    assertPeriod('period', period);
    this.highest = new Extreme(this, period, 'max');
    this.lowest = new Extreme(this, period, 'min');
    this.s = new Slots(this, 2).v;
  }

  step(high: number, low: number): void {
    const i = this.tick();
    const median = (high + low) / 2;
    const top = this.highest.next(median);
    const bottom = this.lowest.next(median);
    if (i < this.period - 1) return;
    const s = this.s;
    const range = top - bottom;
    // A flat window sits in the middle of its range (0 after centring).
    const position = range === 0 ? 0 : (median - bottom) / range - 0.5;
    const value = clamp(0.66 * position + 0.67 * (s[0] as number));
    const previousFisher = s[1] as number;
    const fisher = 0.5 * Math.log((1 + value) / (1 - value)) + 0.5 * previousFisher;
    s[0] = value;
    s[1] = fisher;
    this.out[0] = fisher;
    this.out[1] = i === this.period - 1 ? Number.NaN : previousFisher;
  }
}

/** The median price of bar `i`. */
function medianAt(high: ArrayLike<number>, low: ArrayLike<number>, i: number): number {
  return ((high[i] as number) + (low[i] as number)) / 2;
}

/**
 * Bars `from` to `to` of `fisherTransform`, the recursion on locals. The window's highest and
 * lowest median by van Herk / Gil-Werman: the series cut in blocks of `period` bars, the window
 * ending at `i` is a suffix of the previous block (`suffixMax`/`suffixMin`, computed when that block
 * ends) and a prefix of the current one (running), so the extremes cost a few `Math.max`/`Math.min`
 * per bar without the monotonic deque's data-dependent branches. The highest and lowest value of
 * a window is the same number however it is found (a ±0 tie cannot change the output: see the
 * kernel's arithmetic), so the bits equal the streaming class's `Extreme` parts. `state` holds
 * [smoothed value, previous fisher, prefix max, prefix min, position in the block].
 */
function fisherRun(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  fisher: Float64Array,
  trigger: Float64Array,
  from: number,
  to: number,
  state: Float64Array,
  suffixMax: Float64Array,
  suffixMin: Float64Array,
  columns: { high: ArrayLike<number>; low: ArrayLike<number> },
): void {
  const period = suffixMax.length;
  let smoothed = state[0] as number;
  let previousFisher = state[1] as number;
  let prefixMax = state[2] as number;
  let prefixMin = state[3] as number;
  let position = state[4] as number;
  for (let i = from; i < to; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    if (isBadRange(h, l)) rejectBarColumns(columns);
    const median = (h + l) / 2;
    if (position === 0) {
      prefixMax = median;
      prefixMin = median;
    } else {
      prefixMax = Math.max(prefixMax, median);
      prefixMin = Math.min(prefixMin, median);
    }
    if (i >= period - 1) {
      const last = position === period - 1;
      const top = last ? prefixMax : Math.max(suffixMax[position + 1] as number, prefixMax);
      const bottom = last ? prefixMin : Math.min(suffixMin[position + 1] as number, prefixMin);
      const range = top - bottom;
      // A flat window sits in the middle of its range (0 after centring).
      const centred = range === 0 ? 0 : (median - bottom) / range - 0.5;
      const value = clamp(0.66 * centred + 0.67 * smoothed);
      const next = 0.5 * Math.log((1 + value) / (1 - value)) + 0.5 * previousFisher;
      smoothed = value;
      fisher[i] = next;
      if (i > period - 1) trigger[i] = previousFisher;
      previousFisher = next;
    }
    if (position === period - 1) {
      // The block ends: its suffix extremes, for the windows that end in the next block.
      let top = median;
      let bottom = median;
      suffixMax[period - 1] = median;
      suffixMin[period - 1] = median;
      for (let k = period - 2; k >= 0; k--) {
        const m = medianAt(high, low, i - period + 1 + k);
        top = Math.max(m, top);
        bottom = Math.min(m, bottom);
        suffixMax[k] = top;
        suffixMin[k] = bottom;
      }
      position = 0;
    } else position++;
  }
  state[0] = smoothed;
  state[1] = previousFisher;
  state[2] = prefixMax;
  state[3] = prefixMin;
  state[4] = position;
}

/**
 * Fisher transform (Ehlers), as TradingView's built-in: the median price `(high + low)/2`
 * normalised to its `n`-bar range, `v = clamp(0.66 · ((hl2 − LL)/(HH − LL) − 0.5) + 0.67 · v₋₁)`
 * with clamp ±0.999, then `fisher = 0.5 · ln((1 + v)/(1 − v)) + 0.5 · fisher₋₁` (both recursions
 * start from 0); `trigger` is the previous `fisher`. First fisher at index `n − 1`, trigger at `n`.
 * `options.out`: either of the `fisher` and `trigger` columns to write into and return instead of
 * allocating them (see {@link ColumnsOutput}).
 */
export function fisherTransform(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  period = 9,
  options: ColumnsOutput<FisherTransformSeries> = {},
): FisherTransformSeries {
  assertPeriod('period', period);
  const columns = { high, low };
  const n = fusedCheckLength(columns);
  // The kernel's arithmetic in one pass, the bar checks in it: no kernel `step` per bar and no
  // column of medians or extremes; the same bits as the streaming class. In chunks (see batch-chunks.ts).
  const { fisher, trigger } = outputColumns(
    options?.out,
    FISHER_NAMES,
    n,
    { fisher: period - 1, trigger: period },
    columns,
  );
  const state = new Float64Array(5);
  const suffixMax = new Float64Array(period);
  const suffixMin = new Float64Array(period);
  for (let from = 0; from < n; ) {
    const to = chunkEnd(from, 0, n);
    fisherRun(high, low, fisher, trigger, from, to, state, suffixMax, suffixMin, columns);
    from = to;
  }
  return { fisher, trigger };
}

const FISHER_NAMES = ['fisher', 'trigger'] as const;

/** Streaming {@link fisherTransform} over `{ high, low }`: amortised O(1) per update. */
export class FisherTransform extends KernelIndicator<{ high: number; low: number }, FisherTransformValue> {
  readonly type = 'FisherTransform';

  constructor(readonly period = 9) {
    super(
      new FisherKernel(period),
      { inputs: ['high', 'low'], outputs: ['fisher', 'trigger'] },
      { period },
      period,
    );
  }

  /** Restores an indicator from {@link FisherTransform.toJSON}. */
  static fromJSON(state: IndicatorState): FisherTransform {
    return new FisherTransform(Number(state.params.period)).resume(state);
  }
}
