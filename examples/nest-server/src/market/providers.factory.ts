import {
  AlphaVantageProvider,
  FolderProvider,
  RssNewsProvider,
  SyntheticMarketProvider,
  YahooFinanceProvider,
} from '@da-ki/providers';
import type { FundamentalsProvider, MarketDataProvider, NewsProvider, SectorProvider } from '@da-ki/sdk';
import type { AppConfig } from '../config/config.js';

/** The providers the server uses, chosen by `DATA_PROVIDER`. */
export interface ServerProviders {
  market: MarketDataProvider;
  fundamentals?: FundamentalsProvider;
  news?: NewsProvider;
  /** Sectors from the source itself (the folder's universe.csv); else those of `listSymbols`. */
  sectors?: SectorProvider;
  /** The data folder, when `DATA_PROVIDER=folder`: its report, fingerprint and reload. */
  folder?: FolderProvider;
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
    case 'folder': {
      // One loader for everything: prices, universe (names, sectors), fundamentals and news.
      const folder = new FolderProvider({
        dir: config.marketDataDir as string,
        ...(config.asOf ? { asOf: config.asOf } : {}),
      });
      return {
        market: folder,
        fundamentals: folder,
        news: folder,
        sectors: folder,
        folder,
      };
    }
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
