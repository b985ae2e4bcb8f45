import { InvalidArgumentError } from '../../data/errors.js';
import { assertFiniteNumber, assertFiniteSeries, assertPeriod, fusedSeriesLength } from '../args.js';
import { chunkEnd } from '../batch-chunks.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import type { IndicatorState } from '../state.js';

/** Options of {@link t3}. */
export interface T3Options {
  /** Period of each of the six EMAs (default 5). */
  period?: number;
  /** Tillson's volume factor a, 0 … 1 (default 0.7). */
  volumeFactor?: number;
}

function resolve(options: T3Options): Required<T3Options> {
  const { period = 5, volumeFactor = 0.7 } = options ?? {};
  assertPeriod('period', period);
  assertFiniteNumber('volumeFactor', volumeFactor);
  if (volumeFactor < 0 || volumeFactor > 1)
    throw new InvalidArgumentError('volumeFactor', `must be within [0, 1], got ${volumeFactor}`);
  return { period, volumeFactor };
}

// Slots of one EMA stage (as a kernel-parts `Ema` lays them out): inputs seen, seed sum, average.
const COUNT = 0;
const SUM = 1;
const VALUE = 2;
const STAGE = 3;

class T3Kernel extends Kernel {
  // The six EMAs' slots in the order six `Ema` parts would take them (states saved by earlier
  // versions load unchanged), read and written here directly: one update was 55 ns through six
  // `Ema.next` calls, most of a streaming update.
  private readonly s: Float64Array;
  private readonly period: number;
  private readonly alpha: number;
  private readonly c: [number, number, number, number];

  constructor({ period, volumeFactor: a }: Required<T3Options>) {
    super(1);
    this.s = new Slots(this, 6 * STAGE).v;
    for (let k = 0; k < 6; k++) this.s[k * STAGE + VALUE] = Number.NaN;
    this.period = period;
    this.alpha = 2 / (period + 1);
    this.c = coefficients(a);
  }

  step(x: number): void {
    const s = this.s;
    const period = this.period;
    // Once the sixth EMA is seeded every stage is past its seed: the chain unrolled (the same
    // operations as `Ema.next`, including its stop at a NaN average).
    if ((s[5 * STAGE + COUNT] as number) >= period) {
      const alpha = this.alpha;
      s[COUNT] = (s[COUNT] as number) + 1;
      const e1 = (x - (s[VALUE] as number)) * alpha + (s[VALUE] as number);
      s[VALUE] = e1;
      if (Number.isNaN(e1)) return;
      s[STAGE + COUNT] = (s[STAGE + COUNT] as number) + 1;
      const e2 = (e1 - (s[STAGE + VALUE] as number)) * alpha + (s[STAGE + VALUE] as number);
      s[STAGE + VALUE] = e2;
      if (Number.isNaN(e2)) return;
      s[2 * STAGE + COUNT] = (s[2 * STAGE + COUNT] as number) + 1;
      const e3 = (e2 - (s[2 * STAGE + VALUE] as number)) * alpha + (s[2 * STAGE + VALUE] as number);
      s[2 * STAGE + VALUE] = e3;
      if (Number.isNaN(e3)) return;
      s[3 * STAGE + COUNT] = (s[3 * STAGE + COUNT] as number) + 1;
      const e4 = (e3 - (s[3 * STAGE + VALUE] as number)) * alpha + (s[3 * STAGE + VALUE] as number);
      s[3 * STAGE + VALUE] = e4;
      if (Number.isNaN(e4)) return;
      s[4 * STAGE + COUNT] = (s[4 * STAGE + COUNT] as number) + 1;
      const e5 = (e4 - (s[4 * STAGE + VALUE] as number)) * alpha + (s[4 * STAGE + VALUE] as number);
      s[4 * STAGE + VALUE] = e5;
      if (Number.isNaN(e5)) return;
      s[5 * STAGE + COUNT] = (s[5 * STAGE + COUNT] as number) + 1;
      const e6 = (e5 - (s[5 * STAGE + VALUE] as number)) * alpha + (s[5 * STAGE + VALUE] as number);
      s[5 * STAGE + VALUE] = e6;
      if (Number.isNaN(e6)) return;
      const [c1, c2, c3, c4] = this.c;
      this.out[0] = c1 * e6 + c2 * e5 + c3 * e4 + c4 * e3;
      return;
    }
    let value = x;
    for (let k = 0; k < 6; k++) {
      value = this.next(k * STAGE, value);
      if (Number.isNaN(value)) return;
    }
    const [c1, c2, c3, c4] = this.c;
    this.out[0] =
      c1 * value +
      c2 * (s[4 * STAGE + VALUE] as number) +
      c3 * (s[3 * STAGE + VALUE] as number) +
      c4 * (s[2 * STAGE + VALUE] as number);
  }

  /** `Ema.next` of the stage at slot `at` (SMA-seeded): the average, NaN while it is warming up. */
  private next(at: number, x: number): number {
    const s = this.s;
    const count = (s[at + COUNT] as number) + 1;
    s[at + COUNT] = count;
    if (count < this.period) {
      s[at + SUM] = (s[at + SUM] as number) + x;
      return Number.NaN;
    }
    const v =
      count === this.period
        ? ((s[at + SUM] as number) + x) / this.period
        : (x - (s[at + VALUE] as number)) * this.alpha + (s[at + VALUE] as number);
    s[at + VALUE] = v;
    return v;
  }
}

/**
 * Tillson's T3, as TA-Lib's `T3`: six EMAs in a chain (each SMA-seeded on the first `period`
 * values of its input), combined as `c1·e6 + c2·e5 + c3·e4 + c4·e3` with `c1 = −a³`,
 * `c2 = 3a² + 3a³`, `c3 = −6a² − 3a − 3a³`, `c4 = 1 + 3a + a³ + 3a²`. First value at index
 * `6 · (period − 1)`.
 * `options.out`: a column to write into and return instead of allocating one (see
 * {@link ColumnOutput}).
 */
export function t3(values: ArrayLike<number>, options: T3Options & ColumnOutput = {}): Float64Array {
  const { period, volumeFactor } = resolve(options);
  const n = fusedSeriesLength('values', values);
  // The kernel's arithmetic (six chained SMA-seeded EMAs) on locals, the finiteness check in the
  // same pass: the same bits, without a stage loop over state arrays per bar.
  const first = 6 * (period - 1);
  const out = outputColumn(options?.out, 'out', n, first, { values });
  const alpha = 2 / (period + 1);
  const [k0, k1, k2, k3] = coefficients(volumeFactor);
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let c4 = 0;
  let c5 = 0;
  let c6 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  let s6 = 0;
  let e1 = Number.NaN;
  let e2 = Number.NaN;
  let e3 = Number.NaN;
  let e4 = Number.NaN;
  let e5 = Number.NaN;
  let e6 = Number.NaN;
  // The warm-up, up to the bar that seeds the sixth EMA (the first output).
  const seeded = Math.min(n, first + 1);
  for (let i = 0; i < seeded; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN or ±Infinity: the error names the index
    if (++c1 < period) {
      s1 += x;
      continue;
    }
    e1 = c1 === period ? (s1 + x) / period : (x - e1) * alpha + e1;
    if (++c2 < period) {
      s2 += e1;
      continue;
    }
    e2 = c2 === period ? (s2 + e1) / period : (e1 - e2) * alpha + e2;
    if (++c3 < period) {
      s3 += e2;
      continue;
    }
    e3 = c3 === period ? (s3 + e2) / period : (e2 - e3) * alpha + e3;
    if (++c4 < period) {
      s4 += e3;
      continue;
    }
    e4 = c4 === period ? (s4 + e3) / period : (e3 - e4) * alpha + e4;
    if (++c5 < period) {
      s5 += e4;
      continue;
    }
    e5 = c5 === period ? (s5 + e4) / period : (e4 - e5) * alpha + e5;
    if (++c6 < period) {
      s6 += e5;
      continue;
    }
    e6 = c6 === period ? (s6 + e5) / period : (e5 - e6) * alpha + e6;
    out[i] = k0 * e6 + k1 * e5 + k2 * e4 + k3 * e3;
  }
  if (seeded === n) return out;
  // Every stage seeded: the steady state, in chunks (see batch-chunks.ts).
  const state = Float64Array.of(e1, e2, e3, e4, e5, e6, alpha, k0, k1, k2, k3);
  for (let from = seeded; from < n; ) {
    const to = chunkEnd(from, seeded, n);
    if (!t3Chunk(state, values, out, from, to)) assertFiniteSeries('values', values);
    from = to;
  }
  return out;
}

/**
 * Values `from` to `to − 1` of {@link t3} once all six EMAs are seeded; `state` holds the six
 * averages, α and the four weights. False at the first non-finite value.
 */
function t3Chunk(
  state: Float64Array,
  values: ArrayLike<number>,
  out: Float64Array,
  from: number,
  to: number,
): boolean {
  let e1 = state[0] as number;
  let e2 = state[1] as number;
  let e3 = state[2] as number;
  let e4 = state[3] as number;
  let e5 = state[4] as number;
  let e6 = state[5] as number;
  const alpha = state[6] as number;
  const k0 = state[7] as number;
  const k1 = state[8] as number;
  const k2 = state[9] as number;
  const k3 = state[10] as number;
  for (let i = from | 0; i < to; i++) {
    const x = values[i] as number;
    if (x - x !== 0) return false;
    e1 = (x - e1) * alpha + e1;
    e2 = (e1 - e2) * alpha + e2;
    e3 = (e2 - e3) * alpha + e3;
    e4 = (e3 - e4) * alpha + e4;
    e5 = (e4 - e5) * alpha + e5;
    e6 = (e5 - e6) * alpha + e6;
    out[i] = k0 * e6 + k1 * e5 + k2 * e4 + k3 * e3;
  }
  state[0] = e1;
  state[1] = e2;
  state[2] = e3;
  state[3] = e4;
  state[4] = e5;
  state[5] = e6;
  return true;
}

/** Tillson's weights of e6, e5, e4 and e3 for the volume factor `a`. */
function coefficients(a: number): [number, number, number, number] {
  const a2 = a * a;
  const a3 = a2 * a;
  return [-a3, 3 * a2 + 3 * a3, -6 * a2 - 3 * a - 3 * a3, 1 + 3 * a + a3 + 3 * a2];
}

/** Streaming {@link t3}: O(1) per update, same numbers as the batch function. */
export class T3 extends KernelIndicator<number, number> {
  readonly type = 'T3';
  readonly period: number;

  constructor(options: T3Options = {}) {
    const resolved = resolve(options);
    super(
      new T3Kernel(resolved),
      { inputs: 'value', outputs: 'value' },
      { ...resolved },
      6 * (resolved.period - 1),
    );
    this.period = resolved.period;
  }

  /** Restores an indicator from {@link T3.toJSON}. */
  static fromJSON(state: IndicatorState): T3 {
    const { period, volumeFactor } = state.params;
    return new T3({ period: Number(period), volumeFactor: Number(volumeFactor) }).resume(state);
  }
}
