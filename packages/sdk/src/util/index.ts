export * from './concurrency.js';
export * from './random.js';
