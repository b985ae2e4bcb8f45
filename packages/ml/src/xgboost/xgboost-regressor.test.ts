import { InvalidArgumentError } from '@da-ki/sdk';
import { describe, expect, it } from 'vitest';
import { ModelNotFittedError } from '../model/errors.js';
import { nonlinearRegression, rmseOf, sdOf } from '../testing/regression-data.js';
import { loadXGBoost } from './load-xgboost.js';
import { XGBoostRegressor } from './xgboost-regressor.js';

const train = nonlinearRegression(1500, 5, 0.1, 1);
const test = nonlinearRegression(300, 5, 0.1, 2);

describe('XGBoostRegressor', () => {
  it('learns a nonlinear function: held-out error well below the spread of the target', async () => {
    const model = new XGBoostRegressor({ rounds: 150, maxDepth: 4, learningRate: 0.1, minChildWeight: 1 });
    await model.fit(train.X, train.y);
    const predicted = await model.predict(test.X);
    expect(predicted).toBeInstanceOf(Float64Array);
    expect(predicted.length).toBe(test.X.length);
    expect(rmseOf(predicted, test.signal)).toBeLessThan(0.35 * sdOf(test.signal));
    model.dispose();
  });

  it('trains exactly as ml-xgboost’s own train() does, on the same WASM module', async () => {
    const { XGBoost } = await loadXGBoost();
    const options = { rounds: 15, maxDepth: 3, subsample: 0.7, seed: 9 };
    const ours = new XGBoostRegressor(options);
    await ours.fit(train.X, train.y);
    const mean = train.y.reduce((s, v) => s + v, 0) / train.y.length;
    const theirs = new XGBoost({
      booster: 'gbtree',
      objective: 'reg:linear',
      max_depth: 3,
      eta: ours.options.learningRate,
      subsample: 0.7,
      colsample_bytree: ours.options.colsampleByTree,
      min_child_weight: ours.options.minChildWeight,
      lambda: ours.options.lambda,
      base_score: 0,
      seed: 9,
      silent: 1,
      iterations: 15,
    });
    theirs.train(
      train.X.map((row) => Array.from(row)),
      Array.from(train.y, (v) => v - mean),
    );
    const expected = theirs.predict(test.X.map((row) => Array.from(row))).map((v) => v + mean);
    expect(Array.from(await ours.predict(test.X))).toEqual(expected);
    theirs.free();
    ours.dispose();
  });

  it('trains on more data than ml-xgboost’s train() can pass through the 5 MB WASM stack', async () => {
    // 150 000 × 10 float32 features = 6 MB
    const big = nonlinearRegression(150_000, 10, 0.1, 5);
    const model = new XGBoostRegressor({ rounds: 3, maxDepth: 2 });
    await model.fit(big.X, big.y);
    const predicted = await model.predict(
      test.X.map((row) => Float64Array.from({ length: 10 }, (_, k) => row[k % 5] as number)),
    );
    expect(predicted.every(Number.isFinite)).toBe(true);
    model.dispose();
  });

  it('starts boosting from the mean target, so few rounds already predict a constant target', async () => {
    const model = new XGBoostRegressor({ rounds: 2 });
    await model.fit(train.X.slice(0, 50), new Float64Array(50).fill(0.03));
    const predicted = await model.predict(test.X.slice(0, 5));
    for (const p of predicted) expect(p).toBeCloseTo(0.03, 6);
    model.dispose();
  });

  it('is deterministic for a seed, and the seed matters when rows are subsampled', async () => {
    const fitWith = async (seed: number) => {
      const model = new XGBoostRegressor({ rounds: 20, subsample: 0.5, seed });
      await model.fit(train.X, train.y);
      const p = await model.predict(test.X);
      model.dispose();
      return p;
    };
    const [a, b, c] = [await fitWith(3), await fitWith(3), await fitWith(4)];
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('round-trips through JSON text with identical predictions', async () => {
    const model = new XGBoostRegressor({ rounds: 30 });
    await model.fit(train.X, train.y);
    const before = await model.predict(test.X);
    const restored = XGBoostRegressor.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(Array.from(await restored.predict(test.X))).toEqual(Array.from(before));
    expect(restored.options).toEqual(model.options);
    model.dispose();
    // still usable after its WASM memory was freed: the model is reloaded from its saved form
    expect(Array.from(await model.predict(test.X))).toEqual(Array.from(before));
    model.dispose();
    restored.dispose();
  });

  it('rejects non-finite features before they reach WASM, naming row and column', async () => {
    const X = train.X.slice(0, 10).map((row) => row.slice());
    (X[4] as Float64Array)[2] = Number.NaN;
    const model = new XGBoostRegressor({ rounds: 5 });
    const error = await model.fit(X, train.y.slice(0, 10)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).index).toBe(4);
    expect((error as Error).message).toMatch(/column 2 is NaN/);
  });

  it('rejects targets of the wrong length and bad options', async () => {
    const model = new XGBoostRegressor({ rounds: 5 });
    await expect(model.fit(train.X.slice(0, 10), train.y.slice(0, 9))).rejects.toThrow(
      /has 9 values but X has 10/,
    );
    expect(() => new XGBoostRegressor({ learningRate: 0 })).toThrow(InvalidArgumentError);
    expect(() => new XGBoostRegressor({ rounds: 1.5 })).toThrow(/rounds/);
  });

  it('refuses to predict or serialise before fit', async () => {
    const model = new XGBoostRegressor();
    await expect(model.predict(test.X)).rejects.toBeInstanceOf(ModelNotFittedError);
    expect(() => model.toJSON()).toThrow(ModelNotFittedError);
  });

  it('checks the width of prediction rows against the training rows', async () => {
    const model = new XGBoostRegressor({ rounds: 5 });
    await model.fit(train.X, train.y);
    await expect(model.predict([new Float64Array(3)])).rejects.toThrow(/3 columns, expected 5/);
    expect((await model.predict([])).length).toBe(0);
    model.dispose();
  });
});
