export * from './cache-keys.js';
export * from './create-analyzer.js';
export * from './progress.js';
