import { InvalidArgumentError } from '../../data/errors.js';
import { assertFiniteSeries, assertPeriod, fusedSeriesLength } from '../args.js';
import { Kernel, Slots, Window } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Ema, Lag } from '../kernel-parts.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import { runOnSeries } from '../series-kernel.js';
import type { IndicatorState } from '../state.js';

/** Options of {@link zlema}. */
export interface ZlemaOptions {
  /**
   * `'ehlers'` (default): lag `⌊(n − 1)/2⌋`, as Ehlers & Way, trading-signals and Tulip;
   * `'ttr'`: R TTR's `ZLEMA`, lag `(n + 1)/2` (interpolated between two bars for even n).
   */
  convention?: 'ehlers' | 'ttr';
}

class EhlersZlemaKernel extends Kernel {
  private readonly lagged: Lag;
  private readonly average: Ema;

  constructor(period: number) {
    super(1);
    this.lagged = new Lag(this, Math.floor((period - 1) / 2));
    this.average = new Ema(this, period);
  }

  step(x: number): void {
    const old = this.lagged.next(x);
    if (Number.isNaN(old)) return;
    // De-lagged input: today's value plus the change over the lag.
    this.out[0] = this.average.next(x + (x - old));
  }
}

/** TTR's recursion: SMA seed at n − 1, then `r · (2x − x_lag) + (1 − r) · prev` (TTR's order). */
class TtrZlemaKernel extends Kernel {
  private readonly window: Window;
  private readonly s: Float64Array; // sum of the seed values
  private readonly ratio: number;
  private readonly whole: number;
  private readonly fraction: number;

  constructor(private readonly period: number) {
    super(1);
    this.ratio = 2 / (period + 1);
    const lag = 1 / this.ratio;
    this.whole = Math.floor(lag);
    this.fraction = lag - this.whole;
    this.window = this.own(new Window(this.whole + 2));
    this.s = new Slots(this, 1).v;
  }

  step(x: number): void {
    const i = this.tick();
    this.window.push(x);
    const n = this.period;
    if (i < n - 1) {
      this.s[0] = (this.s[0] as number) + x;
      return;
    }
    if (i === n - 1) {
      this.out[0] = ((this.s[0] as number) + x) / n;
      return;
    }
    const w = this.fraction;
    const near = this.window.ago(this.whole);
    const lagged = w === 0 ? near : near * (1 - w) + this.window.ago(this.whole + 1) * w;
    this.out[0] = this.ratio * (2 * x - lagged) + (1 - this.ratio) * (this.out[0] as number);
  }
}

function createKernel(period: number, options: ZlemaOptions): Kernel {
  assertPeriod('period', period);
  const convention = options?.convention ?? 'ehlers';
  if (convention === 'ehlers') return new EhlersZlemaKernel(period);
  if (convention === 'ttr') return new TtrZlemaKernel(period);
  throw new InvalidArgumentError('convention', `must be 'ehlers' or 'ttr', got ${String(convention)}`);
}

function firstIndex(period: number, options: ZlemaOptions): number {
  return options?.convention === 'ttr' ? period - 1 : Math.floor((period - 1) / 2) + period - 1;
}

/**
 * Zero-lag EMA (Ehlers & Way): an EMA (α = 2/(n+1)) of the de-lagged input
 * `x[i] + (x[i] − x[i−lag])`.
 * - Default: `lag = ⌊(n − 1)/2⌋`, the EMA SMA-seeded; first value at index `lag + n − 1`.
 *   trading-signals seeds with a value instead; the two converge like an EMA.
 * - `convention: 'ttr'`: exactly R TTR's `ZLEMA` — lag `(n + 1)/2`, interpolated for even n; seeded
 *   with the mean of `x[0..n−1]`, first value at index `n − 1`.
 * `options.out`: a column to write into and return instead of allocating one (see
 * {@link ColumnOutput}).
 */
export function zlema(
  values: ArrayLike<number>,
  period: number,
  options: ZlemaOptions & ColumnOutput = {},
): Float64Array {
  const kernel = createKernel(period, options);
  if (options?.convention === 'ttr')
    return runOnSeries(kernel, values, 'values', [['out', options?.out]])[0] as Float64Array;
  const n = fusedSeriesLength('values', values);
  // The Ehlers kernel's arithmetic (a lag and an `Ema` part) unrolled, the finiteness check in the
  // same pass: the same bits, faster. The SMA seed is summed here (the EMA's first value, at index
  // `lag + period − 1`), the EMA runs in `ehlersLoop`.
  const lag = Math.floor((period - 1) / 2);
  const first = lag + period - 1;
  const out = outputColumn(options?.out, 'out', n, first, { values });
  let sum = 0;
  for (let i = 0; i <= first && i < n; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN or ±Infinity: the error names the index
    if (i >= lag) sum += x + (x - (values[i - lag] as number));
  }
  if (n <= first) return out;
  out[first] = sum / period;
  ehlersLoop(values, n, lag, 2 / (period + 1), first + 1, out);
  return out;
}

/**
 * The EMA of the de-lagged input from index `start` on, `out[start − 1]` its seed. A function
 * whose entry needs no type feedback, and every operation runs on every value: V8 records no
 * feedback for a first call's set-up or first few values, and the optimised code deopts on such
 * an operation in the second call; later calls then run the on-stack-replaced loop, which keeps
 * the average in a boxed number (a loop variable that starts from a parameter has no number type
 * either, hence the seed read from `out`).
 */
function ehlersLoop(
  values: ArrayLike<number>,
  n: number,
  lag: number,
  alpha: number,
  start: number,
  out: Float64Array,
): void {
  let average = 0;
  for (let i = start; i < n; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN or ±Infinity: the error names the index
    const delagged = x + (x - (values[i - lag] as number));
    const seed = out[i - 1] as number;
    const prior = i === start ? seed : average;
    average = (delagged - prior) * alpha + prior;
    out[i] = average;
  }
}

/** Streaming {@link zlema}: O(1) per update, same numbers as the batch function. */
export class ZLEMA extends KernelIndicator<number, number> {
  readonly type = 'ZLEMA';

  constructor(
    readonly period: number,
    readonly options: ZlemaOptions = {},
  ) {
    super(
      createKernel(period, options),
      { inputs: 'value', outputs: 'value' },
      { period, ttr: options?.convention === 'ttr' ? 1 : 0 },
      firstIndex(period, options),
    );
  }

  /** Restores an indicator from {@link ZLEMA.toJSON}. */
  static fromJSON(state: IndicatorState): ZLEMA {
    const convention = state.params.ttr === 1 ? 'ttr' : 'ehlers';
    return new ZLEMA(Number(state.params.period), { convention }).resume(state);
  }
}
