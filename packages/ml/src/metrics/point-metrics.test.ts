import { InvalidArgumentError } from '@da-ki/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  directionalAccuracy,
  intervalCoverage,
  mae,
  mape,
  priceMapeFromLogReturns,
  rmse,
} from './point-metrics.js';

describe('point metrics on hand-computed examples', () => {
  const actual = [1, 2, 3, 4];
  const predicted = [2, 2, 1, 4];

  it('RMSE = √((1 + 0 + 4 + 0) / 4)', () =>
    expect(rmse(actual, predicted)).toBeCloseTo(Math.sqrt(5 / 4), 15));
  it('MAE = (1 + 0 + 2 + 0) / 4', () => expect(mae(actual, predicted)).toBeCloseTo(0.75, 15));
  it('MAPE = (1/1 + 0 + 2/3 + 0) / 4', () =>
    expect(mape(actual, predicted)).toBeCloseTo((1 + 2 / 3) / 4, 15));

  it('price MAPE from log returns equals MAPE on the implied prices', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: -0.5, max: 0.5, noNaN: true }),
            fc.double({ min: -0.5, max: 0.5, noNaN: true }),
          ),
          {
            minLength: 1,
            maxLength: 30,
          },
        ),
        fc.double({ min: 1, max: 1000, noNaN: true }),
        (pairs, base) => {
          const a = pairs.map(([x]) => x);
          const p = pairs.map(([, y]) => y);
          const prices = (r: number[]) => r.map((v) => base * Math.exp(v));
          expect(priceMapeFromLogReturns(a, p)).toBeCloseTo(mape(prices(a), prices(p)), 10);
        },
      ),
    );
  });

  it('directional accuracy counts signs, skipping rows where either side is 0', () => {
    expect(directionalAccuracy([0.1, -0.2, 0.3, 0, 0.5], [0.2, 0.1, 0.1, 0.4, 0])).toBeCloseTo(2 / 3, 15);
    expect(directionalAccuracy([0.1, -0.2], [0, 0])).toBeNull();
  });

  it('interval coverage counts bounds as inside', () => {
    expect(intervalCoverage([1, 2, 3, 4], [0, 2, 3.5, 0], [1, 3, 4, 3])).toBeCloseTo(0.5, 15);
  });

  it('RMSE ≥ MAE, with equality when every error has the same size', () => {
    // |error| > 1e-100 so squares do not underflow to 0
    const error = fc
      .double({ min: -1e3, max: 1e3, noNaN: true })
      .filter((v) => v === 0 || Math.abs(v) > 1e-100);
    fc.assert(
      fc.property(fc.array(error, { minLength: 1, maxLength: 50 }), (errors) => {
        const zeros = errors.map(() => 0);
        expect(rmse(zeros, errors)).toBeGreaterThanOrEqual(mae(zeros, errors) * (1 - 1e-12));
      }),
    );
    expect(rmse([0, 0, 0], [2, -2, 2])).toBeCloseTo(mae([0, 0, 0], [2, -2, 2]), 15);
  });

  it('reject mismatched, empty, non-finite and zero-denominator input, naming the argument', () => {
    expect(() => rmse([1, 2], [1])).toThrow(/predicted/);
    expect(() => mae([], [])).toThrow(InvalidArgumentError);
    expect(() => rmse([1, Number.NaN], [1, 2])).toThrow(/actual/);
    expect(() => mape([1, 0], [1, 1])).toThrow(/MAPE is undefined/);
    expect(() => intervalCoverage([1], [2], [1])).toThrow(/above upper/);
  });
});
