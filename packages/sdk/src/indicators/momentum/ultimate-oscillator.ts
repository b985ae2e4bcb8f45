import { InvalidArgumentError } from '../../data/errors.js';
import { assertPeriod } from '../args.js';
import { fusedCheckLength, isBadRange, isNotFinite, rejectBarColumns } from '../bar-args.js';
import { chunkEnd } from '../batch-chunks.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { WindowSum } from '../kernel-parts.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import { neumaierError } from '../rolling-sum.js';
import type { IndicatorState } from '../state.js';

/** Periods of {@link ultimateOscillator}. */
export interface UltimateOscillatorOptions {
  /** Shortest window, weight 4 (default 7). */
  short?: number;
  /** Middle window, weight 2 (default 14). */
  medium?: number;
  /** Longest window, weight 1 (default 28). */
  long?: number;
}

function resolve(options: UltimateOscillatorOptions): Required<UltimateOscillatorOptions> {
  const { short = 7, medium = 14, long = 28 } = options ?? {};
  assertPeriod('short', short);
  assertPeriod('medium', medium);
  assertPeriod('long', long);
  if (!(short <= medium && medium <= long))
    throw new InvalidArgumentError('medium', `periods must not decrease: ${short}, ${medium}, ${long}`);
  return { short, medium, long };
}

class UltimateOscillatorKernel extends Kernel {
  private readonly pressure: WindowSum[];
  private readonly ranges: WindowSum[];
  private readonly s: Float64Array; // previous close

  constructor(o: Required<UltimateOscillatorOptions>) {
    super(1);
    const periods = [o.short, o.medium, o.long];
    this.pressure = periods.map((n) => new WindowSum(this, n));
    this.ranges = periods.map((n) => new WindowSum(this, n));
    this.s = new Slots(this, 1, Number.NaN).v;
  }

  step(high: number, low: number, close: number): void {
    const previous = this.s[0] as number;
    this.s[0] = close;
    if (Number.isNaN(previous)) return;
    const trueLow = Math.min(low, previous);
    const buying = close - trueLow;
    const range = Math.max(high, previous) - trueLow;
    let total = 0;
    for (let k = 0; k < 3; k++) {
      const p = (this.pressure[k] as WindowSum).next(buying);
      const r = (this.ranges[k] as WindowSum).next(range);
      // A window without any range adds the neutral 1/2 of its weight.
      total += (k === 0 ? 4 : k === 1 ? 2 : 1) * (r === 0 ? 0.5 : p / r);
    }
    if (!Number.isNaN(total)) this.out[0] = (100 * total) / 7;
  }
}

/**
 * `RollingSum`'s re-summation of the last `period` values of a ring of `ring.length` values whose
 * newest is at `newest`, oldest first: total, compensation to `out[offset]`, `out[offset + 1]`.
 */
function resum(ring: Float64Array, newest: number, period: number, out: Float64Array, offset: number): void {
  const size = ring.length;
  let slot = newest - period + 1;
  if (slot < 0) slot += size;
  let total = 0;
  let compensation = 0;
  for (let k = 0; k < period; k++) {
    const value = ring[slot] as number;
    const next = total + value;
    compensation += neumaierError(total, value, next);
    total = next;
    if (++slot === size) slot = 0;
  }
  out[offset] = total;
  out[offset + 1] = compensation;
}

// Indices into the batch state: per window k (short, medium, long), buying-pressure total and
// compensation at 4k, 4k + 1, true-range total and compensation at 4k + 2, 4k + 3; then counts.
const PRESSURE_NON_ZERO = 12; // + k
const RANGE_NON_ZERO = 15; // + k
const SINCE_RESUM = 18; // + k
const SLOT = 21; // ring slot of the newest push
const LAST = 22; // the kernel's output, held where a sum overflowed (NaN ratio)
const SIZE = 23;

/**
 * Bars `from` to `to` (≥ 1) of the batch: the kernel's step on locals. Bar i's buying pressure and
 * true range are push i (bar 0 has no previous close), held in `long`-long rings; window k's sums
 * are `RollingSum(period_k)`'s: Neumaier's additions, the leaving value subtracted once the window
 * is full, an exact re-summation every `period_k` pushes (from the rings), exact 0 from counts.
 */
function ultimateChunk(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  columns: { high: ArrayLike<number>; low: ArrayLike<number>; close: ArrayLike<number> },
  out: Float64Array,
  from: number,
  to: number,
  short: number,
  medium: number,
  long: number,
  state: Float64Array,
  pressures: Float64Array,
  ranges: Float64Array,
): void {
  let p0 = state[0] as number;
  let pc0 = state[1] as number;
  let r0 = state[2] as number;
  let rc0 = state[3] as number;
  let p1 = state[4] as number;
  let pc1 = state[5] as number;
  let r1 = state[6] as number;
  let rc1 = state[7] as number;
  let p2 = state[8] as number;
  let pc2 = state[9] as number;
  let r2 = state[10] as number;
  let rc2 = state[11] as number;
  let pn0 = state[PRESSURE_NON_ZERO] as number;
  let pn1 = state[PRESSURE_NON_ZERO + 1] as number;
  let pn2 = state[PRESSURE_NON_ZERO + 2] as number;
  let rn0 = state[RANGE_NON_ZERO] as number;
  let rn1 = state[RANGE_NON_ZERO + 1] as number;
  let rn2 = state[RANGE_NON_ZERO + 2] as number;
  let since0 = state[SINCE_RESUM] as number;
  let since1 = state[SINCE_RESUM + 1] as number;
  let since2 = state[SINCE_RESUM + 2] as number;
  let slot = state[SLOT] as number;
  let last = state[LAST] as number;
  let previous = close[from - 1] as number;
  for (let i = from; i < to; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    const c = close[i] as number;
    if (isBadRange(h, l) || isNotFinite(c)) rejectBarColumns(columns);
    const trueLow = Math.min(l, previous);
    const buying = c - trueLow;
    const range = Math.max(h, previous) - trueLow;
    previous = c;
    if (++slot === long) slot = 0;
    // The values leaving each window (push i − period_k), read before push i overwrites the slot.
    let s0 = slot - short;
    if (s0 < 0) s0 += long;
    let s1 = slot - medium;
    if (s1 < 0) s1 += long;
    const oldP0 = pressures[s0] as number;
    const oldR0 = ranges[s0] as number;
    const oldP1 = pressures[s1] as number;
    const oldR1 = ranges[s1] as number;
    const oldP2 = pressures[slot] as number;
    const oldR2 = ranges[slot] as number;
    pressures[slot] = buying;
    ranges[slot] = range;
    const buyingNonZero = buying !== 0 ? 1 : 0;
    const rangeNonZero = range !== 0 ? 1 : 0;
    let next = p0 + buying;
    pc0 += neumaierError(p0, buying, next);
    p0 = next;
    next = r0 + range;
    rc0 += neumaierError(r0, range, next);
    r0 = next;
    next = p1 + buying;
    pc1 += neumaierError(p1, buying, next);
    p1 = next;
    next = r1 + range;
    rc1 += neumaierError(r1, range, next);
    r1 = next;
    next = p2 + buying;
    pc2 += neumaierError(p2, buying, next);
    p2 = next;
    next = r2 + range;
    rc2 += neumaierError(r2, range, next);
    r2 = next;
    pn0 += buyingNonZero;
    pn1 += buyingNonZero;
    pn2 += buyingNonZero;
    rn0 += rangeNonZero;
    rn1 += rangeNonZero;
    rn2 += rangeNonZero;
    if (i > short) {
      const minusP = -oldP0;
      next = p0 + minusP;
      pc0 += neumaierError(p0, minusP, next);
      p0 = next;
      const minusR = -oldR0;
      next = r0 + minusR;
      rc0 += neumaierError(r0, minusR, next);
      r0 = next;
      if (oldP0 !== 0) pn0--;
      if (oldR0 !== 0) rn0--;
    }
    if (i > medium) {
      const minusP = -oldP1;
      next = p1 + minusP;
      pc1 += neumaierError(p1, minusP, next);
      p1 = next;
      const minusR = -oldR1;
      next = r1 + minusR;
      rc1 += neumaierError(r1, minusR, next);
      r1 = next;
      if (oldP1 !== 0) pn1--;
      if (oldR1 !== 0) rn1--;
    }
    if (i > long) {
      const minusP = -oldP2;
      next = p2 + minusP;
      pc2 += neumaierError(p2, minusP, next);
      p2 = next;
      const minusR = -oldR2;
      next = r2 + minusR;
      rc2 += neumaierError(r2, minusR, next);
      r2 = next;
      if (oldP2 !== 0) pn2--;
      if (oldR2 !== 0) rn2--;
    }
    if (++since0 === short) {
      since0 = 0;
      resum(pressures, slot, short, state, 0);
      resum(ranges, slot, short, state, 2);
      p0 = state[0] as number;
      pc0 = state[1] as number;
      r0 = state[2] as number;
      rc0 = state[3] as number;
    }
    if (++since1 === medium) {
      since1 = 0;
      resum(pressures, slot, medium, state, 4);
      resum(ranges, slot, medium, state, 6);
      p1 = state[4] as number;
      pc1 = state[5] as number;
      r1 = state[6] as number;
      rc1 = state[7] as number;
    }
    if (++since2 === long) {
      since2 = 0;
      resum(pressures, slot, long, state, 8);
      resum(ranges, slot, long, state, 10);
      p2 = state[8] as number;
      pc2 = state[9] as number;
      r2 = state[10] as number;
      rc2 = state[11] as number;
    }
    if (i >= long) {
      // The kernel's weighted sum, in its order; a window without any range adds 1/2 of its weight.
      const sumR0 = rn0 === 0 ? 0 : r0 + rc0;
      const sumR1 = rn1 === 0 ? 0 : r1 + rc1;
      const sumR2 = rn2 === 0 ? 0 : r2 + rc2;
      let total = 0;
      total += 4 * (sumR0 === 0 ? 0.5 : (pn0 === 0 ? 0 : p0 + pc0) / sumR0);
      total += 2 * (sumR1 === 0 ? 0.5 : (pn1 === 0 ? 0 : p1 + pc1) / sumR1);
      total += 1 * (sumR2 === 0 ? 0.5 : (pn2 === 0 ? 0 : p2 + pc2) / sumR2);
      // The kernel keeps its previous output where the total is NaN (ranges that overflow).
      if (!Number.isNaN(total)) last = (100 * total) / 7;
      out[i] = last;
    }
  }
  state[0] = p0;
  state[1] = pc0;
  state[2] = r0;
  state[3] = rc0;
  state[4] = p1;
  state[5] = pc1;
  state[6] = r1;
  state[7] = rc1;
  state[8] = p2;
  state[9] = pc2;
  state[10] = r2;
  state[11] = rc2;
  state[PRESSURE_NON_ZERO] = pn0;
  state[PRESSURE_NON_ZERO + 1] = pn1;
  state[PRESSURE_NON_ZERO + 2] = pn2;
  state[RANGE_NON_ZERO] = rn0;
  state[RANGE_NON_ZERO + 1] = rn1;
  state[RANGE_NON_ZERO + 2] = rn2;
  state[SINCE_RESUM] = since0;
  state[SINCE_RESUM + 1] = since1;
  state[SINCE_RESUM + 2] = since2;
  state[SLOT] = slot;
  state[LAST] = last;
}

/**
 * Ultimate oscillator (Williams): buying pressure `close − min(low, previous close)` over the true
 * range, summed over three windows and weighted 4 : 2 : 1,
 * `100 · (4·A_short + 2·A_medium + A_long) / 7` (TA-Lib's `ULTOSC`, TTR's `ultimateOscillator`).
 * A window without range counts as 1/2. First value at index `long`. `options.out`: a column to
 * write into and return instead of allocating one (see {@link ColumnOutput}).
 */
export function ultimateOscillator(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  options: UltimateOscillatorOptions & ColumnOutput = {},
): Float64Array {
  const { short, medium, long } = resolve(options);
  const columns = { high, low, close };
  const n = fusedCheckLength(columns);
  const out = outputColumn(options?.out, 'out', n, long, columns);
  if (n === 0) return out;
  if (isBadRange(high[0] as number, low[0] as number) || isNotFinite(close[0] as number))
    rejectBarColumns(columns);
  // fusedCheckLength returned without a full check: all three are Float64Arrays; otherwise it
  // checked them all, and copies are cheap next to the kernel it replaced.
  const h = high instanceof Float64Array ? high : Float64Array.from(high);
  const l = low instanceof Float64Array ? low : Float64Array.from(low);
  const c = close instanceof Float64Array ? close : Float64Array.from(close);
  const state = new Float64Array(SIZE);
  // The newest push sits at SLOT; the first push (bar 1) goes to slot 0.
  state[SLOT] = long - 1;
  state[LAST] = Number.NaN;
  const pressures = new Float64Array(long);
  const ranges = new Float64Array(long);
  // Chunk by chunk (see batch-chunks.ts): one loop over the whole series would run in OSR code.
  for (let from = 1; from < n; ) {
    const to = chunkEnd(from, 1, n);
    ultimateChunk(h, l, c, columns, out, from, to, short, medium, long, state, pressures, ranges);
    from = to;
  }
  return out;
}

/** Streaming {@link ultimateOscillator} over `{ high, low, close }`: amortised O(1) per update. */
export class UltimateOscillator extends KernelIndicator<
  { high: number; low: number; close: number },
  number
> {
  readonly type = 'UltimateOscillator';

  constructor(options: UltimateOscillatorOptions = {}) {
    const o = resolve(options);
    super(
      new UltimateOscillatorKernel(o),
      { inputs: ['high', 'low', 'close'], outputs: 'value' },
      { ...o },
      o.long,
    );
  }

  /** Restores an indicator from {@link UltimateOscillator.toJSON}. */
  static fromJSON(state: IndicatorState): UltimateOscillator {
    const { short, medium, long } = state.params;
    return new UltimateOscillator({
      short: Number(short),
      medium: Number(medium),
      long: Number(long),
    }).resume(state);
  }
}
