import { InvalidArgumentError } from '@da-ki/sdk';
import type { FeatureMatrix } from './regressor.js';

/**
 * Throws unless `X` is a non-empty list of `Float64Array` rows of one width with only finite values;
 * returns the width. The WASM models abort the process on `NaN` (XGBoost) or silently mis-split
 * (CART), so the check happens before any data reaches them.
 */
export function assertFeatureMatrix(name: string, X: FeatureMatrix, expectedWidth?: number): number {
  if (!Array.isArray(X)) throw new InvalidArgumentError(name, 'must be an array of Float64Array rows');
  if (X.length === 0) throw new InvalidArgumentError(name, 'must have at least one row');
  const width = expectedWidth ?? (X[0] as Float64Array | undefined)?.length ?? 0;
  if (width === 0) throw new InvalidArgumentError(name, 'rows must have at least one column');
  for (let i = 0; i < X.length; i++) {
    const row = X[i];
    if (!(row instanceof Float64Array)) throw new InvalidArgumentError(name, 'row is not a Float64Array', i);
    if (row.length !== width) {
      throw new InvalidArgumentError(name, `row has ${row.length} columns, expected ${width}`, i);
    }
    for (let k = 0; k < width; k++) {
      const v = row[k] as number;
      if (!Number.isFinite(v))
        throw new InvalidArgumentError(name, `column ${k} is ${v}; features must be finite`, i);
    }
  }
  return width;
}

/** Throws unless `y` is a `Float64Array` of `rows` finite values. */
export function assertTargets(name: string, y: Float64Array, rows: number): void {
  if (!(y instanceof Float64Array)) throw new InvalidArgumentError(name, 'must be a Float64Array');
  if (y.length !== rows)
    throw new InvalidArgumentError(name, `has ${y.length} values but X has ${rows} rows`);
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i] as number))
      throw new InvalidArgumentError(name, `is ${y[i]}; targets must be finite`, i);
  }
}

/** Throws unless `json` is a {@link ModelJSON} of `type` at a supported `version`. */
export function assertModelJSON(
  json: unknown,
  type: string,
  version: number,
): asserts json is { type: string; version: number; data: Record<string, unknown> } {
  const candidate = json as { type?: unknown; version?: unknown; data?: unknown } | null;
  if (candidate === null || typeof candidate !== 'object')
    throw new InvalidArgumentError('json', 'must be an object');
  if (candidate.type !== type) {
    throw new InvalidArgumentError('json.type', `expected "${type}", got ${JSON.stringify(candidate.type)}`);
  }
  if (candidate.version !== version) {
    throw new InvalidArgumentError(
      'json.version',
      `${type} reads version ${version}, got ${String(candidate.version)}`,
    );
  }
  if (candidate.data === null || typeof candidate.data !== 'object') {
    throw new InvalidArgumentError('json.data', 'must be an object');
  }
}

/** Throws unless `value` is an integer in [min, max]. */
export function assertInteger(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(name, `must be an integer in [${min}, ${max}], got ${value}`);
  }
}

/** Throws unless `value` is a finite number in the open/closed range given. */
export function assertInRange(name: string, value: number, min: number, max: number, open = false): void {
  const ok = Number.isFinite(value) && (open ? value > min && value < max : value >= min && value <= max);
  if (!ok)
    throw new InvalidArgumentError(
      name,
      `must be in ${open ? '(' : '['}${min}, ${max}${open ? ')' : ']'}, got ${value}`,
    );
}
