import type { Prediction } from '@da-ki/ml';
import { isoDate } from '../data/data-source.js';
import type { ForecastRecord } from './model-performance.repository.js';
import { addWeekdays } from './trading-days.js';

/** Name of the stacked forecast in `model_performance`; base models keep their own names. */
export const ENSEMBLE_MODEL = 'ensemble';

/**
 * The `model_performance` rows of one forecast: the ensemble's, with its interval, and each base
 * model's own forecast (its contribution divided by its stacking weight; a model weighted 0 said
 * something the ensemble cannot report, and is left out).
 */
export function forecastRecords(
  p: Prediction,
  weights: Readonly<Record<string, number>>,
  context: { dataSourceKey: string; replayed: boolean; recordedAt: Date },
): ForecastRecord[] {
  const originDate = isoDate(p.asOf);
  const common = {
    dataSourceKey: context.dataSourceKey,
    symbol: p.symbol,
    modelVersion: p.modelVersion,
    horizonDays: p.horizon,
    originDate,
    targetDate: addWeekdays(originDate, p.horizon),
    originPrice: p.currentPrice,
    replayed: context.replayed,
    recordedAt: context.recordedAt,
  };
  const records: ForecastRecord[] = [];
  if (Number.isFinite(p.predictedPrice) && p.predictedPrice > 0) {
    records.push({
      ...common,
      modelName: ENSEMBLE_MODEL,
      predictedPrice: p.predictedPrice,
      predictedReturn: p.expectedReturn,
      interval: { lower: p.interval.lower, upper: p.interval.upper, level: p.interval.level },
    });
  }
  for (const [model, contribution] of Object.entries(p.contributions)) {
    const weight = weights[model];
    if (model === 'intercept' || weight === undefined || weight <= 0) continue;
    const logReturn = contribution / weight;
    if (!Number.isFinite(logReturn)) continue;
    records.push({
      ...common,
      modelName: model,
      predictedPrice: p.currentPrice * Math.exp(logReturn),
      predictedReturn: Math.expm1(logReturn),
    });
  }
  return records;
}
