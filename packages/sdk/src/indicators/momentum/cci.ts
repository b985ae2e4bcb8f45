import { assertPeriod } from '../args.js';
import { assertBarColumns, checkHighLowClose, typicalPrice } from '../bar-args.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import { RingBuffer } from '../ring-buffer.js';
import { assertStateType, decodeNumber, encodeNumber, type IndicatorState } from '../state.js';
import { type BarInput, StreamingIndicator } from '../streaming.js';

/** Lambert's constant: scales CCI so that about 70–80 % of values fall inside ±100. */
const LAMBERT_CONSTANT = 0.015;

/**
 * CCI of the newest typical price in a full window: `(tp − mean) / (0.015 · mean absolute
 * deviation)`. O(period): the mean absolute deviation around a moving mean has no running form.
 * A window whose typical prices are all equal gives 0 (TA-Lib does the same; dividing the rounding
 * residue of the mean by itself would give an arbitrary ±66.7 instead).
 */
function cciOfWindow(window: RingBuffer): number {
  const period = window.capacity;
  const latest = window.get(0);
  let sum = 0;
  for (let ago = period - 1; ago >= 0; ago--) sum += window.get(ago);
  const mean = sum / period;
  let deviation = 0;
  let flat = true;
  for (let ago = period - 1; ago >= 0; ago--) {
    const value = window.get(ago);
    deviation += Math.abs(value - mean);
    if (value !== latest) flat = false;
  }
  const meanDeviation = deviation / period;
  return flat || meanDeviation === 0 ? 0 : (latest - mean) / (LAMBERT_CONSTANT * meanDeviation);
}

/**
 * Commodity Channel Index (Lambert), as TA-Lib's CCI and TTR's CCI: typical price
 * `(high + low + close) / 3`, its `period`-bar SMA and mean absolute deviation from that SMA,
 * `CCI = (tp − SMA) / (0.015 · MAD)`. First value at index `period − 1` (default period 20), exact
 * from then on. O(period) per bar because of the deviation. A flat window gives 0. `options.out`: a
 * column to write into and return instead of allocating one (see {@link ColumnOutput}).
 */
export function cci(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period = 20,
  options: ColumnOutput = {},
): Float64Array {
  assertPeriod('period', period);
  const n = assertBarColumns({ high, low, close });
  const out = outputColumn(options?.out, 'out', n, period - 1, { high, low, close });
  const window = new RingBuffer(period);
  for (let i = 0; i < n; i++) {
    window.push(typicalPrice(high[i] as number, low[i] as number, close[i] as number));
    if (window.isFull) out[i] = cciOfWindow(window);
  }
  return out;
}

/**
 * Streaming {@link cci}. Each update costs O(period), not O(1): the mean absolute deviation must
 * revisit the window because the mean it is measured from moves. With the period fixed (20 by
 * default) that is constant per bar and memory is O(period).
 */
export class CCI extends StreamingIndicator<BarInput, number> {
  readonly type = 'CCI';
  private window: RingBuffer;
  private current = Number.NaN;
  private previous = Number.NaN;

  constructor(readonly period = 20) {
    super();
    assertPeriod('period', period);
    this.window = new RingBuffer(period);
  }

  get isStable(): boolean {
    return this.updates >= this.period;
  }

  get value(): number {
    return this.current;
  }

  protected checkInput(bar: BarInput): void {
    checkHighLowClose(bar);
  }

  protected saveUndo(): void {
    this.previous = this.current;
  }

  protected undo(): void {
    this.current = this.previous;
    this.window.undoPush();
  }

  protected step(bar: BarInput): number {
    this.window.push(typicalPrice(bar.high, bar.low, bar.close));
    if (this.window.isFull) this.current = cciOfWindow(this.window);
    return this.current;
  }

  toJSON(): IndicatorState {
    return {
      type: this.type,
      version: 1,
      params: { period: this.period },
      data: {
        updates: this.updates,
        window: this.window.toJSON(),
        current: encodeNumber(this.current),
        previous: encodeNumber(this.previous),
      },
    };
  }

  /** Restores an indicator from {@link CCI.toJSON}. */
  static fromJSON(state: IndicatorState): CCI {
    assertStateType(state, 'CCI');
    const indicator = new CCI(Number(state.params.period));
    const data = state.data;
    indicator.updates = Number(data.updates);
    indicator.window = RingBuffer.fromJSON(data.window as Record<string, unknown>);
    indicator.current = decodeNumber(data.current);
    indicator.previous = decodeNumber(data.previous);
    return indicator;
  }
}
