import { InvalidArgumentError } from '../../data/errors.js';
import { assertFiniteNumber, assertPeriod } from '../args.js';
import { fusedCheckLength, isBadRange, isNotFinite, rejectBarColumns } from '../bar-args.js';
import { chunkEnd } from '../batch-chunks.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Sma } from '../kernel-parts.js';
import { SUM_SCALE, SUM_UNSCALE } from '../magnitude.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import type { IndicatorState } from '../state.js';

// Module-local copies: under some loaders an imported binding read in a hot loop is a getter call.
const SCALE = SUM_SCALE;
const UNSCALE = SUM_UNSCALE;

/** Options of {@link easeOfMovement}. */
export interface EaseOfMovementOptions {
  /** SMA period (default 14, TradingView's; TTR's default is 9). */
  period?: number;
  /** Volume divisor (default 10 000, as TTR and TradingView). */
  divisor?: number;
}

function resolve(options: EaseOfMovementOptions): Required<EaseOfMovementOptions> {
  const { period = 14, divisor = 10000 } = options ?? {};
  assertPeriod('period', period);
  assertFiniteNumber('divisor', divisor);
  if (divisor <= 0) throw new InvalidArgumentError('divisor', `must be above 0, got ${divisor}`);
  return { period, divisor };
}

class EaseOfMovementKernel extends Kernel {
  private readonly average: Sma;
  private readonly s: Float64Array; // previous midpoint

  constructor(private readonly o: Required<EaseOfMovementOptions>) {
    super(1);
    this.average = new Sma(this, o.period);
    this.s = new Slots(this, 1, Number.NaN).v;
  }

  step(high: number, low: number, volume: number): void {
    const middle = (high + low) / 2;
    const previous = this.s[0] as number;
    this.s[0] = middle;
    if (Number.isNaN(previous)) return;
    // TTR's order: the move divided by the box ratio (volume / divisor) / (high − low). No volume
    // (no box) or no range (an infinite box) moves nothing.
    const box = volume / this.o.divisor / (high - low);
    const ease = volume === 0 || high === low ? 0 : (middle - previous) / box;
    this.out[0] = this.average.next(ease);
  }
}

/**
 * Bars `from` to `to` of `easeOfMovement`: the kernel's arithmetic on locals (the ease of bar `i`,
 * then the `Sma` part's running sum scaled by 2^-64), the bar checks in the same pass. `sum` holds
 * the running sum; `eases` is the ring of the last `period` eases, `slot` the one `period` bars
 * ago, overwritten by the newest (returned for the next chunk, an integer).
 */
function easeRun(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  volume: ArrayLike<number>,
  out: Float64Array,
  from: number,
  to: number,
  sum: Float64Array,
  eases: Float64Array,
  slot: number,
  divisor: number,
  columns: { high: ArrayLike<number>; low: ArrayLike<number>; volume: ArrayLike<number> },
): number {
  const period = eases.length;
  let total = sum[0] as number;
  let s = slot;
  for (let i = from; i < to; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    const v = volume[i] as number;
    if (isBadRange(h, l) || !(v >= 0) || isNotFinite(v)) rejectBarColumns(columns);
    if (i === 0) continue; // no previous midpoint
    const middle = (h + l) / 2;
    const previous = ((high[i - 1] as number) + (low[i - 1] as number)) / 2;
    const ease = v === 0 || h === l ? 0 : (middle - previous) / (v / divisor / (h - l));
    total += ease * SCALE;
    // The window holds the eases of bars 1 to i: full, and evicting, past bar `period`. (The
    // kernel skips a NaN eviction; its sum is NaN from that ease's push on either way.)
    if (i > period) total -= (eases[s] as number) * SCALE;
    eases[s] = ease;
    s = s + 1 === period ? 0 : s + 1;
    if (i >= period) out[i] = (total / period) * UNSCALE;
  }
  sum[0] = total;
  return s;
}

/** Bars `from` to `to` of `easeOfMovement` past bar `period`, where the window evicts every bar. */
function easeSteady(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  volume: ArrayLike<number>,
  out: Float64Array,
  from: number,
  to: number,
  sum: Float64Array,
  eases: Float64Array,
  slot: number,
  divisor: number,
  columns: { high: ArrayLike<number>; low: ArrayLike<number>; volume: ArrayLike<number> },
): number {
  const period = eases.length;
  let total = sum[0] as number;
  let s = slot;
  for (let i = from; i < to; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    const v = volume[i] as number;
    if (isBadRange(h, l) || !(v >= 0) || isNotFinite(v)) rejectBarColumns(columns);
    const middle = (h + l) / 2;
    const previous = ((high[i - 1] as number) + (low[i - 1] as number)) / 2;
    const ease = v === 0 || h === l ? 0 : (middle - previous) / (v / divisor / (h - l));
    total += ease * SCALE;
    total -= (eases[s] as number) * SCALE;
    eases[s] = ease;
    s = s + 1 === period ? 0 : s + 1;
    out[i] = (total / period) * UNSCALE;
  }
  sum[0] = total;
  return s;
}

/**
 * Ease of movement (Arms), smoothed: the SMA over `period` bars of
 * `(midpoint − previous midpoint) / ((volume / divisor) / (high − low))`, midpoint = (high + low)/2
 * (TTR's `EMV` `maEMV`, TradingView's "EOM"); a bar without volume or range adds 0. First value at
 * index `period`. `options.out`: a column to write into and return instead of allocating one (see
 * {@link ColumnOutput}).
 */
export function easeOfMovement(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  volume: ArrayLike<number>,
  options: EaseOfMovementOptions & ColumnOutput = {},
): Float64Array {
  const { period, divisor } = resolve(options);
  const columns = { high, low, volume };
  const n = fusedCheckLength(columns);
  // The kernel's arithmetic in one pass over the columns, no kernel `step` per bar: the same bits
  // as the streaming class. In chunks (see batch-chunks.ts), the warm-up apart from the steady state.
  const out = outputColumn(options?.out, 'out', n, period, columns);
  const eases = new Float64Array(period);
  const sum = new Float64Array(1);
  const steady = period + 1; // the first bar whose ease evicts one
  let slot = 0;
  for (let from = 0; from < n; ) {
    const to = chunkEnd(from, 0, n);
    if (from < steady)
      slot = easeRun(high, low, volume, out, from, Math.min(to, steady), sum, eases, slot, divisor, columns);
    if (to > steady)
      slot = easeSteady(
        high,
        low,
        volume,
        out,
        Math.max(from, steady),
        to,
        sum,
        eases,
        slot,
        divisor,
        columns,
      );
    from = to;
  }
  return out;
}

/** Streaming {@link easeOfMovement} over `{ high, low, volume }`: O(1) per update. */
export class EaseOfMovement extends KernelIndicator<{ high: number; low: number; volume: number }, number> {
  readonly type = 'EaseOfMovement';

  constructor(options: EaseOfMovementOptions = {}) {
    const o = resolve(options);
    super(
      new EaseOfMovementKernel(o),
      { inputs: ['high', 'low', 'volume'], outputs: 'value' },
      { ...o },
      o.period,
    );
  }

  /** Restores an indicator from {@link EaseOfMovement.toJSON}. */
  static fromJSON(state: IndicatorState): EaseOfMovement {
    return new EaseOfMovement({
      period: Number(state.params.period),
      divisor: Number(state.params.divisor),
    }).resume(state);
  }
}
