import { InvalidArgumentError } from '@da-ki/sdk';
import { describe, expect, it } from 'vitest';
import { ModelNotFittedError } from '../model/errors.js';
import { nonlinearRegression, rmseOf, sdOf } from '../testing/regression-data.js';
import { RandomForestRegressor } from './random-forest-regressor.js';

const train = nonlinearRegression(600, 4, 0.1, 11);
const test = nonlinearRegression(200, 4, 0.1, 12);

describe('RandomForestRegressor', () => {
  it('learns a nonlinear function: held-out error well below the spread of the target', async () => {
    const model = new RandomForestRegressor({
      nEstimators: 8,
      maxFeatures: 1,
      maxDepth: 8,
      minNumSamples: 5,
    });
    await model.fit(train.X, train.y);
    const predicted = await model.predict(test.X);
    expect(predicted.length).toBe(test.X.length);
    expect(rmseOf(predicted, test.signal)).toBeLessThan(0.5 * sdOf(test.signal));
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    const fitWith = async (seed: number) => {
      const model = new RandomForestRegressor({ nEstimators: 3, maxSamples: 300, seed });
      await model.fit(train.X, train.y);
      return Array.from(await model.predict(test.X));
    };
    const a = await fitWith(5);
    expect(await fitWith(5)).toEqual(a);
    expect(await fitWith(6)).not.toEqual(a);
  });

  it('round-trips through JSON text with identical predictions', async () => {
    const model = new RandomForestRegressor({ nEstimators: 3, maxSamples: 300 });
    await model.fit(train.X, train.y);
    const restored = RandomForestRegressor.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(Array.from(await restored.predict(test.X))).toEqual(Array.from(await model.predict(test.X)));
  });

  it('gives every tree at least one feature, even with few columns', async () => {
    const narrow = train.X.map((row) => row.slice(0, 2));
    const model = new RandomForestRegressor({ nEstimators: 2, maxFeatures: 0.1, maxSamples: 200 });
    await model.fit(narrow, train.y);
    const predicted = await model.predict(narrow.slice(0, 20));
    expect(predicted.every(Number.isFinite)).toBe(true);
    // with a feature to split on, the trees are not constant
    expect(new Set(predicted).size).toBeGreaterThan(1);
  });

  it('validates input and refuses to predict before fit', async () => {
    const model = new RandomForestRegressor();
    await expect(model.predict(test.X)).rejects.toBeInstanceOf(ModelNotFittedError);
    const X = [new Float64Array([1, Number.POSITIVE_INFINITY])];
    await expect(model.fit(X, new Float64Array([1]))).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(() => new RandomForestRegressor({ maxFeatures: 0 })).toThrow(/maxFeatures/);
  });
});
