import { assertPeriod, warmUpArray } from '../args.js';
import { fusedCheckLength, isBadRange, rejectBarColumns } from '../bar-args.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Extreme } from '../kernel-parts.js';
import type { IndicatorState } from '../state.js';
import { chunkEnd } from './chunks.js';

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

/**
 * Bars `from` to `to` of `fisherTransform`: the `Extreme` parts' monotonic deques (`windowExtremes`'
 * operations; ties go to the newest) over the medians, each median recomputed from the input, and
 * the recursion on locals. `state` holds [smoothed value, previous fisher, max deque front, its
 * size, min deque front, its size].
 */
function fisherRun(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  fisher: Float64Array,
  trigger: Float64Array,
  from: number,
  to: number,
  state: Float64Array,
  maxDeque: Int32Array,
  minDeque: Int32Array,
  columns: { high: ArrayLike<number>; low: ArrayLike<number> },
): void {
  const period = maxDeque.length;
  let smoothed = state[0] as number;
  let previousFisher = state[1] as number;
  let maxFront = state[2] as number;
  let maxSize = state[3] as number;
  let minFront = state[4] as number;
  let minSize = state[5] as number;
  for (let i = from; i < to; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    if (isBadRange(h, l)) rejectBarColumns(columns);
    const median = (h + l) / 2;
    if (maxSize > 0 && (maxDeque[maxFront] as number) <= i - period) {
      maxFront = maxFront + 1 === period ? 0 : maxFront + 1;
      maxSize--;
    }
    while (maxSize > 0) {
      let back = maxFront + maxSize - 1;
      if (back >= period) back -= period;
      const j = maxDeque[back] as number;
      if (((high[j] as number) + (low[j] as number)) / 2 > median) break;
      maxSize--;
    }
    let slot = maxFront + maxSize;
    if (slot >= period) slot -= period;
    maxDeque[slot] = i;
    maxSize++;
    if (minSize > 0 && (minDeque[minFront] as number) <= i - period) {
      minFront = minFront + 1 === period ? 0 : minFront + 1;
      minSize--;
    }
    while (minSize > 0) {
      let back = minFront + minSize - 1;
      if (back >= period) back -= period;
      const j = minDeque[back] as number;
      if (((high[j] as number) + (low[j] as number)) / 2 < median) break;
      minSize--;
    }
    slot = minFront + minSize;
    if (slot >= period) slot -= period;
    minDeque[slot] = i;
    minSize++;
    if (i < period - 1) continue;
    const t = maxDeque[maxFront] as number;
    const top = ((high[t] as number) + (low[t] as number)) / 2;
    const b = minDeque[minFront] as number;
    const bottom = ((high[b] as number) + (low[b] as number)) / 2;
    const range = top - bottom;
    // A flat window sits in the middle of its range (0 after centring).
    const position = range === 0 ? 0 : (median - bottom) / range - 0.5;
    const value = clamp(0.66 * position + 0.67 * smoothed);
    const next = 0.5 * Math.log((1 + value) / (1 - value)) + 0.5 * previousFisher;
    smoothed = value;
    fisher[i] = next;
    if (i > period - 1) trigger[i] = previousFisher;
    previousFisher = next;
  }
  state[0] = smoothed;
  state[1] = previousFisher;
  state[2] = maxFront;
  state[3] = maxSize;
  state[4] = minFront;
  state[5] = minSize;
}

/**
 * Fisher transform (Ehlers), as TradingView's built-in: the median price `(high + low)/2`
 * normalised to its `n`-bar range, `v = clamp(0.66 · ((hl2 − LL)/(HH − LL) − 0.5) + 0.67 · v₋₁)`
 * with clamp ±0.999, then `fisher = 0.5 · ln((1 + v)/(1 − v)) + 0.5 · fisher₋₁` (both recursions
 * start from 0); `trigger` is the previous `fisher`. First fisher at index `n − 1`, trigger at `n`.
 */
export function fisherTransform(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  period = 9,
): FisherTransformSeries {
  assertPeriod('period', period);
  const columns = { high, low };
  const n = fusedCheckLength(columns);
  // The kernel's arithmetic in one pass, the bar checks in it: no kernel `step` per bar and no
  // column of medians or extremes; the same bits as the streaming class. In chunks (see chunks.ts).
  const fisher = warmUpArray(n, period - 1);
  const trigger = warmUpArray(n, period);
  const state = new Float64Array(6);
  const maxDeque = new Int32Array(period);
  const minDeque = new Int32Array(period);
  for (let from = 0; from < n; ) {
    const to = chunkEnd(from, 0, n);
    fisherRun(high, low, fisher, trigger, from, to, state, maxDeque, minDeque, columns);
    from = to;
  }
  return { fisher, trigger };
}

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
