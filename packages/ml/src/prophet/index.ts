export * from './prophet-forecaster.js';
