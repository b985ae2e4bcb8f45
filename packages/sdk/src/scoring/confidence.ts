import type { ConfidenceLevel } from './types.js';

/** Lower bounds of the confidence labels: high from 0.75, medium from 0.5, low below. */
export const CONFIDENCE_BANDS = Object.freeze({ high: 0.75, medium: 0.5 });

/**
 * Overall confidence (0–1) of one stock's score.
 *
 * - Completeness: the factor weights times each factor's own confidence (how much of it rests
 *   on real inputs rather than the neutral 50 used for missing data).
 * - Agreement: 1 − σ/50, σ the standard deviation of the factor scores, each weighted by its
 *   factor weight times confidence (50 is the largest possible σ on a 0–100 scale). Factors that
 *   point the same way make the total more trustworthy than a 90 and a 10 averaging to 50.
 *
 * Confidence = completeness × (0.5 + 0.5 × agreement): missing data caps it, disagreement can
 * halve it at most.
 */
export function overallConfidence(
  scores: ArrayLike<number>,
  confidences: ArrayLike<number>,
  weights: ArrayLike<number>,
): number {
  // The weighted confidences sum to the completeness (the factor weights sum to 1).
  let mass = 0;
  let mean = 0;
  for (let f = 0; f < scores.length; f++) {
    const a = (weights[f] as number) * (confidences[f] as number);
    mass += a;
    mean += a * (scores[f] as number);
  }
  if (!(mass > 0)) return 0;
  mean /= mass;
  let variance = 0;
  for (let f = 0; f < scores.length; f++) {
    const a = (weights[f] as number) * (confidences[f] as number);
    variance += a * ((scores[f] as number) - mean) ** 2;
  }
  const agreement = 1 - Math.min(1, Math.sqrt(variance / mass) / 50);
  return clamp01(mass * (0.5 + 0.5 * agreement));
}

/** Label of a 0–1 confidence (see {@link CONFIDENCE_BANDS}). */
export function confidenceLevelOf(confidence: number): ConfidenceLevel {
  if (confidence >= CONFIDENCE_BANDS.high) return 'high';
  if (confidence >= CONFIDENCE_BANDS.medium) return 'medium';
  return 'low';
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
