export * from './redis-cache-store.js';
