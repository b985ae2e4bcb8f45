import { InvalidArgumentError } from '@da-ki/sdk';
import { describe, expect, it } from 'vitest';
import { ModelNotFittedError } from '../model/errors.js';
import type { FeatureMatrix, ModelJSON, Regressor } from '../model/regressor.js';
import { syntheticUniverse } from '../testing/synthetic-universe.js';
import {
  type EnsembleProgress,
  StockPredictionEnsemble,
  type StockPredictionEnsembleOptions,
} from './stock-prediction-ensemble.js';

const small: StockPredictionEnsembleOptions = {
  horizon: 10,
  models: [{ kind: 'xgboost', options: { rounds: 20, learningRate: 0.1 } }],
  arima: { maxP: 0, maxQ: 0 },
  validation: { nSplits: 4, testSize: 20, trainSize: 120 },
  workers: 0,
};
const metric = (report: Awaited<ReturnType<StockPredictionEnsemble['fit']>>, model: string) =>
  report.metrics.find((m) => m.model === model);

describe('StockPredictionEnsemble walk-forward evaluation', () => {
  it('finds a planted mean-reversion signal out of fold, beating the baselines on rank IC', async () => {
    const inputs = syntheticUniverse({ symbols: 20, bars: 260, seed: 3, signal: 2 }).map((bars) => ({
      bars,
    }));
    const ensemble = new StockPredictionEnsemble(small);
    const report = await ensemble.fit(inputs);
    expect(report.metrics.map((m) => m.model)).toEqual([
      'xgboost',
      'arima',
      'prophet',
      'ensemble',
      'baseline:zero',
      'baseline:drift',
      'baseline:mean',
    ]);
    // every row of the table is scored on the same rows
    expect(new Set(report.metrics.map((m) => m.count)).size).toBe(1);
    expect(metric(report, 'xgboost')?.rankIc?.mean).toBeGreaterThan(0.1);
    expect(metric(report, 'ensemble')?.rankIc?.mean).toBeGreaterThan(0.1);
    expect(metric(report, 'ensemble')?.rankIc?.mean).toBeGreaterThan(
      metric(report, 'baseline:drift')?.rankIc?.mean as number,
    );
    expect(Object.values(ensemble.weights).every((w) => w >= 0)).toBe(true);
    expect(ensemble.weights.xgboost).toBeGreaterThan(0);
  });

  it('shows no skill on random walks (a check against gross leakage)', async () => {
    const inputs = syntheticUniverse({ symbols: 40, bars: 260, seed: 4, signal: 0 }).map((bars) => ({
      bars,
    }));
    const report = await new StockPredictionEnsemble(small).fit(inputs);
    for (const row of report.metrics) {
      if (row.rankIc) expect(Math.abs(row.rankIc.mean), row.model).toBeLessThan(0.08);
    }
    // an ensemble that learned nothing should not be worse than predicting no change by much
    expect(metric(report, 'ensemble')?.rmse).toBeLessThan(
      (metric(report, 'baseline:zero')?.rmse as number) * 1.02,
    );
  });

  it('scores a split only with a meta-model fitted on earlier rows realised before it, and says which', async () => {
    const inputs = syntheticUniverse({ symbols: 12, bars: 260, seed: 5 }).map((bars) => ({ bars }));
    const report = await new StockPredictionEnsemble(small).fit(inputs);
    expect(report.splits.map((s) => s.evaluated)).toEqual([false, true, true, true]);
    for (const split of report.splits) {
      expect(split.train[1] - 1 + 10).toBeLessThan(split.test[0]);
      expect(split.trainDates[1]).toBeLessThan(split.testDates[0]);
      if (split.evaluated) expect(Object.keys(split.weights ?? {})).toEqual(['xgboost', 'arima', 'prophet']);
    }
    const scoredFolds = new Set(report.oof.fold);
    expect([...scoredFolds].sort()).toEqual([1, 2, 3]);
    expect(report.oof.actual.length).toBe(report.metrics[0]?.count);
    expect(report.mode).toBe('in-process');
  });

  it('tells how many splits it needs when none could be scored', async () => {
    const inputs = syntheticUniverse({ symbols: 6, bars: 200, seed: 6 }).map((bars) => ({ bars }));
    const ensemble = new StockPredictionEnsemble({
      ...small,
      validation: { nSplits: 1, testSize: 20, trainSize: 100 },
    });
    await expect(ensemble.fit(inputs)).rejects.toThrow(/use more splits/);
    const tooShort = new StockPredictionEnsemble({
      ...small,
      validation: { nSplits: 5, testSize: 30, trainSize: 252 },
    });
    await expect(tooShort.fit(inputs)).rejects.toThrow(/too few/);
  });
});

describe('StockPredictionEnsemble progress', () => {
  it('reports every stage in order, done of total, and an ETA that reaches 0', async () => {
    const inputs = syntheticUniverse({ symbols: 8, bars: 260, seed: 6 }).map((bars) => ({ bars }));
    const events: EnsembleProgress[] = [];
    await new StockPredictionEnsemble({ ...small, onProgress: (p) => events.push(p) }).fit(inputs);
    const stages = events.map((e) => e.stage).filter((stage, i, all) => stage !== all[i - 1]);
    expect(stages).toEqual(['dataset', 'training', 'evaluation', 'final fit']);
    const training = events.filter((e) => e.stage === 'training');
    // 4 xgboost splits + its final fit, one ARIMA and one Prophet batch
    expect(training.at(-1)?.total).toBe(7);
    expect(training.map((e) => e.done)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(training[0]?.etaSeconds).toBeNull();
    expect(training.slice(1, -1).every((e) => (e.etaSeconds as number) > 0)).toBe(true);
    expect(training.at(-1)?.etaSeconds).toBe(0);
    expect(training.slice(1).every((e) => e.task !== 'training' && e.completed === e.done)).toBe(true);
    const elapsed = events.map((e) => e.elapsedSeconds);
    expect(elapsed).toEqual([...elapsed].sort((a, b) => a - b));
  });
});

describe('StockPredictionEnsemble predictions', () => {
  const inputs = syntheticUniverse({ symbols: 10, bars: 240, seed: 7 }).map((bars) => ({ bars }));
  const options: StockPredictionEnsembleOptions = {
    horizon: 10,
    models: [
      { kind: 'xgboost', options: { rounds: 10 } },
      { kind: 'randomForest', options: { nEstimators: 2, maxSamples: 200 } },
      { kind: 'lstm', options: { timesteps: 4, hiddenSize: 3, epochs: 1 } },
    ],
    arima: { maxP: 1, maxQ: 0 },
    validation: { nSplits: 4, testSize: 15, trainSize: 100 },
    intervalLevel: 0.8,
    workers: 0,
  };

  it('gives every symbol a price, return, interval, confidence and contributions that add up', async () => {
    const ensemble = new StockPredictionEnsemble(options);
    await ensemble.fit(inputs);
    const predictions = await ensemble.predict(inputs);
    expect(predictions.map((p) => p.symbol)).toEqual(inputs.map((i) => i.bars.symbol));
    for (const p of predictions) {
      const bars = inputs.find((i) => i.bars.symbol === p.symbol)?.bars;
      expect(p.currentPrice).toBe(bars?.close.at(-1));
      expect(p.asOf).toBe(bars?.timestamps.at(-1));
      expect(p.horizon).toBe(10);
      expect(p.predictedPrice).toBeCloseTo(p.currentPrice * Math.exp(p.expectedLogReturn), 10);
      expect(p.expectedReturn).toBeCloseTo(Math.exp(p.expectedLogReturn) - 1, 12);
      expect(p.interval.level).toBe(0.8);
      expect(p.interval.lower).toBeLessThan(p.predictedPrice);
      expect(p.interval.upper).toBeGreaterThan(p.predictedPrice);
      expect(p.confidenceLevel).toBeGreaterThanOrEqual(0);
      expect(p.confidenceLevel).toBeLessThanOrEqual(1);
      expect(Object.keys(p.contributions)).toEqual([
        'xgboost',
        'randomForest',
        'lstm',
        'arima',
        'prophet',
        'intercept',
      ]);
      const sum = Object.values(p.contributions).reduce((s, v) => s + v, 0);
      expect(sum).toBeCloseTo(p.expectedLogReturn, 12);
      expect(p.modelVersion).toBe(ensemble.modelVersion);
    }
    expect(ensemble.modelVersion).toMatch(/^\d{4}-\d{2}-\d{2}\.[0-9a-f]{8}$/);
  });

  it('round-trips through JSON text with identical predictions and version', async () => {
    const ensemble = new StockPredictionEnsemble(options);
    await ensemble.fit(inputs);
    const restored = StockPredictionEnsemble.fromJSON(JSON.parse(JSON.stringify(ensemble.toJSON())));
    expect(restored.modelVersion).toBe(ensemble.modelVersion);
    expect(restored.weights).toEqual(ensemble.weights);
    expect(await restored.predict(inputs)).toEqual(await ensemble.predict(inputs));
  });

  it('refuses to predict before fit', async () => {
    await expect(new StockPredictionEnsemble(options).predict(inputs)).rejects.toBeInstanceOf(
      ModelNotFittedError,
    );
    expect(() => new StockPredictionEnsemble().weights).toThrow(ModelNotFittedError);
  });
});

/** A model of one's own: least squares on the first feature. */
class FirstFeatureLine implements Regressor {
  readonly name = 'line';
  slope = 0;
  intercept = 0;
  async fit(X: FeatureMatrix, y: Float64Array): Promise<void> {
    let mx = 0;
    let my = 0;
    X.forEach((row, i) => {
      mx += row[0] as number;
      my += y[i] as number;
    });
    mx /= X.length;
    my /= X.length;
    let sxy = 0;
    let sxx = 0;
    X.forEach((row, i) => {
      sxy += ((row[0] as number) - mx) * ((y[i] as number) - my);
      sxx += ((row[0] as number) - mx) ** 2;
    });
    this.slope = sxx > 0 ? sxy / sxx : 0;
    this.intercept = my - this.slope * mx;
  }
  async predict(X: FeatureMatrix): Promise<Float64Array> {
    return Float64Array.from(X, (row) => this.intercept + this.slope * (row[0] as number));
  }
  toJSON(): ModelJSON {
    return { type: 'FirstFeatureLine', version: 1, data: { slope: this.slope, intercept: this.intercept } };
  }
  static fromJSON(json: ModelJSON): FirstFeatureLine {
    const model = new FirstFeatureLine();
    model.slope = json.data.slope as number;
    model.intercept = json.data.intercept as number;
    return model;
  }
}

describe('StockPredictionEnsemble with a model of your own', () => {
  it('stacks a custom Regressor beside the built-in ones and restores it with a reviver', async () => {
    const inputs = syntheticUniverse({ symbols: 8, bars: 260, seed: 8, signal: 2 }).map((bars) => ({ bars }));
    const ensemble = new StockPredictionEnsemble({
      ...small,
      models: [
        { kind: 'xgboost', options: { rounds: 5 } },
        { kind: 'custom', name: 'line', create: () => new FirstFeatureLine() },
      ],
      arima: false,
      prophet: false,
    });
    const report = await ensemble.fit(inputs);
    expect(Object.keys(ensemble.weights)).toEqual(['xgboost', 'line']);
    expect(report.metrics.some((m) => m.model === 'line')).toBe(true);
    expect(report.trainingSeconds.line).toBeGreaterThan(0);
    const json = JSON.parse(JSON.stringify(ensemble.toJSON()));
    expect(() => StockPredictionEnsemble.fromJSON(json)).toThrow(/FirstFeatureLine/);
    const restored = StockPredictionEnsemble.fromJSON(json, {
      revive: (model) => FirstFeatureLine.fromJSON(model),
    });
    expect(await restored.predict(inputs)).toEqual(await ensemble.predict(inputs));
  });

  it('rejects clashing model names and bad options up front', () => {
    expect(() => new StockPredictionEnsemble({ models: [{ kind: 'xgboost' }, { kind: 'xgboost' }] })).toThrow(
      /unique/,
    );
    expect(() => new StockPredictionEnsemble({ intervalLevel: 1 })).toThrow(InvalidArgumentError);
    expect(() => new StockPredictionEnsemble({ validation: { gap: 3 }, horizon: 10 })).toThrow(
      /at least the horizon/,
    );
  });
});
