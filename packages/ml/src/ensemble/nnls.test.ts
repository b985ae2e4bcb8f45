import { createRng } from '@da-ki/sdk';
import fc from 'fast-check';
import { Matrix, solve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { applyMetaModel, fitMetaModel } from './meta-model.js';
import { nnls } from './nnls.js';

function sse(X: Float64Array[], y: Float64Array, w: ArrayLike<number>): number {
  let s = 0;
  X.forEach((row, i) => {
    let p = 0;
    for (let j = 0; j < row.length; j++) p += (row[j] as number) * (w[j] as number);
    s += ((y[i] as number) - p) ** 2;
  });
  return s;
}

/** Exact NNLS by enumeration: the best feasible unconstrained LS fit over every column subset. */
function bruteForceNnls(X: Float64Array[], y: Float64Array): { w: number[]; sse: number } {
  const k = (X[0] as Float64Array).length;
  let best = { w: new Array<number>(k).fill(0), sse: sse(X, y, new Array<number>(k).fill(0)) };
  for (let mask = 1; mask < 1 << k; mask++) {
    const cols = Array.from({ length: k }, (_, j) => j).filter((j) => mask & (1 << j));
    const A = new Matrix(X.map((row) => cols.map((j) => row[j] as number)));
    const solution = solve(A, Matrix.columnVector(Array.from(y)), true).to1DArray();
    if (solution.some((v) => !(v >= 0))) continue;
    const w = new Array<number>(k).fill(0);
    cols.forEach((j, i) => {
      w[j] = solution[i] as number;
    });
    const value = sse(X, y, w);
    if (value < best.sse) best = { w, sse: value };
  }
  return best;
}

describe('nnls (Lawson–Hanson)', () => {
  it('matches exhaustive search over active sets (ml-matrix least squares per subset)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 10_000 }), (k, seed) => {
        const rng = createRng(seed);
        const X = Array.from({ length: 25 }, () => Float64Array.from({ length: k }, () => rng.normal()));
        const y = Float64Array.from(
          X,
          (row) => row.reduce((s, v, j) => s + v * (j % 2 ? -0.7 : 0.5), 0) + 0.3 * rng.normal(),
        );
        const w = nnls(X, y);
        const reference = bruteForceNnls(X, y);
        expect(Array.from(w).every((v) => v >= 0)).toBe(true);
        expect(sse(X, y, w)).toBeCloseTo(reference.sse, 8);
        w.forEach((v, j) => {
          expect(v).toBeCloseTo(reference.w[j] as number, 6);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('equals ordinary least squares when the unconstrained solution is already non-negative', () => {
    const X = [1, 2, 3, 4, 5].map((v) => Float64Array.of(v, v * v));
    const y = Float64Array.from(X, (row) => 2 * (row[0] as number) + 0.5 * (row[1] as number));
    const w = nnls(X, y);
    expect(w[0]).toBeCloseTo(2, 10);
    expect(w[1]).toBeCloseTo(0.5, 10);
  });
});

describe('fitMetaModel', () => {
  const rng = createRng(3);
  const n = 200;
  const truth = Float64Array.from({ length: n }, () => rng.normal());
  // "good" tracks the truth, "noisy" is mostly noise, "contrarian" is anti-correlated
  const P = Array.from(truth, (t) =>
    Float64Array.of(t + 0.3 * rng.normal(), 0.2 * t + rng.normal(), -t + 0.5 * rng.normal()),
  );
  const y = Float64Array.from(truth, (t) => 0.1 + t);

  it('keeps NNLS weights non-negative, zeroing the contrarian model', () => {
    const meta = fitMetaModel(['good', 'noisy', 'contrarian'], P, y, 'nnls', 0, true);
    expect(meta.weights.every((w) => w >= 0)).toBe(true);
    expect(meta.weights[2]).toBe(0);
    expect(meta.weights[0]).toBeGreaterThan(meta.weights[1] as number);
    // intercept restores the mean: mean prediction equals mean outcome
    const meanPrediction = P.reduce((s, row) => s + applyMetaModel(meta, row), 0) / n;
    expect(meanPrediction).toBeCloseTo(y.reduce((s, v) => s + v, 0) / n, 10);
  });

  it('ridge matches the closed form (XᵀX + λI)⁻¹Xᵀy on centred data, computed with ml-matrix', () => {
    const meta = fitMetaModel(['a', 'b', 'c'], P, y, 'ridge', 0.5, true);
    const means = [0, 1, 2].map((j) => P.reduce((s, row) => s + (row[j] as number), 0) / n);
    const yMean = y.reduce((s, v) => s + v, 0) / n;
    const Xc = new Matrix(P.map((row) => Array.from(row, (v, j) => v - (means[j] as number))));
    const yc = Matrix.columnVector(Array.from(y, (v) => v - yMean));
    const gram = Xc.transpose().mmul(Xc);
    const lambda = (0.5 * (gram.get(0, 0) + gram.get(1, 1) + gram.get(2, 2))) / 3;
    const expected = solve(gram.clone().add(Matrix.eye(3).mul(lambda)), Xc.transpose().mmul(yc)).to1DArray();
    meta.weights.forEach((w, j) => {
      expect(w).toBeCloseTo(expected[j] as number, 10);
    });
  });
});
