import { DaKiError } from '@da-ki/sdk';

/** `predict`, `forecast` or `toJSON` was called on a model that has not been fitted. */
export class ModelNotFittedError extends DaKiError {
  override name = 'ModelNotFittedError';
  /** Model class, e.g. `XGBoostRegressor`. */
  readonly model: string;

  constructor(model: string, action: string) {
    super(`${model}: cannot ${action} before fit()`);
    this.model = model;
  }
}

/** A model library failed on data that passed validation; the message carries the library's error. */
export class ModelTrainingError extends DaKiError {
  override name = 'ModelTrainingError';
  /** Model class or name. */
  readonly model: string;

  constructor(model: string, reason: string) {
    super(`${model}: ${reason}`);
    this.model = model;
  }
}
