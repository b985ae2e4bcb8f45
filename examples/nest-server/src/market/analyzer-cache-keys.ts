/**
 * The keys under which the SDK's analyzer caches provider data (`createAnalyzer` reads bars and news
 * through `LayeredCache.get` with exactly these strings). The server writes and drops entries under
 * the same keys (fresh headlines, intraday bars), so the strings must never drift from the SDK's.
 *
 * When `@da-ki/sdk` exports its own `analyzerCacheKeys`, this module re-exports it instead.
 */
export const analyzerCacheKeys = {
  /** A symbol's daily bars from the market provider named `provider`. */
  bars: (provider: string, symbol: string): string => `bars:${provider}:${symbol}`,
  /** A symbol's news headlines. */
  news: (symbol: string): string => `news:${symbol}`,
} as const;
