import type { BarSeries, Fundamentals, NewsItem, SymbolInfo } from './data/schemas.js';

/** Time range of a bar request, epoch milliseconds, both bounds inclusive and optional. */
export interface BarRequest {
  from?: number;
  to?: number;
}

/** Options of a news request. */
export interface NewsRequest {
  /** Only items published at or after this time (epoch ms). */
  since?: number;
  /** At most this many items, newest first. */
  limit?: number;
}

/**
 * A source of daily bars. Implementations return validated data (see `validateBars`) or throw a
 * typed error; they never return `NaN` prices.
 */
export interface MarketDataProvider {
  /** Short provider name, used in errors and as `source` of the data it returns. */
  readonly name: string;
  /** The symbols this provider can serve. */
  listSymbols(): Promise<SymbolInfo[]>;
  /** Daily bars of one symbol, ascending in time. */
  getBars(symbol: string, request?: BarRequest): Promise<BarSeries>;
}

/** A source of company fundamentals. */
export interface FundamentalsProvider {
  getFundamentals(symbol: string): Promise<Fundamentals>;
}

/** A source of news headlines. */
export interface NewsProvider {
  /** Headlines about `symbol`, newest first. */
  getNews(symbol: string, request?: NewsRequest): Promise<NewsItem[]>;
}

/** Maps a symbol to its sector. */
export interface SectorProvider {
  getSector(symbol: string): Promise<string>;
}
