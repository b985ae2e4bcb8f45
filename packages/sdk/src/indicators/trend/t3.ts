import { InvalidArgumentError } from '../../data/errors.js';
import {
  assertFiniteNumber,
  assertFiniteSeries,
  assertPeriod,
  fusedSeriesLength,
  warmUpArray,
} from '../args.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Ema } from '../kernel-parts.js';
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

class T3Kernel extends Kernel {
  private readonly emas: Ema[] = [];
  private readonly c: [number, number, number, number];

  constructor({ period, volumeFactor: a }: Required<T3Options>) {
    super(1);
    for (let k = 0; k < 6; k++) this.emas.push(new Ema(this, period));
    this.c = coefficients(a);
  }

  step(x: number): void {
    let value = x;
    const e = this.emas;
    for (let k = 0; k < 6; k++) {
      value = (e[k] as Ema).next(value);
      if (Number.isNaN(value)) return;
    }
    const [c1, c2, c3, c4] = this.c;
    this.out[0] = c1 * value + c2 * (e[4] as Ema).value + c3 * (e[3] as Ema).value + c4 * (e[2] as Ema).value;
  }
}

/**
 * Tillson's T3, as TA-Lib's `T3`: six EMAs in a chain (each SMA-seeded on the first `period`
 * values of its input), combined as `c1·e6 + c2·e5 + c3·e4 + c4·e3` with `c1 = −a³`,
 * `c2 = 3a² + 3a³`, `c3 = −6a² − 3a − 3a³`, `c4 = 1 + 3a + a³ + 3a²`. First value at index
 * `6 · (period − 1)`.
 */
export function t3(values: ArrayLike<number>, options: T3Options = {}): Float64Array {
  const { period, volumeFactor } = resolve(options);
  const n = fusedSeriesLength('values', values);
  // The kernel's arithmetic (six chained `Ema` parts) unrolled on locals, the finiteness check in
  // the same pass: the same bits, without a stage loop over state arrays per bar.
  const out = warmUpArray(n, 6 * (period - 1));
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
  for (let i = 0; i < n; i++) {
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
  return out;
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
