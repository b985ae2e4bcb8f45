import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageRanks, pearson, spearman } from './correlation.js';
import { icSeries, informationCoefficient, summariseIc } from './information-coefficient.js';

describe('correlations', () => {
  it('Pearson matches a hand computation', () => {
    // x = 1..5, y = 2, 4, 5, 4, 5: sxy = 6, sxx = 10, syy = 6
    expect(pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])).toBeCloseTo(6 / Math.sqrt(60), 15);
  });

  it('Spearman equals 1 − 6Σd² / (n(n² − 1)) when there are no ties', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 3, maxLength: 40 }),
        (x) => {
          const y = x.map((v, i) => (v * 7919 + i * 104729) % 1009);
          if (new Set(y).size !== y.length) return;
          const rx = averageRanks(x);
          const ry = averageRanks(y);
          const n = x.length;
          let d2 = 0;
          for (let i = 0; i < n; i++) d2 += ((rx[i] as number) - (ry[i] as number)) ** 2;
          expect(spearman(x, y)).toBeCloseTo(1 - (6 * d2) / (n * (n * n - 1)), 10);
        },
      ),
    );
  });

  it('ranks ties by their average rank, as R does', () => {
    expect(Array.from(averageRanks([10, 20, 10, 30, 20, 10]))).toEqual([2, 4.5, 2, 6, 4.5, 2]);
  });

  it('is undefined (null), not 0, for a constant side', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(spearman([1, 2, 3], [5, 5, 5])).toBeNull();
    expect(pearson([1], [2])).toBeNull();
  });

  it('Pearson is invariant to positive affine maps and flips sign with negative ones', () => {
    // integers keep 3x + 2 exact, so the property is not blurred by cancellation on tiny spreads
    const value = fc.integer({ min: -1000, max: 1000 });
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value), { minLength: 3, maxLength: 30 }), (pairs) => {
        const x = pairs.map(([a]) => a);
        const y = pairs.map(([, b]) => b);
        const r = pearson(x, y);
        if (r === null) return;
        expect(
          pearson(
            x.map((v) => 3 * v + 2),
            y,
          ),
        ).toBeCloseTo(r, 10);
        expect(
          pearson(
            x.map((v) => -v),
            y,
          ),
        ).toBeCloseTo(-r, 10);
      }),
    );
  });
});

describe('information coefficient across symbols per date', () => {
  // date 1: predicted order matches realised order exactly; date 2: reversed; date 3: too few symbols
  const dates = [1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3];
  const predicted = [0.1, 0.2, 0.3, 0.4, 0.5, 0.1, 0.2, 0.3, 0.4, 0.5, 0.1, 0.2];
  const actual = [0.01, 0.02, 0.03, 0.05, 0.09, 0.05, 0.04, 0.03, 0.02, 0.01, 0.2, 0.1];

  it('computes one cross-sectional rank IC per date with enough symbols', () => {
    const series = icSeries(dates, predicted, actual, { minCount: 5 });
    expect(Array.from(series.dates)).toEqual([1, 2]);
    expect(Array.from(series.values)).toEqual([1, -1]);
  });

  it('summarises mean, sample sd, ICIR and hit rate', () => {
    const summary = summariseIc({ dates: Float64Array.of(1, 2, 3), values: Float64Array.of(0.1, 0.3, 0.2) });
    expect(summary?.mean).toBeCloseTo(0.2, 15);
    expect(summary?.sd).toBeCloseTo(0.1, 15);
    expect(summary?.icir).toBeCloseTo(2, 12);
    expect(summary?.positiveShare).toBe(1);
    expect(informationCoefficient(dates, predicted, actual)?.mean).toBeCloseTo(0, 15);
  });

  it('is null when no date has a defined IC', () => {
    expect(informationCoefficient([1, 1, 1, 1, 1], [0, 0, 0, 0, 0], [1, 2, 3, 4, 5])).toBeNull();
  });
});
