import type { FeatureFrame } from '@da-ki/sdk';

/**
 * Scale-free transforms of the `FeatureEngineer` columns, so that one pooled model can serve
 * symbols priced at 5 or at 5000: MACD and Bollinger bands relative to the close, the volume ratio
 * in logs, the price-volume trend relative to price and mean volume.
 */
export const PRICE_MODEL_FEATURES = [
  'rsi',
  'macd_pct',
  'macd_signal_pct',
  'macd_histogram_pct',
  'bb_upper_gap',
  'bb_lower_gap',
  'change_1d',
  'change_7d',
  'volatility_20d',
  'log_volume_ratio',
  'pvt_relative',
] as const;

/**
 * Optional model features from fundamentals and sentiment. Off by default: providers return
 * today's fundamentals and news, and stamping today's P/E on every historical row leaks the
 * price path (today's market cap) into the training rows.
 */
export const OPTIONAL_MODEL_FEATURES = ['log_pe', 'log_pb', 'news_sentiment', 'social_sentiment'] as const;

/** Name of one model feature. */
export type ModelFeatureName =
  | (typeof PRICE_MODEL_FEATURES)[number]
  | (typeof OPTIONAL_MODEL_FEATURES)[number];

/**
 * The model-feature columns of one symbol's frame. `close` is the bar closes the frame was
 * computed from. Values are `NaN` where the source feature is (warm-up, missing fundamentals).
 */
export function modelFeatureColumns(
  frame: FeatureFrame,
  close: Float64Array,
  names: readonly ModelFeatureName[],
): Float64Array[] {
  const col = (name: Parameters<FeatureFrame['column']>[0]) => frame.column(name);
  const relative = (values: Float64Array, offset = 0) =>
    Float64Array.from(values, (v, i) => v / (close[i] as number) - offset);
  const logPositive = (values: Float64Array) =>
    Float64Array.from(values, (v) => (v > 0 ? Math.log(v) : Number.NaN));
  const build = (name: ModelFeatureName): Float64Array => {
    switch (name) {
      case 'rsi':
        return Float64Array.from(col('rsi'), (v) => v / 100);
      case 'macd_pct':
        return relative(col('macd'));
      case 'macd_signal_pct':
        return relative(col('macd_signal'));
      case 'macd_histogram_pct':
        return relative(col('macd_histogram'));
      case 'bb_upper_gap':
        return relative(col('bb_upper'), 1);
      case 'bb_lower_gap':
        return relative(col('bb_lower'), 1);
      case 'change_1d':
        return col('change_1d').slice();
      case 'change_7d':
        return col('change_7d').slice();
      case 'volatility_20d':
        return col('volatility_20d').slice();
      case 'log_volume_ratio':
        // a zero-volume day would give −∞: floor the ratio at 1 % of the mean volume
        return Float64Array.from(col('volume_ratio'), (v) =>
          Number.isNaN(v) ? v : Math.log(Math.max(v, 0.01)),
        );
      case 'pvt_relative': {
        // (Δclose × volume) / (previous close × mean volume) = 1-day change × volume ratio
        const change = col('change_1d');
        const ratio = col('volume_ratio');
        return Float64Array.from(change, (v, i) => v * (ratio[i] as number));
      }
      case 'log_pe':
        return logPositive(col('pe_ratio'));
      case 'log_pb':
        return logPositive(col('pb_ratio'));
      case 'news_sentiment':
        return col('news_sentiment').slice();
      case 'social_sentiment':
        return col('social_sentiment').slice();
    }
  };
  return names.map(build);
}
