import { InvalidArgumentError } from '../../data/errors.js';
import { assertFiniteNumber, assertPeriod } from '../args.js';
import { fusedCheckLength, isBadRange, isNotFinite, rejectBarColumns } from '../bar-args.js';
import { chunkEnd } from '../batch-chunks.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { CONVENTIONS, type Convention, conventionCode, TrueRangeAverage } from '../kernel-parts.js';
import { type ColumnsOutput, outputColumns } from '../output.js';
import type { IndicatorState } from '../state.js';
import { trueRange } from '../volatility/true-range.js';

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
 * `period − 1`). `options.out`: either column to write into and return instead of allocating it
 * (see {@link ColumnsOutput}).
 */
export function superTrend(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  options: SuperTrendOptions & ColumnsOutput<SuperTrendSeries> = {},
): SuperTrendSeries {
  const o = resolve(options);
  const columns = { high, low, close };
  const n = fusedCheckLength(columns);
  // The kernel's step on locals (its `TrueRangeAverage`'s Wilder average included: the same
  // operations, so the same bits), the bar check in the same pass, chunk by chunk (see
  // batch-chunks.ts). As `runKernel`, every bar writes the kernel's outputs (no warm-up to fill):
  // NaN until the first ATR, then held where the ATR is NaN (bars whose range overflows).
  const { value, direction } = outputColumns(options?.out, SUPER_TREND_NAMES, n, 0, columns);
  const series = { value, direction };
  const state = new Float64Array(STATE_SIZE).fill(Number.NaN);
  state[0] = 0; // Wilder: inputs so far
  state[1] = 0; // Wilder: sum of the first inputs
  const tradingView = o.convention === 'tradingview' ? 1 : 0;
  for (let from = 0; from < n; ) {
    const to = chunkEnd(from, 0, n);
    superTrendChunk(
      high,
      low,
      close,
      columns,
      value,
      direction,
      from,
      to,
      o.period,
      o.multiplier,
      tradingView,
      state,
    );
    from = to;
  }
  return series;
}

const SUPER_TREND_NAMES = ['value', 'direction'] as const;

/**
 * Length of {@link superTrendChunk}'s state: Wilder's count, sum and average, the previous close,
 * final upper and lower band, 1 while on the upper band, and the outputs held.
 */
const STATE_SIZE = 9;

/** Bars `from` to `to` of {@link superTrend}: {@link SuperTrendKernel}'s step on locals. */
function superTrendChunk(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  columns: { high: ArrayLike<number>; low: ArrayLike<number>; close: ArrayLike<number> },
  value: Float64Array,
  direction: Float64Array,
  from: number,
  to: number,
  period: number,
  multiplier: number,
  tradingView: number,
  state: Float64Array,
): void {
  let count = state[0] as number;
  let sum = state[1] as number;
  let average = state[2] as number;
  let previousClose = state[3] as number;
  let previousUpper = state[4] as number;
  let previousLower = state[5] as number;
  let wasUpper = state[6] as number;
  let heldValue = state[7] as number;
  let heldDirection = state[8] as number;
  for (let i = from; i < to; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    const c = close[i] as number;
    if (isBadRange(h, l) || isNotFinite(c)) rejectBarColumns(columns);
    // TrueRangeAverage.next: no true range on the first bar (TradingView's convention: high − low).
    let atr = Number.NaN;
    const first = Number.isNaN(previousClose);
    if (!first || tradingView === 1) {
      const range = first ? h - l : trueRange(h, l, previousClose);
      // Wilder.next
      count++;
      if (count < period) sum += range;
      else {
        average = count === period ? (sum + range) / period : (average * (period - 1) + range) / period;
        atr = average;
      }
    }
    const closeBefore = previousClose;
    previousClose = c;
    if (!Number.isNaN(atr)) {
      const middle = (h + l) / 2;
      let upper = middle + multiplier * atr;
      let lower = middle - multiplier * atr;
      let onUpper: boolean;
      if (Number.isNaN(previousUpper)) {
        // TradingView starts in a down-trend (on the upper band).
        onUpper = true;
      } else {
        // A band only tightens, unless the previous close crossed it.
        if (!(lower > previousLower || closeBefore < previousLower)) lower = previousLower;
        if (!(upper < previousUpper || closeBefore > previousUpper)) upper = previousUpper;
        onUpper = wasUpper === 1 ? !(c > upper) : c < lower;
      }
      previousUpper = upper;
      previousLower = lower;
      wasUpper = onUpper ? 1 : 0;
      heldValue = onUpper ? upper : lower;
      heldDirection = onUpper ? -1 : 1;
    }
    value[i] = heldValue;
    direction[i] = heldDirection;
  }
  state[0] = count;
  state[1] = sum;
  state[2] = average;
  state[3] = previousClose;
  state[4] = previousUpper;
  state[5] = previousLower;
  state[6] = wasUpper;
  state[7] = heldValue;
  state[8] = heldDirection;
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
