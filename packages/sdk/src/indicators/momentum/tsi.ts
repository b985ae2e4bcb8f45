import { assertFiniteSeries, assertPeriod, nanArray } from '../args.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Ema, EmaRecursion } from '../kernel-parts.js';
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
 * True strength index (Blau): `100 · EMA_s(EMA_l(Δx)) / EMA_s(EMA_l(|Δx|))`, double-smoothed
 * momentum (long 25, short 13; every EMA SMA-seeded), with an EMA signal line (13); 0 when nothing
 * moved. TradingView's `ta.tsi` (a fraction there: ours is 100×) and trading-signals seed their EMAs
 * with the first value and converge. First TSI at index `long + short − 1`, signal `signal − 1`
 * later.
 */
export function tsi(values: ArrayLike<number>, options: TsiOptions = {}): TsiSeries {
  const o = resolve(options);
  assertFiniteSeries('values', values);
  // The kernel's arithmetic (five `Ema` parts) over the array: the same bits as the streaming class.
  const n = values.length;
  const line = nanArray(n);
  const signal = nanArray(n);
  const move1 = new EmaRecursion(o.long);
  const size1 = new EmaRecursion(o.long);
  const move2 = new EmaRecursion(o.short);
  const size2 = new EmaRecursion(o.short);
  const smooth = new EmaRecursion(o.signal);
  for (let i = 1; i < n; i++) {
    const change = (values[i] as number) - (values[i - 1] as number);
    const m1 = move1.next(change);
    const a1 = size1.next(Math.abs(change));
    if (Number.isNaN(m1)) continue;
    const m2 = move2.next(m1);
    const a2 = size2.next(a1);
    if (Number.isNaN(m2)) continue;
    const value = a2 === 0 ? 0 : 100 * (m2 / a2);
    line[i] = value;
    signal[i] = smooth.next(value);
  }
  return { tsi: line, signal };
}

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
