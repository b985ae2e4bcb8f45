import { InvalidArgumentError } from '../../data/errors.js';
import { assertFiniteSeries, assertPeriod, fusedSeriesLength } from '../args.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Lag, WindowSum } from '../kernel-parts.js';
import { type ColumnOutput, outputColumn } from '../output.js';
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
 * `options.out`: a column to write into and return instead of allocating one (see
 * {@link ColumnOutput}).
 */
export function kama(values: ArrayLike<number>, options: KamaOptions & ColumnOutput = {}): Float64Array {
  const { period, fast, slow } = resolve(options);
  const n = fusedSeriesLength('values', values);
  const out = outputColumn(options?.out, 'out', n, period, { values });
  if (n === 0) return out;
  const first = values[0] as number;
  if (first - first !== 0) assertFiniteSeries('values', values);
  const slowest = 2 / (slow + 1);
  kamaLoop(values, n, period, slowest, 2 / (fast + 1) - slowest, out);
  return out;
}

/**
 * The batch loop of {@link kama}: the kernel's arithmetic on locals in one pass, without a column
 * of steps or sums. The path's window sum is `RollingSum`'s (compensated additions, an exact
 * re-summation every `period` pushes, exact 0 through a count of non-zero steps) with each step
 * |x[k] − x[k−1]| recomputed from `values` where the sum needs it again (the same bits), the lag a
 * read of `values`. It repeats `windowSums` because a column per series costs more than the
 * arithmetic. Each addition's rounding error comes from Knuth's TwoSum instead of `RollingSum`'s
 * Neumaier branch: both give the exact error of a finite sum, so the same compensation and bits
 * (70 → 81 M values/s in-process); the tests hold the streaming class to it, also where the sum
 * overflows.
 *
 * Written for V8's tiers: the entry needs no type feedback, and every operation runs on every
 * value (the seed is the previous input while the average is NaN, as in the kernel). V8 records
 * no feedback for a first call's set-up or first few values (Neumaier's second expression only ran
 * while the sum was 0): the optimised code deopted on those operations in the second call, and
 * later calls ran the on-stack-replaced loop at about half the speed.
 */
function kamaLoop(
  values: ArrayLike<number>,
  n: number,
  period: number,
  slowest: number,
  spread: number,
  out: Float64Array,
): void {
  let total = 0;
  let compensation = 0;
  let nonZero = 0;
  let sinceResum = 0;
  let average = 0; // not `Number.NaN`: a property read at the entry, without type feedback
  for (let i = 1; i < n; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN and ±Infinity: the error names the index
    const before = values[i - 1] as number;
    const step = Math.abs(x - before);
    let next = total + step;
    const stepPart = next - total;
    compensation += total - (next - stepPart) + (step - stepPart);
    total = next;
    if (step !== 0) nonZero++;
    if (i > period) {
      // The step leaving the window, pushed `period` steps ago.
      const evicted = Math.abs((values[i - period] as number) - (values[i - period - 1] as number));
      const minus = -evicted;
      next = total + minus;
      const minusPart = next - total;
      compensation += total - (next - minusPart) + (minus - minusPart);
      total = next;
      if (evicted !== 0) nonZero--;
    }
    if (++sinceResum === period) {
      total = 0;
      compensation = 0;
      sinceResum = 0;
      for (let k = i - period + 1; k <= i; k++) {
        const held = Math.abs((values[k] as number) - (values[k - 1] as number));
        const sum = total + held;
        const heldPart = sum - total;
        compensation += total - (sum - heldPart) + (held - heldPart);
        total = sum;
      }
    }
    if (i < period) continue;
    const path = nonZero === 0 ? 0 : total + compensation;
    const change = x - (values[i - period] as number);
    const ratio = path <= change || path === 0 ? 1 : Math.abs(change / path);
    const constant = (ratio * spread + slowest) ** 2;
    // The kernel's seed: the previous input while there is no average (x[period − 1] at the first
    // output, and again after an overflow made the average NaN).
    const prior = i === period || Number.isNaN(average) ? before : average;
    average = (x - prior) * constant + prior;
    out[i] = average;
  }
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
