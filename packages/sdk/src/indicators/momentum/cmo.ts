import { assertPeriod } from '../args.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { CONVENTIONS, type Convention, conventionCode, Wilder, WindowSum } from '../kernel-parts.js';
import { runOnSeries } from '../series-kernel.js';
import type { IndicatorState } from '../state.js';

/** Options of {@link cmo}. */
export interface CmoOptions {
  /**
   * `'ttr'` (default) or `'tradingview'`: Chande's plain sums of the last n gains and losses (TTR's
   * `CMO`, TradingView's `ta.cmo`, trading-signals); `'talib'`: Wilder-smoothed averages, as TA-Lib's
   * `CMO` (seeded like its RSI).
   */
  convention?: Convention;
}

/** One side of the oscillator: plain window sums, or Wilder averages. */
interface Side {
  next(x: number): number;
}

class CmoKernel extends Kernel {
  private readonly up: Side;
  private readonly down: Side;
  private readonly s: Float64Array; // previous input

  constructor(period: number, convention: Convention) {
    super(1);
    assertPeriod('period', period);
    const make = (): Side =>
      convention === 'talib' ? new Wilder(this, period) : new WindowSum(this, period);
    this.up = make();
    this.down = make();
    this.s = new Slots(this, 1, Number.NaN).v;
  }

  step(x: number): void {
    const previous = this.s[0] as number;
    this.s[0] = x;
    if (Number.isNaN(previous)) return;
    const change = x - previous;
    const up = this.up.next(Math.max(change, 0));
    const down = this.down.next(Math.max(-change, 0));
    if (Number.isNaN(up)) return;
    const total = up + down;
    // Nothing moved: 0, the neutral value (as TA-Lib).
    this.out[0] = total === 0 ? 0 : 100 * ((up - down) / total);
  }
}

function resolve(options: CmoOptions): Convention {
  const convention = options?.convention ?? 'ttr';
  conventionCode(convention);
  return convention;
}

/**
 * Chande momentum oscillator `100 · (up − down) / (up + down)` of the last `n` close-to-close
 * changes, in [−100, 100]; 0 when nothing moved. Sums by default (Chande, TTR, TradingView);
 * `convention: 'talib'` uses Wilder averages as TA-Lib. First value at index `n`.
 */
export function cmo(values: ArrayLike<number>, period = 14, options: CmoOptions = {}): Float64Array {
  return runOnSeries(new CmoKernel(period, resolve(options)), values)[0] as Float64Array;
}

/** Streaming {@link cmo}: amortised O(1) per update. */
export class CMO extends KernelIndicator<number, number> {
  readonly type = 'CMO';

  constructor(
    readonly period = 14,
    options: CmoOptions = {},
  ) {
    const convention = resolve(options);
    super(
      new CmoKernel(period, convention),
      { inputs: 'value', outputs: 'value' },
      { period, convention: conventionCode(convention) },
      period,
    );
  }

  /** Restores an indicator from {@link CMO.toJSON}. */
  static fromJSON(state: IndicatorState): CMO {
    const convention = CONVENTIONS[Number(state.params.convention)] as Convention;
    return new CMO(Number(state.params.period), { convention }).resume(state);
  }
}
