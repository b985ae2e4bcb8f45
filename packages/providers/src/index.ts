/**
 * @packageDocumentation
 * `@da-ki/providers` — data sources for DA-KI (synthetic, CSV, Yahoo Finance, Alpha Vantage, RSS)
 * and storage adapters (Redis cache store).
 */
export const PROVIDERS_PACKAGE = '@da-ki/providers';
