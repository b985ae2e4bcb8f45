/**
 * The keys under which {@link createAnalyzer} caches provider data in its `LayeredCache`. A service
 * that shares the cache (writes fresh headlines, drops a symbol's bars after an intraday update)
 * builds its keys here, so that its strings never drift from the analyzer's.
 *
 * @example
 * ```ts
 * import { analyzerCacheKeys } from '@da-ki/sdk';
 *
 * analyzerCacheKeys.bars('synthetic', 'AAPL'); // 'bars:synthetic:AAPL'
 * ```
 */
export const analyzerCacheKeys = Object.freeze({
  /** A symbol's daily bars from the market provider named `provider` (its `name`). */
  bars: (provider: string, symbol: string): string => `bars:${provider}:${symbol}`,
  /** A symbol's fundamentals. */
  fundamentals: (symbol: string): string => `fundamentals:${symbol}`,
  /** A symbol's news headlines. */
  news: (symbol: string): string => `news:${symbol}`,
  /** A symbol's sector, from the sector provider. */
  sector: (symbol: string): string => `sector:${symbol}`,
});
