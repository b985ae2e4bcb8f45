export * from './backtest.js';
export * from './format.js';
export * from './panels.js';
