export * from './feature-table.js';
export * from './model-features.js';
export * from './universe-dataset.js';
