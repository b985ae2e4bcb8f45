import { assertPeriod } from '../args.js';
import { fusedCheckLength, isBadRange, isNotFinite, rejectBarColumns } from '../bar-args.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { CONVENTIONS, type Convention, conventionCode, TrueRangeAverage } from '../kernel-parts.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import type { IndicatorState } from '../state.js';
import { trueRange } from './true-range.js';

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
 * `atr`'s conventions). First value at index `n` (`'tradingview'`: `n − 1`). `options.out`: a
 * column to write into and return instead of allocating one (see {@link ColumnOutput}).
 */
export function natr(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period = 14,
  options: NatrOptions & ColumnOutput = {},
): Float64Array {
  assertPeriod('period', period);
  const convention = options?.convention ?? 'talib';
  conventionCode(convention);
  const firstRange = convention === 'tradingview';
  const columns = { high, low, close };
  const n = fusedCheckLength(columns);
  const out = outputColumn(options?.out, 'out', n, TrueRangeAverage.firstIndex(period, convention), columns);
  // The kernel's arithmetic (a `TrueRangeAverage`: Wilder's average of the true range) over the
  // columns, the bar checks in the same pass: the same bits as the streaming class.
  let count = 0;
  let sum = 0;
  let average = Number.NaN;
  for (let i = 0; i < n; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    const c = close[i] as number;
    if (isBadRange(h, l) || isNotFinite(c)) rejectBarColumns(columns);
    let range: number;
    if (i > 0) range = trueRange(h, l, close[i - 1] as number);
    else if (firstRange) range = h - l;
    else continue;
    if (++count < period) {
      sum += range;
      continue;
    }
    average = count === period ? (sum + range) / period : (average * (period - 1) + range) / period;
    out[i] = c === 0 ? 0 : (average / c) * 100;
  }
  return out;
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
