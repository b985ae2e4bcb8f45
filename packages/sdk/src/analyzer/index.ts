export { analyzerCacheKeys } from './cache-keys.js';
export {
  type AnalysisRun,
  type Analyzer,
  type AnalyzerOptions,
  createAnalyzer,
  type ScoreAllOptions,
  SymbolNotScoredError,
} from './create-analyzer.js';
export type { AnalyzerProgress, SymbolError } from './progress.js';
