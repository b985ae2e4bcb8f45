import { describe, expect, it } from 'vitest';
import { loadEuStockCloses, loadGold, weekdayTimestamps } from '../testing/reference-series.js';
import { type OriginScores, rollingOrigin } from '../testing/rolling-origin.js';
import { ProphetForecaster } from './prophet-forecaster.js';

// Rolling-origin comparison on real series (../shared/data): log prices, 30 trading days ahead,
// every model refitted on everything up to each origin. benchmarks/ml/prophet.ts prints the full
// table; here the checks are that Prophet forecasts sensibly next to ARIMA and the naive
// forecasts, not that it wins (on index and gold prices it does not: see docs/ml.md).
function byModel(scores: OriginScores[]) {
  return Object.fromEntries(scores.map((s) => [s.model, s])) as Record<OriginScores['model'], OriginScores>;
}

describe('ProphetForecaster on real series, beside ARIMA and the naive forecasts', () => {
  it('DAX 1991–1998: errors of the same order as the naive forecast, every value finite', () => {
    const dax = loadEuStockCloses().DAX;
    const scores = byModel(
      rollingOrigin(weekdayTimestamps('1991-07-01', dax.length), dax, {
        h: 30,
        firstOrigin: 520,
        every: 120,
      }),
    );
    expect(scores.prophet.origins).toBeGreaterThanOrEqual(10);
    for (const s of Object.values(scores)) expect(Number.isFinite(s.mae)).toBe(true);
    expect(scores.prophet.mae).toBeLessThan(2.5 * scores.naive.mae);
    expect(scores.arima.mae).toBeLessThan(1.2 * scores.naive.mae);
    // Prophet's interval assumes independent residuals; on prices they are not, so it is narrow
    expect(scores.prophet.coverage).toBeLessThan(scores.arima.coverage as number);
  });

  it('gold 1985–1989 with its 34 missing days: fits around the gaps', () => {
    const gold = loadGold();
    expect(gold.filter(Number.isNaN).length).toBe(34);
    const ts = weekdayTimestamps('1985-01-01', gold.length);
    const model = new ProphetForecaster().fit(
      ts,
      Float64Array.from(gold, (v) => Math.log(v)),
    );
    const forecast = model.forecast(30);
    expect(Array.from(forecast.mean).every(Number.isFinite)).toBe(true);
    const scores = byModel(rollingOrigin(ts, gold, { h: 30, firstOrigin: 520, every: 120 }));
    expect(scores.prophet.mae).toBeLessThan(2.5 * scores.naive.mae);
    expect(scores.arima.mae).toBeLessThan(1.2 * scores.naive.mae);
  });
});
