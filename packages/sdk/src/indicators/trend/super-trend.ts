import { InvalidArgumentError } from '../../data/errors.js';
import { assertFiniteNumber, assertPeriod } from '../args.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { CONVENTIONS, type Convention, conventionCode, TrueRangeAverage } from '../kernel-parts.js';
import { runOnBars } from '../series-kernel.js';
import type { IndicatorState } from '../state.js';

/** Options of {@link superTrend}. */
export interface SuperTrendOptions {
  /** ATR period (default 10). */
  period?: number;
  /** Band width in ATRs (default 3; > 0). */
  multiplier?: number;
  /**
   * The ATR's first bar: `'talib'` (default, as `atr`: first band at index `period`) or
   * `'tradingview'` (`ta.atr`, high − low as the first true range: first band at `period − 1`).
   */
  convention?: Convention;
}

/** Columns of {@link superTrend}. */
export interface SuperTrendSeries {
  /** The trailing stop: the lower band in an up-trend, the upper band in a down-trend. */
  value: Float64Array;
  /** +1 in an up-trend, −1 in a down-trend. */
  direction: Float64Array;
}

/** One value of the streaming {@link SuperTrend}. */
export interface SuperTrendValue {
  value: number;
  direction: number;
}

function resolve(options: SuperTrendOptions): Required<SuperTrendOptions> {
  const { period = 10, multiplier = 3, convention = 'talib' } = options ?? {};
  assertPeriod('period', period);
  assertFiniteNumber('multiplier', multiplier);
  if (multiplier <= 0) throw new InvalidArgumentError('multiplier', `must be above 0, got ${multiplier}`);
  conventionCode(convention);
  return { period, multiplier, convention };
}

class SuperTrendKernel extends Kernel {
  private readonly atr: TrueRangeAverage;
  // Previous final upper band, lower band, close, and whether the last value was the upper band.
  private readonly s: Float64Array;

  constructor(private readonly o: Required<SuperTrendOptions>) {
    super(2);
    this.atr = new TrueRangeAverage(this, o.period, o.convention === 'tradingview');
    this.s = new Slots(this, 4, Number.NaN).v;
  }

  step(high: number, low: number, close: number): void {
    const s = this.s;
    const atr = this.atr.next(high, low, close);
    const previousClose = s[2] as number;
    s[2] = close;
    if (Number.isNaN(atr)) return;
    const middle = (high + low) / 2;
    let upper = middle + this.o.multiplier * atr;
    let lower = middle - this.o.multiplier * atr;
    const previousUpper = s[0] as number;
    const previousLower = s[1] as number;
    let onUpper: boolean;
    if (Number.isNaN(previousUpper)) {
      // TradingView starts in a down-trend (on the upper band).
      onUpper = true;
    } else {
      // A band only tightens, unless the previous close crossed it.
      if (!(lower > previousLower || previousClose < previousLower)) lower = previousLower;
      if (!(upper < previousUpper || previousClose > previousUpper)) upper = previousUpper;
      onUpper = s[3] === 1 ? !(close > upper) : close < lower;
    }
    s[0] = upper;
    s[1] = lower;
    s[3] = onUpper ? 1 : 0;
    this.out[0] = onUpper ? upper : lower;
    this.out[1] = onUpper ? -1 : 1;
  }
}

/**
 * SuperTrend (Seban), as TradingView's `ta.supertrend`: bands `(high + low)/2 ± multiplier · ATR`
 * that only tighten while the close stays inside them; the line follows the lower band in an
 * up-trend and flips to the upper band when a close falls below it (and back when a close rises
 * above the upper band). Starts in a down-trend. `direction` is +1 up / −1 down (TradingView's
 * sign is the opposite). First value where the ATR has one: index `period` (`'tradingview'`:
 * `period − 1`).
 */
export function superTrend(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  options: SuperTrendOptions = {},
): SuperTrendSeries {
  const kernel = new SuperTrendKernel(resolve(options));
  const [value, direction] = runOnBars(kernel, { high, low, close }, ['high', 'low', 'close']) as [
    Float64Array,
    Float64Array,
  ];
  return { value, direction };
}

/** Streaming {@link superTrend} over `{ high, low, close }`: O(1) per update. */
export class SuperTrend extends KernelIndicator<
  { high: number; low: number; close: number },
  SuperTrendValue
> {
  readonly type = 'SuperTrend';

  constructor(options: SuperTrendOptions = {}) {
    const o = resolve(options);
    super(
      new SuperTrendKernel(o),
      { inputs: ['high', 'low', 'close'], outputs: ['value', 'direction'] },
      { period: o.period, multiplier: o.multiplier, convention: conventionCode(o.convention) },
      TrueRangeAverage.firstIndex(o.period, o.convention),
    );
  }

  /** Restores an indicator from {@link SuperTrend.toJSON}. */
  static fromJSON(state: IndicatorState): SuperTrend {
    const { period, multiplier, convention } = state.params;
    return new SuperTrend({
      period: Number(period),
      multiplier: Number(multiplier),
      convention: CONVENTIONS[Number(convention)] as Convention,
    }).resume(state);
  }
}
