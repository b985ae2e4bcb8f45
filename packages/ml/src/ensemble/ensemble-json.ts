import { InvalidArgumentError } from '@da-ki/sdk';
import { ArimaForecaster } from '../arima/arima-forecaster.js';
import type { ModelJSON, Regressor } from '../model/regressor.js';
import { assertModelJSON } from '../model/validate.js';
import { ProphetForecaster } from '../prophet/prophet-forecaster.js';
import type { WalkForwardPlan } from '../validation/walk-forward-plan.js';
import { type BaseModelSpec, regressorFromJSON } from './base-models.js';
import type { EnsembleSettings, FittedEnsemble, StockPredictionEnsembleOptions } from './ensemble-types.js';
import type { LinearMetaModel } from './meta-model.js';
import type { ValidationSummary } from './prediction.js';

// 2: the trained state carries its walk-forward plan and validation summary
// 3: Prophet per symbol (version 2 loads, as an ensemble without Prophet)
const VERSION = 3;

/** The trained ensemble as JSON: options, meta-model, interval data, every base model, per-symbol models. */
export function ensembleToJSON(settings: EnsembleSettings, fitted: FittedEnsemble): ModelJSON {
  return {
    type: 'StockPredictionEnsemble',
    version: VERSION,
    data: {
      options: {
        horizon: settings.horizon,
        models: settings.specs.map((spec) =>
          spec.kind === 'custom'
            ? { kind: 'custom', name: spec.name, input: spec.input ?? 'rows', timesteps: spec.timesteps }
            : spec,
        ),
        arima: settings.arimaGrid,
        prophet: settings.prophetOptions,
        validation: settings.validationOptions,
        metaModel: settings.metaKind,
        ridgeAlpha: settings.ridgeAlpha,
        metaIntercept: settings.metaIntercept,
        intervalLevel: settings.level,
        features: settings.features,
        featureOptions: settings.featureOptions,
        arimaBatchSize: settings.arimaBatchSize,
        icMinCount: settings.icMinCount,
      },
      names: fitted.names,
      meta: fitted.meta,
      radius: fitted.radius,
      residualSketch: Array.from(fitted.residualSketch),
      models: fitted.models.map((model) => model.toJSON()),
      arima: Object.fromEntries(
        [...fitted.arima].map(([symbol, forecaster]) => [symbol, forecaster.toJSON()]),
      ),
      prophet: Object.fromEntries(
        [...fitted.prophet].map(([symbol, forecaster]) => [symbol, forecaster.toJSON()]),
      ),
      trainedThrough: fitted.trainedThrough,
      modelVersion: fitted.modelVersion,
      plan: fitted.plan,
      validation: fitted.validation,
    },
  };
}

/**
 * Reads a saved ensemble: the options to construct it with and its trained state. Custom base
 * models are rebuilt by `revive`; their factories throw until given again to a new ensemble.
 */
export function ensembleFromJSON(
  json: ModelJSON,
  revive: ((json: ModelJSON) => Regressor) | undefined,
): { options: StockPredictionEnsembleOptions; fitted: FittedEnsemble } {
  const version2 = (json as { version?: unknown }).version === 2;
  assertModelJSON(json, 'StockPredictionEnsemble', version2 ? 2 : VERSION);
  const data = json.data as {
    options: StockPredictionEnsembleOptions & { models: BaseModelSpec[] };
    names: string[];
    meta: LinearMetaModel;
    radius: number;
    residualSketch: number[];
    models: ModelJSON[];
    arima: Record<string, ModelJSON>;
    prophet?: Record<string, ModelJSON>;
    trainedThrough: number;
    modelVersion: string;
    plan: WalkForwardPlan;
    validation: ValidationSummary;
  };
  const models = data.options.models.map((spec) =>
    spec.kind === 'custom'
      ? {
          ...spec,
          create: () => {
            throw new InvalidArgumentError(
              'models',
              `custom model ${spec.name} has no factory after fromJSON; pass it to a new ensemble to refit`,
            );
          },
        }
      : spec,
  );
  return {
    options: { ...data.options, ...(version2 ? { prophet: false as const } : {}), models },
    fitted: {
      names: data.names,
      models: data.models.map((model) => regressorFromJSON(model, revive)),
      arima: new Map(
        Object.entries(data.arima).map(([symbol, model]) => [symbol, ArimaForecaster.fromJSON(model)]),
      ),
      prophet: new Map(
        Object.entries(data.prophet ?? {}).map(([symbol, model]) => [
          symbol,
          ProphetForecaster.fromJSON(model),
        ]),
      ),
      meta: data.meta,
      radius: data.radius,
      residualSketch: Float64Array.from(data.residualSketch),
      trainedThrough: data.trainedThrough,
      modelVersion: data.modelVersion,
      plan: data.plan,
      validation: data.validation,
    },
  };
}
