/**
 * @packageDocumentation
 * `@da-ki/providers` — data sources for DA-KI (synthetic, CSV, Yahoo Finance, Alpha Vantage, RSS)
 * and storage adapters (Redis cache store).
 */
export * from './csv/index.js';
export * from './errors/index.js';
export * from './redis/index.js';
export * from './synthetic/index.js';
