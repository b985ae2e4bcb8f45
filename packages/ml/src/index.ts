/**
 * @packageDocumentation
 * `@da-ki/ml` — forecasting for DA-KI: XGBoost, random forest, LSTM and ARIMA models, a stacked
 * ensemble trained on out-of-fold predictions, walk-forward validation and honest evaluation.
 */
export * from './model/index.js';
