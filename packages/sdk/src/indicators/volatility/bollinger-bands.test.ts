import fc from 'fast-check';
import { BollingerBands as ReferenceBollingerBands } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/random.js';
import { expectCloseTo } from '../testing/compare.js';
import { priceSeries, testIndicatorContract } from '../testing/contract.js';
import { loadReferenceCloses } from '../testing/reference-data.js';
import { sma } from '../trend/sma.js';
import { BollingerBands, type BollingerBandsValue, bollingerBands } from './bollinger-bands.js';

function referenceBands(values: readonly number[], period: number, stdDev: number) {
  const reference = new ReferenceBollingerBands(period, stdDev);
  const out = { upper: [] as number[], middle: [] as number[], lower: [] as number[] };
  for (const x of values) {
    const value = reference.add(x);
    out.upper.push(value?.upper ?? Number.NaN);
    out.middle.push(value?.middle ?? Number.NaN);
    out.lower.push(value?.lower ?? Number.NaN);
  }
  return out;
}

describe('bollingerBands', () => {
  it('puts the bands stdDev population standard deviations around the SMA', () => {
    // Window [2, 4, 4, 4, 5, 5, 7, 9]: mean 5, population sd √(32/8) = 2.
    const out = bollingerBands([2, 4, 4, 4, 5, 5, 7, 9], { period: 8, stdDev: 2 });
    expect(out.middle[7]).toBe(5);
    expect(out.upper[7]).toBeCloseTo(9, 13);
    expect(out.lower[7]).toBeCloseTo(1, 13);
    expect(out.upper[6]).toBeNaN();
  });

  it('matches trading-signals on the real series and on random ones', () => {
    const rng = createRng(8);
    let price = 120;
    const walk = Array.from({ length: 3000 }, () => (price *= Math.exp(0.02 * rng.normal())));
    for (const [name, closes] of [...loadReferenceCloses(), ['random walk', walk] as const]) {
      for (const [period, stdDev] of [
        [20, 2],
        [10, 1.5],
        [1, 2],
        [50, 2.5],
      ] as const) {
        const expected = referenceBands(closes, period, stdDev);
        const out = bollingerBands(closes, { period, stdDev });
        for (const key of ['upper', 'middle', 'lower'] as const) {
          expectCloseTo(out[key], expected[key], 1e-9, `${name} ${key}(${period}, ${stdDev})`);
        }
      }
    }
    fc.assert(
      fc.property(priceSeries(150), fc.integer({ min: 1, max: 30 }), (closes, period) => {
        if (closes.length < period) return;
        const expected = referenceBands(closes, period, 2);
        const out = bollingerBands(closes, { period });
        for (const key of ['upper', 'middle', 'lower'] as const) {
          expectCloseTo(out[key], expected[key], 1e-9, `random ${key}`);
        }
      }),
    );
  });

  it('has exactly the numbers of sma as its middle band', () => {
    const closes = loadReferenceCloses().get('FTSE') as number[];
    expect(Array.from(bollingerBands(closes).middle)).toEqual(Array.from(sma(closes, 20)));
  });

  it('keeps lower ≤ middle ≤ upper with no NaN after warm-up (property)', () => {
    fc.assert(
      fc.property(
        priceSeries(),
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (closes, period, stdDev) => {
          const { upper, middle, lower } = bollingerBands(closes, { period, stdDev });
          for (let i = 0; i < closes.length; i++) {
            if (i < period - 1) {
              expect(middle[i]).toBeNaN();
              continue;
            }
            expect(Number.isFinite(middle[i])).toBe(true);
            expect(lower[i]).toBeLessThanOrEqual(middle[i] as number);
            expect(middle[i]).toBeLessThanOrEqual(upper[i] as number);
          }
        },
      ),
    );
  });

  it('refuses bad periods, negative or non-finite widths and non-finite values, naming them', () => {
    expect(() => bollingerBands([1, 2, 3], { period: 0 })).toThrow(/`period`.*at least 1/);
    expect(() => bollingerBands([1, 2, 3], { period: 2.5 })).toThrow(/`period`.*integer/);
    expect(() => bollingerBands([1, 2, 3], { stdDev: -1 })).toThrow(/`stdDev`.*at least 0/);
    expect(() => bollingerBands([1, 2, 3], { stdDev: Number.NaN })).toThrow(/`stdDev`.*finite/);
    expect(() => bollingerBands([1, Number.NaN, 3], { period: 2 })).toThrow(/`values` at index 1/);
    expect(() => new BollingerBands({ stdDev: Number.POSITIVE_INFINITY })).toThrow(/`stdDev`/);
  });
});

describe('bollingerBands options.out', () => {
  it('refuses an out column that shares memory with the values or another output, and unknown outputs', () => {
    const x = new Float64Array(50).fill(1);
    expect(() => bollingerBands(x, { period: 5, out: { middle: x } })).toThrow(
      /`out.middle`: shares memory with `values`/,
    );
    const column = new Float64Array(50);
    expect(() => bollingerBands(x, { period: 5, out: { upper: column, lower: column } })).toThrow(
      /`out.lower`: shares memory with `out.upper`/,
    );
    expect(() => bollingerBands(x, { out: { notAnOutput: column } as never })).toThrow(/`out.notAnOutput`/);
  });
});

describe('BollingerBands (streaming)', () => {
  testIndicatorContract<number, BollingerBandsValue>({
    create: () => new BollingerBands({ period: 5, stdDev: 2 }),
    restore: (state) => BollingerBands.fromJSON(state),
    batch: (inputs) => {
      const out = bollingerBands(inputs, { period: 5, stdDev: 2 });
      return [out.upper, out.middle, out.lower];
    },
    batchInto: (inputs, [upper, middle, lower]) => {
      const out = bollingerBands(inputs, { period: 5, stdDev: 2, out: { upper, middle, lower } });
      return [out.upper, out.middle, out.lower];
    },
    toVector: (value) => [value.upper, value.middle, value.lower],
    inputs: priceSeries(),
    invalidInput: Number.NaN,
    firstStableIndex: 4,
  });
});
