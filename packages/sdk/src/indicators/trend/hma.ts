import { assertFiniteSeries, assertPeriod } from '../args.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Wma } from '../kernel-parts.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import { giveBackScratch, takeScratch } from '../scratch-columns.js';
import type { IndicatorState } from '../state.js';
import { weightedMeans } from './wma.js';

class HmaKernel extends Kernel {
  private readonly half: Wma;
  private readonly full: Wma;
  private readonly smooth: Wma;

  constructor(period: number) {
    super(1);
    assertPeriod('period', period, 2);
    this.half = new Wma(this, Math.floor(period / 2));
    this.full = new Wma(this, period);
    this.smooth = new Wma(this, Math.floor(Math.sqrt(period)));
  }

  step(x: number): void {
    const half = this.half.next(x);
    const full = this.full.next(x);
    // Gated by the warm-up, not by NaN: a difference that overflowed flows on, as in the batch.
    if (!this.full.isFull) return;
    this.out[0] = this.smooth.next(2 * half - full);
  }
}

/** Index of the first {@link hma} value. */
function hmaFirstIndex(period: number): number {
  return period - 1 + Math.floor(Math.sqrt(period)) - 1;
}

/**
 * Hull moving average: `WMA(2 · WMA(x, ⌊n/2⌋) − WMA(x, n), ⌊√n⌋)` (TTR's `HMA`, TradingView's
 * `ta.hma`). `period` ≥ 2; first value at index `n − 1 + ⌊√n⌋ − 1`. Exact once its windows are full.
 * `options.out`: a column to write into and return instead of allocating one (see
 * {@link ColumnOutput}).
 */
export function hma(values: ArrayLike<number>, period: number, options: ColumnOutput = {}): Float64Array {
  assertPeriod('period', period, 2);
  // The kernel's three `Wma` parts are `wma`'s arithmetic: run its loop (`weightedMeans`) over whole
  // arrays instead of stepping the kernel (the same bits; the contract test holds the streaming
  // class to them).
  assertFiniteSeries('values', values);
  const n = values.length;
  const out = outputColumn(options?.out, 'out', n, hmaFirstIndex(period), { values });
  if (n < period) return out;
  // The two WMAs and their difference are scratch columns (see scratch-columns.ts); each is read
  // only where `weightedMeans` wrote it (from its period − 1 on).
  const half = weightedMeans(values, Math.floor(period / 2), takeScratch(Float64Array, n));
  const full = weightedMeans(values, period, takeScratch(Float64Array, n));
  const difference = takeScratch(Float64Array, n - period + 1);
  for (let j = 0; j < difference.length; j++)
    difference[j] = 2 * (half[j + period - 1] as number) - (full[j + period - 1] as number);
  // The differences may overflow for finite inputs: smoothed unchecked, as the kernel does, straight
  // into the output from index `period − 1` (its own warm-up there is already NaN).
  weightedMeans(difference, Math.floor(Math.sqrt(period)), out.subarray(period - 1));
  giveBackScratch(half, full, difference);
  return out;
}

/** Streaming {@link hma}: O(1) per update, same numbers as the batch function. */
export class HMA extends KernelIndicator<number, number> {
  readonly type = 'HMA';

  constructor(readonly period: number) {
    super(new HmaKernel(period), { inputs: 'value', outputs: 'value' }, { period }, hmaFirstIndex(period));
  }

  /** Restores an indicator from {@link HMA.toJSON}. */
  static fromJSON(state: IndicatorState): HMA {
    return new HMA(Number(state.params.period)).resume(state);
  }
}
