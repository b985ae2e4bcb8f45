export * from './lstm-regressor.js';
