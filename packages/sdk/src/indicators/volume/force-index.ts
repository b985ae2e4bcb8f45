import { assertPeriod } from '../args.js';
import { fusedCheckLength, isNotFinite, rejectBarColumns } from '../bar-args.js';
import { chunkEnd } from '../batch-chunks.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Ema } from '../kernel-parts.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import type { IndicatorState } from '../state.js';

class ForceIndexKernel extends Kernel {
  private readonly average: Ema;
  private readonly s: Float64Array; // previous close

  constructor(period: number) {
    super(1);
    assertPeriod('period', period);
    this.average = new Ema(this, period);
    this.s = new Slots(this, 1, Number.NaN).v;
  }

  step(close: number, volume: number): void {
    const previous = this.s[0] as number;
    this.s[0] = close;
    if (Number.isNaN(previous)) return;
    this.out[0] = this.average.next((close - previous) * volume);
  }
}

/**
 * Bars `from` to `to` of `forceIndex`: the `Ema` part's arithmetic (SMA seed) on locals over the
 * forces, the bar checks in the same pass. `state` holds [seed sum, average]; bar `i` gives the
 * `i`-th force.
 */
function forceRun(
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  out: Float64Array,
  from: number,
  to: number,
  state: Float64Array,
  period: number,
  columns: { close: ArrayLike<number>; volume: ArrayLike<number> },
): void {
  const alpha = 2 / (period + 1);
  let sum = state[0] as number;
  let average = state[1] as number;
  for (let i = from; i < to; i++) {
    const c = close[i] as number;
    const v = volume[i] as number;
    if (isNotFinite(c) || !(v >= 0) || isNotFinite(v)) rejectBarColumns(columns);
    if (i === 0) continue;
    const force = (c - (close[i - 1] as number)) * v;
    if (i < period) {
      sum += force;
      continue;
    }
    average = i === period ? (sum + force) / period : (force - average) * alpha + average;
    out[i] = average;
  }
  state[0] = sum;
  state[1] = average;
}

/**
 * Force index (Elder): the EMA (SMA-seeded) of `(close − previous close) · volume` over `n` bars
 * (default 13). The first bar has no change: first value at index `n`. trading-signals and
 * TradingView seed the EMA with the first force instead; the two converge like an EMA.
 * `options.out`: a column to write into and return instead of allocating one (see
 * {@link ColumnOutput}).
 */
export function forceIndex(
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  period = 13,
  options: ColumnOutput = {},
): Float64Array {
  assertPeriod('period', period);
  const columns = { close, volume };
  const n = fusedCheckLength(columns);
  // The kernel's arithmetic on locals in one pass, no kernel `step` per bar: the same bits as the
  // streaming class. In chunks (see batch-chunks.ts).
  const out = outputColumn(options?.out, 'out', n, period, columns);
  const state = new Float64Array(2);
  for (let from = 0; from < n; ) {
    const to = chunkEnd(from, 0, n);
    forceRun(close, volume, out, from, to, state, period, columns);
    from = to;
  }
  return out;
}

/** Streaming {@link forceIndex} over `{ close, volume }`: O(1) per update. */
export class ForceIndex extends KernelIndicator<{ close: number; volume: number }, number> {
  readonly type = 'ForceIndex';

  constructor(readonly period = 13) {
    super(
      new ForceIndexKernel(period),
      { inputs: ['close', 'volume'], outputs: 'value' },
      { period },
      period,
    );
  }

  /** Restores an indicator from {@link ForceIndex.toJSON}. */
  static fromJSON(state: IndicatorState): ForceIndex {
    return new ForceIndex(Number(state.params.period)).resume(state);
  }
}
