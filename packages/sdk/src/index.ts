/**
 * @packageDocumentation
 * `@da-ki/sdk` — the pure core of DA-KI: validated market data, technical indicators (batch and
 * streaming), feature engineering, sentiment, the five-factor growth score and the layered cache.
 * No network, no database, no Node-only APIs.
 */
export * from './analyzer/index.js';
export * from './cache/index.js';
export * from './data/index.js';
export * from './features/index.js';
export * from './indicators/index.js';
// Kept public on purpose: @da-ki/ml checks its series with the same typed error.
export { assertFiniteSeries } from './indicators/args.js';
export type * from './providers.js';
export * from './scoring/index.js';
export * from './sentiment/index.js';
export * from './util/index.js';
