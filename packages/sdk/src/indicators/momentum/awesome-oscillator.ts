import { InvalidArgumentError } from '../../data/errors.js';
import { assertPeriod } from '../args.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Sma } from '../kernel-parts.js';
import { runOnBars } from '../series-kernel.js';
import type { IndicatorState } from '../state.js';

/** Periods of {@link awesomeOscillator}. */
export interface AwesomeOscillatorOptions {
  /** Fast SMA period (default 5). */
  fast?: number;
  /** Slow SMA period (default 34). */
  slow?: number;
}

function resolve(options: AwesomeOscillatorOptions): Required<AwesomeOscillatorOptions> {
  const { fast = 5, slow = 34 } = options ?? {};
  assertPeriod('fast', fast);
  assertPeriod('slow', slow);
  if (fast >= slow) throw new InvalidArgumentError('fast', `must be less than slow, got ${fast} ≥ ${slow}`);
  return { fast, slow };
}

class AwesomeKernel extends Kernel {
  private readonly fast: Sma;
  private readonly slow: Sma;

  constructor(o: Required<AwesomeOscillatorOptions>) {
    super(1);
    this.fast = new Sma(this, o.fast);
    this.slow = new Sma(this, o.slow);
  }

  step(high: number, low: number): void {
    const median = (high + low) / 2;
    const fast = this.fast.next(median);
    const slow = this.slow.next(median);
    if (!Number.isNaN(slow)) this.out[0] = fast - slow;
  }
}

/**
 * Awesome oscillator (Williams): `SMA(median, fast) − SMA(median, slow)` of the median price
 * `(high + low) / 2` (TradingView's "AO", trading-signals' `AO`, technicalindicators'
 * `AwesomeOscillator`). First value at index `slow − 1`.
 */
export function awesomeOscillator(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  options: AwesomeOscillatorOptions = {},
): Float64Array {
  return runOnBars(new AwesomeKernel(resolve(options)), { high, low }, ['high', 'low'])[0] as Float64Array;
}

/** Streaming {@link awesomeOscillator} over `{ high, low }`: O(1) per update. */
export class AwesomeOscillator extends KernelIndicator<{ high: number; low: number }, number> {
  readonly type = 'AwesomeOscillator';

  constructor(options: AwesomeOscillatorOptions = {}) {
    const o = resolve(options);
    super(new AwesomeKernel(o), { inputs: ['high', 'low'], outputs: 'value' }, { ...o }, o.slow - 1);
  }

  /** Restores an indicator from {@link AwesomeOscillator.toJSON}. */
  static fromJSON(state: IndicatorState): AwesomeOscillator {
    return new AwesomeOscillator({ fast: Number(state.params.fast), slow: Number(state.params.slow) }).resume(
      state,
    );
  }
}
