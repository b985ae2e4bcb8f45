import { InvalidArgumentError } from '@da-ki/sdk';
import { describe, expect, it } from 'vitest';
import { ModelPerformanceTracker } from './performance-tracker.js';

describe('ModelPerformanceTracker', () => {
  const tracker = new ModelPerformanceTracker();
  tracker.record({ symbol: 'A', predicted: 110, actual: 100, reference: 105, lower: 95, upper: 120 });
  tracker.record({ symbol: 'B', predicted: 45, actual: 50, reference: 40, lower: 40, upper: 48 });
  tracker.record({ symbol: 'A', model: 'xgboost', predicted: 200, actual: 100 });

  it('computes the concept accuracy 1 − |p − a| / a and the error metrics by hand', () => {
    const s = tracker.summarise({ model: 'ensemble' });
    // accuracies: 1 − 10/100 = 0.9 and 1 − 5/50 = 0.9
    expect(s?.count).toBe(2);
    expect(s?.meanAccuracy).toBeCloseTo(0.9, 15);
    expect(s?.rmse).toBeCloseTo(Math.sqrt((100 + 25) / 2), 12);
    expect(s?.mae).toBeCloseTo(7.5, 15);
    expect(s?.mape).toBeCloseTo(0.1, 15);
    // A: predicted up (110 > 105), went down (100 < 105): wrong; B: up and up: right
    expect(s?.directionalAccuracy).toBeCloseTo(0.5, 15);
    // A inside [95, 120]; B's 50 outside [40, 48]
    expect(s?.coverage).toBeCloseTo(0.5, 15);
  });

  it('lets the accuracy go below zero for misses over 100 % rather than hiding them', () => {
    expect(tracker.summarise({ model: 'xgboost' })?.meanAccuracy).toBeCloseTo(0, 15);
    const t = new ModelPerformanceTracker();
    t.record({ symbol: 'X', predicted: 250, actual: 100 });
    expect(t.summarise()?.meanAccuracy).toBeCloseTo(-0.5, 15);
    expect(t.summarise()?.directionalAccuracy).toBeNull();
    expect(t.summarise()?.coverage).toBeNull();
  });

  it('summarises per model and per symbol, and null for no match', () => {
    expect(Object.keys(tracker.summariseByModel()).sort()).toEqual(['ensemble', 'xgboost']);
    expect(tracker.summarise({ symbol: 'A' })?.count).toBe(2);
    expect(tracker.summarise({ symbol: 'Z' })).toBeNull();
  });

  it('round-trips through JSON', () => {
    const copy = ModelPerformanceTracker.fromJSON(JSON.parse(JSON.stringify(tracker.toJSON())));
    expect(copy.summariseByModel()).toEqual(tracker.summariseByModel());
  });

  it('rejects non-positive prices and half intervals, naming the field and symbol', () => {
    const t = new ModelPerformanceTracker();
    expect(() => t.record({ symbol: 'Q', predicted: 0, actual: 1 })).toThrow(/predicted.*Q/);
    expect(() => t.record({ symbol: 'Q', predicted: 1, actual: Number.NaN })).toThrow(InvalidArgumentError);
    expect(() => t.record({ symbol: 'Q', predicted: 1, actual: 1, lower: 0.5 })).toThrow(/together/);
    expect(t.size).toBe(0);
  });
});
