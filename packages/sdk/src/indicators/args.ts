import { InvalidArgumentError } from '../data/errors.js';

/** Throws unless `value` is an integer ≥ `min` (periods, windows). */
export function assertPeriod(name: string, value: number, min = 1): void {
  if (!Number.isInteger(value)) throw new InvalidArgumentError(name, `must be an integer, got ${value}`);
  if (value < min) throw new InvalidArgumentError(name, `must be at least ${min}, got ${value}`);
}

/** Throws unless `value` is a finite number (multipliers, standard deviations). */
export function assertFiniteNumber(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidArgumentError(name, `must be a finite number, got ${value}`);
  }
}

/** Throws, naming the index, unless every value of the series is finite. */
export function assertFiniteSeries(name: string, series: ArrayLike<number>): void {
  if (series == null || typeof series.length !== 'number') {
    throw new InvalidArgumentError(name, 'must be an array of numbers');
  }
  for (let i = 0; i < series.length; i++) {
    const v = series[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InvalidArgumentError(name, `must contain only finite numbers, got ${v}`, i);
    }
  }
}

/**
 * The length of a series for a batch loop that checks the values inside its own pass: O(1) for a
 * `Float64Array` (its elements are numbers, the loop tests finiteness), the full
 * {@link assertFiniteSeries} first for any other input. The loop calls `assertFiniteSeries` on a
 * value it rejects, for the error that names the index.
 */
export function fusedSeriesLength(name: string, series: ArrayLike<number>): number {
  if (series instanceof Float64Array) return series.length;
  assertFiniteSeries(name, series);
  return series.length;
}

/** Throws unless all named series have the length of the first. */
export function assertSameLength(series: Record<string, ArrayLike<number>>): number {
  let expected: number | undefined;
  let first = '';
  for (const [name, values] of Object.entries(series)) {
    if (expected === undefined) {
      expected = values.length;
      first = name;
    } else if (values.length !== expected) {
      throw new InvalidArgumentError(
        name,
        `has length ${values.length} but \`${first}\` has length ${expected}`,
      );
    }
  }
  return expected ?? 0;
}

/**
 * A `Float64Array` of `length` with `NaN` in its first `warmUp` slots (for batch loops that write
 * every later slot themselves: one fill of the warm-up instead of the whole column).
 */
export function warmUpArray(length: number, warmUp: number): Float64Array {
  return new Float64Array(length).fill(Number.NaN, 0, Math.min(Math.max(warmUp, 0), length));
}

/** A `Float64Array` of `length` filled with `NaN` (the warm-up value of every batch indicator). */
export function nanArray(length: number): Float64Array {
  return new Float64Array(length).fill(Number.NaN);
}
