import { assertFiniteSeries, assertPeriod, fusedSeriesLength } from '../args.js';
import { assertVarianceMagnitudes, checkVarianceMagnitude, varianceLimit } from '../magnitude.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import { RingBuffer } from '../ring-buffer.js';
import { assertStateType, type IndicatorState } from '../state.js';
import { checkFiniteInput, StreamingIndicator } from '../streaming.js';
import { DIRECT_WINDOW_LIMIT, m2OfArray, m2OfRing } from './window-m2.js';
import { WindowVariance } from './window-variance.js';

/**
 * Rolling sample standard deviation (divisor `period − 1`, as R's `sd` and TTR's `runSD`) of the
 * last `period` values; `period` ≥ 2. First value at index `period − 1`.
 *
 * Numerically stable (see `WindowVariance`): deviations from an anchor, summed in double-double
 * precision, so prices near 1e6 with a spread of 1e-3 keep their digits and nothing drifts over
 * long series, unlike running sums of x and x² in plain doubles. Values beyond ±2^500 / period
 * throw `IndicatorOverflowError` (a `RangeError` naming the input): their squares would overflow.
 * `options.out`: a column to write into and return instead of allocating one (see
 * {@link ColumnOutput}).
 */
export function rollingStd(
  values: ArrayLike<number>,
  period: number,
  options: ColumnOutput = {},
): Float64Array {
  assertPeriod('period', period, 2);
  const n = fusedSeriesLength('values', values);
  const out = outputColumn(options?.out, 'out', n, period - 1, { values });
  const divisor = period - 1;
  if (period <= DIRECT_WINDOW_LIMIT) {
    // The finiteness and magnitude checks ride in the same pass (NaN fails both comparisons); the
    // assertions then throw the error that names the index. A window only reads checked values.
    const limit = varianceLimit(period);
    for (let i = 0; i < n; i++) {
      const x = values[i] as number;
      if (!(x <= limit && x >= -limit)) {
        assertFiniteSeries('values', values);
        assertVarianceMagnitudes('values', values, period);
      }
      if (i >= period - 1) out[i] = Math.sqrt(m2OfArray(values, i, period) / divisor);
    }
    return out;
  }
  assertFiniteSeries('values', values);
  assertVarianceMagnitudes('values', values, period);
  const moments = new WindowVariance(period);
  for (let i = 0; i < n; i++) {
    moments.push(values[i] as number, i >= period ? (values[i - period] as number) : Number.NaN);
    if (i >= period - 1) out[i] = Math.sqrt(moments.sumOfSquares(period) / divisor);
  }
  return out;
}

/** Streaming {@link rollingStd}: same numbers as the batch function; O(period) per update up to 64, O(1) beyond. */
export class RollingStd extends StreamingIndicator<number, number> {
  readonly type = 'RollingStd';
  private window: RingBuffer;
  private moments: WindowVariance;
  private saved: WindowVariance;
  private readonly direct: boolean;
  private m2 = Number.NaN; // of the current window, once full

  constructor(readonly period: number) {
    super();
    assertPeriod('period', period, 2);
    this.direct = period <= DIRECT_WINDOW_LIMIT;
    this.window = new RingBuffer(period);
    this.moments = new WindowVariance(period);
    this.saved = new WindowVariance(period);
  }

  get isStable(): boolean {
    return this.updates >= this.period;
  }

  get value(): number {
    return this.isStable ? Math.sqrt(this.m2 / (this.period - 1)) : Number.NaN;
  }

  protected checkInput(value: number): void {
    checkFiniteInput('value', value);
    checkVarianceMagnitude('value', value, this.period, this.updates);
  }

  protected saveUndo(): void {
    if (!this.direct) this.saved.copyFrom(this.moments);
  }

  protected undo(): void {
    if (!this.direct) this.moments.copyFrom(this.saved);
    this.window.undoPush();
    this.refresh();
  }

  protected step(value: number): number {
    const leaving = this.window.push(value);
    if (!this.direct) this.moments.push(value, leaving);
    this.refresh();
    return this.value;
  }

  /** Recomputes the window's M2 from the state (after a step, an undo or a restore). */
  private refresh(): void {
    if (!this.window.isFull) this.m2 = Number.NaN;
    else this.m2 = this.direct ? m2OfRing(this.window, this.period) : this.moments.sumOfSquares(this.period);
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
    indicator.refresh();
    return indicator;
  }
}
