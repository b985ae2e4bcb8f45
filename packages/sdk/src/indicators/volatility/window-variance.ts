import { InvalidArgumentError } from '../../data/errors.js';
import { decodeNumbers, encodeNumbers } from '../state.js';

// Layout of the state array: two accumulators (the window's, and the current block's) of Σd and
// Σd² as double-doubles (high, low), with d = x − anchor; then the number of values in the block.
const SUM_HIGH = 0;
const SQUARES_HIGH = 2;
const ANCHOR = 4;
const ACCUMULATOR_LENGTH = 5;
const WINDOW = 0;
const BLOCK = ACCUMULATOR_LENGTH;
const BLOCK_COUNT = 2 * ACCUMULATOR_LENGTH;
const STATE_LENGTH = BLOCK_COUNT + 1;

/** Dekker's splitter 2^27 + 1: splits a double into two 26-bit halves for an exact product. */
const SPLITTER = 134217729;

/** Rounding error of `a · b` (Dekker's TwoProduct without FMA): a · b = fl(a · b) + error exactly. */
function productError(a: number, b: number, product: number): number {
  let c = SPLITTER * a;
  const aHigh = c - (c - a);
  const aLow = a - aHigh;
  c = SPLITTER * b;
  const bHigh = c - (c - b);
  const bLow = b - bHigh;
  return aHigh * bHigh - product + aHigh * bLow + aLow * bHigh + aLow * bLow;
}

/**
 * state[i], state[i+1] += high + low in double-double arithmetic: the high parts are added exactly
 * (TwoSum), the low parts in plain double. Its absolute error, ~2^-106 of the operands, is what the
 * window sums need (the "accurate" variant only adds relative accuracy under cancellation).
 */
function addDoubleDouble(state: Float64Array, i: number, high: number, low: number): void {
  const aHigh = state[i] as number;
  const sum = aHigh + high;
  const virtual = sum - aHigh;
  const error = aHigh - (sum - virtual) + (high - virtual) + ((state[i + 1] as number) + low);
  const result = sum + error;
  state[i] = result;
  state[i + 1] = error - (result - sum);
}

/** Adds (sign = 1) or removes (sign = −1) `x` in the accumulator starting at `offset`. */
function accumulate(state: Float64Array, offset: number, x: number, sign: number): void {
  const d = x - (state[offset + ANCHOR] as number);
  const square = d * d;
  addDoubleDouble(state, offset + SUM_HIGH, sign * d, 0);
  addDoubleDouble(state, offset + SQUARES_HIGH, sign * square, sign * productError(d, d, square));
}

/**
 * Sum of squared deviations from the mean (M2) of a sliding window of `period` values, O(1) per
 * value — the numeric core of `rollingStd` and `bollingerBands`, shared so that batch and
 * streaming forms run the very same arithmetic.
 *
 * Why not running sums of x and x² in doubles (TA-Lib's VAR)? At prices near 1e6 with a spread of
 * 1e-3 the two sums agree in their first 15 digits and their difference is noise; and a windowed
 * Welford update, though far better, still accumulates rounding over the whole history, which
 * surfaces as a small nonzero spread on a flat window right after a jump. Here instead:
 * - values are taken relative to an anchor, a recent value: d = x − anchor is exact for nearby
 *   prices (Sterbenz), so the sums only carry the digits that vary;
 * - Σd and Σd² are kept in double-double (~106 bits) with d² formed exactly (TwoProduct): a value
 *   leaving the window subtracts what it added, so the sums do not drift;
 * - the anchor follows the price: a second accumulator, anchored at the first value of each block
 *   of `period` consecutive values, only adds; when the block is complete it *is* the window and
 *   takes over, so d never spans more than two windows of price movement;
 * - M2 = (n·Σd² − (Σd)²) / n in double-double, rounded once at the end.
 */
export class WindowVariance {
  private state = new Float64Array(STATE_LENGTH).fill(0);

  constructor(readonly period: number) {
    this.state[WINDOW + ANCHOR] = Number.NaN;
  }

  /** Adds `entering`; removes `leaving` unless it is NaN (the window is still filling). */
  push(entering: number, leaving: number): void {
    const state = this.state;
    if (state[BLOCK_COUNT] === 0) {
      state.fill(0, BLOCK, BLOCK + ACCUMULATOR_LENGTH);
      state[BLOCK + ANCHOR] = entering;
    }
    accumulate(state, BLOCK, entering, 1);
    if (++(state[BLOCK_COUNT] as number) === this.period) {
      // The block is the window now: it takes over, with its fresher anchor.
      state.copyWithin(WINDOW, BLOCK, BLOCK + ACCUMULATOR_LENGTH);
      state[BLOCK_COUNT] = 0;
      return;
    }
    if (Number.isNaN(state[WINDOW + ANCHOR])) state[WINDOW + ANCHOR] = entering;
    accumulate(state, WINDOW, entering, 1);
    if (!Number.isNaN(leaving)) accumulate(state, WINDOW, leaving, -1);
  }

  /** Σ (x − mean)² over the `count` values in the window (never negative). */
  sumOfSquares(count: number): number {
    const state = this.state;
    // n·Σd², exact to double-double precision.
    const squaresHigh = state[WINDOW + SQUARES_HIGH] as number;
    const scaledHigh = count * squaresHigh;
    const scaledLow =
      productError(count, squaresHigh, scaledHigh) + count * (state[WINDOW + SQUARES_HIGH + 1] as number);
    // (Σd)².
    const sumHigh = state[WINDOW + SUM_HIGH] as number;
    const squareHigh = sumHigh * sumHigh;
    const squareLow =
      productError(sumHigh, sumHigh, squareHigh) + 2 * sumHigh * (state[WINDOW + SUM_HIGH + 1] as number);
    // n·M2 = n·Σd² − (Σd)²: the large parts cancel exactly, the low parts carry what is left.
    const m2 = (scaledHigh - squareHigh + (scaledLow - squareLow)) / count;
    return Math.max(m2, 0);
  }

  /** Copies another instance's state (for undo). */
  copyFrom(other: WindowVariance): void {
    this.state.set(other.state);
  }

  /** JSON form. */
  toJSON(): Record<string, unknown> {
    return { period: this.period, state: encodeNumbers(this.state) };
  }

  /** Restores a state written by {@link WindowVariance.toJSON}. */
  static fromJSON(json: Record<string, unknown>): WindowVariance {
    const restored = new WindowVariance(Number(json?.period));
    const state = decodeNumbers(json?.state);
    if (state.length !== STATE_LENGTH) throw new InvalidArgumentError('state', 'malformed window variance');
    restored.state.set(state);
    return restored;
  }
}
