import { InvalidArgumentError } from '../../data/errors.js';
import { assertFiniteSeries, assertPeriod } from '../args.js';
import { chunkEnd } from '../batch-chunks.js';
import { type ColumnsOutput, outputColumns } from '../output.js';
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
  /**
   * Where the fast EMA is seeded (default `'talib'`):
   * - `'talib'`: at index `slow − 1`, with the mean of `x[slow−fast..slow−1]` — TA-Lib's `MACD`;
   * - `'ttr'`: at its own index `fast − 1`, with the mean of `x[0..fast−1]`, i.e. `ema(x, fast)` —
   *   R TTR's `MACD(percent = FALSE)` and technicalindicators' `MACD` (SMA-seeded EMAs).
   *
   * The slow EMA and the signal line are seeded alike in both, so the MACD line starts at `slow − 1`
   * either way; the two conventions converge (83 bars for fast = 12).
   */
  seed?: MacdSeed;
}

/** Where {@link macd} seeds its fast EMA: TA-Lib's shared bar, or TTR's own index. */
export type MacdSeed = 'talib' | 'ttr';

interface ResolvedMacdOptions {
  fast: number;
  slow: number;
  signal: number;
  seed: MacdSeed;
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

function resolveOptions(options: MacdOptions): ResolvedMacdOptions {
  const { fast = 12, slow = 26, signal = 9, seed = 'talib' } = options ?? {};
  assertPeriod('fast', fast);
  assertPeriod('slow', slow);
  assertPeriod('signal', signal);
  if (fast >= slow) throw new InvalidArgumentError('fast', `must be less than slow, got ${fast} ≥ ${slow}`);
  if (seed !== 'talib' && seed !== 'ttr')
    throw new InvalidArgumentError('seed', `must be 'talib' or 'ttr', got ${String(seed)}`);
  return { fast, slow, signal, seed };
}

/** Index of the first value summed into the fast EMA's SMA seed. */
function fastSeedStart({ fast, slow, seed }: ResolvedMacdOptions): number {
  return seed === 'talib' ? slow - fast : 0;
}

/** State of the two EMAs and the signal line, shared by the batch loop and the streaming class. */
interface MacdState {
  fastSum: number;
  slowSum: number;
  signalSum: number;
  fastEma: number;
  slowEma: number;
  signalEma: number;
  macd: number;
}

/**
 * Copies every field of `from` into `to`, field by field: every update makes this undo copy, and
 * `Object.assign` made it cost about 64 of an update's 86 ns (22 ns with this copy).
 */
function copyState(to: MacdState, from: MacdState): void {
  to.fastSum = from.fastSum;
  to.slowSum = from.slowSum;
  to.signalSum = from.signalSum;
  to.fastEma = from.fastEma;
  to.slowEma = from.slowEma;
  to.signalEma = from.signalEma;
  to.macd = from.macd;
}

function initialState(): MacdState {
  return {
    fastSum: 0,
    slowSum: 0,
    signalSum: 0,
    fastEma: Number.NaN,
    slowEma: Number.NaN,
    signalEma: Number.NaN,
    macd: Number.NaN,
  };
}

/** Smoothing factors and seed indices of one MACD configuration. */
interface MacdPlan {
  fast: number;
  slow: number;
  signal: number;
  fastStart: number;
  fastAlpha: number;
  slowAlpha: number;
  signalAlpha: number;
}

function planOf(options: ResolvedMacdOptions): MacdPlan {
  return {
    fast: options.fast,
    slow: options.slow,
    signal: options.signal,
    fastStart: fastSeedStart(options),
    fastAlpha: emaAlpha(options.fast),
    slowAlpha: emaAlpha(options.slow),
    signalAlpha: emaAlpha(options.signal),
  };
}

/**
 * Consumes input `i` (0-based): one step of both EMAs and the signal line. The batch function and
 * the streaming class both call this, so their numbers are bit-identical.
 */
function stepMacd(state: MacdState, plan: MacdPlan, i: number, x: number): void {
  const { fast, slow, signal, fastStart } = plan;
  const fastSeedIndex = fastStart + fast - 1;
  if (i < fastStart) {
    // TA-Lib's fast EMA ignores the bars before its seed window.
  } else if (i < fastSeedIndex) state.fastSum += x;
  else if (i === fastSeedIndex) state.fastEma = (state.fastSum + x) / fast;
  else state.fastEma = (x - state.fastEma) * plan.fastAlpha + state.fastEma;
  if (i < slow - 1) {
    state.slowSum += x;
    return;
  }
  if (i === slow - 1) state.slowEma = (state.slowSum + x) / slow;
  else state.slowEma = (x - state.slowEma) * plan.slowAlpha + state.slowEma;
  const m = state.fastEma - state.slowEma;
  state.macd = m;
  const signalStart = slow + signal - 2;
  if (i < signalStart) state.signalSum += m;
  else if (i === signalStart) state.signalEma = (state.signalSum + m) / signal;
  else state.signalEma = (m - state.signalEma) * plan.signalAlpha + state.signalEma;
}

/**
 * Moving average convergence/divergence with TA-Lib's alignment: both EMAs are seeded with an SMA
 * *at the same bar*, index `slow − 1` — the slow EMA with the mean of `x[0..slow−1]`, the fast EMA
 * with the mean of the last `fast` values `x[slow−fast..slow−1]` — so the MACD line starts at
 * `slow − 1` (TA-Lib computes it there too but only outputs it from `slow + signal − 2`). The signal
 * line is an EMA of the MACD line seeded with the SMA of its first `signal` values, first value at
 * `slow + signal − 2`; histogram = MACD − signal.
 *
 * Note: with the default `seed: 'talib'` the fast EMA here is not `ema(x, fast)` (which is seeded
 * at `fast − 1`); `seed: 'ttr'` makes it exactly that, as R's TTR. The two converge.
 *
 * `options.out`: any of the three columns to write into and return instead of allocating them
 * (see {@link ColumnsOutput}).
 */
export function macd(
  values: ArrayLike<number>,
  options: MacdOptions & ColumnsOutput<MacdSeries> = {},
): MacdSeries {
  const n = values.length;
  // Every value from the line's (signal's) first index on is written: NaN only before them.
  const { slow, signal } = resolveOptions(options);
  const signalStart = slow + signal - 2;
  const series = outputColumns(
    options?.out,
    MACD_NAMES,
    n,
    { macd: slow - 1, signal: signalStart, histogram: signalStart },
    { values },
  );
  walkMacd(values, options, series);
  return series;
}

const MACD_NAMES = ['macd', 'signal', 'histogram'] as const;

/**
 * The {@link macd} histogram (MACD − signal) at the last value, without the series (NaN until
 * the signal line starts): the same steps, so the same bits. For callers that need one number
 * per symbol over thousands of symbols (the scoring engine). Internal to the SDK.
 */
export function lastMacdHistogram(values: ArrayLike<number>, options: MacdOptions = {}): number {
  const state = walkMacd(values, options, null);
  return state === null ? Number.NaN : state.macd - state.signalEma;
}

/**
 * Runs MACD over `values`, writing the three lines to `out` when given. Returns the final state,
 * or null when the signal line never started.
 */
function walkMacd(values: ArrayLike<number>, options: MacdOptions, out: MacdSeries | null): MacdState | null {
  const plan = planOf(resolveOptions(options));
  assertFiniteSeries('values', values);
  const n = values.length;
  const state = initialState();
  const lineStart = plan.slow - 1;
  const signalStart = plan.slow + plan.signal - 2;
  // With columns to fill, the warm-up only (the bars up to the signal line's seed), then chunks.
  const warmUp = out === null ? n : Math.min(n, signalStart + 1);
  for (let i = 0; i < warmUp; i++) {
    stepMacd(state, plan, i, values[i] as number);
    if (out === null || i < lineStart) continue;
    out.macd[i] = state.macd;
    if (i < signalStart) continue;
    out.signal[i] = state.signalEma;
    out.histogram[i] = state.macd - state.signalEma;
  }
  if (out !== null && warmUp < n) {
    const chunkState = Float64Array.of(
      state.fastEma,
      state.slowEma,
      state.signalEma,
      plan.fastAlpha,
      plan.slowAlpha,
      plan.signalAlpha,
    );
    for (let from = warmUp; from < n; ) {
      const to = chunkEnd(from, warmUp, n);
      macdChunk(chunkState, values, out.macd, out.signal, out.histogram, from, to);
      from = to;
    }
    state.fastEma = chunkState[0] as number;
    state.slowEma = chunkState[1] as number;
    state.signalEma = chunkState[2] as number;
    state.macd = state.fastEma - state.slowEma;
  }
  return n > signalStart ? state : null;
}

/**
 * Values `from` to `to − 1` of {@link macd} past the signal line's seed: `stepMacd`'s steady state
 * (every EMA past its seed) on locals, in chunks (see batch-chunks.ts). `state` holds the fast, slow
 * and signal EMAs, then their three α. The columns come as arguments: read from the series object,
 * V8 dropped this function's compilation on a dependency change and left it in OSR code.
 */
function macdChunk(
  state: Float64Array,
  values: ArrayLike<number>,
  macd: Float64Array,
  signal: Float64Array,
  histogram: Float64Array,
  from: number,
  to: number,
): void {
  let fastEma = state[0] as number;
  let slowEma = state[1] as number;
  let signalEma = state[2] as number;
  const fastAlpha = state[3] as number;
  const slowAlpha = state[4] as number;
  const signalAlpha = state[5] as number;
  for (let i = from | 0; i < to; i++) {
    const x = values[i] as number;
    fastEma = (x - fastEma) * fastAlpha + fastEma;
    slowEma = (x - slowEma) * slowAlpha + slowEma;
    const m = fastEma - slowEma;
    signalEma = (m - signalEma) * signalAlpha + signalEma;
    macd[i] = m;
    signal[i] = signalEma;
    histogram[i] = m - signalEma;
  }
  state[0] = fastEma;
  state[1] = slowEma;
  state[2] = signalEma;
}

/** Streaming {@link macd}: O(1) per update, same numbers as the batch function. */
export class MACD extends StreamingIndicator<number, MacdValue> {
  readonly type = 'MACD';
  readonly fast: number;
  readonly slow: number;
  readonly signal: number;
  /** Where the fast EMA is seeded, see {@link MacdOptions.seed}. */
  readonly seed: MacdSeed;
  private readonly plan: MacdPlan;
  // Current state, then the copy `undo` restores.
  private state = initialState();
  private saved = initialState();

  constructor(options: MacdOptions = {}) {
    super();
    const resolved = resolveOptions(options);
    this.fast = resolved.fast;
    this.slow = resolved.slow;
    this.signal = resolved.signal;
    this.seed = resolved.seed;
    this.plan = planOf(resolved);
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
    copyState(this.saved, this.state);
  }

  protected undo(): void {
    copyState(this.state, this.saved);
  }

  protected step(value: number): MacdValue {
    stepMacd(this.state, this.plan, this.updates - 1, value);
    return this.value;
  }

  toJSON(): IndicatorState {
    return {
      type: this.type,
      version: 1,
      // The seed is stored as a number (state params are numeric): 0 = 'talib', 1 = 'ttr'.
      params: { fast: this.fast, slow: this.slow, signal: this.signal, seed: this.seed === 'ttr' ? 1 : 0 },
      data: {
        updates: this.updates,
        state: encodeRecord({ ...this.state }),
        saved: encodeRecord({ ...this.saved }),
      },
    };
  }

  /** Restores an indicator from {@link MACD.toJSON} (states without a seed are TA-Lib's). */
  static fromJSON(state: IndicatorState): MACD {
    assertStateType(state, 'MACD');
    const { fast, slow, signal, seed } = state.params;
    const indicator = new MACD({
      fast: Number(fast),
      slow: Number(slow),
      signal: Number(signal),
      seed: Number(seed ?? 0) === 1 ? 'ttr' : 'talib',
    });
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

function decodeRecordInto(target: MacdState, json: unknown): void {
  if (json == null || typeof json !== 'object') throw new InvalidArgumentError('state', 'missing MACD data');
  for (const key of Object.keys(target) as (keyof MacdState)[])
    target[key] = decodeNumber((json as Record<string, unknown>)[key]);
}
