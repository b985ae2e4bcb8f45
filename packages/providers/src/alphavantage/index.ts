export {
  ALPHA_VANTAGE_FREE_TIER,
  AlphaVantageProvider,
  type AlphaVantageProviderOptions,
} from './alphavantage-provider.js';
