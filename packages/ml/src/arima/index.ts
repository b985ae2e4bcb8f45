export * from './arima-forecaster.js';
export { type ArmaCoefficients, psiWeights } from './arima-math.js';
export { chooseDifferencing, KPSS_CRITICAL_5, kpssStatistic } from './kpss.js';
