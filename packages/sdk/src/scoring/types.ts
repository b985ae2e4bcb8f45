import type { BarSeries, Fundamentals, NewsItem } from '../data/schemas.js';

/** The five factors of the growth score, in the order they are reported. */
export const FACTOR_NAMES = ['performance', 'fundamental', 'sentiment', 'sector', 'momentum'] as const;

/** Name of one of the five factors. */
export type FactorName = (typeof FACTOR_NAMES)[number];

/** One number per factor (weights, or 0–100 factor scores). */
export type FactorScores = Record<FactorName, number>;

/** Weight of each factor in the overall score: non-negative, summing to 1. */
export type FactorWeights = Record<FactorName, number>;

/**
 * Everything the engine knows about one stock: validated daily bars (ascending time), and
 * optionally fundamentals and news. `sector` is the group used for sector-relative judgements.
 */
export interface StockSnapshot {
  symbol: string;
  /** Company name, carried into the result; defaults to the symbol. */
  name?: string;
  sector: string;
  bars: BarSeries;
  fundamentals?: Fundamentals;
  news?: NewsItem[];
}

/** Letter grade of a 0–100 score, best first (see `GRADE_BANDS`). */
export type Grade = 'A+' | 'A' | 'A-' | 'B+' | 'B' | 'B-' | 'C+' | 'C' | 'C-' | 'D+' | 'D' | 'D-' | 'F';

/** Risk class of a stock from its volatility, drawdown and beta (see `classifyRisk`). */
export type RiskLevel = 'low' | 'medium' | 'high';

/** How far a score can be trusted: data completeness and agreement between factors. */
export type ConfidenceLevel = 'low' | 'medium' | 'high';

/** How the raw value of a metric is meant to be read (for display). */
export type MetricUnit = 'percent' | 'ratio' | 'number' | 'count' | 'days';

/** One raw input of a factor, next to its sector median and the percentile it earned. */
export interface MetricDetail {
  /** Stable identifier, e.g. `return12m`, `peRatio`, `rsi14`. */
  id: string;
  /** Human label, e.g. "12-month return". */
  label: string;
  /** Raw value (`percent` units are fractions: 0.12 = 12 %); `null` when the input is missing. */
  value: number | null;
  /** Median of the same metric over the stock's sector (members with a value), or `null`. */
  sectorMedian: number | null;
  /** Percentile earned (0–100, higher is better); `null` when missing (the factor then uses 50). */
  percentile: number | null;
  /** Weight of this metric inside its factor (the weights of a factor sum to 1). */
  weight: number;
  /** Unit of `value` and `sectorMedian`. */
  unit: MetricUnit;
  /** Whether a higher raw value is better (`false` for P/E, drawdown, debt/equity, ...). */
  higherIsBetter: boolean;
  /** Ranked against the whole universe, the stock's sector, or across sectors. */
  comparedWith: 'universe' | 'sector' | 'sectors';
  /** True when the input was missing and the neutral 50 was used. */
  missing: boolean;
  /** A remark on how the value was treated, e.g. "negative earnings: ranked last". */
  note?: string;
}

/** Drill-down of one factor. */
export interface FactorDetail {
  /** The factor's 0–100 score (weighted mean of its metrics' percentiles). */
  score: number;
  /** Letter grade of `score`. */
  grade: Grade;
  /** 0–1: how much of the factor rests on real inputs (1 = every input present). */
  confidence: number;
  /** True when at least one input of the factor was missing. */
  missingInputs: boolean;
  /** The metrics behind the score, in weight order. */
  metrics: MetricDetail[];
}

/** Risk inputs behind `riskLevel`. */
export interface RiskDetail {
  level: RiskLevel;
  /** Annualised volatility of daily returns over the last year (fraction), or `null`. */
  annualizedVolatility: number | null;
  /** Maximum peak-to-trough decline over the last year (positive fraction), or `null`. */
  maxDrawdown: number | null;
  /** Beta of daily returns to the equal-weight universe over the last year, or `null`. */
  beta: number | null;
}

/** The score of one stock within its universe. */
export interface ScoreResult {
  symbol: string;
  /** Company name from the snapshot (the symbol when the snapshot named none). */
  name: string;
  sector: string;
  /** Close of the last bar the score was computed from; `null` for a snapshot without bars. */
  lastClose: number | null;
  /** Timestamp (epoch ms) of that last bar; `null` for a snapshot without bars. */
  lastTimestamp: number | null;
  /** Overall score 0–100: the weighted mean of the five factor scores. */
  score: number;
  /** The five factor scores, each 0–100. */
  factors: FactorScores;
  /** Letter grade per factor and overall. */
  grades: Record<FactorName | 'overall', Grade>;
  /** 1 = best of the universe. */
  rank: number;
  /** 1 = best of its sector. */
  sectorRank: number;
  /** Number of stocks in its sector (in this universe). */
  sectorSize: number;
  /** Low / medium / high, from volatility, drawdown and beta. */
  riskLevel: RiskLevel;
  /** The numbers behind `riskLevel`. */
  risk: RiskDetail;
  /** Low / medium / high label of `confidence`. */
  confidenceLevel: ConfidenceLevel;
  /** 0–1: data completeness times agreement between the factors. */
  confidence: number;
  /** Short sentences naming the numbers behind the score. */
  explanations: string[];
  /** Per-factor drill-down: metrics, sector medians, confidence, missing inputs. */
  details: Record<FactorName, FactorDetail>;
}
