import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { armaResiduals, difference, forecastLevels, psiWeights } from './arima-math.js';
import { chooseDifferencing, kpssStatistic } from './kpss.js';

describe('ARIMA arithmetic', () => {
  it('differences d times', () => {
    expect(Array.from(difference([1, 4, 9, 16, 25], 1))).toEqual([3, 5, 7, 9]);
    expect(Array.from(difference([1, 4, 9, 16, 25], 2))).toEqual([2, 2, 2]);
    expect(Array.from(difference([1, 2], 0))).toEqual([1, 2]);
  });

  it('ψ-weights follow the textbook closed forms (Box & Jenkins §5.2)', () => {
    const phi = 0.6;
    const theta = 0.3;
    // AR(1): ψ_j = φ^j
    psiWeights({ ar: [phi], ma: [], mean: 0 }, 0, 6).forEach((psi, j) => {
      expect(psi).toBeCloseTo(phi ** j, 14);
    });
    // ARMA(1,1): ψ_j = φ^(j−1)(φ + θ) for j ≥ 1
    psiWeights({ ar: [phi], ma: [theta], mean: 0 }, 0, 6).forEach((psi, j) => {
      expect(psi).toBeCloseTo(j === 0 ? 1 : phi ** (j - 1) * (phi + theta), 14);
    });
    // random walk: every ψ_j = 1; ARIMA(0,2,0): ψ_j = j + 1
    expect(Array.from(psiWeights({ ar: [], ma: [], mean: 0 }, 1, 4))).toEqual([1, 1, 1, 1]);
    expect(Array.from(psiWeights({ ar: [], ma: [], mean: 0 }, 2, 4))).toEqual([1, 2, 3, 4]);
  });

  it('recovers the innovations that generated an ARMA(1,1) once the zero start has faded', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 80, maxLength: 120 }),
        fc.double({ min: -0.8, max: 0.8, noNaN: true }),
        fc.double({ min: -0.7, max: 0.7, noNaN: true }),
        (e, phi, theta) => {
          const w = new Float64Array(e.length);
          for (let t = 1; t < e.length; t++)
            w[t] = phi * (w[t - 1] as number) + (e[t] as number) + theta * (e[t - 1] as number);
          const residuals = armaResiduals(w, { ar: [phi], ma: [theta], mean: 0 });
          // error of the start-up decays like |θ|^t
          expect(residuals[e.length - 1]).toBeCloseTo(e[e.length - 1] as number, 6);
        },
      ),
    );
  });

  it('integrates point forecasts back to levels (ARIMA(0,2,0) extends a straight line)', () => {
    const line = [3, 5, 7, 9, 11];
    expect(Array.from(forecastLevels(line, 2, { ar: [], ma: [], mean: 0 }, 3))).toEqual([13, 15, 17]);
    expect(Array.from(forecastLevels([1, 2, 4], 1, { ar: [], ma: [], mean: 0.5 }, 2))).toEqual([4.5, 5]);
  });
});

describe('KPSS', () => {
  it('matches a hand computation on 1…10 (no lags: 833.25 / (10² · 8.25))', () => {
    const x = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(kpssStatistic(x)).toBeCloseTo(833.25 / (100 * 8.25), 12);
  });

  it('includes the Bartlett-weighted autocovariances when lags > 0', () => {
    const x = [1, 3, 2, 5, 4, 6];
    const mean = 3.5;
    const e = x.map((v) => v - mean);
    let partial = 0;
    let numerator = 0;
    for (const v of e) {
      partial += v;
      numerator += partial * partial;
    }
    const gamma0 = e.reduce((s, v) => s + v * v, 0) / 6;
    const gamma1 = e.slice(1).reduce((s, v, i) => s + v * (e[i] as number), 0) / 6;
    const longRun = gamma0 + 2 * (1 - 1 / 2) * gamma1;
    expect(kpssStatistic(x, 1)).toBeCloseTo(numerator / (36 * longRun), 12);
  });

  it('differences a trending series and leaves a stationary one alone', () => {
    const trend = Array.from({ length: 200 }, (_, i) => i + Math.sin(i));
    expect(chooseDifferencing(trend, 2)).toBeGreaterThanOrEqual(1);
    const oscillating = Array.from({ length: 200 }, (_, i) => Math.sin(i * 1.7));
    expect(chooseDifferencing(oscillating, 2)).toBe(0);
  });
});
