import { InvalidArgumentError } from '../../data/errors.js';
import { assertFiniteNumber, assertPeriod } from '../args.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Sma } from '../kernel-parts.js';
import { runOnBars } from '../series-kernel.js';
import type { IndicatorState } from '../state.js';

/** Options of {@link easeOfMovement}. */
export interface EaseOfMovementOptions {
  /** SMA period (default 14, TradingView's; TTR's default is 9). */
  period?: number;
  /** Volume divisor (default 10 000, as TTR and TradingView). */
  divisor?: number;
}

function resolve(options: EaseOfMovementOptions): Required<EaseOfMovementOptions> {
  const { period = 14, divisor = 10000 } = options ?? {};
  assertPeriod('period', period);
  assertFiniteNumber('divisor', divisor);
  if (divisor <= 0) throw new InvalidArgumentError('divisor', `must be above 0, got ${divisor}`);
  return { period, divisor };
}

class EaseOfMovementKernel extends Kernel {
  private readonly average: Sma;
  private readonly s: Float64Array; // previous midpoint

  constructor(private readonly o: Required<EaseOfMovementOptions>) {
    super(1);
    this.average = new Sma(this, o.period);
    this.s = new Slots(this, 1, Number.NaN).v;
  }

  step(high: number, low: number, volume: number): void {
    const middle = (high + low) / 2;
    const previous = this.s[0] as number;
    this.s[0] = middle;
    if (Number.isNaN(previous)) return;
    // TTR's order: the move divided by the box ratio (volume / divisor) / (high − low). No volume
    // (no box) or no range (an infinite box) moves nothing.
    const box = volume / this.o.divisor / (high - low);
    const ease = volume === 0 || high === low ? 0 : (middle - previous) / box;
    this.out[0] = this.average.next(ease);
  }
}

/**
 * Ease of movement (Arms), smoothed: the SMA over `period` bars of
 * `(midpoint − previous midpoint) / ((volume / divisor) / (high − low))`, midpoint = (high + low)/2
 * (TTR's `EMV` `maEMV`, TradingView's "EOM"); a bar without volume or range adds 0. First value at
 * index `period`.
 */
export function easeOfMovement(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  volume: ArrayLike<number>,
  options: EaseOfMovementOptions = {},
): Float64Array {
  const kernel = new EaseOfMovementKernel(resolve(options));
  return runOnBars(kernel, { high, low, volume }, ['high', 'low', 'volume'])[0] as Float64Array;
}

/** Streaming {@link easeOfMovement} over `{ high, low, volume }`: O(1) per update. */
export class EaseOfMovement extends KernelIndicator<{ high: number; low: number; volume: number }, number> {
  readonly type = 'EaseOfMovement';

  constructor(options: EaseOfMovementOptions = {}) {
    const o = resolve(options);
    super(
      new EaseOfMovementKernel(o),
      { inputs: ['high', 'low', 'volume'], outputs: 'value' },
      { ...o },
      o.period,
    );
  }

  /** Restores an indicator from {@link EaseOfMovement.toJSON}. */
  static fromJSON(state: IndicatorState): EaseOfMovement {
    return new EaseOfMovement({
      period: Number(state.params.period),
      divisor: Number(state.params.divisor),
    }).resume(state);
  }
}
