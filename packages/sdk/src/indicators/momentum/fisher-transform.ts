import { assertPeriod, warmUpArray } from '../args.js';
import { assertBarColumns } from '../bar-args.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Extreme } from '../kernel-parts.js';
import { windowExtremes } from '../rolling-extreme.js';
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
  const n = assertBarColumns({ high, low });
  // The kernel's arithmetic with its `Extreme` parts in batch form (`windowExtremes` over the
  // medians) and the recursion on locals: the same bits without a kernel `step` per bar.
  const medians = new Float64Array(n);
  for (let i = 0; i < n; i++) medians[i] = ((high[i] as number) + (low[i] as number)) / 2;
  const fisher = windowExtremes(medians, period, 'max');
  const lowest = windowExtremes(medians, period, 'min');
  const trigger = warmUpArray(n, period);
  fisher.fill(Number.NaN, 0, Math.min(period - 1, n));
  let smoothed = 0;
  let previousFisher = 0;
  for (let i = period - 1; i < n; i++) {
    const median = medians[i] as number;
    const top = fisher[i] as number;
    const bottom = lowest[i] as number;
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
