import { InvalidArgumentError } from '../../data/errors.js';
import { assertPeriod } from '../args.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { WindowSum } from '../kernel-parts.js';
import { runOnBars } from '../series-kernel.js';
import type { IndicatorState } from '../state.js';

/** Periods of {@link ultimateOscillator}. */
export interface UltimateOscillatorOptions {
  /** Shortest window, weight 4 (default 7). */
  short?: number;
  /** Middle window, weight 2 (default 14). */
  medium?: number;
  /** Longest window, weight 1 (default 28). */
  long?: number;
}

function resolve(options: UltimateOscillatorOptions): Required<UltimateOscillatorOptions> {
  const { short = 7, medium = 14, long = 28 } = options ?? {};
  assertPeriod('short', short);
  assertPeriod('medium', medium);
  assertPeriod('long', long);
  if (!(short <= medium && medium <= long))
    throw new InvalidArgumentError('medium', `periods must not decrease: ${short}, ${medium}, ${long}`);
  return { short, medium, long };
}

class UltimateOscillatorKernel extends Kernel {
  private readonly pressure: WindowSum[];
  private readonly ranges: WindowSum[];
  private readonly s: Float64Array; // previous close

  constructor(o: Required<UltimateOscillatorOptions>) {
    super(1);
    const periods = [o.short, o.medium, o.long];
    this.pressure = periods.map((n) => new WindowSum(this, n));
    this.ranges = periods.map((n) => new WindowSum(this, n));
    this.s = new Slots(this, 1, Number.NaN).v;
  }

  step(high: number, low: number, close: number): void {
    const previous = this.s[0] as number;
    this.s[0] = close;
    if (Number.isNaN(previous)) return;
    const trueLow = Math.min(low, previous);
    const buying = close - trueLow;
    const range = Math.max(high, previous) - trueLow;
    let total = 0;
    for (let k = 0; k < 3; k++) {
      const p = (this.pressure[k] as WindowSum).next(buying);
      const r = (this.ranges[k] as WindowSum).next(range);
      // A window without any range adds the neutral 1/2 of its weight.
      total += (k === 0 ? 4 : k === 1 ? 2 : 1) * (r === 0 ? 0.5 : p / r);
    }
    if (!Number.isNaN(total)) this.out[0] = (100 * total) / 7;
  }
}

/**
 * Ultimate oscillator (Williams): buying pressure `close − min(low, previous close)` over the true
 * range, summed over three windows and weighted 4 : 2 : 1,
 * `100 · (4·A_short + 2·A_medium + A_long) / 7` (TA-Lib's `ULTOSC`, TTR's `ultimateOscillator`).
 * A window without range counts as 1/2. First value at index `long`.
 */
export function ultimateOscillator(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  options: UltimateOscillatorOptions = {},
): Float64Array {
  const kernel = new UltimateOscillatorKernel(resolve(options));
  return runOnBars(kernel, { high, low, close }, ['high', 'low', 'close'])[0] as Float64Array;
}

/** Streaming {@link ultimateOscillator} over `{ high, low, close }`: amortised O(1) per update. */
export class UltimateOscillator extends KernelIndicator<
  { high: number; low: number; close: number },
  number
> {
  readonly type = 'UltimateOscillator';

  constructor(options: UltimateOscillatorOptions = {}) {
    const o = resolve(options);
    super(
      new UltimateOscillatorKernel(o),
      { inputs: ['high', 'low', 'close'], outputs: 'value' },
      { ...o },
      o.long,
    );
  }

  /** Restores an indicator from {@link UltimateOscillator.toJSON}. */
  static fromJSON(state: IndicatorState): UltimateOscillator {
    const { short, medium, long } = state.params;
    return new UltimateOscillator({
      short: Number(short),
      medium: Number(medium),
      long: Number(long),
    }).resume(state);
  }
}
