import { analyzerCacheKeys } from '@da-ki/sdk';
import type { MarketDataGateway } from '../market/market-data.gateway.js';
import type { MarketFacts } from '../stocks/stock-metrics.js';

/** Symbols read at once: the cache's L2/L3 reads of a 5 000-symbol run stay a bounded trickle. */
const CONCURRENCY = 16;

/**
 * Market cap and 1-day change of each symbol, from the fundamentals and bars the scoring run read
 * (through the same cache and under the analyzer's own keys, so nothing is fetched twice). A symbol
 * whose data cannot be read has unknown facts rather than failing the whole table.
 */
export async function loadMarketFacts(
  market: MarketDataGateway,
  symbols: readonly string[],
): Promise<Map<string, MarketFacts>> {
  const facts = new Map<string, MarketFacts>();
  let next = 0;
  const worker = async () => {
    while (next < symbols.length) {
      const symbol = symbols[next++] as string;
      const [marketCap, change1dPercent] = await Promise.all([
        marketCapOf(market, symbol),
        change1dOf(market, symbol),
      ]);
      facts.set(symbol, { marketCap, change1dPercent });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, symbols.length) }, worker));
  return facts;
}

async function marketCapOf(market: MarketDataGateway, symbol: string): Promise<number | null> {
  const { fundamentals, cache } = market.analyzerInputs();
  if (!fundamentals) return null;
  try {
    const value = (await cache.get(analyzerCacheKeys.fundamentals(symbol), () =>
      fundamentals.getFundamentals(symbol),
    )) as { marketCap?: unknown } | undefined;
    const cap = value?.marketCap;
    return typeof cap === 'number' && Number.isFinite(cap) && cap >= 0 ? cap : null;
  } catch {
    // No fundamentals for the symbol (a provider without them for this market): unknown.
    return null;
  }
}

async function change1dOf(market: MarketDataGateway, symbol: string): Promise<number | null> {
  try {
    const close = (await market.bars(symbol)).close;
    const n = close.length;
    if (n < 2) return null;
    const change = ((close[n - 1] as number) / (close[n - 2] as number) - 1) * 100;
    return Number.isFinite(change) ? change : null;
  } catch {
    return null;
  }
}
