export * from './correlation.js';
export * from './forecast-metrics.js';
export * from './information-coefficient.js';
export * from './performance-tracker.js';
export * from './point-metrics.js';
