/**
 * @packageDocumentation
 * `@da-ki/ml` — forecasting for DA-KI: XGBoost, random forest, LSTM and ARIMA models, a stacked
 * ensemble trained on out-of-fold predictions, walk-forward validation and honest evaluation.
 *
 * The public surface is named here; the stacking internals (meta-model fitting, NNLS, conformal
 * radii, training tasks), the KPSS test and the numeric helpers stay internal.
 */
export {
  type ArimaCandidate,
  type ArimaForecast,
  ArimaForecaster,
  type ArimaForecasterOptions,
  type ArimaInclude,
  type ArimaOrder,
} from './arima/index.js';
export {
  type BacktestOptions,
  type BacktestResult,
  backtestScores,
  type DatedFundamentals,
  type FiveFactorMember,
  type FiveFactorPanel,
  type FiveFactorPanelOptions,
  type FundamentalsAsOf,
  type FundamentalsSource,
  type FundamentalsTiming,
  formatBacktestTable,
  fundamentalsDate,
  type PortfolioStats,
  type PricePanel,
  pointInTimeFundamentals,
  pricePanelFromBars,
  type QuantileReturn,
  type ScorePanel,
  scoreFiveFactorPanel,
  scorePanelFromRows,
} from './backtest/index.js';
export {
  buildUniverseDataset,
  type ModelFeatureName,
  OPTIONAL_MODEL_FEATURES,
  PRICE_MODEL_FEATURES,
  type SymbolSeries,
  UniverseDataset,
  type UniverseDatasetOptions,
  type UniverseInput,
} from './dataset/index.js';
export {
  BASELINE_NAMES,
  type BaselineName,
  type BaseModelSpec,
  type BuiltInModelSpec,
  type CustomModelSpec,
  DEFAULT_BASE_MODELS,
  type EnsembleProgress,
  type EnsembleStage,
  type HistoryPartition,
  type MetaModelKind,
  MIN_FORECAST_BARS,
  type Prediction,
  partitionByHistory,
  type ReportedSplit,
  regressorFromJSON,
  StockPredictionEnsemble,
  type StockPredictionEnsembleOptions,
  type ValidationSummary,
  type WalkForwardReport,
} from './ensemble/index.js';
export { LstmRegressor, type LstmRegressorOptions } from './lstm/index.js';
export {
  directionalAccuracy,
  evaluateForecasts,
  type ForecastSet,
  formatMetricsTable,
  type IcOptions,
  type IcSeries,
  type IcSummary,
  icSeries,
  informationCoefficient,
  intervalCoverage,
  type ModelMetrics,
  ModelPerformanceTracker,
  mae,
  mape,
  type PerformanceRecord,
  type PerformanceSummary,
  pearson,
  priceMapeFromLogReturns,
  rmse,
  spearman,
  summariseIc,
} from './metrics/index.js';
export {
  assertFeatureMatrix,
  assertTargets,
  type FeatureMatrix,
  InsufficientHistoryError,
  type ModelJSON,
  ModelNotFittedError,
  ModelTrainingError,
  type Regressor,
  type ShortHistory,
} from './model/index.js';
export {
  type ProphetChangepoint,
  type ProphetComponents,
  type ProphetEvent,
  type ProphetForecast,
  ProphetForecaster,
  type ProphetForecasterOptions,
} from './prophet/index.js';
export {
  RandomForestRegressor,
  type RandomForestRegressorOptions,
  type RandomForestRegressorSettings,
} from './random-forest/index.js';
// Public only because a training worker thread imports the package's bundle by URL and calls it;
// not meant for users. Moving it needs its own bundle entry and a change to training/pool.ts.
export { runTrainingWorker, type TrainingProgress } from './training/index.js';
export {
  DEFAULT_WALK_FORWARD,
  planWalkForward,
  type WalkForwardOptions,
  type WalkForwardPlan,
  type WalkForwardSplit,
  WalkForwardValidator,
} from './validation/index.js';
export { XGBoostRegressor, type XGBoostRegressorOptions } from './xgboost/index.js';
