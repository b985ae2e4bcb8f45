import { InvalidArgumentError } from '../data/errors.js';
import { base64DecodedLength, base64DecodeInto, base64ToBytes, bytesToBase64 } from './base64.js';
import type { CacheEntry } from './cache-store.js';

// The wire format is plain JSON, so any store can keep it as text (Redis strings, a PostgreSQL
// `text` column) and a human can read it. JSON lacks three things cached analytics need; they are
// written as one-key tag objects whose key starts with `$`:
//   Float64Array            -> {"$f64":"<base64 of the raw little-endian IEEE 754 bytes>"}
//                              (about 10.7 characters a value instead of up to 24, and exact)
//   NaN, ±Infinity, -0      -> {"$num":"NaN" | "Infinity" | "-Infinity" | "-0"}
// so that no user key can be mistaken for a tag, user keys starting with `$` get one more `$`
// (`$x` -> `$$x`) on the way in and lose it on the way out.
const F64_TAG = '$f64';
const NUM_TAG = '$num';
const DOLLAR = 36;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Encodes a cache value as a JSON string that {@link decodeCacheValue} turns back into an equal
 * value: `Float64Array`s (bit for bit, NaN and -0 included) anywhere inside JSON data, non-finite
 * numbers and -0 too. As in `JSON.stringify`, object properties that are `undefined` or functions
 * are dropped and `Date`s become ISO strings. Other typed arrays, `Map`, `Set`, `bigint`, circular
 * structures and a top-level `undefined` are refused with an {@link InvalidArgumentError}.
 */
export function encodeCacheValue(value: unknown): string {
  if (value === undefined) throw new InvalidArgumentError('value', 'undefined cannot be cached');
  try {
    return JSON.stringify(value, tagSpecialValues);
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw error;
    throw new InvalidArgumentError('value', `cannot be encoded: ${(error as Error).message}`);
  }
}

/** Decodes a string written by {@link encodeCacheValue}; throws {@link InvalidArgumentError} on foreign text. */
export function decodeCacheValue(text: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InvalidArgumentError('text', `not an encoded cache value: ${(error as Error).message}`);
  }
  return untag(parsed);
}

/** Encodes a whole {@link CacheEntry} (value and lifetime) as one string, for stores that keep one blob per key. */
export function encodeCacheEntry(entry: CacheEntry): string {
  if (entry.value === undefined) throw new InvalidArgumentError('entry.value', 'undefined cannot be cached');
  return encodeCacheValue(
    entry.staleAt === undefined
      ? { e: entry.expiresAt, v: entry.value }
      : { e: entry.expiresAt, s: entry.staleAt, v: entry.value },
  );
}

/** Decodes a string written by {@link encodeCacheEntry}. */
export function decodeCacheEntry(text: string): CacheEntry {
  const decoded = decodeCacheValue(text) as { e?: unknown; s?: unknown; v?: unknown } | null;
  if (
    typeof decoded !== 'object' ||
    decoded === null ||
    typeof decoded.e !== 'number' ||
    !('v' in decoded) ||
    (decoded.s !== undefined && typeof decoded.s !== 'number')
  ) {
    throw new InvalidArgumentError('text', 'is not an encoded cache entry ({e, s?, v})');
  }
  return decoded.s === undefined
    ? { value: decoded.v, expiresAt: decoded.e }
    : { value: decoded.v, expiresAt: decoded.e, staleAt: decoded.s as number };
}

// Base64 of the little-endian IEEE 754 bytes of `values`, the `$f64` payload.
function float64ToBase64(values: Float64Array): string {
  if (LITTLE_ENDIAN)
    return bytesToBase64(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
  return bytesToBase64(bytes);
}

function base64ToFloat64(text: string): Float64Array {
  const byteLength = base64DecodedLength(text);
  if (byteLength % 8 !== 0) {
    throw new InvalidArgumentError('$f64', `${byteLength} bytes is not a whole number of float64 values`);
  }
  const values = new Float64Array(byteLength / 8);
  if (LITTLE_ENDIAN) {
    base64DecodeInto(text, new Uint8Array(values.buffer));
  } else {
    const view = new DataView(base64ToBytes(text).buffer);
    for (let i = 0; i < values.length; i++) values[i] = view.getFloat64(i * 8, true);
  }
  return values;
}

function tagSpecialValues(key: string, value: unknown): unknown {
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0) ? value : { [NUM_TAG]: numberName(value) };
    case 'bigint':
      throw new InvalidArgumentError(describeKey(key), 'bigint cannot be cached; convert it to a string');
    case 'object':
      break;
    default:
      return value;
  }
  if (value === null || Array.isArray(value)) return value;
  if (value instanceof Float64Array) return { [F64_TAG]: float64ToBase64(value) };
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    throw new InvalidArgumentError(
      describeKey(key),
      `${value.constructor.name} cannot be cached; use a Float64Array`,
    );
  }
  if (value instanceof Map || value instanceof Set) {
    throw new InvalidArgumentError(
      describeKey(key),
      `${value.constructor.name} cannot be cached; use a plain object or array`,
    );
  }
  return hasDollarKey(value as object) ? renameKeys(value as Record<string, unknown>, addDollar) : value;
}

function untag(node: unknown): unknown {
  if (typeof node !== 'object' || node === null) return node;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) node[i] = untag(node[i]);
    return node;
  }
  const record = node as Record<string, unknown>;
  const f64 = record[F64_TAG];
  if (typeof f64 === 'string') return base64ToFloat64(f64);
  const num = record[NUM_TAG];
  if (typeof num === 'string') return parseNumberName(num);
  let escaped = false;
  for (const key in record) {
    if (key.charCodeAt(0) === DOLLAR) {
      if (key.charCodeAt(1) !== DOLLAR)
        throw new InvalidArgumentError('text', `unknown tag ${JSON.stringify(key)}`);
      escaped = true;
    }
    const child = record[key];
    const decoded = untag(child);
    if (decoded !== child) defineData(record, key, decoded);
  }
  return escaped ? renameKeys(record, removeDollar) : record;
}

function numberName(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return '-0';
}

function parseNumberName(name: string): number {
  switch (name) {
    case 'NaN':
      return Number.NaN;
    case 'Infinity':
      return Number.POSITIVE_INFINITY;
    case '-Infinity':
      return Number.NEGATIVE_INFINITY;
    case '-0':
      return -0;
    default:
      throw new InvalidArgumentError('text', `unknown number ${JSON.stringify(name)} in a $num tag`);
  }
}

function hasDollarKey(value: object): boolean {
  for (const key in value) if (key.charCodeAt(0) === DOLLAR) return true;
  return false;
}

const addDollar = (key: string): string => (key.charCodeAt(0) === DOLLAR ? `$${key}` : key);
const removeDollar = (key: string): string => (key.charCodeAt(0) === DOLLAR ? key.slice(1) : key);

function renameKeys(
  record: Record<string, unknown>,
  rename: (key: string) => string,
): Record<string, unknown> {
  const renamed: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    defineData(renamed, rename(key), record[key]);
  }
  return renamed;
}

// defineProperty, not assignment: a key named `__proto__` must stay data, not become a prototype.
function defineData(record: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

function describeKey(key: string): string {
  return key === '' ? 'value' : `value.${key}`;
}
