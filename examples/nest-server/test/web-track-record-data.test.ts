import { describe, expect, it } from 'vitest';
import type { ModelRecord, TrackRecordResponse } from '../src/contract/track-record.js';
import {
  coverageOverTime,
  formatStat,
  horizonOptions,
  modelOptions,
  predictedRealised,
  scoreBars,
  selectedRecord,
} from '../web/src/track-record-data.js';

const stats = { count: 0, hit_rate: null, rmse: null, mape: null, mean_accuracy: null };
const model = (name: string, horizon = 5): ModelRecord => ({
  model: name,
  horizon_days: horizon,
  ...stats,
  coverage: null,
  interval_level: 0.95,
  ic: null,
  rank_ic: null,
  ic_dates: 0,
  baselines: { random_walk: stats },
  pending: 0,
});
const point = (name: string, actual: number, lower: number | null, upper: number | null) => ({
  symbol: 'AAA',
  model: name,
  horizon_days: 5,
  origin_date: '2026-01-02',
  target_date: '2026-01-09',
  predicted_return: 0.02,
  actual_return: actual / 100 - 1,
  predicted_price: 102,
  actual_price: actual,
  lower_price: lower,
  upper_price: upper,
  replayed: true,
});
const forward = (mean: number | null, count = 10) => ({
  count,
  mean_forward_return: mean,
  excess_return: null,
});
const response = (over: Partial<TrackRecordResponse> = {}): TrackRecordResponse => ({
  as_of: '2026-03-01',
  data_source: { provider: 'synthetic' },
  from: null,
  to: null,
  models: [model('ensemble'), model('xgboost')],
  points: [
    point('ensemble', 101, 95, 105),
    point('ensemble', 110, 95, 105),
    point('xgboost', 99, null, null),
  ],
  points_total: 3,
  points_cap: 2000,
  coverage_over_time: [
    { period: '2026-01', model: 'ensemble', count: 2, coverage: 0.5 },
    { period: '2026-01', model: 'xgboost', count: 1, coverage: 1 },
  ],
  score: {
    horizon_days: 5,
    dates: 3,
    universe: forward(0.01, 400),
    top10: forward(0.03),
    deciles: [
      { decile: 10, ...forward(0.02) },
      { decile: 1, ...forward(-0.01) },
      { decile: 5, ...forward(null) },
    ],
    pending_dates: 1,
  },
  pending: 4,
  ...over,
});

describe('track record data for the page', () => {
  it('picks the named model, else the ensemble; a named model the answer lacks is none', () => {
    expect(selectedRecord(response(), 'xgboost')?.model).toBe('xgboost');
    expect(selectedRecord(response(), null)?.model).toBe('ensemble');
    expect(selectedRecord(response({ models: [model('arima')] }), null)?.model).toBe('arima');
    expect(selectedRecord(response(), 'lstm')).toBeUndefined();
  });

  it('plots the shortest horizon of the model when the answer lists several', () => {
    const several = response({ models: [model('ensemble', 30), model('ensemble', 5), model('arima', 1)] });
    expect(selectedRecord(several, null)).toMatchObject({ model: 'ensemble', horizon_days: 5 });
    const other = { ...point('ensemble', 101, 95, 105), horizon_days: 30 };
    expect(
      predictedRealised(response({ points: [point('ensemble', 101, 95, 105), other] }), 'ensemble', 30),
    ).toHaveLength(1);
  });

  it("takes one model's forecasts, inside when the realised price is within the interval", () => {
    expect(predictedRealised(response(), 'ensemble')).toEqual([
      { predicted: 0.02, realised: 0.010000000000000009, inside: true },
      { predicted: 0.02, realised: 0.10000000000000009, inside: false },
    ]);
    expect(predictedRealised(response(), 'xgboost')[0]?.inside).toBeNull();
    expect(coverageOverTime(response(), 'xgboost')).toEqual([{ period: '2026-01', count: 1, coverage: 1 }]);
  });

  it('orders decile bars 1 to 10, leaves out unknown ones, then the top 10 and the universe', () => {
    const bars = scoreBars(response().score);
    expect(bars.map((b) => [b.label, b.value, b.kind])).toEqual([
      ['1', -0.01, 'decile'],
      ['10', 0.02, 'decile'],
      ['Top 10', 0.03, 'top10'],
      ['All', 0.01, 'universe'],
    ]);
    expect(bars[1]?.name).toBe('Decile 10 (highest scores)');
  });

  it('offers the ensemble first, then every model and horizon seen, each once', () => {
    expect(modelOptions(['xgboost', 'ensemble', 'arima'], 'lstm')).toEqual([
      'ensemble',
      'arima',
      'lstm',
      'xgboost',
    ]);
    expect(horizonOptions([5, 7], 30)).toEqual([1, 5, 7, 10, 20, 30, 60]);
  });

  it('prints statistics by kind, – when undefined', () => {
    expect(formatStat('count', 12)).toBe('12');
    expect(formatStat('hit_rate', 0.5634)).toBe('56.3 %');
    expect(formatStat('rmse', 0.04123)).toBe('4.12 %');
    expect(formatStat('rank_ic', -0.0456)).toBe('-0.046');
    expect(formatStat('coverage', null)).toBe('–');
    expect(formatStat('ic', Number.NaN)).toBe('–');
  });
});
