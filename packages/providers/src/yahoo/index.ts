export * from './yahoo-provider.js';
