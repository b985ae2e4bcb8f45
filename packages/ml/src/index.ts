/**
 * @packageDocumentation
 * `@da-ki/ml` — forecasting for DA-KI: XGBoost, random forest, LSTM and ARIMA models, a stacked
 * ensemble trained on out-of-fold predictions, walk-forward validation and honest evaluation.
 */
export * from './arima/index.js';
export * from './backtest/index.js';
export * from './dataset/index.js';
export * from './ensemble/index.js';
export * from './lstm/index.js';
export * from './metrics/index.js';
export * from './model/index.js';
export * from './random-forest/index.js';
export * from './training/index.js';
export * from './util/index.js';
export * from './validation/index.js';
export * from './xgboost/index.js';
