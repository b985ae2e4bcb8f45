import { assertFiniteSeries, assertPeriod } from '../args.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import { RingBuffer } from '../ring-buffer.js';
import { assertStateType, decodeNumber, encodeNumber, type IndicatorState } from '../state.js';
import { checkFiniteInput, StreamingIndicator } from '../streaming.js';

/** (x − base) / base, and 0 when the base is 0 (TA-Lib's ROCP does the same) instead of ±Infinity. */
function fractionalChange(x: number, base: number): number {
  return base === 0 ? 0 : (x - base) / base;
}

/**
 * Rate of change as a fraction: `roc[i] = (x[i] − x[i−period]) / x[i−period]` (0.05 = +5 %), TA-Lib's
 * ROCP and TTR's `ROC(type = "discrete")`. First value at index `period`. A zero base gives 0, as
 * TA-Lib, so the output is always finite. `options.out`: a column to write into and return instead
 * of allocating one (see {@link ColumnOutput}).
 */
export function roc(values: ArrayLike<number>, period: number, options: ColumnOutput = {}): Float64Array {
  assertPeriod('period', period);
  assertFiniteSeries('values', values);
  const n = values.length;
  const out = outputColumn(options?.out, 'out', n, period, { values });
  for (let i = period; i < n; i++) {
    out[i] = fractionalChange(values[i] as number, values[i - period] as number);
  }
  return out;
}

/** Streaming {@link roc}: O(1) per update, same numbers as the batch function. */
export class ROC extends StreamingIndicator<number, number> {
  readonly type = 'ROC';
  private window: RingBuffer; // the last `period` values; a push evicts x[i − period]
  private current = Number.NaN;
  private previousCurrent = Number.NaN;

  constructor(readonly period: number) {
    super();
    assertPeriod('period', period);
    this.window = new RingBuffer(period);
  }

  get isStable(): boolean {
    return this.updates > this.period;
  }

  get value(): number {
    return this.current;
  }

  protected checkInput(value: number): void {
    checkFiniteInput('value', value);
  }

  protected saveUndo(): void {
    this.previousCurrent = this.current;
  }

  protected undo(): void {
    this.current = this.previousCurrent;
    this.window.undoPush();
  }

  protected step(value: number): number {
    const base = this.window.push(value);
    if (!Number.isNaN(base)) this.current = fractionalChange(value, base);
    return this.current;
  }

  toJSON(): IndicatorState {
    return {
      type: this.type,
      version: 1,
      params: { period: this.period },
      data: {
        updates: this.updates,
        current: encodeNumber(this.current),
        previousCurrent: encodeNumber(this.previousCurrent),
        window: this.window.toJSON(),
      },
    };
  }

  /** Restores an indicator from {@link ROC.toJSON}. */
  static fromJSON(state: IndicatorState): ROC {
    assertStateType(state, 'ROC');
    const indicator = new ROC(Number(state.params.period));
    const data = state.data;
    indicator.updates = Number(data.updates);
    indicator.current = decodeNumber(data.current);
    indicator.previousCurrent = decodeNumber(data.previousCurrent);
    indicator.window = RingBuffer.fromJSON(data.window as Record<string, unknown>);
    return indicator;
  }
}
