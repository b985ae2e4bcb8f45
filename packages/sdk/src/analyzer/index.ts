export * from './create-analyzer.js';
export * from './progress.js';
