/**
 * @packageDocumentation
 * `@da-ki/sdk` — the pure core of DA-KI: validated market data, technical indicators (batch and
 * streaming), feature engineering, sentiment, the five-factor growth score and the layered cache.
 * No network, no database, no Node-only APIs.
 *
 * The root exports the whole public surface. The subpaths `@da-ki/sdk/indicators`, `/scoring`,
 * `/cache` and `/sentiment` export parts of it (the same objects), each named in its own index
 * file and re-exported here whole; the rest is named below. Anything else is internal.
 */

export {
  type AnalysisRun,
  type Analyzer,
  type AnalyzerOptions,
  type AnalyzerProgress,
  analyzerCacheKeys,
  createAnalyzer,
  type ScoreAllOptions,
  type SymbolError,
  SymbolNotScoredError,
} from './analyzer/index.js';
export * from './cache/index.js';
export {
  BAR_FIELDS,
  type Bar,
  type BarField,
  type BarGap,
  type BarSeries,
  type BarValidationReport,
  barSchema,
  barSeriesSchema,
  barsToSeries,
  DaKiError,
  type DataIssueLocation,
  DataValidationError,
  type Fundamentals,
  fundamentalsSchema,
  GICS_SECTORS,
  type GicsSector,
  InvalidArgumentError,
  isValidatedBars,
  type NewsItem,
  newsItemSchema,
  type Quote,
  quoteSchema,
  type RawBarColumns,
  type SymbolInfo,
  sectorSchema,
  sliceBarsByTime,
  symbolInfoSchema,
  symbolSchema,
  toValidatedBars,
  type ValidateBarsOptions,
  type ValidatedBarSeries,
  type ValidatedBars,
  validateBars,
} from './data/index.js';
export {
  FEATURE_NAMES,
  FeatureEngineer,
  type FeatureEngineerOptions,
  FeatureFrame,
  type FeatureInput,
  type FeatureName,
  OPTIONAL_FEATURES,
  PRICE_FEATURES,
  type SentimentInput,
} from './features/index.js';
// Kept public on purpose: @da-ki/ml checks its series with the same typed error.
export { assertFiniteSeries } from './indicators/args.js';
export * from './indicators/index.js';
export type {
  BarRequest,
  FundamentalsProvider,
  MarketDataProvider,
  NewsProvider,
  NewsRequest,
  SectorProvider,
} from './providers.js';
export * from './scoring/index.js';
export * from './sentiment/index.js';
export * from './timeframes/index.js';
// Public on purpose: @da-ki/providers and @da-ki/ml build on them (bounded fan-out over symbols,
// the seeded generator behind every synthetic series), and a package can only import the surface.
export { createRng, mapWithConcurrency, type Rng } from './util/index.js';
