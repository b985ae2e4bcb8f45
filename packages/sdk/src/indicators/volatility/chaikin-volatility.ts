import { assertPeriod } from '../args.js';
import { fusedCheckLength, isBadRange, rejectBarColumns } from '../bar-args.js';
import { chunkEnd } from '../batch-chunks.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Ema, Lag } from '../kernel-parts.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import type { IndicatorState } from '../state.js';

/** Periods of {@link chaikinVolatility}. */
export interface ChaikinVolatilityOptions {
  /** EMA period of the high − low range (default 10). */
  period?: number;
  /** Rate-of-change distance (default 10). */
  rocPeriod?: number;
}

function resolve(options: ChaikinVolatilityOptions): Required<ChaikinVolatilityOptions> {
  const { period = 10, rocPeriod = 10 } = options ?? {};
  assertPeriod('period', period);
  assertPeriod('rocPeriod', rocPeriod);
  return { period, rocPeriod };
}

class ChaikinVolatilityKernel extends Kernel {
  private readonly average: Ema;
  private readonly past: Lag;

  constructor(o: Required<ChaikinVolatilityOptions>) {
    super(1);
    this.average = new Ema(this, o.period);
    this.past = new Lag(this, o.rocPeriod);
  }

  step(high: number, low: number): void {
    // Gated by the warm-ups, not by NaN: an average that overflowed flows on, as in the batch.
    const average = this.average.next(high - low);
    if (!this.average.isReady) return;
    const old = this.past.next(average);
    if (!this.past.isFull) return;
    // A zero old range gives 0, as `roc` does, instead of ±Infinity.
    this.out[0] = old === 0 ? 0 : (average / old - 1) * 100;
  }
}

/**
 * Bars `from` to `to` of `chaikinVolatility`: the kernel's arithmetic (an `Ema` part, then a lag
 * over its values) on locals, the bar checks in the same pass. `state` holds [seed sum, average];
 * `past` is the ring of the last `rocPeriod` averages, `slot` the one `rocPeriod` bars ago,
 * overwritten by the newest (returned for the next chunk, an integer).
 */
function chaikinRun(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  out: Float64Array,
  from: number,
  to: number,
  state: Float64Array,
  past: Float64Array,
  slot: number,
  period: number,
  columns: { high: ArrayLike<number>; low: ArrayLike<number> },
): number {
  const rocPeriod = past.length;
  const alpha = 2 / (period + 1);
  let sum = state[0] as number;
  let average = state[1] as number;
  let s = slot;
  for (let i = from; i < to; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    if (isBadRange(h, l)) rejectBarColumns(columns);
    const x = h - l;
    const count = i + 1;
    if (count < period) {
      sum += x;
      continue;
    }
    average = count === period ? (sum + x) / period : (x - average) * alpha + average;
    const old = past[s] as number;
    past[s] = average;
    s = s + 1 === rocPeriod ? 0 : s + 1;
    // A zero old range gives 0, as `roc` does, instead of ±Infinity.
    if (i >= period - 1 + rocPeriod) out[i] = old === 0 ? 0 : (average / old - 1) * 100;
  }
  state[0] = sum;
  state[1] = average;
  return s;
}

/** Bars `from` to `to` of `chaikinVolatility` from its first value on: an EMA step and a lag step a bar. */
function chaikinSteady(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  out: Float64Array,
  from: number,
  to: number,
  state: Float64Array,
  past: Float64Array,
  slot: number,
  alpha: number,
  columns: { high: ArrayLike<number>; low: ArrayLike<number> },
): number {
  const rocPeriod = past.length;
  let average = state[1] as number;
  let s = slot;
  for (let i = from; i < to; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    if (!(l <= h) || h - h !== 0 || l - l !== 0) rejectBarColumns(columns); // isBadRange, see chaikinRun
    average = (h - l - average) * alpha + average;
    const old = past[s] as number;
    past[s] = average;
    s = s + 1 === rocPeriod ? 0 : s + 1;
    out[i] = old === 0 ? 0 : (average / old - 1) * 100;
  }
  state[1] = average;
  return s;
}

/**
 * Chaikin volatility: the rate of change, in percent, of the EMA of the high − low range,
 * `100 · (ema[i] / ema[i − rocPeriod] − 1)` (TTR's `chaikinVolatility` gives the same as a
 * fraction). EMA SMA-seeded; first value at index `period − 1 + rocPeriod`. `options.out`: a
 * column to write into and return instead of allocating one (see {@link ColumnOutput}).
 */
export function chaikinVolatility(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  options: ChaikinVolatilityOptions & ColumnOutput = {},
): Float64Array {
  const { period, rocPeriod } = resolve(options);
  const columns = { high, low };
  const n = fusedCheckLength(columns);
  const out = outputColumn(options?.out, 'out', n, period - 1 + rocPeriod, columns);
  // The same bits as the streaming class, in chunks (see batch-chunks.ts), the warm-up apart from
  // the steady state; the lag is a ring of `rocPeriod` averages, not a column of the input's length.
  const first = period - 1 + rocPeriod; // the first value's index; the EMA's seed is before it
  const alpha = 2 / (period + 1);
  const past = new Float64Array(rocPeriod);
  const state = new Float64Array(2);
  let slot = 0;
  for (let from = 0; from < n; ) {
    const to = chunkEnd(from, 0, n);
    if (from < first)
      slot = chaikinRun(high, low, out, from, Math.min(to, first), state, past, slot, period, columns);
    if (to > first)
      slot = chaikinSteady(high, low, out, Math.max(from, first), to, state, past, slot, alpha, columns);
    from = to;
  }
  return out;
}

/** Streaming {@link chaikinVolatility} over `{ high, low }`: O(1) per update. */
export class ChaikinVolatility extends KernelIndicator<{ high: number; low: number }, number> {
  readonly type = 'ChaikinVolatility';

  constructor(options: ChaikinVolatilityOptions = {}) {
    const o = resolve(options);
    super(
      new ChaikinVolatilityKernel(o),
      { inputs: ['high', 'low'], outputs: 'value' },
      { ...o },
      o.period - 1 + o.rocPeriod,
    );
  }

  /** Restores an indicator from {@link ChaikinVolatility.toJSON}. */
  static fromJSON(state: IndicatorState): ChaikinVolatility {
    return new ChaikinVolatility({
      period: Number(state.params.period),
      rocPeriod: Number(state.params.rocPeriod),
    }).resume(state);
  }
}
