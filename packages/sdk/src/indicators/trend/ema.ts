import { assertFiniteSeries, assertPeriod } from '../args.js';
import { CONVENTIONS, type Convention, conventionCode } from '../kernel-parts.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import { assertStateType, decodeNumber, encodeNumber, type IndicatorState } from '../state.js';
import { checkFiniteInput, StreamingIndicator } from '../streaming.js';

/** Options of {@link ema}. */
export interface EmaOptions {
  /**
   * The seed: `'talib'` (default) and `'ttr'` start from the mean of the first `period` values
   * (first value at `period − 1`); `'tradingview'` starts from the first value, as `ta.ema` and
   * trading-signals (defined from index 0).
   */
  convention?: Convention;
}

function seedsWithFirstValue(options: EmaOptions | undefined): boolean {
  const convention = options?.convention ?? 'talib';
  conventionCode(convention);
  return convention === 'tradingview';
}

/** `ema` seeded with the first value: `ema[0] = x[0]`, then the same recursion. */
function emaFromFirstValue(
  values: ArrayLike<number>,
  alpha: number,
  into: Float64Array | undefined,
): Float64Array {
  assertFiniteSeries('values', values);
  const n = values.length;
  const out = outputColumn(into, 'out', n, 0, { values });
  if (n === 0) return out;
  let current = values[0] as number;
  out[0] = current;
  for (let i = 1; i < n; i++) {
    current = ((values[i] as number) - current) * alpha + current;
    out[i] = current;
  }
  return out;
}

/** Smoothing factor of an EMA of `period`: 2 / (period + 1), as TA-Lib, TTR and TradingView. */
export function emaAlpha(period: number): number {
  return 2 / (period + 1);
}

/**
 * Exponential moving average, seeded with the SMA of the first `period` values (TA-Lib's default
 * and TTR's `EMA`): `ema[period−1] = mean(x[0..period−1])`, then
 * `ema[i] = (x[i] − ema[i−1]) · α + ema[i−1]` with α = 2 / (period + 1). First value at index
 * `period − 1`; `NaN` before. `convention: 'tradingview'` seeds with the first value instead
 * (`ta.ema`, trading-signals): defined from index 0, converging to the SMA-seeded EMA.
 * `options.out`: a column to write into and return instead of allocating one (see
 * {@link ColumnOutput}).
 */
export function ema(
  values: ArrayLike<number>,
  period: number,
  options: EmaOptions & ColumnOutput = {},
): Float64Array {
  assertPeriod('period', period);
  const into = options?.out;
  if (seedsWithFirstValue(options)) return emaFromFirstValue(values, emaAlpha(period), into);
  const n = values?.length;
  if (typeof n !== 'number' || n < period) {
    assertFiniteSeries('values', values);
    return outputColumn(into, 'out', n, n, { values });
  }
  const out = outputColumn(into, 'out', n, period - 1, { values });
  const alpha = emaAlpha(period);
  let sum = 0;
  for (let i = 0; i < period; i++) sum += values[i] as number;
  let current = sum / period;
  out[period - 1] = current;
  for (let i = period; i < n; i++) {
    // TA-Lib's operation order, kept identical in the streaming class for bit-equal results.
    current = ((values[i] as number) - current) * alpha + current;
    out[i] = current;
  }
  // A non-finite input makes every later value non-finite, so one check at the end finds it; only
  // then is the series scanned, to name the index (this keeps the hot loop free of checks).
  if (!Number.isFinite(current)) assertFiniteSeries('values', values);
  return out;
}

/** Streaming {@link ema}: O(1) per update, same numbers as the batch function. */
export class EMA extends StreamingIndicator<number, number> {
  readonly type = 'EMA';
  private readonly alpha: number;
  private sum = 0; // of the first `period` values (the SMA seed)
  private current = Number.NaN;
  private previousSum = 0;
  private previousCurrent = Number.NaN;

  /** Whether the EMA starts from the first value (`convention: 'tradingview'`). */
  private readonly fromFirst: boolean;

  constructor(
    readonly period: number,
    readonly options: EmaOptions = {},
  ) {
    super();
    assertPeriod('period', period);
    this.alpha = emaAlpha(period);
    this.fromFirst = seedsWithFirstValue(options);
  }

  get isStable(): boolean {
    return this.updates >= (this.fromFirst ? 1 : this.period);
  }

  get value(): number {
    return this.current;
  }

  protected checkInput(value: number): void {
    checkFiniteInput('value', value);
  }

  protected saveUndo(): void {
    this.previousSum = this.sum;
    this.previousCurrent = this.current;
  }

  protected undo(): void {
    this.sum = this.previousSum;
    this.current = this.previousCurrent;
  }

  protected step(value: number): number {
    if (this.fromFirst) {
      this.current = this.updates === 1 ? value : (value - this.current) * this.alpha + this.current;
      return this.current;
    }
    if (this.updates <= this.period) {
      this.sum += value;
      if (this.updates === this.period) this.current = this.sum / this.period;
    } else {
      this.current = (value - this.current) * this.alpha + this.current;
    }
    return this.current;
  }

  toJSON(): IndicatorState {
    return {
      type: this.type,
      version: 1,
      params: this.fromFirst
        ? { period: this.period, convention: conventionCode('tradingview') }
        : { period: this.period },
      data: {
        updates: this.updates,
        sum: encodeNumber(this.sum),
        current: encodeNumber(this.current),
        previousSum: encodeNumber(this.previousSum),
        previousCurrent: encodeNumber(this.previousCurrent),
      },
    };
  }

  /** Restores an indicator from {@link EMA.toJSON}. */
  static fromJSON(state: IndicatorState): EMA {
    assertStateType(state, 'EMA');
    const convention =
      state.params.convention === undefined ? 'talib' : CONVENTIONS[Number(state.params.convention)];
    const indicator = new EMA(Number(state.params.period), { convention: convention as Convention });
    const data = state.data;
    indicator.updates = Number(data.updates);
    indicator.sum = decodeNumber(data.sum);
    indicator.current = decodeNumber(data.current);
    indicator.previousSum = decodeNumber(data.previousSum);
    indicator.previousCurrent = decodeNumber(data.previousCurrent);
    return indicator;
  }
}
