import { InvalidArgumentError } from '@da-ki/sdk';
import { LstmRegressor, type LstmRegressorOptions } from '../lstm/lstm-regressor.js';
import type { ModelJSON, Regressor } from '../model/regressor.js';
import {
  RandomForestRegressor,
  type RandomForestRegressorOptions,
} from '../random-forest/random-forest-regressor.js';
import { XGBoostRegressor, type XGBoostRegressorOptions } from '../xgboost/xgboost-regressor.js';

/** A built-in base model by kind and options: plain data, so it can be sent to a worker thread. */
export type BuiltInModelSpec =
  | { kind: 'xgboost'; options?: XGBoostRegressorOptions }
  | { kind: 'randomForest'; options?: RandomForestRegressorOptions }
  | { kind: 'lstm'; options?: LstmRegressorOptions };

/**
 * A model of your own: `create` returns a fresh untrained {@link Regressor}. It is trained in the
 * calling thread (functions cannot cross to a worker). `input: 'windows'` feeds it windows of
 * `timesteps` feature rows, as the LSTM gets; the default is single feature rows.
 */
export interface CustomModelSpec {
  kind: 'custom';
  name: string;
  create: () => Regressor;
  input?: 'rows' | 'windows';
  timesteps?: number;
}

/** A base model of the ensemble. */
export type BaseModelSpec = BuiltInModelSpec | CustomModelSpec;

/** Creates the untrained regressor of a built-in spec. */
export function createBuiltInRegressor(spec: BuiltInModelSpec): Regressor {
  switch (spec.kind) {
    case 'xgboost':
      return new XGBoostRegressor(spec.options);
    case 'randomForest':
      return new RandomForestRegressor(spec.options);
    case 'lstm':
      return new LstmRegressor(spec.options);
    default:
      throw new InvalidArgumentError(
        'spec.kind',
        `unknown model kind ${JSON.stringify((spec as { kind: unknown }).kind)}`,
      );
  }
}

/** The name a spec's model reports (`xgboost`, `randomForest`, `lstm`, or the custom name). */
export function specName(spec: BaseModelSpec): string {
  return spec.kind === 'custom' ? spec.name : spec.kind;
}

/** Timesteps of a spec's input windows, or 0 when it takes single rows. */
export function specTimesteps(spec: BaseModelSpec): number {
  if (spec.kind === 'lstm') return spec.options?.timesteps ?? 10;
  if (spec.kind === 'custom' && spec.input === 'windows') return spec.timesteps ?? 10;
  return 0;
}

/** Rebuilds a trained built-in regressor from its JSON; other types go to `revive`. */
export function regressorFromJSON(json: ModelJSON, revive?: (json: ModelJSON) => Regressor): Regressor {
  switch (json.type) {
    case 'XGBoostRegressor':
      return XGBoostRegressor.fromJSON(json);
    case 'RandomForestRegressor':
      return RandomForestRegressor.fromJSON(json);
    case 'LstmRegressor':
      return LstmRegressor.fromJSON(json);
    default:
      if (revive) return revive(json);
      throw new InvalidArgumentError('json.type', `no reviver for model type ${JSON.stringify(json.type)}`);
  }
}
