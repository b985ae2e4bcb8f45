export {
  FeatureEngineer,
  type FeatureEngineerOptions,
  type FeatureInput,
  type SentimentInput,
} from './feature-engineer.js';
export { FeatureFrame } from './feature-frame.js';
export { FEATURE_NAMES, type FeatureName, OPTIONAL_FEATURES, PRICE_FEATURES } from './feature-names.js';
