/**
 * `@da-ki/sdk/scoring` — the five-factor growth score: `ScoringEngine`, its weights, grades, risk
 * and confidence bands, and the metrics behind each factor.
 */
export { CONFIDENCE_BANDS, confidenceLevelOf } from './confidence.js';
export { ScoringEngine } from './engine.js';
export { FUNDAMENTAL_METRICS, priceToBook, priceToEarnings } from './factors/fundamental.js';
export { MOMENTUM_METRICS, RSI_OVERBOUGHT, RSI_OVERSOLD, rankedRsi } from './factors/momentum.js';
export { PERFORMANCE_METRICS } from './factors/performance.js';
export { SECTOR_METRICS } from './factors/sector.js';
export {
  SENTIMENT_CONFIDENCE_HALF_WEIGHT,
  SENTIMENT_METRICS,
  SENTIMENT_PRIOR_WEIGHT,
} from './factors/sentiment.js';
export { GRADE_BANDS, gradeFor } from './grades.js';
export {
  DEFAULT_MIN_SECTOR_SIZE,
  DEFAULT_SENTIMENT_HALF_LIFE_DAYS,
  type ScoringEngineOptions,
} from './options.js';
export { HORIZON_BARS, MIN_RISK_RETURNS, MOMENTUM_PERIODS, RISK_WINDOW } from './price-metrics.js';
export { classifyRisk, RISK_BANDS, RISK_WEIGHTS, type RiskInputs } from './risk.js';
export {
  type ConfidenceLevel,
  FACTOR_NAMES,
  type FactorDetail,
  type FactorName,
  type FactorScores,
  type FactorWeights,
  type Grade,
  type MetricDetail,
  type MetricUnit,
  type RiskDetail,
  type RiskLevel,
  type ScoreResult,
  type StockSnapshot,
} from './types.js';
export { DEFAULT_WEIGHTS, factorWeightsSchema, validateWeights, WEIGHT_SUM_TOLERANCE } from './weights.js';
