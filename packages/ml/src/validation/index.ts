export * from './walk-forward.js';
