import { assertFiniteSeries, assertPeriod } from '../args.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import { assertStateType, decodeNumber, encodeNumber, type IndicatorState } from '../state.js';
import { checkFiniteInput, StreamingIndicator } from '../streaming.js';

/**
 * RSI from Wilder's average gain and loss: `100 · (gain / (gain + loss))`, which equals
 * `100 − 100 / (1 + RS)` and stays inside [0, 100] under rounding (the quotient cannot exceed 1). All gains give exactly 100,
 * all losses exactly 0. When nothing moved at all (both averages 0) the result is 50, the neutral
 * value — a convention of DA-KI: TA-Lib returns 0 there, TradingView and trading-signals 100, TTR NaN.
 */
function rsiFromAverages(averageGain: number, averageLoss: number): number {
  const total = averageGain + averageLoss;
  return total === 0 ? 50 : 100 * (averageGain / total);
}

/**
 * Relative Strength Index with Wilder smoothing, as TA-Lib and TTR: the first average gain and
 * loss are the simple means of the first `period` close-to-close changes, then each average is
 * `(previous · (period − 1) + current) / period`. First value at index `period` (it needs
 * `period` changes, so `period + 1` closes); NaN before. `100 · gain / (gain + loss)` keeps it
 * inside [0, 100]: all gains give exactly 100, all losses exactly 0, and a series that has not moved
 * at all gives 50 (TA-Lib: 0, TradingView and trading-signals: 100, TTR: NaN).
 * The seed fades as `50 · (1 − 1/period)^k`: within 1e-6 of a longer history after
 * `ln(2·10⁻⁸) / ln(1 − 1/period)` bars past the first value (240 for 14); see
 * docs/indicators-momentum-volume.md. `options.out`: a column to write into and return instead of
 * allocating one (see {@link ColumnOutput}).
 */
export function rsi(values: ArrayLike<number>, period = 14, options: ColumnOutput = {}): Float64Array {
  assertPeriod('period', period);
  assertFiniteSeries('values', values);
  const out = outputColumn(options?.out, 'out', values.length, period, { values });
  walkRsi(values, period, out);
  return out;
}

/**
 * The {@link rsi} at the last value, without the series (NaN while it has fewer than
 * `period + 1` values): the same loop, so the same bits. For callers that need one number per
 * symbol over thousands of symbols (the scoring engine), where the output arrays were most of
 * the cost. Internal to the SDK.
 */
export function lastRsi(values: ArrayLike<number>, period = 14): number {
  assertPeriod('period', period);
  assertFiniteSeries('values', values);
  return walkRsi(values, period, null);
}

/**
 * Wilder's RSI over checked `values`, written to `out` when given (every slot from `period` on:
 * `NaN` before it already); returns the last value.
 */
function walkRsi(values: ArrayLike<number>, period: number, out: Float64Array | null): number {
  const n = values.length;
  if (n <= period) return Number.NaN;
  let averageGain = 0;
  let averageLoss = 0;
  for (let i = 1; i <= period; i++) {
    const change = (values[i] as number) - (values[i - 1] as number);
    if (change > 0) averageGain += change;
    else averageLoss -= change;
  }
  averageGain /= period;
  averageLoss /= period;
  let last = rsiFromAverages(averageGain, averageLoss);
  if (out) out[period] = last;
  const keep = period - 1;
  for (let i = period + 1; i < n; i++) {
    const change = (values[i] as number) - (values[i - 1] as number);
    // Same operation order as TA-Lib's TA_RSI and as RSI.step below (bit-identical results).
    averageGain = (averageGain * keep + Math.max(change, 0)) / period;
    averageLoss = (averageLoss * keep + Math.max(-change, 0)) / period;
    last = rsiFromAverages(averageGain, averageLoss);
    if (out) out[i] = last;
  }
  return last;
}

/**
 * Streaming {@link rsi}: O(1) time and memory per update, the same numbers as the batch
 * function; `replace` revises the live bar exactly.
 */
export class RSI extends StreamingIndicator<number, number> {
  readonly type = 'RSI';
  private previousClose = Number.NaN;
  // Sums of gains and losses during the seed, then Wilder averages.
  private averageGain = 0;
  private averageLoss = 0;
  // State before the latest update, for replace (plain fields: no allocation per update).
  private savedClose = Number.NaN;
  private savedGain = 0;
  private savedLoss = 0;

  constructor(readonly period = 14) {
    super();
    assertPeriod('period', period);
  }

  get isStable(): boolean {
    return this.updates > this.period;
  }

  get value(): number {
    return this.isStable ? rsiFromAverages(this.averageGain, this.averageLoss) : Number.NaN;
  }

  protected checkInput(value: number): void {
    checkFiniteInput('value', value);
  }

  protected saveUndo(): void {
    this.savedClose = this.previousClose;
    this.savedGain = this.averageGain;
    this.savedLoss = this.averageLoss;
  }

  protected undo(): void {
    this.previousClose = this.savedClose;
    this.averageGain = this.savedGain;
    this.averageLoss = this.savedLoss;
  }

  protected step(value: number): number {
    const index = this.updates - 1;
    const change = value - this.previousClose;
    this.previousClose = value;
    if (index === 0) return Number.NaN;
    if (index <= this.period) {
      if (change > 0) this.averageGain += change;
      else this.averageLoss -= change;
      if (index === this.period) {
        this.averageGain /= this.period;
        this.averageLoss /= this.period;
      }
    } else {
      const keep = this.period - 1;
      this.averageGain = (this.averageGain * keep + Math.max(change, 0)) / this.period;
      this.averageLoss = (this.averageLoss * keep + Math.max(-change, 0)) / this.period;
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
        previousClose: encodeNumber(this.previousClose),
        averageGain: encodeNumber(this.averageGain),
        averageLoss: encodeNumber(this.averageLoss),
        saved: [this.savedClose, this.savedGain, this.savedLoss].map(encodeNumber),
      },
    };
  }

  /** Restores an indicator from {@link RSI.toJSON}. */
  static fromJSON(state: IndicatorState): RSI {
    assertStateType(state, 'RSI');
    const indicator = new RSI(Number(state.params.period));
    const data = state.data;
    indicator.updates = Number(data.updates);
    indicator.previousClose = decodeNumber(data.previousClose);
    indicator.averageGain = decodeNumber(data.averageGain);
    indicator.averageLoss = decodeNumber(data.averageLoss);
    const saved = (data.saved as unknown[]).map(decodeNumber);
    [indicator.savedClose, indicator.savedGain, indicator.savedLoss] = saved as [number, number, number];
    return indicator;
  }
}
