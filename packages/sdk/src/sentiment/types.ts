/**
 * Sentiment of one text, in VADER's terms.
 *
 * `compound` is the normalised sum of all word valences, in [-1, 1]; VADER's customary cut-offs are
 * ≥ 0.05 positive, ≤ -0.05 negative, neutral in between. `positive`, `negative` and `neutral` are
 * the proportions of the text that fall in each class; they add up to 1, or are all 0 for a text
 * without tokens. Values are not rounded (vaderSentiment rounds to 4 and 3 decimals for display).
 */
export interface SentimentScore {
  /** Normalised, weighted composite score in [-1, 1]. */
  compound: number;
  /** Share of the text that is positive, in [0, 1]. */
  positive: number;
  /** Share of the text that is negative, in [0, 1]. */
  negative: number;
  /** Share of the text that is neutral, in [0, 1]. */
  neutral: number;
}

/**
 * Scores the sentiment of a text. The SDK's scoring uses a {@link SentimentScore.compound} per
 * headline; any implementation (a different lexicon, a remote model behind a cache, ...) can be
 * plugged in. Implementations must be synchronous, deterministic and never return `NaN`.
 */
export interface SentimentAnalyzer {
  /** Scores one text (a headline, a sentence, a paragraph). */
  score(text: string): SentimentScore;
}
