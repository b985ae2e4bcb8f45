import { InvalidArgumentError } from '@da-ki/sdk';

/**
 * Pearson correlation; `null` when fewer than 2 pairs or either side is constant (undefined, not 0).
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  if (x.length !== y.length)
    throw new InvalidArgumentError('y', `has ${y.length} values but x has ${x.length}`);
  const n = x.length;
  if (n < 2) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] as number;
    my += y[i] as number;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // relative threshold: a column of equal values can leave rounding dust in sxx
  if (sxx <= 1e-24 * n * (mx * mx + 1) || syy <= 1e-24 * n * (my * my + 1)) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Ranks 1…n, ties sharing the average of their ranks (as R's `rank(ties.method = "average")`). */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (values[a] as number) - (values[b] as number),
  );
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[order[j + 1] as number] === values[order[i] as number]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k] as number] = rank;
    i = j + 1;
  }
  return ranks;
}

/** Spearman rank correlation: Pearson on average ranks; `null` when undefined. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  if (x.length !== y.length)
    throw new InvalidArgumentError('y', `has ${y.length} values but x has ${x.length}`);
  return pearson(averageRanks(x), averageRanks(y));
}
