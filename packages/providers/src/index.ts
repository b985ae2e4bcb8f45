/**
 * @packageDocumentation
 * `@da-ki/providers` — data sources for DA-KI (synthetic, CSV, Yahoo Finance, Alpha Vantage, RSS),
 * resilience for HTTP providers (retries, rate limits, circuit breaker, fallback) and storage
 * adapters (Redis cache store).
 */
export * from './alphavantage/index.js';
export * from './csv/index.js';
export * from './errors/index.js';
export * from './fallback/index.js';
export * from './folder/index.js';
export * from './http/index.js';
export * from './redis/index.js';
export * from './rss/index.js';
export * from './synthetic/index.js';
export * from './yahoo/index.js';
