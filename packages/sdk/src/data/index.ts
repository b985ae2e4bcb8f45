export * from './bars.js';
export * from './errors.js';
export * from './parse.js';
export * from './schemas.js';
export * from './validate-bars.js';
export { isValidatedBars, type ValidatedBarSeries } from './validated-bars.js';
