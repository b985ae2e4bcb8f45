import { InvalidArgumentError } from '../data/errors.js';
import { RingBuffer } from './ring-buffer.js';
import { decodeNumbers, encodeNumbers } from './state.js';

/**
 * Sum of the last `capacity` values (volumes, money flows, %K) in O(1) per push, without the
 * failures of a plain running sum (add the new value, subtract the evicted one):
 * - cancellation: when a large value leaves the window, a plain sum keeps its rounding error, which
 *   can dwarf the small values left (a volume spike, then quiet bars). The running sum here is
 *   compensated (Neumaier's variant of Kahan summation), so that error is carried, not lost;
 * - drift: the window is re-summed once every `capacity` pushes (amortised O(1)), so rounding
 *   cannot build up over millions of bars;
 * - zero: the sum is exactly 0 when every value in the window is 0 (a count of non-zero values
 *   decides it, not the rounded total), so "no volume" is detected exactly.
 * One-step `undoPush` for `replace`.
 */
export class RollingSum {
  private window: RingBuffer;
  // The sum is total + compensation.
  private total = 0;
  private compensation = 0;
  private nonZero = 0;
  private sinceResum = 0;
  // The four fields above before the latest push, for undoPush (plain fields: no allocation per push).
  private previousTotal = 0;
  private previousCompensation = 0;
  private previousNonZero = 0;
  private previousSinceResum = 0;

  constructor(readonly capacity: number) {
    this.window = new RingBuffer(capacity);
  }

  /** Number of values held (≤ capacity). */
  get length(): number {
    return this.window.length;
  }

  /** Sum of the values held; exactly 0 when all are 0. */
  get sum(): number {
    return this.nonZero === 0 ? 0 : this.total + this.compensation;
  }

  /** Adds a value, evicting the oldest once full. */
  push(value: number): void {
    this.previousTotal = this.total;
    this.previousCompensation = this.compensation;
    this.previousNonZero = this.nonZero;
    this.previousSinceResum = this.sinceResum;
    // Fullness, not NaN, says whether a value leaves: a NaN pushed earlier (an overflowed input)
    // leaves the window and its count like any other value.
    const full = this.window.isFull;
    const evicted = this.window.push(value);
    this.add(value);
    if (value !== 0) this.nonZero++;
    if (full) {
      this.add(-evicted);
      if (evicted !== 0) this.nonZero--;
    }
    if (++this.sinceResum === this.capacity) this.resum();
  }

  /** Reverts the last push (one level only). */
  undoPush(): void {
    this.window.undoPush();
    this.total = this.previousTotal;
    this.compensation = this.previousCompensation;
    this.nonZero = this.previousNonZero;
    this.sinceResum = this.previousSinceResum;
  }

  /** Neumaier's compensated addition: the rounding error of each addition goes to `compensation`. */
  private add(value: number): void {
    const total = this.total;
    const next = total + value;
    this.compensation += Math.abs(total) >= Math.abs(value) ? total - next + value : value - next + total;
    this.total = next;
  }

  private resum(): void {
    this.total = 0;
    this.compensation = 0;
    this.sinceResum = 0;
    for (let ago = this.window.length - 1; ago >= 0; ago--) this.add(this.window.get(ago));
  }

  /** JSON form, including the undo information. */
  toJSON(): Record<string, unknown> {
    return {
      window: this.window.toJSON(),
      state: encodeNumbers([this.total, this.compensation, this.nonZero, this.sinceResum]),
      previous: encodeNumbers([
        this.previousTotal,
        this.previousCompensation,
        this.previousNonZero,
        this.previousSinceResum,
      ]),
    };
  }

  /** Restores a sum written by {@link RollingSum.toJSON}. */
  static fromJSON(json: Record<string, unknown>): RollingSum {
    const window = RingBuffer.fromJSON(json.window as Record<string, unknown>);
    const sum = new RollingSum(window.capacity);
    sum.window = window;
    const quadruple = (value: unknown): [number, number, number, number] => {
      const numbers = decodeNumbers(value);
      if (numbers.length !== 4) throw new InvalidArgumentError('state', 'malformed RollingSum state');
      return [numbers[0] as number, numbers[1] as number, numbers[2] as number, numbers[3] as number];
    };
    [sum.total, sum.compensation, sum.nonZero, sum.sinceResum] = quadruple(json.state);
    [sum.previousTotal, sum.previousCompensation, sum.previousNonZero, sum.previousSinceResum] = quadruple(
      json.previous,
    );
    return sum;
  }
}

/**
 * Batch form of {@link RollingSum}: `out[i]` is the `sum` a `RollingSum(period)` holds after
 * pushing `inputs[start..i]`, bit for bit (the same compensated additions, the same re-summation
 * every `period` pushes, the same exact 0); NaN before the window is full (index
 * `start + period − 1`), as the kernels' `WindowSum`. The window is read from `inputs` itself, so
 * no ring, no undo bookkeeping and no method call per value: that is the speed of the batch
 * indicators built on window sums. A property test holds it to `RollingSum`.
 */
export function windowSums(inputs: ArrayLike<number>, period: number, start = 0): Float64Array {
  const n = inputs.length;
  const out = new Float64Array(n).fill(Number.NaN, 0, Math.min(Math.max(start + period - 1, 0), n));
  let total = 0;
  let compensation = 0;
  let nonZero = 0;
  let sinceResum = 0;
  for (let i = start; i < n; i++) {
    // RollingSum.add(value), then add(−evicted) once the window was full: Neumaier's additions.
    const value = inputs[i] as number;
    let next = total + value;
    compensation += Math.abs(total) >= Math.abs(value) ? total - next + value : value - next + total;
    total = next;
    if (value !== 0) nonZero++;
    if (i - start >= period) {
      const evicted = inputs[i - period] as number;
      const minus = -evicted;
      next = total + minus;
      compensation += Math.abs(total) >= Math.abs(minus) ? total - next + minus : minus - next + total;
      total = next;
      if (evicted !== 0) nonZero--;
    }
    if (++sinceResum === period) {
      // The window is full here (period pushes since the last re-summation): oldest first.
      total = 0;
      compensation = 0;
      sinceResum = 0;
      for (let k = i - period + 1; k <= i; k++) {
        const x = inputs[k] as number;
        const sum = total + x;
        compensation += Math.abs(total) >= Math.abs(x) ? total - sum + x : x - sum + total;
        total = sum;
      }
    }
    if (i - start >= period - 1) out[i] = nonZero === 0 ? 0 : total + compensation;
  }
  return out;
}

/**
 * `RollingSum`'s compensated addition on a state array: `state[offset]` is the running total,
 * `state[offset + 1]` the compensation (Neumaier). For batch loops that keep several window sums on
 * locals (the same bits as `RollingSum`).
 */
export function addCompensated(state: Float64Array, offset: number, value: number): void {
  const total = state[offset] as number;
  const next = total + value;
  state[offset + 1] =
    (state[offset + 1] as number) +
    (Math.abs(total) >= Math.abs(value) ? total - next + value : value - next + total);
  state[offset] = next;
}

/**
 * The rounding error of `next = total + value` by Neumaier's rule: `RollingSum`'s compensation
 * term, for batch loops that keep their window sums on locals.
 */
export function neumaierError(total: number, value: number, next: number): number {
  return Math.abs(total) >= Math.abs(value) ? total - next + value : value - next + total;
}

/**
 * `RollingSum`'s re-summation of a full window held oldest first in `window`: the total to
 * `out[offset]`, its compensation to `out[offset + 1]` (the same bits as `RollingSum`).
 */
export function resumWindow(window: Float64Array, out: Float64Array, offset = 0): void {
  let total = 0;
  let compensation = 0;
  for (let k = 0; k < window.length; k++) {
    const value = window[k] as number;
    const next = total + value;
    compensation += neumaierError(total, value, next);
    total = next;
  }
  out[offset] = total;
  out[offset + 1] = compensation;
}
