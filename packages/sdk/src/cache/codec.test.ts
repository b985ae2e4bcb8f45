import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadReferenceCloses } from '../indicators/testing/reference-data.js';
import { decodeCacheEntry, decodeCacheValue, encodeCacheEntry, encodeCacheValue } from './codec.js';

/** Deep equality that is stricter than toEqual: Object.is for numbers, bit-exact Float64Arrays. */
function expectSameValue(actual: unknown, expected: unknown, path = 'value'): void {
  if (expected instanceof Float64Array) {
    expect(actual, path).toBeInstanceOf(Float64Array);
    const a = actual as Float64Array;
    expect(a.length, `${path}.length`).toBe(expected.length);
    const bytesA = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const bytesE = new Uint8Array(expected.buffer, expected.byteOffset, expected.byteLength);
    expect(Buffer.compare(bytesA, bytesE), `${path} bytes`).toBe(0);
    return;
  }
  if (typeof expected === 'number') {
    expect(Object.is(actual, expected), `${path}: ${String(actual)} vs ${String(expected)}`).toBe(true);
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, `${path}.length`).toBe(expected.length);
    expected.forEach((item, i) => {
      expectSameValue((actual as unknown[])[i], item, `${path}[${i}]`);
    });
    return;
  }
  if (typeof expected === 'object' && expected !== null) {
    expect(typeof actual === 'object' && actual !== null && !Array.isArray(actual), path).toBe(true);
    expect(Object.getPrototypeOf(actual), `${path} prototype`).toBe(Object.prototype);
    const record = actual as Record<string, unknown>;
    expect(Object.keys(record).sort(), `${path} keys`).toEqual(Object.keys(expected).sort());
    for (const key of Object.keys(expected)) {
      expectSameValue(record[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
    }
    return;
  }
  expect(actual, path).toBe(expected);
}

const special = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0);
const awkwardKey = fc.oneof(
  fc.string(),
  fc.string().map((s) => `$${s}`),
  fc.constantFrom('$f64', '$num', '$$f64', '$$num', '$', '$$', '__proto__', 'constructor', 'e', 's', 'v'),
);
const { cacheValue } = fc.letrec<{ leaf: unknown; cacheValue: unknown }>((tie) => ({
  leaf: fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.double(),
    special,
    fc.float64Array({ maxLength: 40 }),
    fc.float64Array({ maxLength: 8 }).map((values) => Float64Array.from([...values, Number.NaN, -0])),
  ),
  cacheValue: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.array(tie('cacheValue'), { maxLength: 5 }),
    fc.dictionary(awkwardKey, tie('cacheValue'), { maxKeys: 5, noNullPrototype: true }),
  ),
}));

describe('cache value codec', () => {
  it('round-trips JSON with nested Float64Arrays exactly, NaN / ±Infinity / -0 included (property)', () => {
    fc.assert(
      fc.property(cacheValue, (value) => {
        expectSameValue(decodeCacheValue(encodeCacheValue(value)), value);
      }),
      { numRuns: 500 },
    );
  });

  it('writes plain JSON with Float64Arrays as base64 of their little-endian bytes', () => {
    const values = new Float64Array([1, -0, Number.NaN]);
    const encoded = encodeCacheValue({ close: values, n: 3 });
    const { close, n } = JSON.parse(encoded);
    expect(n).toBe(3);
    const bytes = Buffer.from(close.$f64, 'base64');
    expect(bytes.length).toBe(24);
    expect(bytes.readDoubleLE(0)).toBe(1);
    expect(Object.is(bytes.readDoubleLE(8), -0)).toBe(true);
    expect(bytes.readDoubleLE(16)).toBeNaN();
  });

  it('is compact: a real close series costs 4·⌈8n/3⌉ characters plus a fixed tag', () => {
    for (const [name, closes] of loadReferenceCloses()) {
      const series = Float64Array.from(closes);
      const encoded = encodeCacheValue(series);
      expect(encoded.length, name).toBe(4 * Math.ceil((8 * series.length) / 3) + '{"$f64":""}'.length);
      expectSameValue(decodeCacheValue(encoded), series, name);
    }
  });

  it('keeps user keys that look like tags, and __proto__ as plain data', () => {
    const value = JSON.parse('{"$f64":"not a tag","$num":"NaN","$$x":1,"__proto__":{"polluted":true}}');
    const decoded = decodeCacheValue(encodeCacheValue(value)) as Record<string, unknown>;
    expect(decoded.$f64).toBe('not a tag');
    expect(decoded.$num).toBe('NaN');
    expect(decoded.$$x).toBe(1);
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(decoded, '__proto__')?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('behaves as JSON for undefined properties, functions and Dates', () => {
    const decoded = decodeCacheValue(
      encodeCacheValue({ a: undefined, f: () => 1, at: new Date(0), list: [undefined] }),
    );
    expect(decoded).toEqual({ at: '1970-01-01T00:00:00.000Z', list: [null] });
  });

  it('refuses values no store could restore, naming the property', () => {
    expect(() => encodeCacheValue(undefined)).toThrow(/`value`: undefined cannot be cached/);
    expect(() => encodeCacheValue({ volume: new Int32Array(2) })).toThrow(
      /`value.volume`: Int32Array cannot be cached/,
    );
    expect(() => encodeCacheValue({ ids: new Map() })).toThrow(/`value.ids`: Map cannot be cached/);
    expect(() => encodeCacheValue({ big: 1n })).toThrow(/`value.big`: bigint/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => encodeCacheValue(cyclic)).toThrow(/`value`: cannot be encoded/);
  });

  it('refuses foreign or corrupt text', () => {
    expect(() => decodeCacheValue('{oops')).toThrow(/`text`: not an encoded cache value/);
    expect(() => decodeCacheValue('{"$f64":"AAAA"}')).toThrow(/3 bytes is not a whole number of float64/);
    expect(() => decodeCacheValue('{"$num":"Big"}')).toThrow(/unknown number "Big"/);
    expect(() => decodeCacheValue('{"$what":1}')).toThrow(/unknown tag "\$what"/);
  });
});

describe('cache entry codec', () => {
  it('round-trips value, expiry and staleness', () => {
    const value = { close: new Float64Array([101.5, Number.NaN]) };
    const entry = decodeCacheEntry(encodeCacheEntry({ value, expiresAt: 2_000, staleAt: 1_500 }));
    expect(entry.expiresAt).toBe(2_000);
    expect(entry.staleAt).toBe(1_500);
    expectSameValue(entry.value, value);
    const plain = decodeCacheEntry(encodeCacheEntry({ value: null, expiresAt: 5 }));
    expect(plain).toEqual({ value: null, expiresAt: 5 });
    expect('staleAt' in plain).toBe(false);
  });

  it('refuses text that is a value but not an entry', () => {
    expect(() => decodeCacheEntry(encodeCacheValue({ v: 1 }))).toThrow(/not an encoded cache entry/);
    expect(() => decodeCacheEntry(encodeCacheValue([1, 2]))).toThrow(/not an encoded cache entry/);
  });
});
