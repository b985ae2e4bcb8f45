import { InvalidArgumentError } from '../data/errors.js';

/**
 * Serialised state of a streaming indicator: plain JSON (NaN stored as `null`), enough to resume
 * exactly where it stopped, including the undo information that `replace` needs.
 */
export interface IndicatorState {
  /** Class name, e.g. `SMA`. */
  type: string;
  /** State format version; bumped when a class changes its state layout. */
  version: 1;
  /** Constructor parameters. */
  params: Record<string, number>;
  /** Internal state; numbers encoded with {@link encodeNumbers}. */
  data: Record<string, unknown>;
}

/** JSON cannot hold NaN or ±Infinity: they become `null` (NaN) or strings. */
export function encodeNumber(value: number): number | null | string {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return null;
  return value > 0 ? 'Infinity' : '-Infinity';
}

/** Inverse of {@link encodeNumber}. */
export function decodeNumber(value: unknown): number {
  if (value === null) return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  if (typeof value === 'number') return value;
  throw new InvalidArgumentError('state', `expected a number, got ${JSON.stringify(value)}`);
}

/** Encodes a numeric array for JSON. */
export function encodeNumbers(values: ArrayLike<number>): (number | null | string)[] {
  return Array.from(values, encodeNumber);
}

/** Decodes a numeric array from JSON. */
export function decodeNumbers(values: unknown): Float64Array {
  if (!Array.isArray(values)) throw new InvalidArgumentError('state', 'expected an array of numbers');
  return Float64Array.from(values, decodeNumber);
}

/** Checks that a state belongs to the class restoring it. */
export function assertStateType(state: IndicatorState, type: string): void {
  if (state?.type !== type) {
    throw new InvalidArgumentError('state', `belongs to ${state?.type ?? 'nothing'}, not ${type}`);
  }
  if (state.version !== 1) throw new InvalidArgumentError('state', `unsupported version ${state.version}`);
}
