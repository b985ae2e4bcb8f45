import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildSectorIndex,
  columnMedian,
  groupMedians,
  groupPercentileRanks,
  percentileRanks,
} from './normalisation.js';

/** The definition, computed the slow way: mid-rank among present values, scaled to 0–100. */
function referencePercentile(values: number[], v: number): number {
  const present = values.filter((x) => !Number.isNaN(x));
  if (present.length === 1) return 50;
  const below = present.filter((x) => x < v).length;
  const equal = present.filter((x) => x === v).length;
  const midRank = below + (equal - 1) / 2; // 0-based
  return (midRank / (present.length - 1)) * 100;
}

function referenceMedian(values: number[]): number {
  const sorted = values.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const column = fc.array(
  fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true }), fc.constant(Number.NaN)),
  {
    minLength: 1,
    maxLength: 60,
  },
);

describe('percentileRanks', () => {
  it('gives the lowest value 0, the highest 100 and evenly spaced ranks between', () => {
    expect(Array.from(percentileRanks(Float64Array.of(30, 10, 20, 50, 40)))).toEqual([50, 0, 25, 100, 75]);
  });

  it('gives tied values their average rank', () => {
    expect(Array.from(percentileRanks(Float64Array.of(1, 2, 2, 3)))).toEqual([0, 50, 50, 100]);
    expect(Array.from(percentileRanks(Float64Array.of(7, 7, 7)))).toEqual([50, 50, 50]);
  });

  it('gives a lone value 50 and leaves missing values missing', () => {
    const p = percentileRanks(Float64Array.of(Number.NaN, 3, Number.NaN));
    expect(p[1]).toBe(50);
    expect(p[0]).toBeNaN();
    expect(p[2]).toBeNaN();
  });

  it('is unmoved by the size of an outlier', () => {
    const a = percentileRanks(Float64Array.of(1, 2, 3, 4));
    const b = percentileRanks(Float64Array.of(1, 2, 3, 4e12));
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('matches the mid-rank definition for any column, with infinities and ties', () => {
    fc.assert(
      fc.property(column, (values) => {
        const p = percentileRanks(Float64Array.from(values));
        values.forEach((v, i) => {
          if (Number.isNaN(v)) expect(p[i]).toBeNaN();
          else expect(p[i]).toBeCloseTo(referencePercentile(values, v), 9);
        });
      }),
    );
  });
});

describe('groupPercentileRanks and medians', () => {
  it('ranks each value within its group and reports each group median', () => {
    fc.assert(
      fc.property(
        column,
        fc.array(fc.constantFrom('A', 'B', 'C'), { minLength: 60, maxLength: 60 }),
        (values, labels) => {
          const sectors = labels.slice(0, values.length);
          const index = buildSectorIndex(sectors, Int32Array.from(sectors.keys()));
          const { percentiles, medians } = groupPercentileRanks(Float64Array.from(values), index, {
            minGroupSize: 1,
          });
          values.forEach((v, i) => {
            const peers = values.filter((_, j) => sectors[j] === sectors[i]);
            if (Number.isNaN(v)) expect(percentiles[i]).toBeNaN();
            else expect(percentiles[i]).toBeCloseTo(referencePercentile(peers, v), 9);
          });
          index.names.forEach((name, g) => {
            const expected = referenceMedian(values.filter((_, j) => sectors[j] === name));
            if (Number.isNaN(expected)) expect(medians[g]).toBeNaN();
            else expect(medians[g]).toBe(expected);
          });
          const again = groupMedians(Float64Array.from(values), index);
          expect(Array.from(again)).toEqual(Array.from(medians));
        },
      ),
    );
  });

  it('uses the fallback for groups with too few present values', () => {
    const index = buildSectorIndex(['A', 'A', 'A', 'B', 'B'], Int32Array.of(0, 1, 2, 3, 4));
    const fallback = Float64Array.of(-1, -1, -1, 11, 22);
    const { percentiles } = groupPercentileRanks(Float64Array.of(3, 1, 2, 5, Number.NaN), index, {
      minGroupSize: 2,
      fallback,
    });
    expect(Array.from(percentiles.subarray(0, 4))).toEqual([100, 0, 50, 11]);
    expect(percentiles[4]).toBeNaN();
  });

  it('takes the median over present values only', () => {
    expect(columnMedian(Float64Array.of(Number.NaN, 4, 1, 3))).toBe(3);
    expect(columnMedian(Float64Array.of(4, 1, 3, 2))).toBe(2.5);
    expect(columnMedian(Float64Array.of(Number.NaN))).toBeNaN();
  });
});

describe('buildSectorIndex', () => {
  it('numbers sectors in the canonical order and lists members ascending', () => {
    const index = buildSectorIndex(['X', 'Y', 'X', 'Z'], Int32Array.of(3, 1, 0, 2));
    expect(index.names).toEqual(['Z', 'Y', 'X']);
    expect(Array.from(index.groupOf)).toEqual([2, 1, 2, 0]);
    expect(Array.from(index.offsets)).toEqual([0, 1, 2, 4]);
    expect(Array.from(index.members)).toEqual([3, 1, 0, 2]);
  });
});
