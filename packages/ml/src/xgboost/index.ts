export * from './xgboost-regressor.js';
