import { describe, expect, it } from 'vitest';
import { createRng } from './random.js';

describe('createRng', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seqA = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 100 }, () => c.next())).not.toEqual(seqA);
  });

  it('produces uniform values in [0, 1) and standard normals', () => {
    const rng = createRng('stats');
    const n = 50_000;
    let sumU = 0;
    let sumZ = 0;
    let sumZ2 = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      expect(u >= 0 && u < 1).toBe(true);
      sumU += u;
      const z = rng.normal();
      sumZ += z;
      sumZ2 += z * z;
    }
    expect(sumU / n).toBeCloseTo(0.5, 2);
    expect(sumZ / n).toBeCloseTo(0, 1);
    expect(sumZ2 / n).toBeCloseTo(1, 1);
  });

  it('gives Student-t draws with unit variance and fat tails', () => {
    const rng = createRng(7);
    const draws = Array.from({ length: 40_000 }, () => rng.studentT(5));
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
    const variance = draws.reduce((s, x) => s + (x - mean) ** 2, 0) / draws.length;
    const kurtosis = draws.reduce((s, x) => s + (x - mean) ** 4, 0) / draws.length / variance ** 2;
    expect(variance).toBeGreaterThan(0.85);
    expect(variance).toBeLessThan(1.15);
    expect(kurtosis).toBeGreaterThan(4); // a normal has 3; t(5) has 9 in theory
  });

  it('int and pick stay in range', () => {
    const rng = createRng(1);
    for (let i = 0; i < 1000; i++) {
      const k = rng.int(3, 7);
      expect(k >= 3 && k <= 7 && Number.isInteger(k)).toBe(true);
      expect(['a', 'b']).toContain(rng.pick(['a', 'b']));
    }
    expect(() => rng.pick([])).toThrow(RangeError);
  });
});
