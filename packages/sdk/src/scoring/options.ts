import { z } from 'zod';
import { InvalidArgumentError } from '../data/errors.js';
import type { SentimentAnalyzer } from '../sentiment/index.js';
import type { FactorWeights } from './types.js';
import { DEFAULT_WEIGHTS, validateWeights } from './weights.js';

/** Options of the `ScoringEngine`. Every field is optional. */
export interface ScoringEngineOptions {
  /** Factor weights (all five, non-negative, summing to 1). Default {@link DEFAULT_WEIGHTS}. */
  weights?: FactorWeights;
  /** Scores headlines. Default: a `FinanceSentimentAnalyzer` (VADER plus the finance overlay). */
  sentimentAnalyzer?: SentimentAnalyzer;
  /** Age in days at which a headline weighs half as much as a fresh one. Default 7. */
  sentimentHalfLifeDays?: number;
  /**
   * Reference time (epoch ms) for headline ages. Default: each stock's last bar, so a score
   * depends only on its inputs, never on the clock.
   */
  asOf?: number;
  /**
   * `prefer` (default): a provider's own `item.sentiment` (in [−1, 1]) is used when present,
   * since providers may have scored the whole article; `ignore`: every headline is scored by
   * `sentimentAnalyzer`, for one consistent scale across providers.
   */
  providerSentiment?: 'prefer' | 'ignore';
  /**
   * Sector-relative metrics (P/E, P/B, ROE, debt/equity) need this many stocks of the sector
   * with a value; members of smaller sectors are ranked against the universe. Default 3.
   */
  minSectorSize?: number;
}

/** Options with defaults applied. */
export interface ResolvedScoringOptions {
  weights: Readonly<FactorWeights>;
  sentimentAnalyzer: SentimentAnalyzer | undefined;
  sentimentHalfLifeDays: number;
  asOf: number | undefined;
  providerSentiment: 'prefer' | 'ignore';
  minSectorSize: number;
}

/** Default half-life of headline weights: a week-old headline counts half. */
export const DEFAULT_SENTIMENT_HALF_LIFE_DAYS = 7;

/** Default smallest sector for sector-relative ranking. */
export const DEFAULT_MIN_SECTOR_SIZE = 3;

const analyzerSchema = z.custom<SentimentAnalyzer>(
  (value) =>
    typeof value === 'object' && value !== null && typeof (value as SentimentAnalyzer).score === 'function',
  { message: 'must be an object with a score(text) method' },
);

const optionsSchema = z.strictObject({
  weights: z.unknown().optional(),
  sentimentAnalyzer: analyzerSchema.optional(),
  sentimentHalfLifeDays: z.number().finite().positive().optional(),
  asOf: z.number().finite().optional(),
  providerSentiment: z.enum(['prefer', 'ignore']).optional(),
  minSectorSize: z.number().int().min(1).optional(),
});

/** Validates the options (unknown keys rejected) and applies the defaults. */
export function resolveScoringOptions(options: ScoringEngineOptions | undefined): ResolvedScoringOptions {
  const parsed = optionsSchema.safeParse(options ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.code === 'unrecognized_keys') {
      throw new InvalidArgumentError(
        `options.${issue.keys[0]}`,
        `unknown option; expected one of ${Object.keys(optionsSchema.shape).join(', ')}`,
      );
    }
    const path = issue?.path.length ? `options.${issue.path.map(String).join('.')}` : 'options';
    throw new InvalidArgumentError(path, issue?.message ?? 'invalid value');
  }
  const value = parsed.data;
  return {
    weights: value.weights === undefined ? DEFAULT_WEIGHTS : validateWeights(value.weights),
    sentimentAnalyzer: value.sentimentAnalyzer,
    sentimentHalfLifeDays: value.sentimentHalfLifeDays ?? DEFAULT_SENTIMENT_HALF_LIFE_DAYS,
    asOf: value.asOf,
    providerSentiment: value.providerSentiment ?? 'prefer',
    minSectorSize: value.minSectorSize ?? DEFAULT_MIN_SECTOR_SIZE,
  };
}
