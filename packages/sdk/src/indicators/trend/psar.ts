import { InvalidArgumentError } from '../../data/errors.js';
import { assertFiniteNumber } from '../args.js';
import { fusedCheckLength, isBadRange, rejectBarColumns } from '../bar-args.js';
import { chunkEnd } from '../batch-chunks.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import type { IndicatorState } from '../state.js';

/** Options of {@link psar}. */
export interface PsarOptions {
  /** Acceleration factor: start and increment (default 0.02; > 0). */
  step?: number;
  /** Largest acceleration factor (default 0.2; ≥ step). */
  max?: number;
}

function resolve(options: PsarOptions): Required<PsarOptions> {
  const { step = 0.02, max = 0.2 } = options ?? {};
  assertFiniteNumber('step', step);
  assertFiniteNumber('max', max);
  if (step <= 0) throw new InvalidArgumentError('step', `must be above 0, got ${step}`);
  if (max < step) throw new InvalidArgumentError('max', `must be at least step (${step}), got ${max}`);
  return { step, max };
}

// Slots of the state: isLong (1/0), sar, extreme point, acceleration, previous high, previous low.
const LONG = 0;
const SAR = 1;
const EP = 2;
const AF = 3;
const HIGH = 4;
const LOW = 5;

class PsarKernel extends Kernel {
  private readonly s: Float64Array;

  constructor(private readonly o: Required<PsarOptions>) {
    super(1);
    this.s = new Slots(this, 6, Number.NaN).v;
  }

  step(high: number, low: number): void {
    const i = this.tick();
    const s = this.s;
    const { step, max } = this.o;
    if (i === 0) {
      s[HIGH] = high;
      s[LOW] = low;
      return;
    }
    if (i === 1) {
      // TA-Lib: short if the first bar-to-bar move is a -DM (the low fell more than the high rose).
      const downMove = (s[LOW] as number) - low;
      const upMove = high - (s[HIGH] as number);
      const isLong = !(downMove > 0 && upMove < downMove);
      s[LONG] = isLong ? 1 : 0;
      s[SAR] = isLong ? (s[LOW] as number) : (s[HIGH] as number);
      s[EP] = isLong ? high : low;
      s[AF] = step;
      // TA-Lib compares the second bar with itself as the "previous" bar.
      s[HIGH] = high;
      s[LOW] = low;
    }
    const previousHigh = s[HIGH] as number;
    const previousLow = s[LOW] as number;
    s[HIGH] = high;
    s[LOW] = low;
    let sar = s[SAR] as number;
    let ep = s[EP] as number;
    let af = s[AF] as number;
    if (s[LONG] === 1) {
      if (low <= sar) {
        // Reversal to short: the SAR jumps to the extreme point, above the last two highs.
        s[LONG] = 0;
        sar = Math.max(ep, previousHigh, high);
        this.out[0] = sar;
        af = step;
        ep = low;
        sar = Math.max(sar + af * (ep - sar), previousHigh, high);
      } else {
        this.out[0] = sar;
        if (high > ep) {
          ep = high;
          af = Math.min(af + step, max);
        }
        sar = Math.min(sar + af * (ep - sar), previousLow, low);
      }
    } else if (high >= sar) {
      s[LONG] = 1;
      sar = Math.min(ep, previousLow, low);
      this.out[0] = sar;
      af = step;
      ep = high;
      sar = Math.min(sar + af * (ep - sar), previousLow, low);
    } else {
      this.out[0] = sar;
      if (low < ep) {
        ep = low;
        af = Math.min(af + step, max);
      }
      sar = Math.max(sar + af * (ep - sar), previousHigh, high);
    }
    s[SAR] = sar;
    s[EP] = ep;
    s[AF] = af;
  }
}

/**
 * Parabolic SAR (Wilder), with TA-Lib's `SAR` rules: the first direction is short if the first
 * bar-to-bar move is a −DM, else long; the SAR starts at the first bar's low (long) or high
 * (short) with the second bar's extreme as the extreme point; each bar the SAR moves
 * `af · (ep − sar)` toward the extreme point, `af` growing by `step` up to `max` with every new
 * extreme, and never inside the last two bars' range; touching it reverses the trend. The value at
 * index i is the SAR for bar i (computed from the bars before). First value at index 1.
 * `options.out`: a column to write into and return instead of allocating one (see
 * {@link ColumnOutput}).
 */
export function psar(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  options: PsarOptions & ColumnOutput = {},
): Float64Array {
  const { step, max } = resolve(options);
  const columns = { high, low };
  const n = fusedCheckLength(columns);
  // Every index from 1 on is written below: only index 0 needs its NaN (no fill pass over 8 MB).
  const out = outputColumn(options?.out, 'out', n, 1, columns);
  if (n === 0) return out;
  const firstHigh = high[0] as number;
  const firstLow = low[0] as number;
  if (isBadRange(firstHigh, firstLow)) rejectBarColumns(columns);
  if (n === 1) return out;
  // TA-Lib: short if the first bar-to-bar move is a -DM; the second bar is its own "previous"
  // (bar 1 is checked by the first chunk, before any of this reaches the output).
  const h = high[1] as number;
  const l = low[1] as number;
  const isLong = !(firstLow - l > 0 && h - firstHigh < firstLow - l);
  const state = new Float64Array(BATCH_SLOTS);
  state[LONG] = isLong ? 1 : 0;
  state[SAR] = isLong ? firstLow : firstHigh;
  state[EP] = isLong ? h : l;
  state[AF] = step;
  state[HIGH] = h;
  state[LOW] = l;
  state[STEP] = step;
  state[MAX] = max;
  for (let from = 1; from < n; ) {
    const to = chunkEnd(from, 1, n);
    if (!psarChunk(state, high, low, out, from, to)) rejectBarColumns(columns);
    from = to;
  }
  return out;
}

// The batch state between chunks: the kernel's six slots, then step and max.
const STEP = 6;
const MAX = 7;
const BATCH_SLOTS = 8;

/**
 * Bars `from` to `to − 1` of {@link psar} (in chunks: see batch-chunks.ts): the kernel's arithmetic
 * on locals, the bar checks in the same pass. False at the first bad bar (the caller throws the
 * error that names it).
 */
function psarChunk(
  state: Float64Array,
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  out: Float64Array,
  from: number,
  to: number,
): boolean {
  const step = state[STEP] as number;
  const max = state[MAX] as number;
  let isLong = state[LONG] === 1;
  let sar = state[SAR] as number;
  let ep = state[EP] as number;
  let af = state[AF] as number;
  let previousHigh = state[HIGH] as number;
  let previousLow = state[LOW] as number;
  for (let i = from | 0; i < to; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    // h − l in [0, MAX_VALUE] iff both are finite and l ≤ h, but for ranges too wide for a double:
    // one subtraction and two comparisons per bar, isBadRange only then.
    const range = h - l;
    if (!(range >= 0 && range <= Number.MAX_VALUE) && isBadRange(h, l)) return false;
    if (isLong) {
      if (l <= sar) {
        isLong = false;
        sar = Math.max(ep, previousHigh, h);
        out[i] = sar;
        af = step;
        ep = l;
        sar = Math.max(sar + af * (ep - sar), previousHigh, h);
      } else {
        out[i] = sar;
        if (h > ep) {
          ep = h;
          af = Math.min(af + step, max);
        }
        sar = Math.min(sar + af * (ep - sar), previousLow, l);
      }
    } else if (h >= sar) {
      isLong = true;
      sar = Math.min(ep, previousLow, l);
      out[i] = sar;
      af = step;
      ep = h;
      sar = Math.min(sar + af * (ep - sar), previousLow, l);
    } else {
      out[i] = sar;
      if (l < ep) {
        ep = l;
        af = Math.min(af + step, max);
      }
      sar = Math.max(sar + af * (ep - sar), previousHigh, h);
    }
    previousHigh = h;
    previousLow = l;
  }
  state[LONG] = isLong ? 1 : 0;
  state[SAR] = sar;
  state[EP] = ep;
  state[AF] = af;
  state[HIGH] = previousHigh;
  state[LOW] = previousLow;
  return true;
}

/** Streaming {@link psar} over `{ high, low }`: O(1) per update. */
export class PSAR extends KernelIndicator<{ high: number; low: number }, number> {
  readonly type = 'PSAR';

  constructor(options: PsarOptions = {}) {
    const o = resolve(options);
    super(new PsarKernel(o), { inputs: ['high', 'low'], outputs: 'value' }, { ...o }, 1);
  }

  /** Restores an indicator from {@link PSAR.toJSON}. */
  static fromJSON(state: IndicatorState): PSAR {
    return new PSAR({ step: Number(state.params.step), max: Number(state.params.max) }).resume(state);
  }
}
