import { type LiveQuote, LiveQuotes } from './live-quotes.js';

/**
 * A {@link LiveQuotes} in front of a shared store (Redis) that remembers the newest quote it has
 * seen of each symbol. When the store fails (Redis down, or slower than its deadline), reads answer
 * with those last known quotes instead of failing, so valuations keep the intraday price rather
 * than falling back to the daily close; writes still fail, so a job that could not publish is
 * retried. Memory is one quote per symbol of the universe.
 */
export class LastKnownQuotes extends LiveQuotes {
  private readonly known = new Map<string, LiveQuote>();
  private failures = 0;

  constructor(private readonly store: LiveQuotes) {
    super();
  }

  /** Reads that the store failed and the last known quotes answered (for metrics and tests). */
  get fallbacks(): number {
    return this.failures;
  }

  async getMany(symbols: readonly string[]): Promise<Map<string, LiveQuote>> {
    try {
      const found = await this.store.getMany(symbols);
      for (const quote of found.values()) this.remember(quote);
      return found;
    } catch {
      this.failures++;
      const found = new Map<string, LiveQuote>();
      for (const symbol of symbols) {
        const quote = this.known.get(symbol);
        if (quote) found.set(symbol, quote);
      }
      return found;
    }
  }

  async putIfNewer(quotes: readonly LiveQuote[]): Promise<LiveQuote[]> {
    const stored = await this.store.putIfNewer(quotes);
    for (const quote of stored) this.remember(quote);
    return stored;
  }

  private remember(quote: LiveQuote): void {
    const current = this.known.get(quote.symbol);
    if (!current || current.tick <= quote.tick) this.known.set(quote.symbol, quote);
  }
}
