import { describe, expect, it } from 'vitest';
import { confidenceLevelOf, overallConfidence } from './confidence.js';

const equal = [0.2, 0.2, 0.2, 0.2, 0.2];

describe('overallConfidence', () => {
  it('is 1 with complete data and factors that agree', () => {
    expect(overallConfidence([70, 70, 70, 70, 70], [1, 1, 1, 1, 1], equal)).toBe(1);
  });

  it('falls as factors disagree', () => {
    const agree = overallConfidence([60, 62, 58, 61, 59], [1, 1, 1, 1, 1], equal);
    const disagree = overallConfidence([95, 5, 90, 10, 50], [1, 1, 1, 1, 1], equal);
    expect(disagree).toBeLessThan(agree);
    // Largest possible spread (half at 0, half at 100) halves it.
    expect(overallConfidence([0, 100], [1, 1], [0.5, 0.5])).toBeCloseTo(0.5, 12);
  });

  it('falls with missing data in proportion to the factor weights', () => {
    const weights = [0.3, 0.25, 0.2, 0.15, 0.1];
    const full = overallConfidence([50, 50, 50, 50, 50], [1, 1, 1, 1, 1], weights);
    const noNews = overallConfidence([50, 50, 50, 50, 50], [1, 1, 0, 1, 1], weights);
    expect(noNews).toBeCloseTo(full * 0.8, 12);
  });

  it('is 0 when nothing is known', () => {
    expect(overallConfidence([50, 50, 50, 50, 50], [0, 0, 0, 0, 0], equal)).toBe(0);
  });

  it('labels 0.75 and above high, 0.5 and above medium', () => {
    expect(confidenceLevelOf(0.75)).toBe('high');
    expect(confidenceLevelOf(0.74)).toBe('medium');
    expect(confidenceLevelOf(0.5)).toBe('medium');
    expect(confidenceLevelOf(0.49)).toBe('low');
  });
});
