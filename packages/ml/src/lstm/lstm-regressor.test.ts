import { createRng, InvalidArgumentError } from '@da-ki/sdk';
import { describe, expect, it } from 'vitest';
import { rmseOf, sdOf } from '../testing/regression-data.js';
import { LstmRegressor } from './lstm-regressor.js';

const T = 5;
const F = 2;

/** Windows whose target is the first feature of the OLDEST timestep: solvable only with memory. */
function memoryTask(n: number, seed: number) {
  const rng = createRng(seed);
  const X: Float64Array[] = [];
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = Float64Array.from({ length: T * F }, () => rng.normal());
    X.push(row);
    y[i] = 0.5 * (row[0] as number) + 0.05 * rng.normal();
  }
  return { X, y };
}

describe('LstmRegressor', () => {
  const train = memoryTask(600, 1);
  const test = memoryTask(200, 2);
  const options = { timesteps: T, hiddenSize: 6, epochs: 25, batchSize: 16, learningRate: 0.02, seed: 3 };

  it('remembers the oldest timestep of a window: held-out error far below the target spread', async () => {
    const model = new LstmRegressor(options);
    await model.fit(train.X, train.y);
    const predicted = await model.predict(test.X);
    expect(rmseOf(predicted, test.y)).toBeLessThan(0.5 * sdOf(test.y));
    const losses = model.trainingLoss;
    expect(losses.length).toBe(options.epochs);
    expect(losses.at(-1) as number).toBeLessThan(0.5 * (losses[0] as number));
  });

  it('is bit-identical for a seed and differs across seeds', async () => {
    const fitWith = async (seed: number) => {
      const model = new LstmRegressor({ ...options, epochs: 2, seed });
      await model.fit(train.X, train.y);
      return Array.from(await model.predict(test.X.slice(0, 20)));
    };
    const a = await fitWith(1);
    expect(await fitWith(1)).toEqual(a);
    expect(await fitWith(2)).not.toEqual(a);
  });

  it('round-trips through JSON text with identical predictions', async () => {
    const model = new LstmRegressor({ ...options, epochs: 2 });
    await model.fit(train.X, train.y);
    const restored = LstmRegressor.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(Array.from(await restored.predict(test.X))).toEqual(Array.from(await model.predict(test.X)));
  });

  it('rejects rows whose width is not a whole number of timesteps', async () => {
    const model = new LstmRegressor({ timesteps: 3 });
    await expect(model.fit([new Float64Array(4)], new Float64Array(1))).rejects.toThrow(
      /multiple of timesteps/,
    );
    await expect(model.fit([new Float64Array(4)], new Float64Array(1))).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
  });
});
