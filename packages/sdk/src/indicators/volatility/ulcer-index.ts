import { assertFiniteSeries, assertPeriod, warmUpArray } from '../args.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Extreme, Sma } from '../kernel-parts.js';
import { windowExtremes } from '../rolling-extreme.js';
import type { IndicatorState } from '../state.js';
import { movingMean } from '../trend/sma.js';

class UlcerKernel extends Kernel {
  private readonly highest: Extreme;
  private readonly squares: Sma;

  constructor(private readonly period: number) {
    super(1);
    assertPeriod('period', period);
    this.highest = new Extreme(this, period, 'max');
    this.squares = new Sma(this, period);
  }

  step(x: number): void {
    const i = this.tick();
    const high = this.highest.next(x);
    if (i < this.period - 1) return;
    // Drawdown in percent from the window's high; a zero high has no drawdown.
    const drawdown = high === 0 ? 0 : (100 * (x - high)) / high;
    const mean = this.squares.next(drawdown * drawdown);
    // The running sum can leave a rounding residue below 0 once only zero drawdowns remain.
    if (!Number.isNaN(mean)) this.out[0] = Math.sqrt(Math.max(mean, 0));
  }
}

/**
 * Ulcer index (Martin): the root mean square over `n` bars of the percentage drawdown from the
 * highest value of the last `n` bars, `sqrt(SMA((100 · (x − HH)/HH)², n))` (TradingView's and
 * StockCharts' definition). First value at index `2n − 2`.
 */
export function ulcerIndex(values: ArrayLike<number>, period = 14): Float64Array {
  assertPeriod('period', period);
  assertFiniteSeries('values', values);
  // The kernel's parts in batch form: the window high by `windowExtremes`, the mean of squared
  // drawdowns by `movingMean` (the `Sma` part's operations; its inputs start at index period − 1): the
  // same bits without a kernel `step` per bar.
  const n = values.length;
  const out = warmUpArray(n, 2 * period - 2);
  if (n < period) return out;
  const highest = windowExtremes(values, period, 'max');
  const squares = new Float64Array(n - period + 1);
  for (let i = period - 1; i < n; i++) {
    const high = highest[i] as number;
    // Drawdown in percent from the window's high; a zero high has no drawdown.
    const drawdown = high === 0 ? 0 : (100 * ((values[i] as number) - high)) / high;
    squares[i - period + 1] = drawdown * drawdown;
  }
  const means = movingMean(squares, period);
  // The running sum can leave a rounding residue below 0 once only zero drawdowns remain.
  for (let j = period - 1; j < means.length; j++)
    out[j + period - 1] = Math.sqrt(Math.max(means[j] as number, 0));
  return out;
}

/** Streaming {@link ulcerIndex}: amortised O(1) per update. */
export class UlcerIndex extends KernelIndicator<number, number> {
  readonly type = 'UlcerIndex';

  constructor(readonly period = 14) {
    super(new UlcerKernel(period), { inputs: 'value', outputs: 'value' }, { period }, 2 * period - 2);
  }

  /** Restores an indicator from {@link UlcerIndex.toJSON}. */
  static fromJSON(state: IndicatorState): UlcerIndex {
    return new UlcerIndex(Number(state.params.period)).resume(state);
  }
}
