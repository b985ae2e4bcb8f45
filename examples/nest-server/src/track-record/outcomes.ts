import { ModelPerformanceTracker } from '@da-ki/ml';
import type { BarSeries } from '@da-ki/sdk';
import type { ForecastOutcome, PendingForecast } from './model-performance.repository.js';
import { closeAfter } from './trading-days.js';

/**
 * The concept's accuracy of one forecast, 1 − |predicted − actual| / actual, computed by
 * `@da-ki/ml`'s ModelPerformanceTracker itself (one formula, and its price validation).
 */
export function conceptAccuracy(symbol: string, predicted: number, actual: number): number {
  const tracker = new ModelPerformanceTracker();
  tracker.record({ symbol, predicted, actual });
  return (tracker.summarise() as { meanAccuracy: number }).meanAccuracy;
}

/**
 * Outcomes of the pending forecasts whose horizon has passed on `bars` (the close `horizonDays` bars
 * after the origin's bar exists); the others stay pending. A forecast whose predicted price is not
 * a positive number cannot be judged and stays pending too.
 */
export function outcomesFrom(
  pending: readonly PendingForecast[],
  barsOf: (symbol: string) => BarSeries | undefined,
): ForecastOutcome[] {
  const outcomes: ForecastOutcome[] = [];
  for (const f of pending) {
    const bars = barsOf(f.symbol);
    if (!bars) continue;
    const target = closeAfter(bars, f.originDate, f.horizonDays);
    if (!target || !(target.price > 0) || !(f.predictedPrice > 0)) continue;
    outcomes.push({
      symbol: f.symbol,
      modelName: f.modelName,
      horizonDays: f.horizonDays,
      originDate: f.originDate,
      targetDate: target.date,
      actualPrice: target.price,
      actualReturn: target.price / f.originPrice - 1,
      accuracy: conceptAccuracy(f.symbol, f.predictedPrice, target.price),
      absoluteError: Math.abs(f.predictedPrice - target.price),
    });
  }
  return outcomes;
}
