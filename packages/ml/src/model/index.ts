export * from './regressor.js';
