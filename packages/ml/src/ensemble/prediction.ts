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
}
