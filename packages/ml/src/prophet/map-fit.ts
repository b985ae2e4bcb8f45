import { type DesignLayout, trendAt } from './design.js';

/** Priors of the MAP fit, in the scaled units (time in [0, 1], y divided by its largest |y|). */
export interface ProphetPriors {
  /** Scale τ of the Laplace prior on each rate change δ: smaller, fewer and smaller changes. */
  changepointPriorScale: number;
  /** Standard deviation of the normal prior on each Fourier coefficient. */
  seasonalityPriorScale: number;
  /** Standard deviation of the normal prior on each event effect. */
  eventPriorScale: number;
}

/** MAP estimates, scaled units. */
export interface ProphetParameters {
  k: number;
  m: number;
  delta: Float64Array;
  beta: Float64Array;
  sigma: number;
}

// Prophet's priors on the base rate and offset: N(0, 5) each.
const BASE_PRIOR_PRECISION = 1 / 25;

/**
 * Minimises ½ θᵀGθ − bᵀθ + σ² Σ_j pen_j(θ_j), where pen_j is λ_j θ_j² / 2 (normal prior,
 * `l1[j]` false) or λ_j |θ_j| (Laplace prior, `l1[j]` true): the negative log posterior of a
 * Gaussian linear model times σ². Convex. Coordinate descent alone crawls here (the trend's hinge
 * columns are strongly correlated), so it only finds the support and signs of the L1
 * coordinates; the optimum on that support is then solved exactly (a linear system), and
 * accepted when its signs agree and every zero coordinate meets its optimality condition
 * |b_j − (Gθ)_j| ≤ σ²λ_j. `theta` is the warm start and receives the solution.
 */
function solvePenalized(
  G: Float64Array,
  b: Float64Array,
  lambda: Float64Array,
  l1: Uint8Array,
  sigma2: number,
  theta: Float64Array,
): void {
  const p = b.length;
  const Gtheta = new Float64Array(p);
  const refresh = () => {
    for (let i = 0; i < p; i++) {
      let v = 0;
      for (let j = 0; j < p; j++) v += (G[i * p + j] as number) * (theta[j] as number);
      Gtheta[i] = v;
    }
  };
  refresh();
  const update = (j: number) => {
    const gjj = G[j * p + j] as number;
    const old = theta[j] as number;
    const r = (b[j] as number) - (Gtheta[j] as number) + gjj * old;
    const penalty = sigma2 * (lambda[j] as number);
    let next: number;
    if (l1[j]) next = gjj > 0 ? (Math.sign(r) * Math.max(0, Math.abs(r) - penalty)) / gjj : 0;
    else next = gjj + penalty > 0 ? r / (gjj + penalty) : 0;
    const change = next - old;
    if (change !== 0) {
      theta[j] = next;
      for (let i = 0; i < p; i++) Gtheta[i] = (Gtheta[i] as number) + (G[i * p + j] as number) * change;
    }
  };
  const sweep = () => {
    for (let j = 0; j < p; j++) update(j);
  };
  // feature-sign active set (Lee et al. 2007): solve exactly on the support with signs fixed,
  // drop a coordinate whose sign would flip, add the worst violator of the optimality condition
  for (let k = 0; k < 3; k++) sweep();
  for (let round = 0; round < 10 * p + 100; round++) {
    const support: number[] = [];
    for (let j = 0; j < p; j++) if (!l1[j] || theta[j] !== 0) support.push(j);
    const candidate = solveOnSupport(G, b, lambda, l1, sigma2, theta, support);
    if (!candidate) {
      sweep();
      continue;
    }
    // Walk from θ towards the candidate, stopping where the first L1 coordinate reaches 0: the
    // objective is a convex quadratic along that segment, so the step improves it, and the
    // coordinate that hit 0 leaves the support.
    let step = 1;
    let leaving = -1;
    support.forEach((j, a) => {
      const from = theta[j] as number;
      const to = candidate[a] as number;
      if (l1[j] && Math.sign(to) !== Math.sign(from)) {
        const at = from / (from - to);
        if (at < step) {
          step = at;
          leaving = j;
        }
      }
    });
    support.forEach((j, a) => {
      theta[j] = (theta[j] as number) + step * ((candidate[a] as number) - (theta[j] as number));
    });
    if (leaving >= 0) theta[leaving] = 0;
    refresh();
    if (leaving >= 0) continue;
    let worst = -1;
    let worstExcess = 0;
    for (let j = 0; j < p; j++) {
      if (!l1[j] || theta[j] !== 0) continue;
      const excess = Math.abs((b[j] as number) - (Gtheta[j] as number)) - sigma2 * (lambda[j] as number);
      if (excess > worstExcess + 1e-12 * sigma2 * (lambda[j] as number)) {
        worst = j;
        worstExcess = excess;
      }
    }
    if (worst < 0) return;
    update(worst); // enters the support with the sign its gradient asks for
  }
}

/**
 * The stationary point of the objective restricted to `support`, with each L1 coordinate's sign
 * fixed at its current one: (G_SS + σ²Λ₂) θ_S = b_S − σ²λ₁·sign(θ_S). Cholesky; `undefined`
 * when the system is not positive definite.
 */
function solveOnSupport(
  G: Float64Array,
  b: Float64Array,
  lambda: Float64Array,
  l1: Uint8Array,
  sigma2: number,
  theta: Float64Array,
  support: number[],
): Float64Array | undefined {
  const p = b.length;
  const n = support.length;
  const M = new Float64Array(n * n);
  const rhs = new Float64Array(n);
  support.forEach((j, a) => {
    support.forEach((k, c) => {
      M[a * n + c] = G[j * p + k] as number;
    });
    if (l1[j]) rhs[a] = (b[j] as number) - sigma2 * (lambda[j] as number) * Math.sign(theta[j] as number);
    else {
      M[a * n + a] = (M[a * n + a] as number) + sigma2 * (lambda[j] as number);
      rhs[a] = b[j] as number;
    }
  });
  // a relative jitter keeps nearly collinear columns (e.g. Fourier terms that only a few
  // distinct days identify) positive definite without moving the solution measurably
  let trace = 0;
  for (let a = 0; a < n; a++) trace += M[a * n + a] as number;
  const jitter = (1e-10 * trace) / Math.max(1, n);
  for (let a = 0; a < n; a++) M[a * n + a] = (M[a * n + a] as number) + jitter;
  // Cholesky M = L Lᵀ in place (lower triangle)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = M[i * n + j] as number;
      for (let k = 0; k < j; k++) sum -= (M[i * n + k] as number) * (M[j * n + k] as number);
      if (i === j) {
        if (!(sum > 0)) return undefined;
        M[i * n + i] = Math.sqrt(sum);
      } else M[i * n + j] = sum / (M[j * n + j] as number);
    }
  }
  const x = rhs;
  for (let i = 0; i < n; i++) {
    let sum = x[i] as number;
    for (let k = 0; k < i; k++) sum -= (M[i * n + k] as number) * (x[k] as number);
    x[i] = sum / (M[i * n + i] as number);
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = x[i] as number;
    for (let k = i + 1; k < n; k++) sum -= (M[k * n + i] as number) * (x[k] as number);
    x[i] = sum / (M[i * n + i] as number);
  }
  return x;
}

/** Gram matrix AᵀA and Aᵀy of a row-major n × p design. */
function normalEquations(
  A: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
): { G: Float64Array; b: Float64Array } {
  const G = new Float64Array(p * p);
  const b = new Float64Array(p);
  for (let t = 0; t < n; t++) {
    const row = t * p;
    const yt = y[t] as number;
    for (let i = 0; i < p; i++) {
      const ai = A[row + i] as number;
      if (ai === 0) continue;
      b[i] = (b[i] as number) + ai * yt;
      for (let j = i; j < p; j++) G[i * p + j] = (G[i * p + j] as number) + ai * (A[row + j] as number);
    }
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) G[i * p + j] = G[j * p + i] as number;
  return { G, b };
}

/**
 * MAP fit of Prophet's model to scaled times `s`, scaled values `y` and seasonal/event features
 * `X` (row-major, `betaWidth` columns): y = g(s) + Xβ (additive) or g(s)(1 + Xβ)
 * (multiplicative), g the piecewise-linear trend, Gaussian noise of sd σ. The priors are
 * Prophet's: k, m ~ N(0, 5), δ ~ Laplace(0, τ), β ~ N(0, σ_β). σ is estimated with the rest
 * (alternating: θ given σ², then σ² = RSS / n). The additive problem is convex and solved
 * exactly; the multiplicative one alternates between the trend and the seasonal coefficients,
 * each step convex.
 */
export function fitMap(
  s: Float64Array,
  y: Float64Array,
  X: Float64Array,
  layout: DesignLayout,
  betaPrecision: Float64Array,
  priors: ProphetPriors,
  mode: 'additive' | 'multiplicative',
): ProphetParameters {
  const n = s.length;
  const C = layout.changepoints.length;
  const F = betaPrecision.length;
  const trendWidth = 2 + C;
  const trendDesign = (factor: Float64Array | undefined) => {
    const A = new Float64Array(n * trendWidth);
    for (let t = 0; t < n; t++) {
      const f = factor ? (factor[t] as number) : 1;
      const st = s[t] as number;
      const row = t * trendWidth;
      A[row] = st * f;
      A[row + 1] = f;
      for (let j = 0; j < C; j++) {
        const c = layout.changepoints[j] as number;
        A[row + 2 + j] = st > c ? (st - c) * f : 0;
      }
    }
    return A;
  };
  const trendLambda = new Float64Array(trendWidth);
  const trendL1 = new Uint8Array(trendWidth);
  trendLambda[0] = BASE_PRIOR_PRECISION;
  trendLambda[1] = BASE_PRIOR_PRECISION;
  for (let j = 0; j < C; j++) {
    trendLambda[2 + j] = 1 / priors.changepointPriorScale;
    trendL1[2 + j] = 1;
  }

  let sigma2 = variance(y) * 0.1 + 1e-12;
  const residualVariance = (fitted: Float64Array) => {
    let rss = 0;
    for (let t = 0; t < n; t++) rss += ((y[t] as number) - (fitted[t] as number)) ** 2;
    return Math.max(rss / n, 1e-14);
  };

  if (mode === 'additive') {
    const p = trendWidth + F;
    const T = trendDesign(undefined);
    const A = new Float64Array(n * p);
    for (let t = 0; t < n; t++) {
      A.set(T.subarray(t * trendWidth, (t + 1) * trendWidth), t * p);
      A.set(X.subarray(t * F, (t + 1) * F), t * p + trendWidth);
    }
    const { G, b } = normalEquations(A, y, n, p);
    const lambda = new Float64Array(p);
    lambda.set(trendLambda);
    lambda.set(betaPrecision, trendWidth);
    const l1 = new Uint8Array(p);
    l1.set(trendL1);
    const theta = new Float64Array(p);
    const fitted = new Float64Array(n);
    for (let round = 0; round < 50; round++) {
      solvePenalized(G, b, lambda, l1, sigma2, theta);
      for (let t = 0; t < n; t++) {
        let v = 0;
        for (let j = 0; j < p; j++) v += (A[t * p + j] as number) * (theta[j] as number);
        fitted[t] = v;
      }
      const next = residualVariance(fitted);
      const settled = Math.abs(next - sigma2) <= 1e-4 * sigma2;
      sigma2 = next;
      if (settled) break;
    }
    return {
      k: theta[0] as number,
      m: theta[1] as number,
      delta: theta.slice(2, trendWidth),
      beta: theta.slice(trendWidth),
      sigma: Math.sqrt(sigma2),
    };
  }

  // multiplicative: Gauss–Newton on the bilinear model g(s)(1 + Xβ). Each step linearises it
  // around the current estimates, ŷ ≈ ŷ₀ + J(θ − θ₀), and solves the penalised least squares
  // in θ itself (so the L1 prior still acts on the rate changes, not on their increments).
  const p = trendWidth + F;
  const lambda = new Float64Array(p);
  lambda.set(trendLambda);
  lambda.set(betaPrecision, trendWidth);
  const l1 = new Uint8Array(p);
  l1.set(trendL1);
  const theta = new Float64Array(p);
  // start from the additive fit's trend (seasonality 0): a good first linearisation point
  const T = trendDesign(undefined);
  const start = normalEquations(T, y, n, trendWidth);
  const trendStart = new Float64Array(trendWidth);
  solvePenalized(start.G, start.b, trendLambda, trendL1, sigma2, trendStart);
  theta.set(trendStart);
  const J = new Float64Array(n * p);
  const z = new Float64Array(n);
  const fitted = new Float64Array(n);
  const evaluate = () => {
    for (let t = 0; t < n; t++) {
      const g = trendAt(
        s[t] as number,
        theta[0] as number,
        theta[1] as number,
        theta.subarray(2, trendWidth),
        layout.changepoints,
      );
      let factor = 1;
      for (let f = 0; f < F; f++) factor += (X[t * F + f] as number) * (theta[trendWidth + f] as number);
      fitted[t] = g * factor;
      const row = t * p;
      for (let j = 0; j < trendWidth; j++) J[row + j] = (T[t * trendWidth + j] as number) * factor;
      for (let f = 0; f < F; f++) J[row + trendWidth + f] = g * (X[t * F + f] as number);
      let linear = 0;
      for (let j = 0; j < p; j++) linear += (J[row + j] as number) * (theta[j] as number);
      z[t] = (y[t] as number) - (fitted[t] as number) + linear;
    }
  };
  evaluate();
  sigma2 = residualVariance(fitted);
  for (let round = 0; round < 100; round++) {
    const previous = theta.slice();
    const system = normalEquations(J, z, n, p);
    solvePenalized(system.G, system.b, lambda, l1, sigma2, theta);
    evaluate();
    sigma2 = residualVariance(fitted);
    let change = 0;
    let size = 0;
    for (let j = 0; j < p; j++) {
      change = Math.max(change, Math.abs((theta[j] as number) - (previous[j] as number)));
      size = Math.max(size, Math.abs(theta[j] as number));
    }
    if (change <= 1e-7 * Math.max(1, size)) break;
  }
  return {
    k: theta[0] as number,
    m: theta[1] as number,
    delta: theta.slice(2, trendWidth),
    beta: theta.slice(trendWidth),
    sigma: Math.sqrt(sigma2),
  };
}

function variance(values: Float64Array): number {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return ss / values.length;
}
