import type { Rng } from '@da-ki/sdk';

/** Parameters of a GARCH(1,1) process with Student-t innovations, by variance targeting. */
export interface GarchSpec {
  /** Weight of yesterday's squared shock. */
  alpha: number;
  /** Weight of yesterday's variance; `alpha + beta < 1` keeps the process stationary. */
  beta: number;
  /** Degrees of freedom of the unit-variance Student-t innovations (fat tails). */
  dof: number;
  /** Long-run daily volatility at step `t` (may change with the market regime). */
  longRunVolatility: (t: number) => number;
}

/** Shocks of a GARCH path and the conditional volatility each was drawn with. */
export interface GarchPath {
  shocks: Float64Array;
  volatility: Float64Array;
}

/**
 * Simulates `n` steps of GARCH(1,1), σ²ₜ = ω + α·ε²ₜ₋₁ + β·σ²ₜ₋₁ with ω = (1 − α − β)·σ²_long-run
 * (Bollerslev 1986; variance targeting as in Engle & Mezrich), started at the long-run variance.
 * Large shocks raise the next days' variance: the volatility clustering of real returns.
 */
export function simulateGarch(rng: Rng, n: number, spec: GarchSpec): GarchPath {
  const { alpha, beta, dof, longRunVolatility } = spec;
  const shocks = new Float64Array(n);
  const volatility = new Float64Array(n);
  let variance = longRunVolatility(0) ** 2;
  let previousShock = 0;
  for (let t = 0; t < n; t++) {
    if (t > 0) {
      const longRunVariance = longRunVolatility(t) ** 2;
      variance = (1 - alpha - beta) * longRunVariance + alpha * previousShock ** 2 + beta * variance;
    }
    const sigma = Math.sqrt(variance);
    const shock = sigma * studentT(rng, dof);
    volatility[t] = sigma;
    shocks[t] = shock;
    previousShock = shock;
  }
  return { shocks, volatility };
}

/**
 * Student-t variate with `dof` > 2 degrees of freedom, scaled to unit variance, by Bailey's polar
 * method (Bailey 1994, Math. Comp. 62): one accepted pair of uniforms per draw, where the
 * chi-square construction needs `dof + 1` normals; generation of a large universe is dominated by it.
 */
export function studentT(rng: Rng, dof: number): number {
  let u: number;
  let w: number;
  do {
    u = 2 * rng.next() - 1;
    const v = 2 * rng.next() - 1;
    w = u * u + v * v;
  } while (w >= 1 || w === 0);
  const t = u * Math.sqrt((dof * (w ** (-2 / dof) - 1)) / w);
  return t * Math.sqrt((dof - 2) / dof);
}
