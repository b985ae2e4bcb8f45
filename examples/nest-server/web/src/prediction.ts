/** A price forecast as the dashboard draws it. */
export interface Forecast {
  predictedPrice: number;
  /** Simple return to the horizon (0.05 = +5 %). */
  expectedReturn: number;
  /** Prediction interval of the price at the horizon. */
  lower: number;
  upper: number;
  /** Coverage of the interval (0.9 = 90 %). */
  level: number;
  /** Horizon in trading days. */
  horizon: number;
  /** Probability of the predicted direction, when given. */
  confidence: number | null;
  modelVersion: string | null;
}

type Loose = Record<string, unknown>;

function pick(source: Loose | undefined, ...keys: string[]): unknown {
  for (const key of keys) if (source && source[key] !== undefined) return source[key];
  return undefined;
}

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * The `prediction` of a stock, or `null` when the server has none yet. Accepts the ensemble's
 * `Prediction` as @da-ki/ml returns it (camelCase, `interval: { lower, upper, level }`) and the
 * snake_case form the REST API uses elsewhere, so the page needs no change when the API starts
 * serving forecasts. Anything without a finite price and interval counts as no forecast.
 */
export function readPrediction(raw: unknown, currentPrice: number): Forecast | null {
  if (raw === null || typeof raw !== 'object') return null;
  const p = raw as Loose;
  const interval = pick(p, 'interval', 'prediction_interval') as Loose | undefined;
  const predictedPrice = finite(pick(p, 'predictedPrice', 'predicted_price', 'price'));
  const lower = finite(pick(interval, 'lower')) ?? finite(pick(p, 'lower', 'interval_lower'));
  const upper = finite(pick(interval, 'upper')) ?? finite(pick(p, 'upper', 'interval_upper'));
  if (predictedPrice === null || lower === null || upper === null || !(lower <= upper)) return null;
  const horizon = finite(pick(p, 'horizon', 'horizon_days'));
  return {
    predictedPrice,
    expectedReturn: finite(pick(p, 'expectedReturn', 'expected_return')) ?? predictedPrice / currentPrice - 1,
    lower,
    upper,
    level: finite(pick(interval, 'level')) ?? finite(pick(p, 'level', 'interval_level')) ?? 0.95,
    horizon: horizon !== null && horizon >= 1 ? Math.round(horizon) : 1,
    confidence: finite(pick(p, 'confidenceLevel', 'confidence_level', 'confidence')),
    modelVersion: (pick(p, 'modelVersion', 'model_version') as string | undefined) ?? null,
  };
}

/** The date `tradingDays` weekdays after `isoDate` (weekends skipped; holidays are not known here). */
export function addTradingDays(isoDate: string, tradingDays: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  let left = tradingDays;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    const day = date.getUTCDay();
    if (day !== 0 && day !== 6) left--;
  }
  return date.toISOString().slice(0, 10);
}
