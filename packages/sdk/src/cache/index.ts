export * from './cache-store.js';
export * from './codec.js';
export * from './layered-cache.js';
export * from './memory-store.js';
export * from './throttled-warn.js';
export * from './timeout.js';
