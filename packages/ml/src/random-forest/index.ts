export * from './random-forest-regressor.js';
