import { assertPeriod } from '../args.js';
import { fusedCheckLength, isBadRange, rejectBarColumns } from '../bar-args.js';
import { chunkEnd } from '../batch-chunks.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Extreme } from '../kernel-parts.js';
import { type ColumnsOutput, outputColumns } from '../output.js';
import type { IndicatorState } from '../state.js';
import { CHANNEL_NAMES, type ChannelSeries, type ChannelValue } from './keltner.js';

class DonchianKernel extends Kernel {
  private readonly highest: Extreme;
  private readonly lowest: Extreme;

  constructor(private readonly period: number) {
    super(3);
    assertPeriod('period', period);
    this.highest = new Extreme(this, period, 'max');
    this.lowest = new Extreme(this, period, 'min');
  }

  step(high: number, low: number): void {
    const i = this.tick();
    const upper = this.highest.next(high);
    const lower = this.lowest.next(low);
    if (i < this.period - 1) return;
    this.out[0] = upper;
    this.out[1] = (upper + lower) / 2;
    this.out[2] = lower;
  }
}

/**
 * Donchian channel: the highest high and lowest low of the last `n` bars (the current one
 * included) and their midpoint (TTR's `DonchianChannel`, TradingView's "DC"). First value at index
 * `n − 1`; amortised O(1) per bar (monotonic deques). `options.out`: any of the three columns to
 * write into and return instead of allocating them (see {@link ColumnsOutput}).
 */
export function donchian(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  period = 20,
  options: ColumnsOutput<ChannelSeries> = {},
): ChannelSeries {
  assertPeriod('period', period);
  const columns = { high, low };
  const n = fusedCheckLength(columns);
  // The kernel's two `Extreme` parts (`RollingExtreme`'s monotonic deques: the same values) on
  // locals in one pass with the bar check, chunk by chunk (see batch-chunks.ts). Two
  // `windowExtremes` passes and a midpoint loop each ran in on-stack-replaced code in some
  // processes, re-entered on every call after a deoptimisation (18 M bars/s instead of 24).
  const { upper, middle, lower } = outputColumns(options?.out, CHANNEL_NAMES, n, period - 1, columns);
  const series = { upper, middle, lower };
  const highs = new Int32Array(period);
  const lows = new Int32Array(period);
  const highValues = new Float64Array(period);
  const lowValues = new Float64Array(period);
  const state = new Int32Array(4);
  for (let from = 0; from < n; ) {
    const to = chunkEnd(from, 0, n);
    channelChunk(
      high,
      low,
      columns,
      upper,
      middle,
      lower,
      from,
      to,
      period,
      highs,
      lows,
      highValues,
      lowValues,
      state,
    );
    from = to;
  }
  return series;
}

/**
 * Bars `from` to `to` of {@link donchian}: `highs` and `lows` are the deques' rings of bar indices
 * (front to back, candidates for the highest high and lowest low; ties go to the newest), with
 * their values beside them in `highValues` and `lowValues` (no load through an index), `state`
 * their fronts and sizes.
 */
function channelChunk(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  columns: { high: ArrayLike<number>; low: ArrayLike<number> },
  upper: Float64Array,
  middle: Float64Array,
  lower: Float64Array,
  from: number,
  to: number,
  period: number,
  highs: Int32Array,
  lows: Int32Array,
  highValues: Float64Array,
  lowValues: Float64Array,
  state: Int32Array,
): void {
  let highFront = state[0] as number;
  let highSize = state[1] as number;
  let lowFront = state[2] as number;
  let lowSize = state[3] as number;
  for (let i = from; i < to; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    if (isBadRange(h, l)) rejectBarColumns(columns);
    const leaving = i - period;
    if (highSize > 0 && (highs[highFront] as number) <= leaving) {
      highFront = highFront + 1 === period ? 0 : highFront + 1;
      highSize--;
    }
    while (highSize > 0) {
      let back = highFront + highSize - 1;
      if (back >= period) back -= period;
      if ((highValues[back] as number) > h) break;
      highSize--;
    }
    let slot = highFront + highSize;
    if (slot >= period) slot -= period;
    highs[slot] = i;
    highValues[slot] = h;
    highSize++;
    if (lowSize > 0 && (lows[lowFront] as number) <= leaving) {
      lowFront = lowFront + 1 === period ? 0 : lowFront + 1;
      lowSize--;
    }
    while (lowSize > 0) {
      let back = lowFront + lowSize - 1;
      if (back >= period) back -= period;
      if ((lowValues[back] as number) < l) break;
      lowSize--;
    }
    slot = lowFront + lowSize;
    if (slot >= period) slot -= period;
    lows[slot] = i;
    lowValues[slot] = l;
    lowSize++;
    if (i >= period - 1) {
      const top = highValues[highFront] as number;
      const bottom = lowValues[lowFront] as number;
      upper[i] = top;
      middle[i] = (top + bottom) / 2;
      lower[i] = bottom;
    }
  }
  state[0] = highFront;
  state[1] = highSize;
  state[2] = lowFront;
  state[3] = lowSize;
}

/** Streaming {@link donchian} over `{ high, low }`. */
export class Donchian extends KernelIndicator<{ high: number; low: number }, ChannelValue> {
  readonly type = 'Donchian';

  constructor(readonly period = 20) {
    super(
      new DonchianKernel(period),
      { inputs: ['high', 'low'], outputs: ['upper', 'middle', 'lower'] },
      { period },
      period - 1,
    );
  }

  /** Restores an indicator from {@link Donchian.toJSON}. */
  static fromJSON(state: IndicatorState): Donchian {
    return new Donchian(Number(state.params.period)).resume(state);
  }
}
