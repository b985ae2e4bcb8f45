import type { RiskLevel } from './types.js';

/**
 * Absolute bands of the three risk measures: `[low below, high above]`. Absolute rather than
 * cross-sectional, so that "high risk" means the same in a universe of utilities as in one of
 * biotech stocks. A typical large-cap stock has 20–35 % volatility, a 15–30 % yearly drawdown
 * and a beta near 1, and lands in the middle band of each.
 */
export const RISK_BANDS = Object.freeze({
  /** Annualised volatility of daily returns (fraction). */
  volatility: [0.2, 0.35] as const,
  /** Maximum drawdown over the last year (positive fraction). */
  maxDrawdown: [0.15, 0.3] as const,
  /** Beta to the equal-weight universe. */
  beta: [0.8, 1.3] as const,
});

/** Weight of each measure in the risk points: volatility leads, drawdown and beta confirm. */
export const RISK_WEIGHTS = Object.freeze({ volatility: 0.5, maxDrawdown: 0.3, beta: 0.2 });

/** Inputs of {@link classifyRisk}; `NaN` marks a measure that could not be computed. */
export interface RiskInputs {
  volatility: number;
  maxDrawdown: number;
  beta: number;
}

/**
 * Risk level: each measure scores 0 (below its low band), 1 (between) or 2 (above its high
 * band); a missing measure scores 1, since too little history is never evidence of low risk.
 * The weighted points (0–2) give low below 2/3, high above 4/3, medium between.
 */
export function classifyRisk(inputs: RiskInputs): RiskLevel {
  const points =
    RISK_WEIGHTS.volatility * bandPoints(inputs.volatility, RISK_BANDS.volatility) +
    RISK_WEIGHTS.maxDrawdown * bandPoints(inputs.maxDrawdown, RISK_BANDS.maxDrawdown) +
    RISK_WEIGHTS.beta * bandPoints(inputs.beta, RISK_BANDS.beta);
  if (points < 2 / 3) return 'low';
  if (points > 4 / 3) return 'high';
  return 'medium';
}

function bandPoints(value: number, [low, high]: readonly [number, number]): number {
  if (Number.isNaN(value)) return 1;
  if (value < low) return 0;
  if (value > high) return 2;
  return 1;
}
