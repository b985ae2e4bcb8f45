export * from './backtest.js';
export * from './five-factor-panel.js';
export * from './format.js';
export * from './fundamentals-as-of.js';
export * from './panels.js';
