import { describe, expect, it } from 'vitest';
import { evaluateForecasts, formatMetricsTable } from './forecast-metrics.js';

describe('evaluateForecasts', () => {
  const dates = [1, 1, 1, 1, 1, 2, 2, 2, 2, 2];
  const actual = [0.01, 0.02, -0.03, 0.05, 0.0, 0.02, -0.01, 0.03, 0.01, -0.02];

  it('gives a constant forecast no IC and no hit rate when it is 0', () => {
    const m = evaluateForecasts({ model: 'baseline:zero', dates, predicted: actual.map(() => 0), actual });
    expect(m.ic).toBeNull();
    expect(m.rankIc).toBeNull();
    expect(m.directionalAccuracy).toBeNull();
    expect(m.coverage).toBeNull();
    expect(m.rmse).toBeCloseTo(Math.sqrt(actual.reduce((s, a) => s + a * a, 0) / actual.length), 15);
  });

  it('gives a perfect forecast zero error, hit rate 1 and IC 1', () => {
    const m = evaluateForecasts({
      model: 'oracle',
      dates,
      predicted: actual,
      actual,
      lower: actual.map((a) => a - 0.01),
      upper: actual.map((a) => a + 0.01),
    });
    expect(m.rmse).toBe(0);
    expect(m.mape).toBe(0);
    expect(m.directionalAccuracy).toBe(1);
    expect(m.ic?.mean).toBeCloseTo(1, 12);
    expect(m.rankIc?.mean).toBeCloseTo(1, 12);
    expect(m.coverage).toBe(1);
  });

  it('prints a table with a row per model and dashes for undefined values', () => {
    const rows = [
      evaluateForecasts({ model: 'baseline:zero', dates, predicted: actual.map(() => 0), actual }),
      evaluateForecasts({ model: 'oracle', dates, predicted: actual, actual }),
    ];
    const text = formatMetricsTable(rows);
    const lines = text.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^model\s+n\s+RMSE/);
    expect(lines[2]).toMatch(/^baseline:zero .*—/);
    expect(lines[3]).toMatch(/^oracle .*100\.0%/);
  });
});
