import { assertFiniteSeries, assertPeriod, fusedSeriesLength } from '../args.js';
import { chunkEnd } from '../batch-chunks.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { CONVENTIONS, type Convention, conventionCode, Wilder, WindowSum } from '../kernel-parts.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import type { IndicatorState } from '../state.js';

/** Options of {@link cmo}. */
export interface CmoOptions {
  /**
   * `'ttr'` (default) or `'tradingview'`: Chande's plain sums of the last n gains and losses (TTR's
   * `CMO`, TradingView's `ta.cmo`, trading-signals); `'talib'`: Wilder-smoothed averages, as TA-Lib's
   * `CMO` (seeded like its RSI).
   */
  convention?: Convention;
}

/** One side of the oscillator: plain window sums, or Wilder averages. */
interface Side {
  next(x: number): number;
}

class CmoKernel extends Kernel {
  private readonly up: Side;
  private readonly down: Side;
  private readonly s: Float64Array; // previous input

  constructor(period: number, convention: Convention) {
    super(1);
    assertPeriod('period', period);
    const make = (): Side =>
      convention === 'talib' ? new Wilder(this, period) : new WindowSum(this, period);
    this.up = make();
    this.down = make();
    this.s = new Slots(this, 1, Number.NaN).v;
  }

  step(x: number): void {
    const previous = this.s[0] as number;
    this.s[0] = x;
    if (Number.isNaN(previous)) return;
    const change = x - previous;
    const up = this.up.next(Math.max(change, 0));
    const down = this.down.next(Math.max(-change, 0));
    if (Number.isNaN(up)) return;
    const total = up + down;
    // Nothing moved: 0, the neutral value (as TA-Lib).
    this.out[0] = total === 0 ? 0 : 100 * ((up - down) / total);
  }
}

function resolve(options: CmoOptions): Convention {
  const convention = options?.convention ?? 'ttr';
  conventionCode(convention);
  return convention;
}

/**
 * `Math.max(change, 0)` without a branch on the sign (a coin flip per bar on prices: the
 * mispredictions cost more than the rest of the loop): `(c + |c|) / 2` is exact for |c| ≤ MAX/2,
 * and the rare non-finite result (|c| beyond that, or an infinite change) takes `Math.max` itself.
 */
function gainOf(change: number): number {
  const gain = (change + Math.abs(change)) * 0.5;
  return gain - gain === 0 ? gain : Math.max(change, 0);
}

/** `Math.max(−change, 0)` without a branch on the sign, as {@link gainOf}. */
function lossOf(change: number): number {
  const loss = (Math.abs(change) - change) * 0.5;
  return loss - loss === 0 ? loss : Math.max(-change, 0);
}

/** The oscillator from the two sides; 0 when nothing moved (as TA-Lib). */
function oscillator(up: number, down: number): number {
  const total = up + down;
  return total === 0 ? 0 : 100 * ((up - down) / total);
}

/**
 * Bars `from` to `to` of Chande's CMO: the `WindowSum` parts' arithmetic (`RollingSum`: Neumaier's
 * compensated additions, a re-summation every `period` pushes, exactly 0 on a window of zeros) on
 * locals, for the gains and the losses. `state` holds [up total, up compensation, down total, down
 * compensation, up non-zero count, down non-zero count, pushes since the last re-summation]. The
 * evicted gain or loss is recomputed from the input, not kept in a window.
 */
function cmoSumsRun(
  values: ArrayLike<number>,
  out: Float64Array,
  from: number,
  to: number,
  state: Float64Array,
  period: number,
): void {
  let ut = state[0] as number;
  let uc = state[1] as number;
  let dt = state[2] as number;
  let dc = state[3] as number;
  let un = state[4] as number;
  let dn = state[5] as number;
  let since = state[6] as number;
  for (let i = from; i < to; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN or ±Infinity: the error names the index
    if (i === 0) continue;
    const change = x - (values[i - 1] as number);
    const gain = gainOf(change);
    const loss = lossOf(change);
    let next = ut + gain;
    uc += Math.abs(ut) >= Math.abs(gain) ? ut - next + gain : gain - next + ut;
    ut = next;
    un += Number(gain !== 0);
    next = dt + loss;
    dc += Math.abs(dt) >= Math.abs(loss) ? dt - next + loss : loss - next + dt;
    dt = next;
    dn += Number(loss !== 0);
    if (i > period) {
      // The change `period` bars back leaves both windows.
      const old = (values[i - period] as number) - (values[i - period - 1] as number);
      const upOut = -gainOf(old);
      const downOut = -lossOf(old);
      next = ut + upOut;
      uc += Math.abs(ut) >= Math.abs(upOut) ? ut - next + upOut : upOut - next + ut;
      ut = next;
      un -= Number(upOut !== 0);
      next = dt + downOut;
      dc += Math.abs(dt) >= Math.abs(downOut) ? dt - next + downOut : downOut - next + dt;
      dt = next;
      dn -= Number(downOut !== 0);
    }
    if (++since === period) {
      // Both windows are full here: re-summed oldest first, as `RollingSum`.
      ut = 0;
      uc = 0;
      dt = 0;
      dc = 0;
      since = 0;
      for (let k = i - period + 1; k <= i; k++) {
        const c = (values[k] as number) - (values[k - 1] as number);
        const g = gainOf(c);
        const l = lossOf(c);
        next = ut + g;
        uc += Math.abs(ut) >= Math.abs(g) ? ut - next + g : g - next + ut;
        ut = next;
        next = dt + l;
        dc += Math.abs(dt) >= Math.abs(l) ? dt - next + l : l - next + dt;
        dt = next;
      }
    }
    if (i >= period) {
      const up = un === 0 ? 0 : ut + uc;
      // A NaN sum (only after an infinite change) leaves the kernel's output as it was.
      out[i] = !Number.isNaN(up) ? oscillator(up, dn === 0 ? 0 : dt + dc) : (out[i - 1] as number);
    }
  }
  state[0] = ut;
  state[1] = uc;
  state[2] = dt;
  state[3] = dc;
  state[4] = un;
  state[5] = dn;
  state[6] = since;
}

/**
 * Bars `from` to `to` of TA-Lib's CMO: the `Wilder` parts' arithmetic on locals. `state` holds [up
 * sum, down sum, up average, down average]; bar `i` is the `i`-th change.
 */
function cmoWilderRun(
  values: ArrayLike<number>,
  out: Float64Array,
  from: number,
  to: number,
  state: Float64Array,
  period: number,
): void {
  let upSum = state[0] as number;
  let downSum = state[1] as number;
  let up = state[2] as number;
  let down = state[3] as number;
  for (let i = from; i < to; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN or ±Infinity: the error names the index
    if (i === 0) continue;
    const change = x - (values[i - 1] as number);
    const gain = gainOf(change);
    const loss = lossOf(change);
    if (i < period) {
      upSum += gain;
      downSum += loss;
      continue;
    }
    if (i === period) {
      up = (upSum + gain) / period;
      down = (downSum + loss) / period;
    } else {
      up = (up * (period - 1) + gain) / period;
      down = (down * (period - 1) + loss) / period;
    }
    // A NaN average (only after an infinite change) leaves the kernel's output as it was.
    out[i] = !Number.isNaN(up) ? oscillator(up, down) : (out[i - 1] as number);
  }
  state[0] = upSum;
  state[1] = downSum;
  state[2] = up;
  state[3] = down;
}

/**
 * Chande momentum oscillator `100 · (up − down) / (up + down)` of the last `n` close-to-close
 * changes, in [−100, 100]; 0 when nothing moved. Sums by default (Chande, TTR, TradingView);
 * `convention: 'talib'` uses Wilder averages as TA-Lib. First value at index `n`. `options.out`: a
 * column to write into and return instead of allocating one (see {@link ColumnOutput}).
 */
export function cmo(
  values: ArrayLike<number>,
  period = 14,
  options: CmoOptions & ColumnOutput = {},
): Float64Array {
  const wilder = resolve(options) === 'talib';
  assertPeriod('period', period);
  const n = fusedSeriesLength('values', values);
  // The kernel's parts on locals in one pass, no kernel `step` per bar: the same bits as the
  // streaming class. In chunks (see batch-chunks.ts).
  const out = outputColumn(options?.out, 'out', n, period, { values });
  const state = new Float64Array(7);
  for (let from = 0; from < n; ) {
    const to = chunkEnd(from, 0, n);
    if (wilder) cmoWilderRun(values, out, from, to, state, period);
    else cmoSumsRun(values, out, from, to, state, period);
    from = to;
  }
  return out;
}

/** Streaming {@link cmo}: amortised O(1) per update. */
export class CMO extends KernelIndicator<number, number> {
  readonly type = 'CMO';

  constructor(
    readonly period = 14,
    options: CmoOptions = {},
  ) {
    const convention = resolve(options);
    super(
      new CmoKernel(period, convention),
      { inputs: 'value', outputs: 'value' },
      { period, convention: conventionCode(convention) },
      period,
    );
  }

  /** Restores an indicator from {@link CMO.toJSON}. */
  static fromJSON(state: IndicatorState): CMO {
    const convention = CONVENTIONS[Number(state.params.convention)] as Convention;
    return new CMO(Number(state.params.period), { convention }).resume(state);
  }
}
