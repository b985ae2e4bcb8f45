import { InvalidArgumentError } from '../../data/errors.js';
import { assertFiniteNumber, assertFiniteSeries, assertPeriod, fusedSeriesLength } from '../args.js';
import { Kernel, Window } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import type { IndicatorState } from '../state.js';

/** Options of {@link alma}. */
export interface AlmaOptions {
  /** Window length (default 9). */
  period?: number;
  /** Where the Gaussian peaks, 0 (oldest) … 1 (newest); default 0.85. */
  offset?: number;
  /** Width: the Gaussian's standard deviation is `period / sigma` (default 6, > 0). */
  sigma?: number;
}

function resolve(options: AlmaOptions): Required<AlmaOptions> {
  const { period = 9, offset = 0.85, sigma = 6 } = options ?? {};
  assertPeriod('period', period);
  assertFiniteNumber('offset', offset);
  assertFiniteNumber('sigma', sigma);
  if (offset < 0 || offset > 1)
    throw new InvalidArgumentError('offset', `must be within [0, 1], got ${offset}`);
  if (sigma <= 0) throw new InvalidArgumentError('sigma', `must be above 0, got ${sigma}`);
  return { period, offset, sigma };
}

class AlmaKernel extends Kernel {
  private readonly window: Window;
  private readonly weights: Float64Array; // oldest first, summing to 1

  constructor(options: Required<AlmaOptions>) {
    super(1);
    this.window = this.own(new Window(options.period));
    this.weights = almaWeights(options);
  }

  step(x: number): void {
    const window = this.window;
    window.push(x);
    if (!window.isFull) return;
    const n = window.capacity;
    let sum = 0;
    for (let k = 0; k < n; k++) sum += (this.weights[k] as number) * window.ago(n - 1 - k);
    this.out[0] = sum;
  }
}

/**
 * Arnaud Legoux moving average: a Gaussian-weighted mean of the last `period` values, weights
 * `exp(−(k − m)² / (2s²))` for k = 0 (oldest) … n − 1 with `m = ⌊offset · (n − 1)⌋` and
 * `s = n / sigma`, normalised to sum 1 (TTR's `ALMA`, TradingView's `ta.alma`). First value at
 * index `period − 1`; O(period) per value.
 * `options.out`: a column to write into and return instead of allocating one (see
 * {@link ColumnOutput}).
 */
export function alma(values: ArrayLike<number>, options: AlmaOptions & ColumnOutput = {}): Float64Array {
  const resolved = resolve(options);
  const length = fusedSeriesLength('values', values);
  // The kernel's weighted sum, reading the array instead of the window (the same bits), the
  // finiteness check in the same pass (a window reads only values already checked). Four outputs
  // share one pass over the weights: each keeps its own sum, in the kernel's order (oldest weight
  // first), so the bits do not change; a weight is loaded once for four products, a value once for
  // the four windows it is in, and the four addition chains overlap instead of waiting on each
  // other (ALMA(9) on 1 M values: about 3× the rate of one output at a time).
  const weights = almaWeights(resolved);
  const n = resolved.period;
  const out = outputColumn(options?.out, 'out', length, n - 1, { values });
  for (let i = 0; i < n - 1 && i < length; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN or ±Infinity: the error names the index
  }
  let i = almaBlocks(values, length, n, weights, n - 1, out);
  for (; i < length; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values);
    let sum = 0;
    const start = i - n + 1;
    for (let k = 0; k < n; k++) sum += (weights[k] as number) * (values[start + k] as number);
    out[i] = sum;
  }
  return out;
}

/**
 * {@link alma}'s outputs from index `from` on, four at a time, as long as four are left; returns
 * the index of the first output not written. Apart from `alma`, with nothing after the loop:
 * V8 records no type feedback for a first call's set-up nor for what runs after a loop in its
 * on-stack-replaced code, and the optimised function deopted on those operations in every later
 * call (13 deopts in 13 calls).
 */
function almaBlocks(
  values: ArrayLike<number>,
  length: number,
  n: number,
  weights: Float64Array,
  from: number,
  out: Float64Array,
): number {
  let i = from;
  for (; i + 3 < length; i += 4) {
    const x0 = values[i] as number;
    const x1 = values[i + 1] as number;
    const x2 = values[i + 2] as number;
    const x3 = values[i + 3] as number;
    // NaN if any of the four is NaN or ±Infinity (x − x is NaN for ±Infinity).
    if (x0 - x0 + (x1 - x1) + (x2 - x2) + (x3 - x3) !== 0) assertFiniteSeries('values', values);
    const start = i - n + 1;
    let sum0 = 0;
    let sum1 = 0;
    let sum2 = 0;
    let sum3 = 0;
    // The values under weight k in the four windows: values[start + k … start + k + 3].
    let a = values[start] as number;
    let b = values[start + 1] as number;
    let c = values[start + 2] as number;
    for (let k = 0; k < n; k++) {
      const w = weights[k] as number;
      const d = values[start + k + 3] as number;
      sum0 += w * a;
      sum1 += w * b;
      sum2 += w * c;
      sum3 += w * d;
      a = b;
      b = c;
      c = d;
    }
    out[i] = sum0;
    out[i + 1] = sum1;
    out[i + 2] = sum2;
    out[i + 3] = sum3;
  }
  return i;
}

/** The Gaussian weights, oldest first, normalised to sum 1. */
function almaWeights({ period, offset, sigma }: Required<AlmaOptions>): Float64Array {
  const m = Math.floor(offset * (period - 1));
  const s = period / sigma;
  const weights = new Float64Array(period);
  let total = 0;
  for (let k = 0; k < period; k++) {
    const w = Math.exp(-((k - m) ** 2) / (2 * s * s));
    weights[k] = w;
    total += w;
  }
  for (let k = 0; k < period; k++) weights[k] = (weights[k] as number) / total;
  return weights;
}

/** Streaming {@link alma}: O(period) per update, same numbers as the batch function. */
export class ALMA extends KernelIndicator<number, number> {
  readonly type = 'ALMA';
  readonly period: number;

  constructor(options: AlmaOptions = {}) {
    const resolved = resolve(options);
    super(
      new AlmaKernel(resolved),
      { inputs: 'value', outputs: 'value' },
      { ...resolved },
      resolved.period - 1,
    );
    this.period = resolved.period;
  }

  /** Restores an indicator from {@link ALMA.toJSON}. */
  static fromJSON(state: IndicatorState): ALMA {
    const { period, offset, sigma } = state.params;
    return new ALMA({ period: Number(period), offset: Number(offset), sigma: Number(sigma) }).resume(state);
  }
}
