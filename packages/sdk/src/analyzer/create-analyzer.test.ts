import { describe, expect, it } from 'vitest';
import { LayeredCache } from '../cache/layered-cache.js';
import { MemoryCacheStore } from '../cache/memory-store.js';
import { DataValidationError } from '../data/errors.js';
import type { BarSeries, Fundamentals, NewsItem, SymbolInfo } from '../data/schemas.js';
import type { FundamentalsProvider, MarketDataProvider, NewsProvider, SectorProvider } from '../providers.js';
import { createRng } from '../util/random.js';
import { analyzerCacheKeys } from './cache-keys.js';
import { createAnalyzer, SymbolNotScoredError } from './create-analyzer.js';
import type { AnalyzerProgress } from './progress.js';

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

/** An in-memory provider: random-walk bars with a per-symbol drift, so rankings are meaningful. */
class FakeMarket implements MarketDataProvider, FundamentalsProvider, NewsProvider, SectorProvider {
  readonly name = 'fake';
  barCalls = 0;
  inFlight = 0;
  peakInFlight = 0;
  private readonly series = new Map<string, BarSeries>();

  constructor(
    readonly infos: SymbolInfo[],
    private readonly broken = new Set<string>(),
  ) {
    infos.forEach((info, k) => {
      const rng = createRng(info.symbol);
      const drift = (k - infos.length / 2) * 0.0004;
      const n = 300;
      const bars: BarSeries = {
        symbol: info.symbol,
        source: 'fake',
        timestamps: new Float64Array(n),
        open: new Float64Array(n),
        high: new Float64Array(n),
        low: new Float64Array(n),
        close: new Float64Array(n),
        volume: new Float64Array(n),
      };
      let price = 50;
      for (let i = 0; i < n; i++) {
        const open = price;
        price *= Math.exp(drift + 0.015 * rng.normal());
        bars.timestamps[i] = START + i * DAY;
        bars.open[i] = open;
        bars.close[i] = price;
        bars.high[i] = Math.max(open, price) * 1.01;
        bars.low[i] = Math.min(open, price) * 0.99;
        bars.volume[i] = 1e6 + rng.int(0, 1e5);
      }
      if (this.broken.has(info.symbol)) bars.close[120] = Number.NaN;
      this.series.set(info.symbol, bars);
    });
  }

  async listSymbols() {
    return this.infos;
  }

  async getBars(symbol: string) {
    this.barCalls++;
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    await new Promise((resolve) => setTimeout(resolve, 1));
    this.inFlight--;
    const bars = this.series.get(symbol);
    if (!bars) throw new Error(`unknown symbol ${symbol}`);
    return bars;
  }

  async getFundamentals(symbol: string): Promise<Fundamentals> {
    return {
      symbol,
      source: 'fake',
      marketCap: 1e9,
      earnings: 5e7,
      bookValue: 4e8,
      returnOnEquity: 0.12,
      debtToEquity: 0.5,
    };
  }

  async getNews(symbol: string): Promise<NewsItem[]> {
    return [{ symbol, source: 'fake', title: `${symbol} beats estimates`, publishedAt: START + 299 * DAY }];
  }

  async getSector(symbol: string) {
    return symbol.endsWith('0') ? 'Energy' : 'Utilities';
  }
}

const infos = (n: number): SymbolInfo[] =>
  Array.from({ length: n }, (_, k) => ({
    symbol: `S${k}`,
    name: `Stock ${k}`,
    sector: k % 2 ? 'Financials' : 'Industrials',
  }));

describe('createAnalyzer', () => {
  it('scores the whole universe, best first, with every symbol ranked', async () => {
    const market = new FakeMarket(infos(12));
    const run = await createAnalyzer({ market, fundamentals: market, news: market }).scoreAll();
    expect(run.errors).toEqual([]);
    expect(run.results).toHaveLength(12);
    expect(run.results.map((r) => r.rank)).toEqual(Array.from({ length: 12 }, (_, k) => k + 1));
    for (let k = 1; k < run.results.length; k++) {
      expect(run.results[k - 1]?.score).toBeGreaterThanOrEqual(run.results[k]?.score as number);
    }
    // The strongest drift was given to the last symbols: they must lead on performance.
    const top = run.results.slice(0, 4).map((r) => Number(r.symbol.slice(1)));
    expect(Math.min(...top)).toBeGreaterThanOrEqual(4);
  });

  it('returns partial results with per-symbol errors when one symbol has bad data', async () => {
    const market = new FakeMarket(infos(6), new Set(['S3']));
    const run = await createAnalyzer({ market }).scoreAll();
    expect(run.results.map((r) => r.symbol).sort()).toEqual(['S0', 'S1', 'S2', 'S4', 'S5']);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatchObject({ symbol: 'S3', name: 'DataValidationError' });
    expect(run.errors[0]?.message).toMatch(/S3\.close\[120\] = NaN/);
    for (const r of run.results) expect(Number.isFinite(r.score)).toBe(true);
  });

  it('fetches with bounded concurrency and reports progress for every symbol', async () => {
    const market = new FakeMarket(infos(20));
    const progress: AnalyzerProgress[] = [];
    await createAnalyzer({ market, concurrency: 3 }).scoreAll({ onProgress: (p) => progress.push(p) });
    expect(market.peakInFlight).toBeLessThanOrEqual(3);
    expect(market.peakInFlight).toBeGreaterThan(1);
    const fetches = progress.filter((p) => p.phase === 'fetch');
    expect(fetches.map((p) => p.completed)).toEqual(Array.from({ length: 20 }, (_, k) => k + 1));
    expect(fetches.every((p) => p.total === 20)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ phase: 'score', completed: 1, total: 1 });
  });

  it('top(n) and score(symbol) reuse a recent run instead of fetching again', async () => {
    const market = new FakeMarket(infos(8));
    const analyzer = createAnalyzer({ market });
    const best = await analyzer.top(3);
    expect(best.map((r) => r.rank)).toEqual([1, 2, 3]);
    const calls = market.barCalls;
    const one = await analyzer.score(best[1]?.symbol as string);
    expect(one).toEqual(best[1]);
    expect(market.barCalls).toBe(calls);
    await expect(analyzer.top(0)).rejects.toThrow(/positive integer/);
  });

  it('score(symbol) names the reason a symbol could not be scored', async () => {
    const market = new FakeMarket(infos(5), new Set(['S2']));
    const analyzer = createAnalyzer({ market });
    await expect(analyzer.score('S2')).rejects.toThrow(SymbolNotScoredError);
    await expect(analyzer.score('S2')).rejects.toThrow(/S2 could not be scored: DataValidationError/);
    await expect(analyzer.score('NOPE')).rejects.toThrow(
      /NOPE could not be scored: Error: unknown symbol NOPE/,
    );
  });

  it('takes sectors from the sector provider when given', async () => {
    const market = new FakeMarket(infos(10));
    const run = await createAnalyzer({ market, sectors: market }).scoreAll();
    expect(new Set(run.results.map((r) => r.sector))).toEqual(new Set(['Energy', 'Utilities']));
  });

  it('reads provider data through the cache', async () => {
    const market = new FakeMarket(infos(6));
    const cache = new LayeredCache();
    const analyzer = createAnalyzer({ market, cache, reuseRunMs: 0 });
    const first = await analyzer.scoreAll();
    const calls = market.barCalls;
    const second = await analyzer.scoreAll();
    expect(market.barCalls).toBe(calls);
    expect(second.results.map((r) => [r.symbol, r.score])).toEqual(
      first.results.map((r) => [r.symbol, r.score]),
    );
  });

  it('caches under the keys analyzerCacheKeys builds, so a service can drop or refresh one entry', async () => {
    const market = new FakeMarket(infos(4));
    const store = new MemoryCacheStore();
    const cache = new LayeredCache({ layers: [{ store }] });
    const analyzer = createAnalyzer({
      market,
      fundamentals: market,
      news: market,
      sectors: market,
      cache,
      reuseRunMs: 0,
    });
    await analyzer.scoreAll();
    expect(analyzerCacheKeys.bars('fake', 'S1')).toBe('bars:fake:S1');
    for (const key of [
      analyzerCacheKeys.bars(market.name, 'S1'),
      analyzerCacheKeys.fundamentals('S1'),
      analyzerCacheKeys.news('S1'),
      analyzerCacheKeys.sector('S1'),
    ]) {
      expect(await store.get(key), key).toBeDefined();
    }
    // Dropping one symbol's bars makes the next run fetch exactly that series again.
    const calls = market.barCalls;
    await cache.delete(analyzerCacheKeys.bars(market.name, 'S1'));
    await analyzer.scoreAll();
    expect(market.barCalls).toBe(calls + 1);
  });

  it("carries each symbol's name and last close into its result", async () => {
    const market = new FakeMarket(infos(5));
    const run = await createAnalyzer({ market }).scoreAll();
    for (const result of run.results) {
      const bars = await market.getBars(result.symbol);
      expect(result.name).toBe(`Stock ${result.symbol.slice(1)}`);
      expect(result.lastClose).toBe(bars.close[bars.close.length - 1]);
      expect(result.lastTimestamp).toBe(bars.timestamps[bars.timestamps.length - 1]);
    }
  });

  it('validates provider output: a provider returning NaN never reaches a score', async () => {
    const market = new FakeMarket(infos(3));
    const lying: MarketDataProvider = {
      name: 'lying',
      listSymbols: () => market.listSymbols(),
      async getBars(symbol) {
        const bars = await market.getBars(symbol);
        return { ...bars, volume: bars.volume.map((v, i) => (i === 7 ? -1 : v)) };
      },
    };
    const run = await createAnalyzer({ market: lying }).scoreAll();
    expect(run.results).toEqual([]);
    expect(run.errors.map((e) => e.name)).toEqual([
      'DataValidationError',
      'DataValidationError',
      'DataValidationError',
    ]);
    expect(new DataValidationError('x', { field: 'f' })).toBeInstanceOf(Error);
  });

  it('refuses to be created without a market provider', () => {
    expect(() => createAnalyzer({} as never)).toThrow(/market/);
  });
});
