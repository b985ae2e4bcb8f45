import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from './normal.js';

// Reference values: R 4.x, qnorm()/pnorm() printed with digits = 16.
describe('normal distribution helpers', () => {
  it('match R qnorm at the usual levels', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829303548901, 12);
    expect(normalQuantile(0.9)).toBeCloseTo(1.281551565544601, 12);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 14);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 12);
  });

  it('match R pnorm', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
    expect(normalCdf(-3)).toBeCloseTo(0.001349898031630095, 15);
    expect(normalCdf(0)).toBeCloseTo(0.5, 15);
  });

  it('are inverse to each other', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-8, max: 1 - 1e-8, noNaN: true }), (p) => {
        expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 12);
      }),
    );
  });

  it('rejects probabilities outside (0, 1)', () => {
    expect(() => normalQuantile(0)).toThrow(/\(0, 1\)/);
    expect(() => normalQuantile(Number.NaN)).toThrow();
  });
});
