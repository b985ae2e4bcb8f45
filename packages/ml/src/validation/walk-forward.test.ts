import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WalkForwardValidator } from './walk-forward.js';

describe('WalkForwardValidator', () => {
  it('uses the concept defaults: 5 splits, 30-row tests, 252-row rolling training, gap = horizon = 30', () => {
    const v = new WalkForwardValidator();
    expect([v.nSplits, v.testSize, v.trainSize, v.horizon, v.gap]).toEqual([5, 30, 252, 30, 30]);
    const splits = v.split(500);
    expect(splits).toEqual([
      { train: [68, 320], test: [350, 380] },
      { train: [98, 350], test: [380, 410] },
      { train: [128, 380], test: [410, 440] },
      { train: [158, 410], test: [440, 470] },
      { train: [188, 440], test: [470, 500] },
    ]);
  });

  it('never lets a training row’s target date (row + horizon) reach its test window', () => {
    fc.assert(
      fc.property(
        fc.record({
          nSplits: fc.integer({ min: 1, max: 8 }),
          testSize: fc.integer({ min: 1, max: 40 }),
          trainSize: fc.integer({ min: 1, max: 300 }),
          horizon: fc.integer({ min: 1, max: 40 }),
          extraGap: fc.integer({ min: 0, max: 10 }),
          extraRows: fc.integer({ min: 0, max: 200 }),
        }),
        ({ nSplits, testSize, trainSize, horizon, extraGap, extraRows }) => {
          const v = new WalkForwardValidator({
            nSplits,
            testSize,
            trainSize,
            horizon,
            gap: horizon + extraGap,
          });
          const n = v.minRows + extraRows;
          const splits = v.split(n);
          expect(splits).toHaveLength(nSplits);
          for (const { train, test } of splits) {
            const lastTrainRow = train[1] - 1;
            expect(lastTrainRow + horizon).toBeLessThan(test[0]);
            expect(train[1] - train[0]).toBeGreaterThanOrEqual(v.minTrainSize);
            expect(train[1] - train[0]).toBeLessThanOrEqual(trainSize);
            expect(test[1] - test[0]).toBe(testSize);
            expect(train[0]).toBeGreaterThanOrEqual(0);
            expect(test[1]).toBeLessThanOrEqual(n);
          }
          // test windows tile the end of the series, oldest first, without overlap
          splits.forEach((s, k) => {
            expect(s.test[0]).toBe(n - (nSplits - k) * testSize);
          });
        },
      ),
    );
  });

  it('refuses a gap shorter than the horizon', () => {
    expect(() => new WalkForwardValidator({ horizon: 10, gap: 5 })).toThrow(/at least the horizon/);
  });

  it('explains how many rows it needs when the series is too short', () => {
    const v = new WalkForwardValidator({ nSplits: 2, testSize: 10, trainSize: 50, horizon: 5 });
    expect(v.minRows).toBe(50 + 5 + 20);
    expect(() => v.split(74)).toThrow(/need 75/);
    expect(v.split(75)[0]?.train).toEqual([0, 50]);
    // a shorter first window is allowed when asked for
    const lenient = new WalkForwardValidator({
      nSplits: 2,
      testSize: 10,
      trainSize: 50,
      horizon: 5,
      minTrainSize: 20,
    });
    expect(lenient.split(60)[0]).toEqual({ train: [0, 35], test: [40, 50] });
  });
});
