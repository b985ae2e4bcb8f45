import { assertFiniteSeries, assertPeriod, fusedSeriesLength } from '../args.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Lag } from '../kernel-parts.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import type { IndicatorState } from '../state.js';

class MomKernel extends Kernel {
  private readonly past: Lag;

  constructor(period: number) {
    super(1);
    assertPeriod('period', period);
    this.past = new Lag(this, period);
  }

  step(x: number): void {
    const old = this.past.next(x);
    if (!Number.isNaN(old)) this.out[0] = x - old;
  }
}

/**
 * Momentum: `x[i] − x[i−n]` (TA-Lib's `MOM`, TTR's `momentum`). First value at index `n`.
 * `options.out`: a column to write into and return instead of allocating one (see
 * {@link ColumnOutput}).
 */
export function mom(values: ArrayLike<number>, period = 10, options: ColumnOutput = {}): Float64Array {
  assertPeriod('period', period);
  const n = fusedSeriesLength('values', values);
  const out = outputColumn(options?.out, 'out', n, period, { values });
  // The kernel's one subtraction, over the array directly, with the finiteness check.
  for (let i = 0; i < n; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN or ±Infinity: the error names the index
    if (i >= period) out[i] = x - (values[i - period] as number);
  }
  return out;
}

/** Streaming {@link mom}: O(1) per update. */
export class MOM extends KernelIndicator<number, number> {
  readonly type = 'MOM';

  constructor(readonly period = 10) {
    super(new MomKernel(period), { inputs: 'value', outputs: 'value' }, { period }, period);
  }

  /** Restores an indicator from {@link MOM.toJSON}. */
  static fromJSON(state: IndicatorState): MOM {
    return new MOM(Number(state.params.period)).resume(state);
  }
}
