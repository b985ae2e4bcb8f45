import { describe, expect, it } from 'vitest';
import { rsi } from './momentum/rsi.js';
import { checkOutput, outputColumn, outputColumns } from './output.js';
import { sma } from './trend/sma.js';
import { wma } from './trend/wma.js';
import { obv } from './volume/obv.js';

describe('outputColumn', () => {
  it('allocates a column with NaN over the warm-up when the caller gives none', () => {
    const column = outputColumn(undefined, 'out', 5, 2, {});
    expect(Array.from(column)).toEqual([Number.NaN, Number.NaN, 0, 0, 0]);
  });

  it("returns the caller's column with NaN written over the warm-up and the rest left to the loop", () => {
    const out = new Float64Array([1, 2, 3, 4]);
    const column = outputColumn(out, 'out', 4, 3, { values: [1, 2, 3, 4] });
    expect(column).toBe(out);
    expect(Array.from(out)).toEqual([Number.NaN, Number.NaN, Number.NaN, 4]);
  });

  it('clamps the warm-up to the column (a period longer than the series, a negative count)', () => {
    expect(Array.from(outputColumn(new Float64Array(2), 'out', 2, 10, {}))).toEqual([Number.NaN, Number.NaN]);
    expect(Array.from(outputColumn(new Float64Array(2).fill(5), 'out', 2, -3, {}))).toEqual([5, 5]);
  });

  it('refuses a column of another length, naming both lengths', () => {
    expect(() => outputColumn(new Float64Array(3), 'out', 4, 0, {})).toThrow(
      'Invalid argument `out`: has length 3 but the input has length 4',
    );
  });

  it('refuses anything but a Float64Array, naming what it got', () => {
    for (const [out, got] of [
      [new Float32Array(4), 'Float32Array'],
      [[0, 0, 0, 0], 'Array'],
      [null, 'null'],
      [4, 'number'],
    ] as const) {
      expect(() => outputColumn(out as unknown as Float64Array, 'out', 4, 0, {})).toThrow(
        `Invalid argument \`out\`: must be a Float64Array, got ${got}`,
      );
    }
  });

  it('refuses a column that overlaps an input: the same array, or a view into the same memory', () => {
    const buffer = new ArrayBuffer(8 * 10);
    const values = new Float64Array(buffer, 0, 6);
    expect(() => outputColumn(values, 'out', 6, 0, { values })).toThrow(
      'Invalid argument `out`: shares memory with `values`: pass a separate array',
    );
    // Bytes 40..87 against the input's 0..47: they share bytes 40..47.
    const overlapping = new Float64Array(buffer, 40, 5);
    expect(() =>
      outputColumn(overlapping, 'out', 5, 0, { values: values.subarray(0, 5), high: values }),
    ).toThrow(/`out`: shares memory with `high`/);
  });

  it('accepts a view of the same buffer that does not overlap, and plain-array inputs', () => {
    const buffer = new ArrayBuffer(8 * 10);
    const values = new Float64Array(buffer, 0, 5);
    const after = new Float64Array(buffer, 40, 5);
    expect(outputColumn(after, 'out', 5, 0, { values })).toBe(after);
    const out = new Float64Array(3);
    expect(outputColumn(out, 'out', 3, 0, { values: [1, 2, 3], volume: undefined })).toBe(out);
  });
});

describe('outputColumns', () => {
  const names = ['upper', 'middle', 'lower'] as const;

  it('mixes caller columns with new ones, each with its own warm-up', () => {
    const middle = new Float64Array(4).fill(9);
    const columns = outputColumns(
      { middle },
      names,
      4,
      { upper: 1, middle: 2, lower: 3 },
      { values: [1, 2, 3, 4] },
    );
    expect(columns.middle).toBe(middle);
    expect(Array.from(columns.middle)).toEqual([Number.NaN, Number.NaN, 9, 9]);
    expect(Array.from(columns.upper)).toEqual([Number.NaN, 0, 0, 0]);
    expect(Array.from(columns.lower)).toEqual([Number.NaN, Number.NaN, Number.NaN, 0]);
  });

  it('refuses two outputs that share memory, naming both', () => {
    const shared = new Float64Array(4);
    expect(() => outputColumns({ upper: shared, lower: shared }, names, 4, 0, {})).toThrow(
      'Invalid argument `out.lower`: shares memory with `out.upper`: pass a separate array',
    );
  });

  it('refuses a key that is not an output, listing the outputs', () => {
    expect(() =>
      outputColumns({ uper: new Float64Array(4) } as unknown as { upper: Float64Array }, names, 4, 0, {}),
    ).toThrow('Invalid argument `out.uper`: is not an output; the outputs are upper, middle, lower');
  });

  it('refuses an out that is not an object of columns (a lone column for a multi-output function)', () => {
    expect(() => outputColumns(5 as unknown as { upper: Float64Array }, names, 4, 0, {})).toThrow(
      'Invalid argument `out`: must be an object of columns (upper, middle, lower), got number',
    );
    expect(() =>
      outputColumns(new Float64Array(4) as unknown as { upper: Float64Array }, names, 4, 0, {}),
    ).toThrow(
      'Invalid argument `out`: must be an object of columns (upper, middle, lower), got Float64Array',
    );
  });
});

describe('checkOutput', () => {
  it('checks Int32Array outputs (candle patterns) against Float64Array inputs in the same buffer', () => {
    const buffer = new ArrayBuffer(8 * 8);
    const open = new Float64Array(buffer, 0, 4);
    const hits = new Int32Array(buffer, 32, 4);
    expect(() => checkOutput(hits, Int32Array, 'out', 4, { open })).not.toThrow();
    const clash = new Int32Array(buffer, 16, 4);
    expect(() => checkOutput(clash, Int32Array, 'out', 4, { open })).toThrow(/shares memory with `open`/);
    expect(() => checkOutput(new Float64Array(4), Int32Array, 'out', 4, { open })).toThrow(
      'must be an Int32Array, got Float64Array',
    );
  });
});

describe('the out option in the indicators', () => {
  it('tolerates a null options argument from JavaScript callers, as before the option existed', () => {
    const x = [1, 2, 3, 4, 5];
    expect(sma(x, 2, null as never)).toEqual(sma(x, 2));
    expect(wma(x, 2, null as never)).toEqual(wma(x, 2));
    expect(rsi(x, 2, null as never)).toEqual(rsi(x, 2));
    expect(obv(x, x, null as never)).toEqual(obv(x, x));
  });
});
