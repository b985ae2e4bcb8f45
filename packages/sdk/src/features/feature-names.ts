/**
 * The concept's feature set, in column order. Price-derived features come first; fundamentals and
 * sentiment are optional inputs and may be `NaN` (see {@link FeatureEngineer}).
 */
export const FEATURE_NAMES = [
  'rsi',
  'macd',
  'macd_signal',
  'macd_histogram',
  'bb_upper',
  'bb_lower',
  'change_1d',
  'change_7d',
  'volatility_20d',
  'volume_ratio',
  'price_volume_trend',
  'pe_ratio',
  'pb_ratio',
  'news_sentiment',
  'social_sentiment',
] as const;

/** Name of one feature column. */
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Features computed from bars alone: a row is complete when all of these are defined. */
export const PRICE_FEATURES: readonly FeatureName[] = FEATURE_NAMES.slice(0, 11);

/** Features from optional inputs (fundamentals, sentiment): `NaN` when the input is absent. */
export const OPTIONAL_FEATURES: readonly FeatureName[] = FEATURE_NAMES.slice(11);
