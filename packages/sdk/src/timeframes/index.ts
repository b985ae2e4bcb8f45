/** Timeframes: merging bars into weekly, monthly or n-minute bars, in batch and streaming. */
export { type AggregatedBar, BarAggregator, type BarAggregatorState } from './bar-aggregator.js';
export { resampleBars } from './resample-bars.js';
export { bucketOf, type TimeBucket, type Timeframe } from './timeframe.js';
