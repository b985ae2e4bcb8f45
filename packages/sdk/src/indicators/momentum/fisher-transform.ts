import { assertPeriod } from '../args.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Extreme } from '../kernel-parts.js';
import { runOnBars } from '../series-kernel.js';
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
  const [fisher, trigger] = runOnBars(new FisherKernel(period), { high, low }, ['high', 'low']) as [
    Float64Array,
    Float64Array,
  ];
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
