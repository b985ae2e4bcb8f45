/** A forecast for one symbol from {@link StockPredictionEnsemble.predict}. */
export interface Prediction {
  symbol: string;
  /** Close the forecast starts from. */
  currentPrice: number;
  /** Timestamp (epoch ms) of that close. */
  asOf: number;
  /** Forecast horizon in trading days (bars). */
  horizon: number;
  /** Predicted close at the horizon: currentPrice · e^expectedLogReturn. */
  predictedPrice: number;
  /** Expected simple return to the horizon, e^expectedLogReturn − 1. */
  expectedReturn: number;
  /** The ensemble's forecast of the log return to the horizon (what the models are trained on). */
  expectedLogReturn: number;
  /** Price interval from split-conformal out-of-fold residuals. */
  interval: { lower: number; upper: number; level: number };
  /**
   * Probability, from the out-of-fold residuals, that the price moves in the predicted direction
   * (0.5 = a coin flip). Calibrated only as far as the walk-forward report says.
   */
  confidenceLevel: number;
  /**
   * Each term of the expected log return: weight × prediction per base model, and the intercept;
   * they sum to `expectedLogReturn`.
   */
  contributions: Record<string, number>;
  /** Identifies the trained ensemble (training end date and a hash of its state). */
  modelVersion: string;
  /** What the walk-forward check behind this forecast covered: read `rowsScored` before trusting it. */
  validation: ValidationSummary;
}

/**
 * What the walk-forward check of a trained ensemble covered. A short history gets fewer, shorter
 * splits and fewer scored rows: the forecast is still made, and this says how thinly it was tested.
 */
export interface ValidationSummary {
  /** Walk-forward splits run. */
  splits: number;
  /** Splits on which the ensemble was scored out of sample (the metrics table's rows come from these). */
  scoredSplits: number;
  /** Out-of-fold symbol-dates the metrics were computed on (0 never happens: `fit` fails instead). */
  rowsScored: number;
  /** Test dates per split. */
  testSize: number;
  /** Training window in dates (rolling). */
  trainSize: number;
  /** Embargo in dates between training and test (≥ the horizon). */
  gap: number;
  /** True when the plan was derived from the data length because the defaults did not fit. */
  derived: boolean;
  /**
   * How the base forecasts are combined: a meta-model fitted on out-of-fold rows (`nnls`, `ridge`),
   * or `equal` weights when the history is too short to fit one out of sample.
   */
  stacking: 'nnls' | 'ridge' | 'equal';
}
