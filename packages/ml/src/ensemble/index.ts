export * from './base-models.js';
export * from './baselines.js';
export * from './conformal.js';
export * from './forward-stacking.js';
export * from './history.js';
export * from './meta-model.js';
export * from './nnls.js';
export type * from './prediction.js';
export * from './stock-prediction-ensemble.js';
