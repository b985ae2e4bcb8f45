import { describe, expect, it } from 'vitest';
import { classifyRisk } from './risk.js';

describe('classifyRisk', () => {
  it('calls a calm, shallow, low-beta stock low risk and a wild one high', () => {
    expect(classifyRisk({ volatility: 0.12, maxDrawdown: 0.08, beta: 0.6 })).toBe('low');
    expect(classifyRisk({ volatility: 0.28, maxDrawdown: 0.2, beta: 1 })).toBe('medium');
    expect(classifyRisk({ volatility: 0.6, maxDrawdown: 0.45, beta: 1.6 })).toBe('high');
  });

  it('lets volatility lead: high volatility with average drawdown and beta is high risk', () => {
    expect(classifyRisk({ volatility: 0.5, maxDrawdown: 0.2, beta: 1 })).toBe('high');
    expect(classifyRisk({ volatility: 0.15, maxDrawdown: 0.2, beta: 1 })).toBe('low');
  });

  it('never lowers the level when any measure rises', () => {
    const levels = { low: 0, medium: 1, high: 2 } as const;
    const grid = [0.05, 0.19, 0.2, 0.3, 0.35, 0.36, 0.8];
    const betas = [0.2, 0.79, 0.8, 1.3, 1.31, 2.5];
    for (const v of grid) {
      for (const d of grid) {
        for (const b of betas) {
          const base = levels[classifyRisk({ volatility: v, maxDrawdown: d, beta: b })];
          expect(
            levels[classifyRisk({ volatility: v * 1.5, maxDrawdown: d, beta: b })],
          ).toBeGreaterThanOrEqual(base);
          expect(
            levels[classifyRisk({ volatility: v, maxDrawdown: d * 1.5, beta: b })],
          ).toBeGreaterThanOrEqual(base);
          expect(
            levels[classifyRisk({ volatility: v, maxDrawdown: d, beta: b * 1.5 })],
          ).toBeGreaterThanOrEqual(base);
        }
      }
    }
  });

  it('treats missing measures as medium, never as evidence of low risk', () => {
    expect(classifyRisk({ volatility: Number.NaN, maxDrawdown: Number.NaN, beta: Number.NaN })).toBe(
      'medium',
    );
    expect(classifyRisk({ volatility: 0.1, maxDrawdown: 0.05, beta: Number.NaN })).toBe('low');
  });
});
