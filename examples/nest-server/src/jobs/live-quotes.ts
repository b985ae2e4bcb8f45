import type { Redis } from 'ioredis';

/** A symbol's latest intraday price. */
export interface LiveQuote {
  symbol: string;
  price: number;
  /** Last daily close the price is compared with. */
  previousClose: number;
  /** Market-clock tick the price belongs to; a quote never replaces one of a later tick. */
  tick: number;
  /** Epoch ms the price was computed. */
  at: number;
}

/**
 * Latest intraday prices, shared by whoever computes them (scheduler or workers) and whoever
 * reads them (REST valuations through `AnalysisService.livePrice`).
 */
export abstract class LiveQuotes {
  abstract getMany(symbols: readonly string[]): Promise<Map<string, LiveQuote>>;
  /**
   * Stores each quote unless a quote of the same or a later tick is already stored (a retried or
   * late job must not move a price back in time); returns the quotes stored.
   */
  abstract putIfNewer(quotes: readonly LiveQuote[]): Promise<LiveQuote[]>;

  async get(symbol: string): Promise<LiveQuote | undefined> {
    return (await this.getMany([symbol])).get(symbol);
  }
}

/** Quotes in this process (single instance, no Redis). */
export class MemoryLiveQuotes extends LiveQuotes {
  private readonly quotes = new Map<string, LiveQuote>();

  async getMany(symbols: readonly string[]): Promise<Map<string, LiveQuote>> {
    const found = new Map<string, LiveQuote>();
    for (const symbol of symbols) {
      const quote = this.quotes.get(symbol);
      if (quote) found.set(symbol, quote);
    }
    return found;
  }

  async putIfNewer(quotes: readonly LiveQuote[]): Promise<LiveQuote[]> {
    const stored: LiveQuote[] = [];
    for (const quote of quotes) {
      const current = this.quotes.get(quote.symbol);
      if (current && current.tick >= quote.tick) continue;
      this.quotes.set(quote.symbol, quote);
      stored.push(quote);
    }
    return stored;
  }
}

// Compare-and-set per symbol in one atomic script: two workers racing on a symbol (a retried tick
// and the next one) cannot interleave between the read and the write. Returns the indexes of the
// quotes stored (a batch may hold two quotes of one symbol).
const PUT_IF_NEWER = `
local stored = {}
for i = 1, #ARGV, 3 do
  local current = redis.call('HGET', KEYS[1], ARGV[i])
  if (not current) or cjson.decode(current).tick < tonumber(ARGV[i + 1]) then
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 2])
    stored[#stored + 1] = (i - 1) / 3
  end
end
return stored
`;

/** Quotes in a Redis hash (`<prefix>:quotes`), shared by all workers and server instances. */
export class RedisLiveQuotes extends LiveQuotes {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    super();
    this.key = `${prefix}:quotes`;
  }

  async getMany(symbols: readonly string[]): Promise<Map<string, LiveQuote>> {
    const found = new Map<string, LiveQuote>();
    if (symbols.length === 0) return found;
    const values = await this.redis.hmget(this.key, ...symbols);
    values.forEach((value, i) => {
      if (value !== null) found.set(symbols[i] as string, JSON.parse(value) as LiveQuote);
    });
    return found;
  }

  async putIfNewer(quotes: readonly LiveQuote[]): Promise<LiveQuote[]> {
    if (quotes.length === 0) return [];
    const args = quotes.flatMap((q) => [q.symbol, String(q.tick), JSON.stringify(q)]);
    const stored = (await this.redis.eval(PUT_IF_NEWER, 1, this.key, ...args)) as number[];
    return stored.map((index) => quotes[index] as LiveQuote);
  }
}
