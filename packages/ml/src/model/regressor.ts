/** A feature matrix: one `Float64Array` per row, every row the same length. */
export type FeatureMatrix = readonly Float64Array[];

/** JSON form of a trained model: enough to rebuild it with the class's static `fromJSON`. */
export interface ModelJSON {
  /** Class name, e.g. `XGBoostRegressor`. */
  type: string;
  /** Format version of `data`. */
  version: number;
  /** Model parameters and learned state. */
  data: Record<string, unknown>;
}

/**
 * A regressor on feature rows. `fit` and `predict` are async so that models may train in a worker
 * or load a WASM module. Predictions are finite numbers for finite inputs.
 */
export interface Regressor {
  /** Short model name used in reports and per-model contributions, e.g. `xgboost`. */
  readonly name: string;
  fit(X: FeatureMatrix, y: Float64Array): Promise<void>;
  predict(X: FeatureMatrix): Promise<Float64Array>;
  toJSON(): ModelJSON;
}
