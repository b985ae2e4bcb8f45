import { createRng } from '@da-ki/sdk';
import { describe, expect, it } from 'vitest';
import { forwardStackedForecasts, type StackingSplit } from './forward-stacking.js';
import { fitMetaModel } from './meta-model.js';

const options = { kind: 'nnls' as const, ridgeAlpha: 0, intercept: false, level: 0.9 };

/** A split of 40 rows: model "a" tracks the target, "b" is noise; targets realised `lag` dates after `testStart`. */
function split(testStart: number, lag: number, seed: number, bWins = false): StackingSplit {
  const rng = createRng(seed);
  const targets = Float64Array.from({ length: 40 }, () => rng.normal());
  const predictions = Array.from(targets, (t) => {
    const good = t + 0.1 * rng.normal();
    const noise = rng.normal();
    return bWins ? Float64Array.of(noise, good) : Float64Array.of(good, noise);
  });
  return {
    testStart,
    predictions,
    targets,
    targetDates: Int32Array.from(targets, (_, i) => testStart + (i % 20) + lag),
  };
}

describe('forwardStackedForecasts', () => {
  it('scores no split without earlier rows realised before it', () => {
    const result = forwardStackedForecasts(['a', 'b'], [split(0, 10, 1), split(20, 10, 2)], options);
    // split 2 starts at 20; split 1's targets land on 10…29: only those before 20 count
    expect(result[0]).toBeUndefined();
    expect(result[1]?.trainingRows).toBe(20);
  });

  it('fits split k only on earlier rows whose targets were realised before split k starts', () => {
    // split 2's outcomes would flip the weights to model "b" if they leaked into split 3's meta-model
    const splits = [split(0, 5, 3), split(20, 30, 4, true), split(40, 5, 5)];
    const [, , third] = forwardStackedForecasts(['a', 'b'], splits, options);
    const first = splits[0] as StackingSplit;
    const expected = fitMetaModel(['a', 'b'], first.predictions, Float64Array.from(first.targets), 'nnls');
    expect(third?.trainingRows).toBe(40);
    expect(third?.meta.weights).toEqual(expected.weights);
    expect(third?.meta.weights[0]).toBeGreaterThan(0.8);
    expect(Array.from(third?.forecasts ?? [])).toEqual(
      (splits[2] as StackingSplit).predictions.map(
        (row) => expected.weights[0]! * row[0]! + expected.weights[1]! * row[1]!,
      ),
    );
    expect(third?.radius).toBeGreaterThan(0);
  });
});
