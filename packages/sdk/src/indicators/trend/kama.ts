import { InvalidArgumentError } from '../../data/errors.js';
import { assertFiniteSeries, assertPeriod, fusedSeriesLength, warmUpArray } from '../args.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Lag, WindowSum } from '../kernel-parts.js';
import { windowSums } from '../rolling-sum.js';
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
  const { period, fast, slow } = resolve(options);
  const n = fusedSeriesLength('values', values);
  const out = warmUpArray(n, period);
  if (n === 0) return out;
  // The kernel's arithmetic over the arrays: the path's window sums by `windowSums` (the bits of the
  // kernel's `WindowSum`), the lag read from `values`, the recursion on a local — instead of a
  // kernel `step` per bar through ring windows. The contract test holds the streaming class to it.
  const steps = new Float64Array(n);
  let previous = values[0] as number;
  if (previous - previous !== 0) assertFiniteSeries('values', values);
  for (let i = 1; i < n; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN and ±Infinity: the error names the index
    steps[i] = Math.abs(x - previous);
    previous = x;
  }
  const paths = windowSums(steps, period, 1);
  const slowest = 2 / (slow + 1);
  const spread = 2 / (fast + 1) - slowest;
  let average = values[period - 1] as number;
  for (let i = period; i < n; i++) {
    const x = values[i] as number;
    const change = x - (values[i - period] as number);
    const path = paths[i] as number;
    const ratio = path <= change || path === 0 ? 1 : Math.abs(change / path);
    const constant = (ratio * spread + slowest) ** 2;
    average = (x - average) * constant + average;
    out[i] = average;
  }
  return out;
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
