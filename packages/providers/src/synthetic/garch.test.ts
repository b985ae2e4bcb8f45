import { createRng } from '@da-ki/sdk';
import { describe, expect, it } from 'vitest';
import { simulateGarch, studentT } from './garch.js';
import { autocorrelation, excessKurtosis } from './testing/statistics.js';

function quantiles(values: number[], probabilities: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return probabilities.map((p) => sorted[Math.floor(p * (sorted.length - 1))] as number);
}

/** Density of t(5) scaled to unit variance: f(x) = f_t5(x / s) / s with s = sqrt(3/5). */
function scaledT5Density(x: number): number {
  const s = Math.sqrt(3 / 5);
  const t = x / s;
  // Γ(3) / (√(5π) Γ(5/2)) = 2 / (√(5π) · 3√π / 4)
  const constant = 2 / (Math.sqrt(5 * Math.PI) * ((3 * Math.sqrt(Math.PI)) / 4));
  return (constant * (1 + (t * t) / 5) ** -3) / s;
}

describe('studentT (Bailey polar method)', () => {
  it('has the distribution of the chi-square construction in the SDK rng', () => {
    const draws = 100_000;
    const polar: number[] = [];
    const reference: number[] = [];
    const rngA = createRng('polar');
    const rngB = createRng('reference');
    for (let i = 0; i < draws; i++) {
      polar.push(studentT(rngA, 5));
      reference.push(rngB.studentT(5));
    }
    const probabilities = [0.005, 0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975, 0.995];
    const a = quantiles(polar, probabilities);
    const b = quantiles(reference, probabilities);
    for (let k = 0; k < probabilities.length; k++) {
      // Two independent sample quantiles differ by sd sqrt(2p(1-p)/n) / density; allow 4 sd.
      const p = probabilities[k] as number;
      const tolerance = (4 * Math.sqrt((2 * p * (1 - p)) / draws)) / scaledT5Density(b[k] as number);
      expect(Math.abs((a[k] as number) - (b[k] as number))).toBeLessThan(tolerance);
    }
  });

  it('has unit variance and the quantiles of t(5) scaled by sqrt(3/5)', () => {
    const rng = createRng(7);
    const values = Array.from({ length: 200_000 }, () => studentT(rng, 5));
    const variance = values.reduce((sum, v) => sum + v * v, 0) / values.length;
    expect(variance).toBeGreaterThan(0.96);
    expect(variance).toBeLessThan(1.04);
    // t(5) 97.5 % quantile is 2.5706 (standard tables).
    const [upper] = quantiles(values, [0.975]);
    expect(upper as number).toBeCloseTo(2.5706 * Math.sqrt(3 / 5), 1);
  });
});

describe('simulateGarch', () => {
  it('clusters volatility (|shock| autocorrelated) and has fat tails, unlike an i.i.d. normal', () => {
    const path = simulateGarch(createRng(3), 20_000, {
      alpha: 0.1,
      beta: 0.88,
      dof: 6,
      longRunVolatility: () => 0.01,
    });
    expect(autocorrelation(path.shocks.map(Math.abs), 1)).toBeGreaterThan(0.1);
    expect(excessKurtosis(path.shocks)).toBeGreaterThan(2);
    const rng = createRng(3);
    const normal = Float64Array.from({ length: 20_000 }, () => rng.normal());
    expect(Math.abs(autocorrelation(normal.map(Math.abs), 1))).toBeLessThan(0.03);
  });

  it('follows the long-run volatility it is given (variance targeting)', () => {
    // Small alpha and dof 8 keep the fourth moment finite, so the sample variance settles.
    const path = simulateGarch(createRng(4), 40_000, {
      alpha: 0.05,
      beta: 0.9,
      dof: 8,
      longRunVolatility: (t) => (t < 20_000 ? 0.01 : 0.02),
    });
    const rms = (from: number, to: number): number => {
      let sum = 0;
      for (let t = from; t < to; t++) sum += (path.shocks[t] as number) ** 2;
      return Math.sqrt(sum / (to - from));
    };
    expect(rms(1000, 20_000)).toBeGreaterThan(0.009);
    expect(rms(1000, 20_000)).toBeLessThan(0.011);
    expect(rms(21_000, 40_000)).toBeGreaterThan(0.018);
    expect(rms(21_000, 40_000)).toBeLessThan(0.022);
  });
});
