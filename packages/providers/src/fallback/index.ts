export * from './fallback-provider.js';
