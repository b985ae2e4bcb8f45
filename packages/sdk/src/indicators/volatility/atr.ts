import { assertPeriod } from '../args.js';
import { CONVENTIONS, type Convention, conventionCode } from '../kernel-parts.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import { assertStateType, decodeNumber, encodeNumber, type IndicatorState } from '../state.js';
import { type BarInput, checkBarInput, StreamingIndicator } from '../streaming.js';
import { assertHighLowClose, trueRange } from './true-range.js';

/** Options of {@link atr}. */
export interface AtrOptions {
  /**
   * The first bar: `'talib'` (default) and `'ttr'` give it no true range (first ATR at index
   * `period`, the mean of TR[1..period]); `'tradingview'` takes high − low as its true range, as
   * `ta.atr` and trading-signals (first ATR at `period − 1`, the mean of TR[0..period−1]).
   */
  convention?: Convention;
}

function firstBarRange(options: AtrOptions | undefined): boolean {
  const convention = options?.convention ?? 'talib';
  conventionCode(convention);
  return convention === 'tradingview';
}

/**
 * Average true range with TA-Lib's conventions: the first bar has no true range (no previous
 * close), so TR starts at bar 1; the first ATR, at index `period`, is the mean of TR[1..period];
 * then Wilder smoothing `atr[i] = (atr[i−1] · (period − 1) + TR[i]) / period`.
 *
 * (TTR's current source skips the first bar too.) TradingView's `ta.atr` and trading-signals take
 * high − low as the first bar's TR and so start one bar earlier (index `period − 1`) with a slightly
 * different seed; the two converge within 187 bars for period 14 (see docs/indicators.md).
 * `options.out`: a column to write into and return instead of allocating one (see
 * {@link ColumnOutput}).
 */
export function atr(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period = 14,
  options: AtrOptions & ColumnOutput = {},
): Float64Array {
  assertPeriod('period', period);
  const first = firstBarRange(options) ? 0 : 1;
  const n = assertHighLowClose(high, low, close);
  const seedEnd = first + period - 1; // index of the first ATR
  const out = outputColumn(options?.out, 'out', n, seedEnd, { high, low, close });
  if (n <= seedEnd) return out;
  let sum = 0;
  let current = Number.NaN;
  for (let i = first; i < n; i++) {
    const range =
      i === 0
        ? (high[0] as number) - (low[0] as number)
        : trueRange(high[i] as number, low[i] as number, close[i - 1] as number);
    if (i < seedEnd) sum += range;
    else if (i === seedEnd) current = (sum + range) / period;
    else current = (current * (period - 1) + range) / period;
    if (i >= seedEnd) out[i] = current;
  }
  return out;
}

/** Streaming {@link atr} over bars `{ high, low, close }`: O(1) per update, same numbers as the batch. */
export class ATR extends StreamingIndicator<BarInput, number> {
  readonly type = 'ATR';
  private previousClose = Number.NaN;
  private sum = 0;
  private current = Number.NaN;
  private saved = { previousClose: Number.NaN, sum: 0, current: Number.NaN };

  /** Whether the first bar's high − low counts as a true range (`convention: 'tradingview'`). */
  private readonly firstRange: boolean;

  constructor(
    readonly period = 14,
    readonly options: AtrOptions = {},
  ) {
    super();
    assertPeriod('period', period);
    this.firstRange = firstBarRange(options);
  }

  get isStable(): boolean {
    return this.updates > this.period - (this.firstRange ? 1 : 0);
  }

  get value(): number {
    return this.current;
  }

  protected checkInput(bar: BarInput): void {
    checkBarInput(bar, ['high', 'low', 'close']);
  }

  protected saveUndo(): void {
    this.saved.previousClose = this.previousClose;
    this.saved.sum = this.sum;
    this.saved.current = this.current;
  }

  protected undo(): void {
    this.previousClose = this.saved.previousClose;
    this.sum = this.saved.sum;
    this.current = this.saved.current;
  }

  protected step(bar: BarInput): number {
    const index = this.updates - 1;
    const seedEnd = this.period - (this.firstRange ? 1 : 0);
    if (index > 0 || this.firstRange) {
      const range = index === 0 ? bar.high - bar.low : trueRange(bar.high, bar.low, this.previousClose);
      if (index < seedEnd) this.sum += range;
      else if (index === seedEnd) this.current = (this.sum + range) / this.period;
      else this.current = (this.current * (this.period - 1) + range) / this.period;
    }
    this.previousClose = bar.close;
    return this.current;
  }

  toJSON(): IndicatorState {
    return {
      type: this.type,
      version: 1,
      params: this.firstRange
        ? { period: this.period, convention: conventionCode('tradingview') }
        : { period: this.period },
      data: {
        updates: this.updates,
        previousClose: encodeNumber(this.previousClose),
        sum: encodeNumber(this.sum),
        current: encodeNumber(this.current),
        saved: {
          previousClose: encodeNumber(this.saved.previousClose),
          sum: encodeNumber(this.saved.sum),
          current: encodeNumber(this.saved.current),
        },
      },
    };
  }

  /** Restores an indicator from {@link ATR.toJSON}. */
  static fromJSON(state: IndicatorState): ATR {
    assertStateType(state, 'ATR');
    const convention =
      state.params.convention === undefined ? 'talib' : CONVENTIONS[Number(state.params.convention)];
    const indicator = new ATR(Number(state.params.period), { convention: convention as Convention });
    const data = state.data;
    const saved = data.saved as Record<string, unknown>;
    indicator.updates = Number(data.updates);
    indicator.previousClose = decodeNumber(data.previousClose);
    indicator.sum = decodeNumber(data.sum);
    indicator.current = decodeNumber(data.current);
    indicator.saved = {
      previousClose: decodeNumber(saved.previousClose),
      sum: decodeNumber(saved.sum),
      current: decodeNumber(saved.current),
    };
    return indicator;
  }
}
