import { assertPeriod } from '../args.js';
import { assertBarColumns, CLOSE_WITHIN_RANGE, checkHighLowClose } from '../bar-args.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import { RollingExtreme } from '../rolling-extreme.js';
import { assertStateType, decodeNumber, encodeNumber, type IndicatorState } from '../state.js';
import { type BarInput, StreamingIndicator } from '../streaming.js';

/**
 * Williams %R of one close in its range: `−100 · (highest − close) / (highest − lowest)`, written
 * as `100 · ((close − highest) / range)` so that it stays in [−100, 0] under rounding and never
 * gives −0. A flat range gives −50, matching the stochastic's 50 (%R = %K − 100); TA-Lib gives 0
 * there and trading-signals −100.
 */
function williamsRValue(close: number, highest: number, lowest: number): number {
  const range = highest - lowest;
  return range === 0 ? -50 : 100 * ((close - highest) / range);
}

/**
 * Williams %R over `period` bars (default 14), as TA-Lib's WILLR: in [−100, 0], −100 at the lowest
 * low, 0 at the highest high (it is the fast stochastic %K minus 100). First value at index
 * `period − 1`, exact from then on. A flat range gives −50. Highest/lowest use monotonic deques
 * (amortised O(1) per bar). Bars must satisfy `low ≤ close ≤ high`. `options.out`: a column to
 * write into and return instead of allocating one (see {@link ColumnOutput}).
 */
export function williamsR(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period = 14,
  options: ColumnOutput = {},
): Float64Array {
  assertPeriod('period', period);
  const n = assertBarColumns({ high, low, close }, CLOSE_WITHIN_RANGE);
  const out = outputColumn(options?.out, 'out', n, period - 1, { high, low, close });
  const highest = new RollingExtreme(period, 'max');
  const lowest = new RollingExtreme(period, 'min');
  for (let i = 0; i < n; i++) {
    const hh = highest.push(high[i] as number);
    const ll = lowest.push(low[i] as number);
    if (i >= period - 1) out[i] = williamsRValue(close[i] as number, hh, ll);
  }
  return out;
}

/** Streaming {@link williamsR}: amortised O(1) per update; `replace` is exact (O(period)). */
export class WilliamsR extends StreamingIndicator<BarInput, number> {
  readonly type = 'WilliamsR';
  private highest: RollingExtreme;
  private lowest: RollingExtreme;
  private current = Number.NaN;
  private previous = Number.NaN;

  constructor(readonly period = 14) {
    super();
    assertPeriod('period', period);
    this.highest = new RollingExtreme(period, 'max');
    this.lowest = new RollingExtreme(period, 'min');
  }

  get isStable(): boolean {
    return this.updates >= this.period;
  }

  get value(): number {
    return this.current;
  }

  protected checkInput(bar: BarInput): void {
    checkHighLowClose(bar, CLOSE_WITHIN_RANGE);
  }

  protected saveUndo(): void {
    this.previous = this.current;
  }

  protected undo(): void {
    this.current = this.previous;
    this.highest.undoPush();
    this.lowest.undoPush();
  }

  protected step(bar: BarInput): number {
    const hh = this.highest.push(bar.high);
    const ll = this.lowest.push(bar.low);
    if (this.isStable) this.current = williamsRValue(bar.close, hh, ll);
    return this.current;
  }

  toJSON(): IndicatorState {
    return {
      type: this.type,
      version: 1,
      params: { period: this.period },
      data: {
        updates: this.updates,
        highest: this.highest.toJSON(),
        lowest: this.lowest.toJSON(),
        current: encodeNumber(this.current),
        previous: encodeNumber(this.previous),
      },
    };
  }

  /** Restores an indicator from {@link WilliamsR.toJSON}. */
  static fromJSON(state: IndicatorState): WilliamsR {
    assertStateType(state, 'WilliamsR');
    const indicator = new WilliamsR(Number(state.params.period));
    const data = state.data;
    indicator.updates = Number(data.updates);
    indicator.highest = RollingExtreme.fromJSON(data.highest as Record<string, unknown>);
    indicator.lowest = RollingExtreme.fromJSON(data.lowest as Record<string, unknown>);
    indicator.current = decodeNumber(data.current);
    indicator.previous = decodeNumber(data.previous);
    return indicator;
  }
}
