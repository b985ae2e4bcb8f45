export * from './normal.js';
