/** ARMA coefficients of a differenced series, in the convention of R and statsmodels. */
export interface ArmaCoefficients {
  /** φ₁…φp. */
  ar: readonly number[];
  /** θ₁…θq: w_t − μ = Σ φ_i (w_{t−i} − μ) + e_t + Σ θ_j e_{t−j}. */
  ma: readonly number[];
  /** μ, the mean of the differenced series (the drift when d > 0). */
  mean: number;
}

/** `series` differenced `d` times: length n − d. */
export function difference(series: ArrayLike<number>, d: number): Float64Array {
  let current = Float64Array.from(series);
  for (let k = 0; k < d; k++) {
    const next = new Float64Array(Math.max(0, current.length - 1));
    for (let i = 0; i < next.length; i++) next[i] = (current[i + 1] as number) - (current[i] as number);
    current = next;
  }
  return current;
}

/**
 * One-step-ahead innovations of an ARMA on `w`, by the conditional-sum-of-squares recursion: the
 * first p innovations are 0 and pre-sample innovations are 0. For an invertible MA part the
 * start-up effect dies out geometrically, so the last innovations (those a forecast uses) match
 * the exact-likelihood ones of a long series.
 */
export function armaResiduals(w: ArrayLike<number>, coefficients: ArmaCoefficients): Float64Array {
  const { ar, ma, mean } = coefficients;
  const p = ar.length;
  const q = ma.length;
  const e = new Float64Array(w.length);
  for (let t = p; t < w.length; t++) {
    let value = (w[t] as number) - mean;
    for (let i = 1; i <= p; i++) value -= (ar[i - 1] as number) * ((w[t - i] as number) - mean);
    for (let j = 1; j <= q && t - j >= 0; j++) value -= (ma[j - 1] as number) * (e[t - j] as number);
    e[t] = value;
  }
  return e;
}

/**
 * ψ-weights ψ₀…ψ_{h−1} of the ARIMA(p, d, q) — the MA(∞) form x_t = Σ ψ_j e_{t−j} of
 * φ(B)(1 − B)^d x_t = θ(B) e_t (Box & Jenkins, ch. 5). The h-step forecast variance is
 * σ² Σ_{j<h} ψ_j².
 */
export function psiWeights(coefficients: ArmaCoefficients, d: number, h: number): Float64Array {
  // φ*(B) = φ(B)(1 − B)^d, as coefficients a_i of x_t = Σ a_i x_{t−i} + …
  let poly = [1, ...coefficients.ar.map((phi) => -phi)];
  for (let k = 0; k < d; k++) {
    const next = new Array<number>(poly.length + 1).fill(0);
    for (let i = 0; i < poly.length; i++) {
      next[i] = (next[i] as number) + (poly[i] as number);
      next[i + 1] = (next[i + 1] as number) - (poly[i] as number);
    }
    poly = next;
  }
  const a = poly.slice(1).map((c) => -c);
  const psi = new Float64Array(h);
  if (h > 0) psi[0] = 1;
  for (let j = 1; j < h; j++) {
    let value = j <= coefficients.ma.length ? (coefficients.ma[j - 1] as number) : 0;
    for (let i = 1; i <= Math.min(j, a.length); i++) value += (a[i - 1] as number) * (psi[j - i] as number);
    psi[j] = value;
  }
  return psi;
}

/**
 * Point forecasts of the level series h steps past the end of `series`, for an ARIMA(p, d, q)
 * whose differenced series follows `coefficients`: the ARMA recursion on the d-th differences
 * (future innovations 0), then d cumulative sums anchored at the last observed values.
 */
export function forecastLevels(
  series: ArrayLike<number>,
  d: number,
  coefficients: ArmaCoefficients,
  h: number,
): Float64Array {
  const { ar, ma, mean } = coefficients;
  const w = difference(series, d);
  const e = armaResiduals(w, coefficients);
  const n = w.length;
  const extended = new Float64Array(n + h);
  extended.set(w);
  for (let k = 0; k < h; k++) {
    const t = n + k;
    let value = mean;
    for (let i = 1; i <= ar.length; i++) {
      const past = t - i >= 0 ? (extended[t - i] as number) : mean;
      value += (ar[i - 1] as number) * (past - mean);
    }
    for (let j = k + 1; j <= ma.length; j++) {
      if (t - j >= 0 && t - j < n) value += (ma[j - 1] as number) * (e[t - j] as number);
    }
    extended[t] = value;
  }
  // Integrate back: at each level, the forecast continues from that level's last observed value.
  let future = extended.slice(n);
  for (let level = d - 1; level >= 0; level--) {
    const observed = difference(series, level);
    let last = observed[observed.length - 1] as number;
    const integrated = new Float64Array(h);
    for (let k = 0; k < h; k++) {
      last += future[k] as number;
      integrated[k] = last;
    }
    future = integrated;
  }
  return future;
}
