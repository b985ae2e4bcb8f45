import { InvalidArgumentError } from '../../data/errors.js';
import { assertFiniteSeries, assertPeriod, nanArray } from '../args.js';
import { assertStateType, decodeNumber, encodeNumber, type IndicatorState } from '../state.js';
import { checkFiniteInput, StreamingIndicator } from '../streaming.js';
import { emaAlpha } from './ema.js';

/** Periods of {@link macd}. */
export interface MacdOptions {
  /** Fast EMA period (default 12); must be below `slow`. */
  fast?: number;
  /** Slow EMA period (default 26). */
  slow?: number;
  /** Signal-line EMA period (default 9). */
  signal?: number;
}

/** Columns of {@link macd}, each of the input's length. */
export interface MacdSeries {
  /** Fast EMA − slow EMA; first value at index `slow − 1`. */
  macd: Float64Array;
  /** EMA of the MACD line; first value at index `slow + signal − 2`. */
  signal: Float64Array;
  /** MACD − signal; first value at index `slow + signal − 2`. */
  histogram: Float64Array;
}

/** One value of the streaming {@link MACD}. */
export interface MacdValue {
  /** Fast EMA − slow EMA (NaN before index `slow − 1`). */
  macd: number;
  /** EMA of the MACD line (NaN before index `slow + signal − 2`). */
  signal: number;
  /** MACD − signal. */
  histogram: number;
}

function resolvePeriods(options: MacdOptions): Required<MacdOptions> {
  const { fast = 12, slow = 26, signal = 9 } = options ?? {};
  assertPeriod('fast', fast);
  assertPeriod('slow', slow);
  assertPeriod('signal', signal);
  if (fast >= slow) throw new InvalidArgumentError('fast', `must be less than slow, got ${fast} ≥ ${slow}`);
  return { fast, slow, signal };
}

/**
 * Moving average convergence/divergence with TA-Lib's alignment: both EMAs are seeded with an SMA
 * *at the same bar*, index `slow − 1` — the slow EMA with the mean of `x[0..slow−1]`, the fast EMA
 * with the mean of the last `fast` values `x[slow−fast..slow−1]` — so the MACD line starts at
 * `slow − 1` (TA-Lib computes it there too but only outputs it from `slow + signal − 2`). The signal
 * line is an EMA of the MACD line seeded with the SMA of its first `signal` values, first value at
 * `slow + signal − 2`; histogram = MACD − signal.
 *
 * Note: the fast EMA here is not `ema(x, fast)` (which is seeded at `fast − 1`); the two converge.
 */
export function macd(values: ArrayLike<number>, options: MacdOptions = {}): MacdSeries {
  const { fast, slow, signal } = resolvePeriods(options);
  assertFiniteSeries('values', values);
  const n = values.length;
  const macdLine = nanArray(n);
  const signalLine = nanArray(n);
  const histogram = nanArray(n);
  if (n < slow) return { macd: macdLine, signal: signalLine, histogram };

  const fastAlpha = emaAlpha(fast);
  const slowAlpha = emaAlpha(slow);
  const signalAlpha = emaAlpha(signal);
  let slowSum = 0;
  let fastSum = 0;
  for (let i = 0; i < slow; i++) {
    const x = values[i] as number;
    slowSum += x;
    if (i >= slow - fast) fastSum += x;
  }
  let fastEma = fastSum / fast;
  let slowEma = slowSum / slow;
  const signalStart = slow + signal - 2;
  let signalSum = 0;
  let signalEma = Number.NaN;
  for (let i = slow - 1; i < n; i++) {
    if (i >= slow) {
      const x = values[i] as number;
      fastEma = (x - fastEma) * fastAlpha + fastEma;
      slowEma = (x - slowEma) * slowAlpha + slowEma;
    }
    const m = fastEma - slowEma;
    macdLine[i] = m;
    if (i < signalStart) {
      signalSum += m;
      continue;
    }
    if (i === signalStart) signalEma = (signalSum + m) / signal;
    else signalEma = (m - signalEma) * signalAlpha + signalEma;
    signalLine[i] = signalEma;
    histogram[i] = m - signalEma;
  }
  return { macd: macdLine, signal: signalLine, histogram };
}

/** Streaming {@link macd}: O(1) per update, same numbers as the batch function. */
export class MACD extends StreamingIndicator<number, MacdValue> {
  readonly type = 'MACD';
  readonly fast: number;
  readonly slow: number;
  readonly signal: number;
  private readonly fastAlpha: number;
  private readonly slowAlpha: number;
  private readonly signalAlpha: number;
  // Current state, then the copy `undo` restores.
  private state = {
    fastSum: 0,
    slowSum: 0,
    signalSum: 0,
    fastEma: Number.NaN,
    slowEma: Number.NaN,
    signalEma: Number.NaN,
    macd: Number.NaN,
  };
  private saved = { ...this.state };

  constructor(options: MacdOptions = {}) {
    super();
    const { fast, slow, signal } = resolvePeriods(options);
    this.fast = fast;
    this.slow = slow;
    this.signal = signal;
    this.fastAlpha = emaAlpha(fast);
    this.slowAlpha = emaAlpha(slow);
    this.signalAlpha = emaAlpha(signal);
  }

  /** True once the signal line (and so every output) is defined. */
  get isStable(): boolean {
    return this.updates >= this.slow + this.signal - 1;
  }

  get value(): MacdValue {
    const { macd, signalEma } = this.state;
    return { macd, signal: signalEma, histogram: macd - signalEma };
  }

  protected checkInput(value: number): void {
    checkFiniteInput('value', value);
  }

  protected saveUndo(): void {
    Object.assign(this.saved, this.state);
  }

  protected undo(): void {
    Object.assign(this.state, this.saved);
  }

  protected step(value: number): MacdValue {
    // Same operations, in the same order, as the batch loop: bit-identical results.
    const state = this.state;
    const i = this.updates - 1;
    const slowStart = this.slow - 1;
    if (i < this.slow) {
      state.slowSum += value;
      if (i >= this.slow - this.fast) state.fastSum += value;
      if (i < slowStart) return this.value;
      state.fastEma = state.fastSum / this.fast;
      state.slowEma = state.slowSum / this.slow;
    } else {
      state.fastEma = (value - state.fastEma) * this.fastAlpha + state.fastEma;
      state.slowEma = (value - state.slowEma) * this.slowAlpha + state.slowEma;
    }
    state.macd = state.fastEma - state.slowEma;
    const signalStart = this.slow + this.signal - 2;
    if (i < signalStart) state.signalSum += state.macd;
    else if (i === signalStart) state.signalEma = (state.signalSum + state.macd) / this.signal;
    else state.signalEma = (state.macd - state.signalEma) * this.signalAlpha + state.signalEma;
    return this.value;
  }

  toJSON(): IndicatorState {
    return {
      type: this.type,
      version: 1,
      params: { fast: this.fast, slow: this.slow, signal: this.signal },
      data: { updates: this.updates, state: encodeRecord(this.state), saved: encodeRecord(this.saved) },
    };
  }

  /** Restores an indicator from {@link MACD.toJSON}. */
  static fromJSON(state: IndicatorState): MACD {
    assertStateType(state, 'MACD');
    const { fast, slow, signal } = state.params;
    const indicator = new MACD({ fast: Number(fast), slow: Number(slow), signal: Number(signal) });
    indicator.updates = Number(state.data.updates);
    decodeRecordInto(indicator.state, state.data.state);
    decodeRecordInto(indicator.saved, state.data.saved);
    return indicator;
  }
}

function encodeRecord(record: Record<string, number>): Record<string, number | null | string> {
  const out: Record<string, number | null | string> = {};
  for (const [key, value] of Object.entries(record)) out[key] = encodeNumber(value);
  return out;
}

function decodeRecordInto(target: Record<string, number>, json: unknown): void {
  if (json == null || typeof json !== 'object') throw new InvalidArgumentError('state', 'missing MACD data');
  for (const key of Object.keys(target)) target[key] = decodeNumber((json as Record<string, unknown>)[key]);
}
