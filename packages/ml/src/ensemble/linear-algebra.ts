/**
 * Solves the square system A·x = b by Gaussian elimination with partial pivoting. `A` is k × k,
 * row-major; returns `null` when A is singular to working precision.
 */
export function solveLinearSystem(A: readonly number[][], b: readonly number[]): number[] | null {
  const k = b.length;
  const m = A.map((row, i) => [...row, b[i] as number]);
  let scale = 0;
  for (const row of A) for (const v of row) scale = Math.max(scale, Math.abs(v));
  const tiny = 1e-13 * (scale || 1);
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++)
      if (Math.abs((m[r] as number[])[col] as number) > Math.abs((m[pivot] as number[])[col] as number))
        pivot = r;
    if (Math.abs((m[pivot] as number[])[col] as number) <= tiny) return null;
    [m[col], m[pivot]] = [m[pivot] as number[], m[col] as number[]];
    const p = m[col] as number[];
    for (let r = col + 1; r < k; r++) {
      const row = m[r] as number[];
      const f = (row[col] as number) / (p[col] as number);
      if (f === 0) continue;
      for (let c = col; c <= k; c++) row[c] = (row[c] as number) - f * (p[c] as number);
    }
  }
  const x = new Array<number>(k).fill(0);
  for (let r = k - 1; r >= 0; r--) {
    const row = m[r] as number[];
    let sum = row[k] as number;
    for (let c = r + 1; c < k; c++) sum -= (row[c] as number) * (x[c] as number);
    x[r] = sum / (row[r] as number);
  }
  return x;
}

/** XᵀX and Xᵀy for columns `cols` of X (rows are observations). */
export function normalEquations(
  X: readonly ArrayLike<number>[],
  y: ArrayLike<number>,
  cols: readonly number[],
): { xtx: number[][]; xty: number[] } {
  const k = cols.length;
  const xtx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xty = new Array<number>(k).fill(0);
  for (let i = 0; i < X.length; i++) {
    const row = X[i] as ArrayLike<number>;
    for (let a = 0; a < k; a++) {
      const va = row[cols[a] as number] as number;
      xty[a] = (xty[a] as number) + va * (y[i] as number);
      const target = xtx[a] as number[];
      for (let b = a; b < k; b++) target[b] = (target[b] as number) + va * (row[cols[b] as number] as number);
    }
  }
  for (let a = 0; a < k; a++)
    for (let b = 0; b < a; b++) (xtx[a] as number[])[b] = (xtx[b] as number[])[a] as number;
  return { xtx, xty };
}
