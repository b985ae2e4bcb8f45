export * from './errors.js';
export * from './regressor.js';
export * from './validate.js';
