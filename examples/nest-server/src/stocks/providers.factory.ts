import {
  AlphaVantageProvider,
  CsvProvider,
  RssNewsProvider,
  SyntheticMarketProvider,
  YahooFinanceProvider,
} from '@da-ki/providers';
import type { FundamentalsProvider, MarketDataProvider, NewsProvider } from '@da-ki/sdk';
import type { AppConfig } from '../config/config.js';

/** The providers the server uses, chosen by `DATA_PROVIDER`. */
export interface ServerProviders {
  market: MarketDataProvider;
  fundamentals?: FundamentalsProvider;
  news?: NewsProvider;
}

/** Builds the configured providers (synthetic by default: no network needed). */
export function createProviders(config: AppConfig): ServerProviders {
  switch (config.dataProvider) {
    case 'synthetic': {
      const provider = new SyntheticMarketProvider({
        seed: config.syntheticSeed,
        symbols: config.syntheticSymbols,
      });
      return { market: provider, fundamentals: provider, news: provider };
    }
    case 'csv':
      return { market: new CsvProvider({ dir: config.csvDir as string }) };
    case 'yahoo': {
      const yahoo = new YahooFinanceProvider({});
      return { market: yahoo, fundamentals: yahoo, news: new RssNewsProvider({}) };
    }
    case 'alphavantage': {
      const av = new AlphaVantageProvider({ apiKey: config.alphaVantageApiKey });
      return { market: av, fundamentals: av, news: av };
    }
  }
}
