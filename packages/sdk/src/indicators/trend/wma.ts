import { assertFiniteSeries, assertPeriod, warmUpArray } from '../args.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import { RingBuffer } from '../ring-buffer.js';
import { assertStateType, decodeNumber, encodeNumber, type IndicatorState } from '../state.js';
import { checkFiniteInput, StreamingIndicator } from '../streaming.js';

/**
 * Linearly weighted moving average: weights 1..period, the newest value weighing most,
 * `wma[i] = Σ_{j=1..n} j · x[i−n+j] / (n(n+1)/2)`. First value at index `period − 1`.
 *
 * O(1) per value, as TA-Lib: a running weighted sum `W` and plain sum `S` of the window; when a
 * value enters, every weight drops by one (`W − S`, which also drops the leaving value's weight
 * of 1) and the new value enters with weight n. `options.out`: a column to write into and return
 * instead of allocating one (see {@link ColumnOutput}).
 */
export function wma(values: ArrayLike<number>, period: number, options: ColumnOutput = {}): Float64Array {
  assertPeriod('period', period);
  assertFiniteSeries('values', values);
  return weightedMeans(
    values,
    period,
    outputColumn(options?.out, 'out', values.length, period - 1, { values }),
  );
}

/**
 * {@link wma}'s arithmetic without the input check: for a stage that smooths values computed
 * inside an indicator (HMA's `2 · WMA(n/2) − WMA(n)`), which may overflow to ±Infinity or NaN for
 * finite inputs and then flow on as in the streaming class, not fail as bad input. Writes every
 * slot from `period − 1` on into `out` (NaN before it already), a column of `values`' length.
 */
export function weightedMeans(
  values: ArrayLike<number>,
  period: number,
  out: Float64Array = warmUpArray(values.length, period - 1),
): Float64Array {
  const n = values.length;
  const divisor = (period * (period + 1)) / 2;
  let weighted = 0;
  let sum = 0;
  const warmUp = Math.min(period, n);
  for (let i = 0; i < warmUp; i++) {
    const x = values[i] as number;
    weighted += x * (i + 1);
    sum += x;
  }
  if (n < period) return out;
  out[period - 1] = weighted / divisor;
  for (let i = period; i < n; i++) {
    const x = values[i] as number;
    weighted = weighted - sum + x * period;
    sum = sum + x - (values[i - period] as number);
    out[i] = weighted / divisor;
  }
  return out;
}

/** Streaming {@link wma}: O(1) per update, same numbers as the batch function. */
export class WMA extends StreamingIndicator<number, number> {
  readonly type = 'WMA';
  private readonly divisor: number;
  private window: RingBuffer;
  private weighted = 0;
  private sum = 0;
  private previousWeighted = 0;
  private previousSum = 0;

  constructor(readonly period: number) {
    super();
    assertPeriod('period', period);
    this.divisor = (period * (period + 1)) / 2;
    this.window = new RingBuffer(period);
  }

  get isStable(): boolean {
    return this.updates >= this.period;
  }

  get value(): number {
    return this.isStable ? this.weighted / this.divisor : Number.NaN;
  }

  protected checkInput(value: number): void {
    checkFiniteInput('value', value);
  }

  protected saveUndo(): void {
    this.previousWeighted = this.weighted;
    this.previousSum = this.sum;
  }

  protected undo(): void {
    this.weighted = this.previousWeighted;
    this.sum = this.previousSum;
    this.window.undoPush();
  }

  protected step(value: number): number {
    // Same operation order as the batch loop, so results are bit-identical.
    const evicted = this.window.push(value);
    if (this.updates <= this.period) {
      this.weighted += value * this.updates;
      this.sum += value;
    } else {
      this.weighted = this.weighted - this.sum + value * this.period;
      this.sum = this.sum + value - evicted;
    }
    return this.value;
  }

  toJSON(): IndicatorState {
    return {
      type: this.type,
      version: 1,
      params: { period: this.period },
      data: {
        updates: this.updates,
        weighted: encodeNumber(this.weighted),
        sum: encodeNumber(this.sum),
        previousWeighted: encodeNumber(this.previousWeighted),
        previousSum: encodeNumber(this.previousSum),
        window: this.window.toJSON(),
      },
    };
  }

  /** Restores an indicator from {@link WMA.toJSON}. */
  static fromJSON(state: IndicatorState): WMA {
    assertStateType(state, 'WMA');
    const indicator = new WMA(Number(state.params.period));
    const data = state.data;
    indicator.updates = Number(data.updates);
    indicator.weighted = decodeNumber(data.weighted);
    indicator.sum = decodeNumber(data.sum);
    indicator.previousWeighted = decodeNumber(data.previousWeighted);
    indicator.previousSum = decodeNumber(data.previousSum);
    indicator.window = RingBuffer.fromJSON(data.window as Record<string, unknown>);
    return indicator;
  }
}
