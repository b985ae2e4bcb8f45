import { assertPeriod } from '../args.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { CONVENTIONS, type Convention, conventionCode, TrueRangeAverage } from '../kernel-parts.js';
import { runOnBars } from '../series-kernel.js';
import type { IndicatorState } from '../state.js';

/** Options of {@link natr}. */
export interface NatrOptions {
  /** The ATR's first bar, as in `superTrend` (default `'talib'`). */
  convention?: Convention;
}

class NatrKernel extends Kernel {
  private readonly atr: TrueRangeAverage;

  constructor(period: number, convention: Convention) {
    super(1);
    assertPeriod('period', period);
    this.atr = new TrueRangeAverage(this, period, convention === 'tradingview');
  }

  step(high: number, low: number, close: number): void {
    const atr = this.atr.next(high, low, close);
    if (Number.isNaN(atr)) return;
    // A zero close gives 0, as TA-Lib, instead of ±Infinity.
    this.out[0] = close === 0 ? 0 : (atr / close) * 100;
  }
}

/**
 * Normalised ATR, TA-Lib's `NATR`: `100 · ATR / close`, the ATR in percent of the price (with
 * `atr`'s conventions). First value at index `n` (`'tradingview'`: `n − 1`).
 */
export function natr(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period = 14,
  options: NatrOptions = {},
): Float64Array {
  const convention = options?.convention ?? 'talib';
  conventionCode(convention);
  const kernel = new NatrKernel(period, convention);
  return runOnBars(kernel, { high, low, close }, ['high', 'low', 'close'])[0] as Float64Array;
}

/** Streaming {@link natr} over `{ high, low, close }`: O(1) per update. */
export class NATR extends KernelIndicator<{ high: number; low: number; close: number }, number> {
  readonly type = 'NATR';

  constructor(
    readonly period = 14,
    options: NatrOptions = {},
  ) {
    const convention = options?.convention ?? 'talib';
    super(
      new NatrKernel(period, convention),
      { inputs: ['high', 'low', 'close'], outputs: 'value' },
      { period, convention: conventionCode(convention) },
      TrueRangeAverage.firstIndex(period, convention),
    );
  }

  /** Restores an indicator from {@link NATR.toJSON}. */
  static fromJSON(state: IndicatorState): NATR {
    const convention = CONVENTIONS[Number(state.params.convention)] as Convention;
    return new NATR(Number(state.params.period), { convention }).resume(state);
  }
}
