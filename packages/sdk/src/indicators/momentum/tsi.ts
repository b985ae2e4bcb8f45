import { assertFiniteSeries, assertPeriod, fusedSeriesLength } from '../args.js';
import { chunkEnd } from '../batch-chunks.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Ema } from '../kernel-parts.js';
import { type ColumnsOutput, outputColumns } from '../output.js';
import type { IndicatorState } from '../state.js';

/** Periods of {@link tsi}. */
export interface TsiOptions {
  /** First (long) EMA period (default 25). */
  long?: number;
  /** Second (short) EMA period (default 13). */
  short?: number;
  /** Signal-line EMA period (default 13). */
  signal?: number;
}

/** Columns of {@link tsi}. */
export interface TsiSeries {
  /** True strength index, in [−100, 100]. */
  tsi: Float64Array;
  /** EMA of the TSI. */
  signal: Float64Array;
}

/** One value of the streaming {@link TSI}. */
export interface TsiValue {
  tsi: number;
  signal: number;
}

function resolve(options: TsiOptions): Required<TsiOptions> {
  const { long = 25, short = 13, signal = 13 } = options ?? {};
  assertPeriod('long', long);
  assertPeriod('short', short);
  assertPeriod('signal', signal);
  return { long, short, signal };
}

class TsiKernel extends Kernel {
  private readonly move: [Ema, Ema];
  private readonly size: [Ema, Ema];
  private readonly smooth: Ema;
  private readonly s: Float64Array; // previous input

  constructor(o: Required<TsiOptions>) {
    super(2);
    this.move = [new Ema(this, o.long), new Ema(this, o.short)];
    this.size = [new Ema(this, o.long), new Ema(this, o.short)];
    this.smooth = new Ema(this, o.signal);
    this.s = new Slots(this, 1, Number.NaN).v;
  }

  step(x: number): void {
    const previous = this.s[0] as number;
    this.s[0] = x;
    if (Number.isNaN(previous)) return;
    const change = x - previous;
    const m1 = this.move[0].next(change);
    const a1 = this.size[0].next(Math.abs(change));
    if (Number.isNaN(m1)) return;
    const m2 = this.move[1].next(m1);
    const a2 = this.size[1].next(a1);
    if (Number.isNaN(m2)) return;
    // Nothing moved: 0, the neutral value.
    const line = a2 === 0 ? 0 : 100 * (m2 / a2);
    this.out[0] = line;
    this.out[1] = this.smooth.next(line);
  }
}

/**
 * TSI's five EMAs once all are seeded, on bars `from` to `to` (`from` ≥ 1); `state` is
 * [m1, a1, m2, a2, signal].
 */
function tsiSteady(
  values: ArrayLike<number>,
  line: Float64Array,
  signal: Float64Array,
  from: number,
  to: number,
  state: Float64Array,
  longAlpha: number,
  shortAlpha: number,
  signalAlpha: number,
): void {
  let m1 = state[0] as number;
  let a1 = state[1] as number;
  let m2 = state[2] as number;
  let a2 = state[3] as number;
  let g = state[4] as number;
  let previous = values[from - 1] as number;
  for (let i = from; i < to; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN or ±Infinity: the error names the index
    const change = x - previous;
    previous = x;
    const size = Math.abs(change);
    m1 = (change - m1) * longAlpha + m1;
    a1 = (size - a1) * longAlpha + a1;
    // A NaN EMA (only after an overflow) leaves the kernel's outputs as they were.
    if (Number.isNaN(m1)) {
      line[i] = line[i - 1] as number;
      signal[i] = signal[i - 1] as number;
      continue;
    }
    m2 = (m1 - m2) * shortAlpha + m2;
    a2 = (a1 - a2) * shortAlpha + a2;
    if (Number.isNaN(m2)) {
      line[i] = line[i - 1] as number;
      signal[i] = signal[i - 1] as number;
      continue;
    }
    const value = a2 === 0 ? 0 : 100 * (m2 / a2);
    line[i] = value;
    g = (value - g) * signalAlpha + g;
    signal[i] = g;
  }
  state[0] = m1;
  state[1] = a1;
  state[2] = m2;
  state[3] = a2;
  state[4] = g;
}

/**
 * True strength index (Blau): `100 · EMA_s(EMA_l(Δx)) / EMA_s(EMA_l(|Δx|))`, double-smoothed
 * momentum (long 25, short 13; every EMA SMA-seeded), with an EMA signal line (13); 0 when nothing
 * moved. TradingView's `ta.tsi` (a fraction there: ours is 100×) and trading-signals seed their EMAs
 * with the first value and converge. First TSI at index `long + short − 1`, signal `signal − 1`
 * later. `options.out`: either of the `tsi` and `signal` columns to write into and return instead of
 * allocating them (see {@link ColumnsOutput}).
 */
export function tsi(
  values: ArrayLike<number>,
  options: TsiOptions & ColumnsOutput<TsiSeries> = {},
): TsiSeries {
  const o = resolve(options);
  const n = fusedSeriesLength('values', values);
  // The kernel's arithmetic (five `Ema` parts) over the array, their steps unrolled on
  // locals (the speed: no object fields per bar), the finiteness check in the same pass: the same
  // bits as the streaming class. The seeds (the first long + short + signal − 1 bars) here, the
  // rest in tsiSteady, chunk by chunk (see batch-chunks.ts).
  const { tsi: line, signal } = outputColumns(
    options?.out,
    TSI_NAMES,
    n,
    { tsi: o.long + o.short - 1, signal: o.long + o.short + o.signal - 2 },
    { values },
  );
  const longAlpha = 2 / (o.long + 1);
  const shortAlpha = 2 / (o.short + 1);
  const signalAlpha = 2 / (o.signal + 1);
  const seeded = Math.min(n, o.long + o.short + o.signal - 1);
  let count1 = 0;
  let count2 = 0;
  let count3 = 0;
  let moveSum1 = 0;
  let sizeSum1 = 0;
  let moveSum2 = 0;
  let sizeSum2 = 0;
  let signalSum = 0;
  let m1 = Number.NaN;
  let a1 = Number.NaN;
  let m2 = Number.NaN;
  let a2 = Number.NaN;
  let g = Number.NaN;
  for (let i = 0; i < seeded; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN or ±Infinity: the error names the index
    if (i === 0) continue;
    const change = x - (values[i - 1] as number);
    const size = Math.abs(change);
    if (++count1 < o.long) {
      moveSum1 += change;
      sizeSum1 += size;
      continue;
    }
    if (count1 === o.long) {
      m1 = (moveSum1 + change) / o.long;
      a1 = (sizeSum1 + size) / o.long;
    } else {
      m1 = (change - m1) * longAlpha + m1;
      a1 = (size - a1) * longAlpha + a1;
    }
    if (Number.isNaN(m1)) {
      // A NaN EMA (only after an overflow) leaves the kernel's outputs as they were.
      line[i] = line[i - 1] as number;
      signal[i] = signal[i - 1] as number;
      continue;
    }
    if (++count2 < o.short) {
      moveSum2 += m1;
      sizeSum2 += a1;
      continue;
    }
    if (count2 === o.short) {
      m2 = (moveSum2 + m1) / o.short;
      a2 = (sizeSum2 + a1) / o.short;
    } else {
      m2 = (m1 - m2) * shortAlpha + m2;
      a2 = (a1 - a2) * shortAlpha + a2;
    }
    if (Number.isNaN(m2)) {
      // A NaN EMA (only after an overflow) leaves the kernel's outputs as they were.
      line[i] = line[i - 1] as number;
      signal[i] = signal[i - 1] as number;
      continue;
    }
    const value = a2 === 0 ? 0 : 100 * (m2 / a2);
    line[i] = value;
    if (++count3 < o.signal) {
      signalSum += value;
      continue;
    }
    g = (signalSum + value) / o.signal; // the last seeded bar: the signal's seed
    signal[i] = g;
  }
  const state = Float64Array.of(m1, a1, m2, a2, g);
  for (let from = seeded; from < n; ) {
    const to = chunkEnd(from, seeded, n);
    tsiSteady(values, line, signal, from, to, state, longAlpha, shortAlpha, signalAlpha);
    from = to;
  }
  return { tsi: line, signal };
}

const TSI_NAMES = ['tsi', 'signal'] as const;

/** Streaming {@link tsi}: O(1) per update. */
export class TSI extends KernelIndicator<number, TsiValue> {
  readonly type = 'TSI';

  constructor(options: TsiOptions = {}) {
    const o = resolve(options);
    super(
      new TsiKernel(o),
      { inputs: 'value', outputs: ['tsi', 'signal'] },
      { ...o },
      o.long + o.short - 1 + o.signal - 1,
    );
  }

  /** Restores an indicator from {@link TSI.toJSON}. */
  static fromJSON(state: IndicatorState): TSI {
    const { long, short, signal } = state.params;
    return new TSI({ long: Number(long), short: Number(short), signal: Number(signal) }).resume(state);
  }
}
