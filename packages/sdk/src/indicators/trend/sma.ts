import { assertFiniteSeries, assertPeriod, warmUpArray } from '../args.js';
import { SUM_SCALE, SUM_UNSCALE } from '../magnitude.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import { RingBuffer } from '../ring-buffer.js';
import { assertStateType, decodeNumber, encodeNumber, type IndicatorState } from '../state.js';
import { checkFiniteInput, StreamingIndicator } from '../streaming.js';

// Module-local copies: under some loaders an imported binding read in a hot loop is a getter call.
const SCALE = SUM_SCALE;
const UNSCALE = SUM_UNSCALE;

/**
 * Simple moving average: mean of the last `period` values. First value at index `period − 1`.
 * A running sum (add the new value, subtract the one leaving), as TA-Lib does, of the values times
 * 2^-64 (exact), so that values up to `Number.MAX_VALUE` average without overflow:
 * `sma([1.7e308, 1.7e308], 2)` is 1.7e308. `options.out`: a column to write into and return
 * instead of allocating one (see {@link ColumnOutput}).
 */
export function sma(values: ArrayLike<number>, period: number, options: ColumnOutput = {}): Float64Array {
  assertPeriod('period', period);
  assertFiniteSeries('values', values);
  return movingMean(values, period, outputColumn(options?.out, 'out', values.length, period - 1, { values }));
}

/**
 * `sma`'s arithmetic without its checks, for batch loops that run a kernel's `Sma` part over
 * values they computed themselves (the same bits; a non-finite value propagates as in the kernel
 * instead of throwing). Writes every slot from `period − 1` on into `out` (NaN before it already).
 * Internal: not exported from the package.
 */
export function movingMean(
  values: ArrayLike<number>,
  period: number,
  out: Float64Array = warmUpArray(values.length, period - 1),
): Float64Array {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += (values[i] as number) * SCALE;
    if (i >= period) sum -= (values[i - period] as number) * SCALE;
    if (i >= period - 1) out[i] = (sum / period) * UNSCALE;
  }
  return out;
}

/** Streaming {@link sma}: O(1) per update, same numbers as the batch function. */
export class SMA extends StreamingIndicator<number, number> {
  readonly type = 'SMA';
  private window: RingBuffer;
  private sum = 0;
  private previousSum = 0;

  constructor(readonly period: number) {
    super();
    assertPeriod('period', period);
    this.window = new RingBuffer(period);
  }

  get isStable(): boolean {
    return this.updates >= this.period;
  }

  get value(): number {
    return this.isStable ? (this.sum / this.period) * UNSCALE : Number.NaN;
  }

  protected checkInput(value: number): void {
    checkFiniteInput('value', value);
  }

  protected saveUndo(): void {
    this.previousSum = this.sum;
  }

  protected undo(): void {
    this.sum = this.previousSum;
    this.window.undoPush();
  }

  protected step(value: number): number {
    // Same operation order as the batch loop, so results are bit-identical.
    this.sum += value * SCALE;
    const evicted = this.window.push(value);
    if (this.window.isFull && !Number.isNaN(evicted)) this.sum -= evicted * SCALE;
    return this.value;
  }

  toJSON(): IndicatorState {
    return {
      type: this.type,
      version: 1,
      params: { period: this.period },
      data: {
        updates: this.updates,
        sum: encodeNumber(this.sum),
        previousSum: encodeNumber(this.previousSum),
        window: this.window.toJSON(),
      },
    };
  }

  /** Restores an indicator from {@link SMA.toJSON}. */
  static fromJSON(state: IndicatorState): SMA {
    assertStateType(state, 'SMA');
    const indicator = new SMA(Number(state.params.period));
    const data = state.data;
    indicator.updates = Number(data.updates);
    indicator.sum = decodeNumber(data.sum);
    indicator.previousSum = decodeNumber(data.previousSum);
    indicator.window = RingBuffer.fromJSON(data.window as Record<string, unknown>);
    return indicator;
  }
}
