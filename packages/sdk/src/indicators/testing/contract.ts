// Test kit (not part of the public build): the contract every streaming indicator is held to.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { IndicatorState } from '../state.js';
import type { BarInput, StreamingIndicator } from '../streaming.js';

/** Describes one indicator to {@link testIndicatorContract}. */
export interface IndicatorContract<TInput, TOutput> {
  /** A fresh streaming instance. */
  create(): StreamingIndicator<TInput, TOutput>;
  /** Restores from JSON (the class's static `fromJSON`). */
  restore(state: IndicatorState): StreamingIndicator<TInput, TOutput>;
  /** The batch function over the same inputs, as one column per output field. */
  batch(inputs: readonly TInput[]): Float64Array[];
  /**
   * The batch function writing into the caller's columns (its `out` option), one per output
   * field in `batch`'s order; returns the columns it returned. `null` only where the batch side
   * is not one function with an `out` option (the candle scanner's, built from 61 functions).
   */
  batchInto: ((inputs: readonly TInput[], out: readonly Float64Array[]) => Float64Array[]) | null;
  /** Streaming output as numbers in the same field order as `batch`. */
  toVector(output: TOutput): number[];
  /** Random input series. */
  inputs: fc.Arbitrary<TInput[]>;
  /** An input the indicator must refuse. */
  invalidInput: TInput;
  /** Index of the first defined value (all outputs defined from here on, for valid input). */
  firstStableIndex: number;
}

/** Positive random-walk closes, 1..maxLength long. */
export function priceSeries(maxLength = 120): fc.Arbitrary<number[]> {
  return fc
    .array(fc.double({ min: -0.08, max: 0.08, noNaN: true }), { minLength: 1, maxLength })
    .chain((returns) =>
      fc.double({ min: 1, max: 1000, noNaN: true }).map((start) => {
        let price = start;
        return returns.map((r) => (price *= Math.exp(r)));
      }),
    );
}

/** Random but consistent OHLCV bars (low ≤ open, close ≤ high; volume ≥ 0). */
export function barSeries(maxLength = 120): fc.Arbitrary<Required<BarInput>[]> {
  return priceSeries(maxLength).chain((closes) =>
    fc
      .tuple(
        fc.array(fc.double({ min: 0, max: 0.05, noNaN: true }), {
          minLength: closes.length,
          maxLength: closes.length,
        }),
        fc.array(fc.double({ min: 0, max: 0.05, noNaN: true }), {
          minLength: closes.length,
          maxLength: closes.length,
        }),
        fc.array(fc.double({ min: -0.03, max: 0.03, noNaN: true }), {
          minLength: closes.length,
          maxLength: closes.length,
        }),
        fc.array(fc.integer({ min: 0, max: 5_000_000 }), {
          minLength: closes.length,
          maxLength: closes.length,
        }),
      )
      .map(([up, down, gap, volumes]) =>
        closes.map((close, i) => {
          const open = close * Math.exp(gap[i] as number);
          const high = Math.max(open, close) * (1 + (up[i] as number));
          const low = Math.min(open, close) * (1 - (down[i] as number));
          return { open, high, low, close, volume: volumes[i] as number };
        }),
      ),
  );
}

/**
 * Magnitudes that make an indicator's arithmetic overflow (sums and differences past ±1.8e308,
 * products to ±Infinity, then Infinity − Infinity = NaN), with zeros of both signs and tiny values.
 */
const EXTREMES = [1.7e308, -1.7e308, 1e308, 5e307, 0, -0, 1, -1, 3, 100, 1e-300];

/**
 * Series shaped like `c.inputs` (numbers, or bars with the same fields) drawn from {@link EXTREMES}:
 * each bar's values sorted into low ≤ open, close ≤ high, its volume the absolute value of a draw.
 */
function extremeSeries<TInput>(inputs: fc.Arbitrary<TInput[]>): fc.Arbitrary<TInput[]> {
  return inputs.chain((template) =>
    fc
      .array(fc.constantFrom(...EXTREMES), { minLength: template.length * 5, maxLength: template.length * 5 })
      .map((draws) =>
        template.map((input, i) => {
          const d = draws.slice(i * 5, i * 5 + 5);
          if (typeof input === 'number') return d[0] as TInput;
          const [low, open, close, high] = d.slice(0, 4).sort((a, b) => a - b) as [
            number,
            number,
            number,
            number,
          ];
          const all: Record<string, number> = { low, open, close, high, volume: Math.abs(d[4] as number) };
          return Object.fromEntries(Object.keys(input as object).map((k) => [k, all[k] as number])) as TInput;
        }),
      ),
  );
}

function expectSameVector(actual: number[], expected: number[], where: string): void {
  expect(actual.length, where).toBe(expected.length);
  for (let k = 0; k < expected.length; k++) {
    const e = expected[k] as number;
    const a = actual[k] as number;
    if (Number.isNaN(e)) expect(a, `${where} field ${k}`).toBeNaN();
    else expect(a, `${where} field ${k}`).toBe(e);
  }
}

function column(batch: Float64Array[], i: number): number[] {
  return batch.map((values) => values[i] as number);
}

/** Holds a streaming indicator to the shared contract (registers vitest `it` blocks). */
export function testIndicatorContract<TInput, TOutput>(c: IndicatorContract<TInput, TOutput>): void {
  it('update gives exactly the batch numbers at every index', () => {
    fc.assert(
      fc.property(c.inputs, (inputs) => {
        const expected = c.batch(inputs);
        const indicator = c.create();
        inputs.forEach((input, i) => {
          expectSameVector(c.toVector(indicator.update(input)), column(expected, i), `index ${i}`);
          expectSameVector(c.toVector(indicator.value), column(expected, i), `value at ${i}`);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('update gives exactly the batch numbers on magnitudes that overflow, or both refuse the series', () => {
    fc.assert(
      fc.property(extremeSeries(c.inputs), (inputs) => {
        let expected: Float64Array[];
        try {
          expected = c.batch(inputs);
        } catch {
          // A series the batch function refuses (an overflow error, a price ≤ 0): streaming refuses
          // one of its inputs too.
          const indicator = c.create();
          expect(() => {
            for (const input of inputs) indicator.update(input);
          }).toThrow();
          return;
        }
        const indicator = c.create();
        inputs.forEach((input, i) => {
          expectSameVector(c.toVector(indicator.update(input)), column(expected, i), `index ${i}`);
        });
      }),
      { numRuns: 100 },
    );
  });

  const { batchInto } = c;
  if (batchInto !== null) testBatchInto(c, batchInto);

  it('is stable exactly from its first defined value, and defined from then on', () => {
    fc.assert(
      fc.property(c.inputs, (inputs) => {
        const indicator = c.create();
        inputs.forEach((input, i) => {
          const out = c.toVector(indicator.update(input));
          expect(indicator.isStable, `isStable at ${i}`).toBe(i >= c.firstStableIndex);
          if (i >= c.firstStableIndex)
            for (const v of out) expect(Number.isFinite(v), `finite at ${i}`).toBe(true);
        });
      }),
      { numRuns: 40 },
    );
  });

  it('replace leaves exactly the state of an add-only series', () => {
    fc.assert(
      fc.property(c.inputs, c.inputs, (inputs, drafts) => {
        const addOnly = c.create();
        const revised = c.create();
        inputs.forEach((input, i) => {
          addOnly.update(input);
          // The live bar is first seen as a draft, revised, then finalised.
          revised.update(drafts[i % drafts.length] as TInput);
          revised.replace(drafts[(i + 1) % drafts.length] as TInput);
          const out = revised.replace(input);
          expectSameVector(c.toVector(out), c.toVector(addOnly.value), `after replace at ${i}`);
          expect(revised.isStable).toBe(addOnly.isStable);
          expect(revised.count).toBe(addOnly.count);
        });
      }),
      { numRuns: 40 },
    );
  });

  it('serialises to JSON and resumes with the same numbers', () => {
    fc.assert(
      fc.property(c.inputs, fc.nat(), (inputs, cut) => {
        const split = cut % (inputs.length + 1);
        const original = c.create();
        for (const input of inputs.slice(0, split)) original.update(input);
        const restored = c.restore(JSON.parse(JSON.stringify(original.toJSON())));
        expect(restored.count).toBe(original.count);
        expect(restored.isStable).toBe(original.isStable);
        expectSameVector(c.toVector(restored.value), c.toVector(original.value), 'restored value');
        if (split > 0) {
          // Undo information survives too: replace right after restoring.
          const last = inputs[split - 1] as TInput;
          expectSameVector(c.toVector(restored.replace(last)), c.toVector(original.replace(last)), 'replace');
        }
        inputs.slice(split).forEach((input, k) => {
          expectSameVector(
            c.toVector(restored.update(input)),
            c.toVector(original.update(input)),
            `update ${split + k}`,
          );
        });
      }),
      { numRuns: 40 },
    );
  });

  it('refuses invalid input and replace before any input', () => {
    const indicator = c.create();
    expect(() => indicator.replace(c.invalidInput)).toThrow(/replace/);
    expect(() => indicator.update(c.invalidInput)).toThrow(/finite|below|must/);
    expect(indicator.count).toBe(0);
  });
}

/** The `out` option of the batch function: every slot written, the caller's array returned, lengths checked. */
function testBatchInto<TInput, TOutput>(
  c: IndicatorContract<TInput, TOutput>,
  batchInto: (inputs: readonly TInput[], out: readonly Float64Array[]) => Float64Array[],
): void {
  it('batch into reused columns writes every slot: the same array back, the same bits as a fresh call', () => {
    fc.assert(
      fc.property(c.inputs, fc.constantFrom(Number.NaN, 0, -7.5e300), (inputs, leftover) => {
        const expected = c.batch(inputs);
        // Columns holding an earlier call's leftovers: a slot the batch loop skips keeps them.
        const out = expected.map(() => new Float64Array(inputs.length).fill(leftover));
        const written = batchInto(inputs, out);
        expect(written.length).toBe(expected.length);
        written.forEach((column, k) => {
          expect(column, `output ${k} is the caller's column`).toBe(out[k]);
          for (let i = 0; i < inputs.length; i++) {
            expect(Object.is(column[i], (expected[k] as Float64Array)[i]), `output ${k} at ${i}`).toBe(true);
          }
        });
      }),
      { numRuns: 40 },
    );
  });

  it('batch refuses an output column of another length, naming the option', () => {
    fc.assert(
      fc.property(c.inputs, (inputs) => {
        const fields = c.batch(inputs).length;
        for (let k = 0; k < fields; k++) {
          const out = Array.from(
            { length: fields },
            (_, j) => new Float64Array(inputs.length + (j === k ? 1 : 0)),
          );
          expect(() => batchInto(inputs, out)).toThrow(/Invalid argument `out/);
        }
      }),
      { numRuns: 5 },
    );
  });
}
