export { type FeatureTable, tableInputs, tableRows, tableWindows } from './feature-table.js';
export {
  type ModelFeatureName,
  modelFeatureColumns,
  OPTIONAL_MODEL_FEATURES,
  PRICE_MODEL_FEATURES,
} from './model-features.js';
export {
  buildUniverseDataset,
  type SymbolSeries,
  UniverseDataset,
  type UniverseDatasetOptions,
  type UniverseInput,
} from './universe-dataset.js';
