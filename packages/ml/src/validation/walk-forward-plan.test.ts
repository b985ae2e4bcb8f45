import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WalkForwardValidator } from './walk-forward.js';
import { minimumPlanRows, planWalkForward } from './walk-forward-plan.js';

describe('planWalkForward', () => {
  it('keeps the defaults (5 × 30 test, 252 train, gap = horizon) when they fit', () => {
    expect(planWalkForward(432, 30)).toEqual({
      nSplits: 5,
      testSize: 30,
      trainSize: 252,
      gap: 30,
      minTrainSize: 252,
      derived: false,
    });
  });

  it('derives fewer, shorter splits and a shorter training window from a short length', () => {
    // 57 usable dates: what 120 bars leave after the 33-bar feature warm-up and a 30-bar horizon
    expect(planWalkForward(57, 30)).toEqual({
      nSplits: 2,
      testSize: 5,
      trainSize: 17,
      gap: 30,
      minTrainSize: 17,
      derived: true,
    });
    const year = planWalkForward(189, 30);
    expect(year).toMatchObject({ nSplits: 5, testSize: 16, trainSize: 79, gap: 30, derived: true });
  });

  it('keeps the options given and derives only the others', () => {
    const plan = planWalkForward(87, 30, { nSplits: 3 });
    expect(plan.nSplits).toBe(3);
    expect(plan.derived).toBe(true);
    expect(plan.trainSize + plan.gap + plan.nSplits * plan.testSize).toBeLessThanOrEqual(87);
    expect(planWalkForward(87, 30, { testSize: 10 })).toMatchObject({ testSize: 10, nSplits: 2 });
    expect(planWalkForward(87, 30, { gap: 40 })).toMatchObject({ gap: 40, derived: true });
  });

  it('fails naming the options given and the numbers when they cannot fit', () => {
    expect(() => planWalkForward(87, 30, { trainSize: 252 })).toThrow(
      /`validation\.trainSize`.*trainSize 252 does not fit 87 usable dates.*252 training \+ 30 gap/,
    );
    expect(() => planWalkForward(87, 30, { nSplits: 5, testSize: 30 })).toThrow(
      /`validation\.nSplits, validation\.testSize`.*5 × 30 test/,
    );
    expect(() => planWalkForward(87, 30, { gap: 10 })).toThrow(
      /validation\.gap.*at least the horizon \(30\)/,
    );
    expect(() => planWalkForward(87, 30, { nSplits: 0 })).toThrow(/validation\.nSplits/);
  });

  it('says how many dates it needs when nothing fits', () => {
    expect(minimumPlanRows(30)).toBe(45);
    expect(() => planWalkForward(44, 30)).toThrow(/44 usable dates are too few .* need 45/);
    expect(planWalkForward(45, 30).derived).toBe(true);
  });

  it('gives, for every length in [120, 2000] and horizon in [1, 60], folds the validator accepts: inside [0, n), test after train behind the embargo, no overlap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 120, max: 2000 }), fc.integer({ min: 1, max: 60 }), (n, horizon) => {
        const plan = planWalkForward(n, horizon);
        expect(plan.gap).toBeGreaterThanOrEqual(horizon);
        const validator = new WalkForwardValidator({ ...plan, horizon });
        expect(validator.minRows).toBeLessThanOrEqual(n);
        const splits = validator.split(n);
        expect(splits).toHaveLength(plan.nSplits);
        splits.forEach(({ train, test }, k) => {
          expect(train[0]).toBeGreaterThanOrEqual(0);
          expect(test[1]).toBeLessThanOrEqual(n);
          expect(train[1] - train[0]).toBeGreaterThanOrEqual(plan.minTrainSize);
          expect(plan.minTrainSize).toBeGreaterThanOrEqual(10);
          expect(test[1] - test[0]).toBe(plan.testSize);
          // the last training row's target (row + horizon) is realised before the test window
          expect(train[1] - 1 + horizon).toBeLessThan(test[0]);
          expect(test[0] - train[1]).toBeGreaterThanOrEqual(plan.gap);
          const next = splits[k + 1];
          if (next) expect(next.test[0]).toBeGreaterThanOrEqual(test[1]);
        });
        if (!plan.derived) expect(plan).toMatchObject({ nSplits: 5, testSize: 30, trainSize: 252 });
      }),
      { numRuns: 500 },
    );
  });
});
