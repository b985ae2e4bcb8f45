export * from './provider-errors.js';
