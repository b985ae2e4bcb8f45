export {
  type SymbolSearchOptions,
  type SymbolSearchResult,
  YahooFinanceProvider,
  type YahooFinanceProviderOptions,
} from './yahoo-provider.js';
