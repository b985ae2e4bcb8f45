export * from './feature-engineer.js';
export * from './feature-frame.js';
export * from './feature-names.js';
export * from './valuation-ratios.js';
