/**
 * `@da-ki/sdk/sentiment` — VADER exactly as published and the finance overlay used for scoring.
 */
export { describeEmojis, parseEmojiLexicon } from './emoji.js';
export { FinanceSentimentAnalyzer } from './finance.js';
export { FINANCE_BOOSTERS, FINANCE_LEXICON, FINANCE_PHRASE_FILLERS } from './finance-lexicon.js';
export type { FinanceSentimentOptions, VaderSentimentOptions } from './options.js';
export type { SentimentAnalyzer, SentimentScore } from './types.js';
export { VaderSentimentAnalyzer } from './vader.js';
export { vaderLexicon } from './vader-lexicon.js';
