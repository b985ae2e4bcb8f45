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

/** One series that is too short to forecast: its symbol and how many bars it has. */
export interface ShortHistory {
  symbol: string;
  bars: number;
}

/**
 * A forecast needs more history than the input has: `"MSFT needs at least 120 bars, has 80"`.
 * `shortSeries` lists every series that fell short (the message names them all).
 */
export class InsufficientHistoryError extends DaKiError {
  override name = 'InsufficientHistoryError';
  /** Bars needed. */
  readonly minimum: number;
  /** The series that have fewer, in input order. */
  readonly shortSeries: readonly ShortHistory[];

  constructor(minimum: number, shortSeries: readonly ShortHistory[], reason?: string) {
    const each = shortSeries.map((s) => `${s.symbol} needs at least ${minimum} bars, has ${s.bars}`);
    const head =
      each.length <= 1
        ? (each[0] ?? `needs at least ${minimum} bars`)
        : `${each.length} series are too short to forecast: ${each.join('; ')}`;
    super(reason ? `${head} (${reason})` : head);
    this.minimum = minimum;
    this.shortSeries = shortSeries;
  }
}
