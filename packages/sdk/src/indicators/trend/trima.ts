import { assertFiniteSeries, assertPeriod, fusedSeriesLength, warmUpArray } from '../args.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Sma } from '../kernel-parts.js';
import { SUM_SCALE, SUM_UNSCALE } from '../magnitude.js';
import type { IndicatorState } from '../state.js';

// Module-local copies: under some loaders an imported binding read in a hot loop is a getter call.
const SCALE = SUM_SCALE;
const UNSCALE = SUM_UNSCALE;

class TrimaKernel extends Kernel {
  private readonly inner: Sma;
  private readonly outer: Sma;

  constructor(period: number) {
    super(1);
    assertPeriod('period', period);
    // Weights 1, 2, …, 2, 1 over `period` values: an SMA of an SMA whose lengths add up to period + 1.
    const innerPeriod = Math.floor(period / 2) + 1;
    this.inner = new Sma(this, innerPeriod);
    this.outer = new Sma(this, period + 1 - innerPeriod);
  }

  step(x: number): void {
    const first = this.inner.next(x);
    if (Number.isNaN(first)) return;
    this.out[0] = this.outer.next(first);
  }
}

/**
 * Triangular moving average (TA-Lib's `TRIMA`): weights rising linearly to the middle of the window
 * and falling again (1, 2, 3, 2, 1 for 5; 1, 2, 2, 1 for 4), computed as the SMA over
 * `period + 1 − ⌊period/2⌋ − 1` values of the SMA over `⌊period/2⌋ + 1` values. First value at
 * index `period − 1`.
 */
export function trima(values: ArrayLike<number>, period: number): Float64Array {
  assertPeriod('period', period);
  const n = fusedSeriesLength('values', values);
  // The kernel's two `Sma` parts over the array (running sums scaled by 2^-64, as `sma`), the
  // finiteness check in the same pass: the same bits as the streaming class. The inner averages
  // the outer sum drops again are kept in a ring of p2, not in a column of the input's length.
  const out = warmUpArray(n, period - 1);
  const p1 = Math.floor(period / 2) + 1;
  const p2 = period + 1 - p1;
  const inner = new Float64Array(p2);
  let slot = 0; // of the ring: the inner average of p2 inputs ago, overwritten by the newest
  let sum1 = 0;
  let sum2 = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN or ±Infinity: the error names the index
    sum1 += x * SCALE;
    if (i >= p1) sum1 -= (values[i - p1] as number) * SCALE;
    if (i < p1 - 1) continue;
    const first = (sum1 / p1) * UNSCALE;
    sum2 += first * SCALE;
    // The outer average's inputs start at index p1 − 1.
    if (i - p2 >= p1 - 1) sum2 -= (inner[slot] as number) * SCALE;
    inner[slot] = first;
    slot = slot + 1 === p2 ? 0 : slot + 1;
    if (i >= period - 1) out[i] = (sum2 / p2) * UNSCALE;
  }
  return out;
}

/** Streaming {@link trima}: O(1) per update, same numbers as the batch function. */
export class TRIMA extends KernelIndicator<number, number> {
  readonly type = 'TRIMA';

  constructor(readonly period: number) {
    super(new TrimaKernel(period), { inputs: 'value', outputs: 'value' }, { period }, period - 1);
  }

  /** Restores an indicator from {@link TRIMA.toJSON}. */
  static fromJSON(state: IndicatorState): TRIMA {
    return new TRIMA(Number(state.params.period)).resume(state);
  }
}
