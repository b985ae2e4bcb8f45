import { InvalidArgumentError } from '../../data/errors.js';
import { assertPeriod } from '../args.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Lag, WindowSum } from '../kernel-parts.js';
import { runOnSeries } from '../series-kernel.js';
import type { IndicatorState } from '../state.js';

/** Options of {@link kama}. */
export interface KamaOptions {
  /** Efficiency-ratio window (default 10). */
  period?: number;
  /** Period of the fastest smoothing constant (default 2). */
  fast?: number;
  /** Period of the slowest smoothing constant (default 30). */
  slow?: number;
}

function resolve(options: KamaOptions): Required<KamaOptions> {
  const { period = 10, fast = 2, slow = 30 } = options ?? {};
  assertPeriod('period', period);
  assertPeriod('fast', fast);
  assertPeriod('slow', slow);
  if (fast >= slow) throw new InvalidArgumentError('fast', `must be less than slow, got ${fast} ≥ ${slow}`);
  return { period, fast, slow };
}

class KamaKernel extends Kernel {
  private readonly past: Lag;
  private readonly path: WindowSum;
  private readonly s: Float64Array; // previous input
  private readonly slowest: number;
  private readonly spread: number;

  constructor(options: Required<KamaOptions>) {
    super(1);
    this.past = new Lag(this, options.period);
    this.path = new WindowSum(this, options.period);
    this.s = new Slots(this, 1, Number.NaN).v;
    this.slowest = 2 / (options.slow + 1);
    this.spread = 2 / (options.fast + 1) - this.slowest;
  }

  step(x: number): void {
    const previous = this.s[0] as number;
    this.s[0] = x;
    const old = this.past.next(x);
    if (Number.isNaN(previous)) return;
    const path = this.path.next(Math.abs(x - previous));
    if (Number.isNaN(old)) return;
    const change = x - old;
    // TA-Lib's test: a path no longer than the change (a straight move) is fully efficient.
    const ratio = path <= change || path === 0 ? 1 : Math.abs(change / path);
    const constant = (ratio * this.spread + this.slowest) ** 2;
    const prior = Number.isNaN(this.out[0] as number) ? previous : (this.out[0] as number);
    this.out[0] = (x - prior) * constant + prior;
  }
}

/**
 * Kaufman's adaptive moving average, as TA-Lib's `KAMA`: efficiency ratio
 * `ER = |x[i] − x[i−n]| / Σ |x[k] − x[k−1]|` over the last n changes, smoothing constant
 * `sc = (ER · (2/(fast+1) − 2/(slow+1)) + 2/(slow+1))²`, `kama = kama₋₁ + sc · (x − kama₋₁)`,
 * started from `x[n−1]`. First value at index `n`.
 */
export function kama(values: ArrayLike<number>, options: KamaOptions = {}): Float64Array {
  return runOnSeries(new KamaKernel(resolve(options)), values)[0] as Float64Array;
}

/** Streaming {@link kama}: amortised O(1) per update, same numbers as the batch function. */
export class KAMA extends KernelIndicator<number, number> {
  readonly type = 'KAMA';
  readonly period: number;

  constructor(options: KamaOptions = {}) {
    const resolved = resolve(options);
    super(new KamaKernel(resolved), { inputs: 'value', outputs: 'value' }, { ...resolved }, resolved.period);
    this.period = resolved.period;
  }

  /** Restores an indicator from {@link KAMA.toJSON}. */
  static fromJSON(state: IndicatorState): KAMA {
    const { period, fast, slow } = state.params;
    return new KAMA({ period: Number(period), fast: Number(fast), slow: Number(slow) }).resume(state);
  }
}
