import { assertPeriod } from '../args.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Lag, Sma } from '../kernel-parts.js';
import type { ColumnOutput } from '../output.js';
import type { IndicatorState } from '../state.js';
import { sma } from './sma.js';

/** How far back {@link dpo} reaches for the price: ⌊n/2⌋ + 1 bars. */
function dpoShift(period: number): number {
  return Math.floor(period / 2) + 1;
}

class DpoKernel extends Kernel {
  private readonly past: Lag;
  private readonly average: Sma;

  constructor(period: number) {
    super(1);
    assertPeriod('period', period);
    this.past = new Lag(this, dpoShift(period));
    this.average = new Sma(this, period);
  }

  step(x: number): void {
    const old = this.past.next(x);
    const mean = this.average.next(x);
    if (!Number.isNaN(old) && !Number.isNaN(mean)) this.out[0] = old - mean;
  }
}

/**
 * Detrended price oscillator, causal form: the price `⌊n/2⌋ + 1` bars ago minus today's n-bar SMA,
 * `dpo[i] = x[i − s] − sma(x, n)[i]` (StockCharts, TradingView's centred DPO as of bar i). TTR's
 * `DPO` puts the same number at index `i − s` (it looks `s` bars ahead). First value at index
 * `max(n − 1, s)`. `options.out`: a column to write into and return instead of allocating one (see
 * {@link ColumnOutput}).
 */
export function dpo(values: ArrayLike<number>, period: number, options: ColumnOutput = {}): Float64Array {
  assertPeriod('period', period);
  // The kernel's `Sma` part is `sma` (the same operations), its lag a read of `values`: the same
  // bits without a kernel `step` per bar. `sma` checks the values and the caller's `out` (which
  // the subtraction below then overwrites in place: each slot reads only its own mean).
  const out = sma(values, period, { out: options?.out });
  const shift = dpoShift(period);
  const first = Math.max(shift, period - 1);
  out.fill(Number.NaN, 0, Math.min(first, out.length));
  for (let i = first; i < out.length; i++) out[i] = (values[i - shift] as number) - (out[i] as number);
  return out;
}

/** Streaming {@link dpo}: O(1) per update, same numbers as the batch function. */
export class DPO extends KernelIndicator<number, number> {
  readonly type = 'DPO';

  constructor(readonly period: number) {
    super(
      new DpoKernel(period),
      { inputs: 'value', outputs: 'value' },
      { period },
      Math.max(period - 1, dpoShift(period)),
    );
  }

  /** Restores an indicator from {@link DPO.toJSON}. */
  static fromJSON(state: IndicatorState): DPO {
    return new DPO(Number(state.params.period)).resume(state);
  }
}
