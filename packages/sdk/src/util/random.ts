/**
 * A small, fast, seedable pseudo-random generator (mulberry32 seeded through splitmix32), so that
 * synthetic data and model initialisation are byte-identical for a seed on every machine.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  /** Student-t with `dof` degrees of freedom, scaled to unit variance (fat tails). */
  studentT(dof: number): number;
  /** A uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
}

/** Creates a deterministic {@link Rng} from a seed (any number or string). */
export function createRng(seed: number | string = 1): Rng {
  let state = hashSeed(seed);
  let spareNormal: number | undefined;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    if (spareNormal !== undefined) {
      const value = spareNormal;
      spareNormal = undefined;
      return value;
    }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const radius = Math.sqrt(-2 * Math.log(u));
    spareNormal = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    normal,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    studentT(dof) {
      // t = Z / sqrt(chi2/dof); chi2 as a sum of squared normals (dof is small here).
      const z = normal();
      let chi2 = 0;
      for (let k = 0; k < dof; k++) chi2 += normal() ** 2;
      const t = z / Math.sqrt(chi2 / dof);
      return dof > 2 ? t * Math.sqrt((dof - 2) / dof) : t;
    },
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick() needs a non-empty array');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
  };
}

function hashSeed(seed: number | string): number {
  let h = 0x811c9dc5;
  const text = String(seed);
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  // splitmix32 finaliser spreads nearby seeds apart.
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
