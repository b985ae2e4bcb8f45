export * from './args.js';
export * from './ring-buffer.js';
export * from './state.js';
export * from './streaming.js';
export * from './trend/sma.js';
