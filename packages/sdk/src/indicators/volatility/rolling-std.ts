import { assertFiniteSeries, assertPeriod, nanArray } from '../args.js';
import { assertVarianceMagnitudes, checkVarianceMagnitude } from '../magnitude.js';
import { RingBuffer } from '../ring-buffer.js';
import { assertStateType, type IndicatorState } from '../state.js';
import { checkFiniteInput, StreamingIndicator } from '../streaming.js';
import { WindowVariance } from './window-variance.js';

/**
 * Rolling sample standard deviation (divisor `period − 1`, as R's `sd` and TTR's `runSD`) of the
 * last `period` values; `period` ≥ 2. First value at index `period − 1`.
 *
 * Numerically stable (see `WindowVariance`): deviations from an anchor, summed in double-double
 * precision, so prices near 1e6 with a spread of 1e-3 keep their digits and nothing drifts over
 * long series, unlike running sums of x and x² in plain doubles. Values beyond ±2^500 / period
 * throw `IndicatorOverflowError` (a `RangeError` naming the input): their squares would overflow.
 */
export function rollingStd(values: ArrayLike<number>, period: number): Float64Array {
  assertPeriod('period', period, 2);
  assertFiniteSeries('values', values);
  assertVarianceMagnitudes('values', values, period);
  const n = values.length;
  const out = nanArray(n);
  const moments = new WindowVariance(period);
  const divisor = period - 1;
  for (let i = 0; i < n; i++) {
    moments.push(values[i] as number, i >= period ? (values[i - period] as number) : Number.NaN);
    if (i >= period - 1) out[i] = Math.sqrt(moments.sumOfSquares(period) / divisor);
  }
  return out;
}

/** Streaming {@link rollingStd}: O(1) per update, same numbers as the batch function. */
export class RollingStd extends StreamingIndicator<number, number> {
  readonly type = 'RollingStd';
  private window: RingBuffer;
  private moments: WindowVariance;
  private saved: WindowVariance;

  constructor(readonly period: number) {
    super();
    assertPeriod('period', period, 2);
    this.window = new RingBuffer(period);
    this.moments = new WindowVariance(period);
    this.saved = new WindowVariance(period);
  }

  get isStable(): boolean {
    return this.updates >= this.period;
  }

  get value(): number {
    return this.isStable ? Math.sqrt(this.moments.sumOfSquares(this.period) / (this.period - 1)) : Number.NaN;
  }

  protected checkInput(value: number): void {
    checkFiniteInput('value', value);
    checkVarianceMagnitude('value', value, this.period, this.updates);
  }

  protected saveUndo(): void {
    this.saved.copyFrom(this.moments);
  }

  protected undo(): void {
    this.moments.copyFrom(this.saved);
    this.window.undoPush();
  }

  protected step(value: number): number {
    this.moments.push(value, this.window.push(value));
    return this.value;
  }

  toJSON(): IndicatorState {
    return {
      type: this.type,
      version: 1,
      params: { period: this.period },
      data: {
        updates: this.updates,
        moments: this.moments.toJSON(),
        saved: this.saved.toJSON(),
        window: this.window.toJSON(),
      },
    };
  }

  /** Restores an indicator from {@link RollingStd.toJSON}. */
  static fromJSON(state: IndicatorState): RollingStd {
    assertStateType(state, 'RollingStd');
    const indicator = new RollingStd(Number(state.params.period));
    const data = state.data;
    indicator.updates = Number(data.updates);
    indicator.moments = WindowVariance.fromJSON(data.moments as Record<string, unknown>);
    indicator.saved = WindowVariance.fromJSON(data.saved as Record<string, unknown>);
    indicator.window = RingBuffer.fromJSON(data.window as Record<string, unknown>);
    return indicator;
  }
}
