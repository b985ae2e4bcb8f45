import { InvalidArgumentError } from '../../data/errors.js';
import { assertFiniteSeries, assertPeriod, fusedSeriesLength } from '../args.js';
import { chunkEnd } from '../batch-chunks.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Ema } from '../kernel-parts.js';
import { type ColumnOutput, type ColumnsOutput, outputColumn, outputColumns } from '../output.js';
import type { IndicatorState } from '../state.js';

/** Periods of {@link apo}. */
export interface ApoOptions {
  /** Fast EMA period (default 12), below `slow`. */
  fast?: number;
  /** Slow EMA period (default 26). */
  slow?: number;
}

/** Periods of {@link ppo}. */
export interface PpoOptions extends ApoOptions {
  /** Signal-line EMA period (default 9). */
  signal?: number;
}

/** Columns of {@link ppo}. */
export interface PpoSeries {
  /** `100 · (EMA(fast) − EMA(slow)) / EMA(slow)`; first at `slow − 1`. */
  ppo: Float64Array;
  /** EMA(signal) of the PPO line; first at `slow + signal − 2`. */
  signal: Float64Array;
  /** ppo − signal. */
  histogram: Float64Array;
}

/** One value of the streaming {@link PPO}. */
export interface PpoValue {
  ppo: number;
  signal: number;
  histogram: number;
}

function resolve(options: PpoOptions): Required<PpoOptions> {
  const { fast = 12, slow = 26, signal = 9 } = options ?? {};
  assertPeriod('fast', fast);
  assertPeriod('slow', slow);
  assertPeriod('signal', signal);
  if (fast >= slow) throw new InvalidArgumentError('fast', `must be less than slow, got ${fast} ≥ ${slow}`);
  return { fast, slow, signal };
}

/** Fast and slow EMAs, each SMA-seeded at its own index (TA-Lib's APO/PPO with EMAs, TTR). */
class OscillatorKernel extends Kernel {
  private readonly fast: Ema;
  private readonly slow: Ema;
  private readonly smooth: Ema;

  constructor(
    o: Required<PpoOptions>,
    private readonly percent: boolean,
  ) {
    super(percent ? 3 : 1);
    this.fast = new Ema(this, o.fast);
    this.slow = new Ema(this, o.slow);
    this.smooth = new Ema(this, o.signal);
  }

  step(x: number): void {
    const fast = this.fast.next(x);
    const slow = this.slow.next(x);
    if (Number.isNaN(slow)) return;
    const out = this.out;
    if (!this.percent) {
      out[0] = fast - slow;
      return;
    }
    // A zero slow average gives 0, as `roc` does, instead of ±Infinity.
    const line = slow === 0 ? 0 : ((fast - slow) / slow) * 100;
    out[0] = line;
    const signal = this.smooth.next(line);
    if (Number.isNaN(signal)) return;
    out[1] = signal;
    out[2] = line - signal;
  }
}

/** APO's two EMAs once both are seeded, on bars `from` to `to`; `state` is [fast, slow]. */
function apoSteady(
  values: ArrayLike<number>,
  out: Float64Array,
  from: number,
  to: number,
  state: Float64Array,
  fastAlpha: number,
  slowAlpha: number,
): void {
  let f = state[0] as number;
  let s = state[1] as number;
  for (let i = from; i < to; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN or ±Infinity: the error names the index
    f = (x - f) * fastAlpha + f;
    s = (x - s) * slowAlpha + s;
    // A NaN slow EMA (only after an overflow) leaves the kernel's output as it was.
    out[i] = Number.isNaN(s) ? (out[i - 1] as number) : f - s;
  }
  state[0] = f;
  state[1] = s;
}

/**
 * Absolute price oscillator `EMA(x, fast) − EMA(x, slow)`, each EMA SMA-seeded at its own index:
 * TA-Lib's `APO` with `MAType = EMA` (its default MA type is SMA), the MACD line of
 * `macd(x, { seed: 'ttr' })`. First value at index `slow − 1`. `options.out`: a column to write into
 * and return instead of allocating one (see {@link ColumnOutput}).
 */
export function apo(values: ArrayLike<number>, options: ApoOptions & ColumnOutput = {}): Float64Array {
  const o = resolve(options);
  const n = fusedSeriesLength('values', values);
  const out = outputColumn(options?.out, 'out', n, o.slow - 1, { values });
  // The `Ema` parts' arithmetic unrolled on locals (the speed: no object fields per bar), the
  // finiteness check in the same pass: the same bits as the streaming class. The seeds (the
  // first `slow` bars) here, the rest in apoSteady, chunk by chunk (see batch-chunks.ts).
  const fastAlpha = 2 / (o.fast + 1);
  const slowAlpha = 2 / (o.slow + 1);
  const seeded = Math.min(n, o.slow);
  let fastSum = 0;
  let slowSum = 0;
  let f = Number.NaN;
  let s = Number.NaN;
  for (let i = 0; i < seeded; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN or ±Infinity: the error names the index
    const count = i + 1;
    if (count < o.fast) fastSum += x;
    else f = count === o.fast ? (fastSum + x) / o.fast : (x - f) * fastAlpha + f;
    if (count < o.slow) {
      slowSum += x;
      continue;
    }
    s = (slowSum + x) / o.slow; // the last seeded bar: the slow EMA's seed
    out[i] = Number.isNaN(s) ? Number.NaN : f - s;
  }
  const state = Float64Array.of(f, s);
  for (let from = seeded; from < n; ) {
    const to = chunkEnd(from, seeded, n);
    apoSteady(values, out, from, to, state, fastAlpha, slowAlpha);
    from = to;
  }
  return out;
}

/** PPO's three EMAs once all are seeded, on bars `from` to `to`; `state` is [fast, slow, signal]. */
function ppoSteady(
  values: ArrayLike<number>,
  line: Float64Array,
  signal: Float64Array,
  histogram: Float64Array,
  from: number,
  to: number,
  state: Float64Array,
  fastAlpha: number,
  slowAlpha: number,
  signalAlpha: number,
): void {
  let f = state[0] as number;
  let s = state[1] as number;
  let g = state[2] as number;
  for (let i = from; i < to; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN or ±Infinity: the error names the index
    f = (x - f) * fastAlpha + f;
    s = (x - s) * slowAlpha + s;
    // A NaN EMA (only after an overflow) leaves the kernel's outputs as they were.
    if (Number.isNaN(s)) {
      line[i] = line[i - 1] as number;
      signal[i] = signal[i - 1] as number;
      histogram[i] = histogram[i - 1] as number;
      continue;
    }
    // A zero slow average gives 0, as `roc` does, instead of ±Infinity.
    const p = s === 0 ? 0 : ((f - s) / s) * 100;
    line[i] = p;
    g = (p - g) * signalAlpha + g;
    if (Number.isNaN(g)) {
      signal[i] = signal[i - 1] as number;
      histogram[i] = histogram[i - 1] as number;
      continue;
    }
    signal[i] = g;
    histogram[i] = p - g;
  }
  state[0] = f;
  state[1] = s;
  state[2] = g;
}

/**
 * Percentage price oscillator `100 · (EMA(fast) − EMA(slow)) / EMA(slow)` with a signal line (its
 * SMA-seeded EMA) and histogram, as TradingView's PPO and TA-Lib's `PPO` with `MAType = EMA`. First
 * values at `slow − 1` (ppo) and `slow + signal − 2` (signal, histogram). `options.out`: any of the
 * three columns to write into and return instead of allocating them (see {@link ColumnsOutput}).
 */
export function ppo(
  values: ArrayLike<number>,
  options: PpoOptions & ColumnsOutput<PpoSeries> = {},
): PpoSeries {
  const o = resolve(options);
  const n = fusedSeriesLength('values', values);
  const first = o.slow + o.signal - 2; // of signal and histogram
  const columns = outputColumns(
    options?.out,
    PPO_NAMES,
    n,
    { ppo: o.slow - 1, signal: first, histogram: first },
    { values },
  );
  const { ppo: line, signal, histogram } = columns;
  // The `Ema` parts' arithmetic unrolled on locals (the speed: no object fields per bar), the
  // finiteness check in the same pass: the same bits as the streaming class. The seeds (the
  // first slow + signal − 1 bars) here, the rest in ppoSteady, chunk by chunk (see batch-chunks.ts).
  const fastAlpha = 2 / (o.fast + 1);
  const slowAlpha = 2 / (o.slow + 1);
  const signalAlpha = 2 / (o.signal + 1);
  const seeded = Math.min(n, o.slow + o.signal - 1);
  let fastSum = 0;
  let slowSum = 0;
  let signalSum = 0;
  let signalCount = 0;
  let f = Number.NaN;
  let s = Number.NaN;
  let g = Number.NaN;
  for (let i = 0; i < seeded; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN or ±Infinity: the error names the index
    const count = i + 1;
    if (count < o.fast) fastSum += x;
    else f = count === o.fast ? (fastSum + x) / o.fast : (x - f) * fastAlpha + f;
    if (count < o.slow) {
      slowSum += x;
      continue;
    }
    s = count === o.slow ? (slowSum + x) / o.slow : (x - s) * slowAlpha + s;
    // A NaN EMA (only after an overflow) leaves the kernel's outputs as they were.
    if (Number.isNaN(s)) {
      line[i] = line[i - 1] as number;
      signal[i] = signal[i - 1] as number;
      histogram[i] = histogram[i - 1] as number;
      continue;
    }
    const p = s === 0 ? 0 : ((f - s) / s) * 100;
    line[i] = p;
    if (++signalCount < o.signal) {
      signalSum += p;
      continue;
    }
    g = (signalSum + p) / o.signal; // the last seeded bar: the signal's seed
    if (Number.isNaN(g)) {
      signal[i] = signal[i - 1] as number;
      histogram[i] = histogram[i - 1] as number;
      continue;
    }
    signal[i] = g;
    histogram[i] = p - g;
  }
  const state = Float64Array.of(f, s, g);
  for (let from = seeded; from < n; ) {
    const to = chunkEnd(from, seeded, n);
    ppoSteady(values, line, signal, histogram, from, to, state, fastAlpha, slowAlpha, signalAlpha);
    from = to;
  }
  return { ppo: line, signal, histogram };
}

const PPO_NAMES = ['ppo', 'signal', 'histogram'] as const;

/** Streaming {@link apo}: O(1) per update. */
export class APO extends KernelIndicator<number, number> {
  readonly type = 'APO';

  constructor(options: ApoOptions = {}) {
    const o = resolve(options);
    super(
      new OscillatorKernel(o, false),
      { inputs: 'value', outputs: 'value' },
      { fast: o.fast, slow: o.slow },
      o.slow - 1,
    );
  }

  /** Restores an indicator from {@link APO.toJSON}. */
  static fromJSON(state: IndicatorState): APO {
    return new APO({ fast: Number(state.params.fast), slow: Number(state.params.slow) }).resume(state);
  }
}

/** Streaming {@link ppo}: O(1) per update. */
export class PPO extends KernelIndicator<number, PpoValue> {
  readonly type = 'PPO';

  constructor(options: PpoOptions = {}) {
    const o = resolve(options);
    super(
      new OscillatorKernel(o, true),
      { inputs: 'value', outputs: ['ppo', 'signal', 'histogram'] },
      { ...o },
      o.slow + o.signal - 2,
    );
  }

  /** Restores an indicator from {@link PPO.toJSON}. */
  static fromJSON(state: IndicatorState): PPO {
    const { fast, slow, signal } = state.params;
    return new PPO({ fast: Number(fast), slow: Number(slow), signal: Number(signal) }).resume(state);
  }
}
