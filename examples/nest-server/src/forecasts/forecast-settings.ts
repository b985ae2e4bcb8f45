import type { StockPredictionEnsembleOptions } from '@da-ki/ml';

/** How the server forecasts: `off`, `fast` (XGBoost + ARIMA, about a minute), `full` (all five models). */
export type ForecastMode = 'off' | 'fast' | 'full';

/**
 * Ensemble options per mode. Forecasts need `MIN_FORECAST_BARS` (120) bars per symbol; shorter
 * histories than the plan below get a smaller walk-forward plan derived from their length
 * (`prediction.validation` says how much was checked). `fast` keeps start-up training to about a minute on two cores; `full`
 * is the package default (XGBoost, random forest, LSTM, ARIMA and Prophet; several minutes for 467 symbols).
 */
export function ensembleOptions(mode: Exclude<ForecastMode, 'off'>): StockPredictionEnsembleOptions {
  if (mode === 'full') return { workers: 1 };
  return {
    models: [{ kind: 'xgboost', options: { rounds: 80, maxDepth: 4 } }],
    arima: { maxP: 1, maxQ: 1, maxD: 1 },
    // Prophet fits per symbol and trails the naive forecast on real indices (docs/ml.md): not in `fast`.
    prophet: false,
    validation: { nSplits: 3 },
    workers: 1,
  };
}
