import { InvalidArgumentError } from '../../data/errors.js';
import {
  assertFiniteNumber,
  assertFiniteSeries,
  assertPeriod,
  fusedSeriesLength,
  warmUpArray,
} from '../args.js';
import { Kernel, Window } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
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
 */
export function alma(values: ArrayLike<number>, options: AlmaOptions = {}): Float64Array {
  const resolved = resolve(options);
  const length = fusedSeriesLength('values', values);
  // The kernel's weighted sum, reading the array instead of the window (the same bits), the
  // finiteness check in the same pass (a window reads only values already checked).
  const weights = almaWeights(resolved);
  const n = resolved.period;
  const out = warmUpArray(length, n - 1);
  for (let i = 0; i < length; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN or ±Infinity: the error names the index
    if (i < n - 1) continue;
    let sum = 0;
    const start = i - n + 1;
    for (let k = 0; k < n; k++) sum += (weights[k] as number) * (values[start + k] as number);
    out[i] = sum;
  }
  return out;
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
