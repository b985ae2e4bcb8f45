import { normalEquations, solveLinearSystem } from './linear-algebra.js';

/**
 * Non-negative least squares, min ‖y − Xw‖² subject to w ≥ 0, by the active-set method of Lawson
 * & Hanson (*Solving Least Squares Problems*, 1974, ch. 23) — the algorithm behind
 * `scipy.optimize.nnls`. X has one row per observation.
 */
export function nnls(
  X: readonly ArrayLike<number>[],
  y: ArrayLike<number>,
  maxIterations = 200,
): Float64Array {
  const k = X.length > 0 ? (X[0] as ArrayLike<number>).length : 0;
  const all = Array.from({ length: k }, (_, j) => j);
  const { xtx, xty } = normalEquations(X, y, all);
  const w = new Float64Array(k);
  const passive = new Set<number>();
  // gradient of ½‖y − Xw‖² is −(Xᵀy − XᵀX w)
  const residualGradient = () =>
    all.map(
      (j) =>
        (xty[j] as number) -
        all.reduce((s, c) => s + ((xtx[j] as number[])[c] as number) * (w[c] as number), 0),
    );
  const tolerance = 1e-10 * Math.max(1, ...xty.map(Math.abs));
  const solvePassive = (): Map<number, number> | null => {
    const cols = [...passive].sort((a, b) => a - b);
    const sub = cols.map((a) => cols.map((b) => (xtx[a] as number[])[b] as number));
    const solution = solveLinearSystem(
      sub,
      cols.map((a) => xty[a] as number),
    );
    if (!solution) return null;
    return new Map(cols.map((c, i) => [c, solution[i] as number]));
  };
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const gradient = residualGradient();
    let best = -1;
    let bestValue = tolerance;
    for (const j of all) {
      if (!passive.has(j) && (gradient[j] as number) > bestValue) {
        best = j;
        bestValue = gradient[j] as number;
      }
    }
    if (best < 0) break;
    passive.add(best);
    for (;;) {
      const z = solvePassive();
      if (!z) {
        passive.delete(best);
        return w;
      }
      if ([...z.values()].every((v) => v > 0)) {
        for (const j of all) w[j] = z.get(j) ?? 0;
        break;
      }
      // step from w towards z as far as feasibility allows, then drop the variables that hit 0
      let alpha = 1;
      for (const [j, zj] of z) {
        if (zj <= 0) alpha = Math.min(alpha, (w[j] as number) / ((w[j] as number) - zj));
      }
      for (const j of all) {
        const target = z.get(j) ?? 0;
        w[j] = (w[j] as number) + alpha * (target - (w[j] as number));
      }
      for (const j of [...passive])
        if ((w[j] as number) <= 1e-15) {
          passive.delete(j);
          w[j] = 0;
        }
      if (passive.size === 0) break;
    }
  }
  return w;
}
