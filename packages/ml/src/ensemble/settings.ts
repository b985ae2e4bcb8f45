import { InvalidArgumentError } from '@da-ki/sdk';
import { assertInRange, assertInteger } from '../model/validate.js';
import { ProphetForecaster } from '../prophet/prophet-forecaster.js';
import { planWalkForward } from '../validation/walk-forward-plan.js';
import { type BuiltInModelSpec, specName } from './base-models.js';
import type { EnsembleSettings, StockPredictionEnsembleOptions } from './ensemble-types.js';

/**
 * The base models used when none are given: XGBoost, random forest and LSTM (plus ARIMA and
 * Prophet), sized so that the 467-symbol universe retrains in about a minute on two cores
 * (benchmarks/ml/retrain.ts): XGBoost 50 rounds at twice the default learning rate; a forest of
 * 50 trees of depth ≤ 10 with leaves of ≥ 50 rows, each on a bootstrap of 30 % of the rows with
 * half the features per split (fully grown trees on ~117 000 noisy rows fit noise, take minutes
 * and serialise to hundreds of MB); the LSTM 6 epochs of 12 000 windows.
 */
export const DEFAULT_BASE_MODELS: readonly BuiltInModelSpec[] = [
  { kind: 'xgboost', options: { rounds: 50, learningRate: 0.1 } },
  {
    kind: 'randomForest',
    options: { nEstimators: 50, maxDepth: 10, minSamplesLeaf: 50, maxFeatures: 0.5, maxSamples: 0.3 },
  },
  { kind: 'lstm', options: { epochs: 6, maxSamplesPerEpoch: 12_000 } },
];

/** The options with their defaults, checked: a bad option fails here, naming it, not in a worker. */
export function resolveSettings(options: StockPredictionEnsembleOptions): EnsembleSettings {
  const settings: EnsembleSettings = {
    horizon: options.horizon ?? 30,
    specs: options.models ?? DEFAULT_BASE_MODELS,
    // ARIMA in the ensemble keeps its drift unless told otherwise: with include 'auto' the AIC drops
    // a drift of t ≈ 1 that still ranks stocks (benchmarks/ml/run.ts: ARIMA's rank IC 0.098
    // against 0.155 on the synthetic universe, and a zero forecast on the four real indices)
    arimaGrid:
      options.arima === false ? false : { maxP: 1, maxQ: 1, maxD: 1, include: 'drift', ...options.arima },
    prophetOptions: options.prophet === false ? false : { ...options.prophet },
    validationOptions: options.validation ?? {},
    metaKind: options.metaModel ?? 'nnls',
    ridgeAlpha: options.ridgeAlpha ?? 0.1,
    metaIntercept: options.metaIntercept ?? false,
    level: options.intervalLevel ?? 0.9,
    features: options.features,
    featureOptions: options.featureOptions,
    arimaBatchSize: options.arimaBatchSize ?? 25,
    icMinCount: options.icMinCount ?? 5,
    workers: options.workers,
    onProgress: options.onProgress,
  };
  assertInteger('horizon', settings.horizon, 1);
  assertInRange('intervalLevel', settings.level, 0, 1, true);
  assertInRange('ridgeAlpha', settings.ridgeAlpha, 0, Number.MAX_VALUE);
  assertInteger('arimaBatchSize', settings.arimaBatchSize, 1);
  assertInteger('icMinCount', settings.icMinCount, 2);
  if (settings.metaKind !== 'nnls' && settings.metaKind !== 'ridge') {
    throw new InvalidArgumentError(
      'metaModel',
      `must be "nnls" or "ridge", got ${JSON.stringify(settings.metaKind)}`,
    );
  }
  if (settings.prophetOptions !== false) new ProphetForecaster(settings.prophetOptions);
  const names = settings.specs.map(specName);
  if (settings.specs.length === 0 && settings.arimaGrid === false && settings.prophetOptions === false)
    throw new InvalidArgumentError('models', 'the ensemble needs at least one model');
  if (new Set(names).size !== names.length || names.includes('arima') || names.includes('prophet')) {
    throw new InvalidArgumentError(
      'models',
      `model names must be unique and not "arima" or "prophet": ${names.join(', ')}`,
    );
  }
  // validates the split options early (whether they fit is known only with the data)
  planWalkForward(Number.MAX_SAFE_INTEGER, settings.horizon, settings.validationOptions);
  return settings;
}

/** Base model names in meta-model column order: the pooled models, then ARIMA and Prophet. */
export function modelNamesOf(settings: EnsembleSettings): string[] {
  return [
    ...settings.specs.map(specName),
    ...(settings.arimaGrid === false ? [] : ['arima']),
    ...(settings.prophetOptions === false ? [] : ['prophet']),
  ];
}
