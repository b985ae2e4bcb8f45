/**
 * Intraday prices, when a live price feed runs. Injected where the latest price of a symbol is
 * answered ({@link LatestPrices}); the jobs module provides it over its live quotes.
 */
export abstract class LivePriceSource {
  /** The symbol's latest intraday price, or undefined when there is none (or the store is away). */
  abstract price(symbol: string): Promise<number | undefined>;
}
