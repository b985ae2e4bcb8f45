import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupedTreemap, type Rect, squarify, tileAt } from '../web/src/treemap.js';

const area = (r: Rect) => r.width * r.height;
const inside = (r: Rect, b: Rect, eps = 1e-6) =>
  r.x >= b.x - eps &&
  r.y >= b.y - eps &&
  r.x + r.width <= b.x + b.width + eps &&
  r.y + r.height <= b.y + b.height + eps;
const overlap = (a: Rect, b: Rect) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

const weights = fc.array(fc.double({ min: 0.001, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 });
const bounds = fc.record({
  x: fc.integer({ min: 0, max: 100 }),
  y: fc.integer({ min: 0, max: 100 }),
  width: fc.integer({ min: 1, max: 2000 }),
  height: fc.integer({ min: 1, max: 2000 }),
});

describe('squarify', () => {
  it('gives every item a tile inside the bounds, with area proportional to its weight, none overlapping', () => {
    fc.assert(
      fc.property(weights, bounds, (ws, b) => {
        const tiles = squarify(
          ws.map((weight, i) => ({ weight, value: i })),
          b,
        );
        expect(tiles.map((t) => t.value).sort((p, q) => p - q)).toEqual(ws.map((_, i) => i));
        const total = ws.reduce((s, w) => s + w, 0);
        for (const t of tiles) {
          expect(inside(t, b)).toBe(true);
          expect(area(t)).toBeCloseTo((area(b) * (ws[t.value] as number)) / total, 6);
        }
        for (let i = 0; i < tiles.length; i++) {
          for (let j = i + 1; j < tiles.length; j++) {
            expect(overlap(tiles[i] as Rect, tiles[j] as Rect)).toBeLessThan(1e-6 * area(b));
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps tiles close to square where a slice layout would make slivers', () => {
    const items = Array.from({ length: 100 }, (_, i) => ({ weight: 100 - i, value: i }));
    const tiles = squarify(items, { x: 0, y: 0, width: 1000, height: 600 });
    const ratios = tiles.map((t) => Math.max(t.width / t.height, t.height / t.width));
    // Slicing 1000 × 600 into 100 columns would give ratios from 25 to 2 000; squarified stays near 1.
    expect(Math.max(...ratios)).toBeLessThan(4);
    expect(ratios.reduce((s, r) => s + r, 0) / ratios.length).toBeLessThan(1.8);
  });

  it('drops weight 0, and rejects a negative or non-finite weight naming the item', () => {
    expect(
      squarify(
        [
          { weight: 0, value: 'a' },
          { weight: 2, value: 'b' },
        ],
        { x: 0, y: 0, width: 10, height: 10 },
      ).map((t) => t.value),
    ).toEqual(['b']);
    expect(() => squarify([{ weight: Number.NaN, value: 'a' }], { x: 0, y: 0, width: 1, height: 1 })).toThrow(
      /weight of item 0 must be a finite number ≥ 0, got NaN/,
    );
    expect(() => squarify([{ weight: -1, value: 'a' }], { x: 0, y: 0, width: 1, height: 1 })).toThrow(
      RangeError,
    );
  });

  it('lays out 5 000 tiles (a large universe) all inside, summing to the whole area', () => {
    const items = Array.from({ length: 5000 }, (_, i) => ({
      weight: 1 + ((i * 7919) % 1000) ** 2,
      value: i,
    }));
    const b = { x: 0, y: 0, width: 1200, height: 700 };
    const tiles = squarify(items, b);
    expect(tiles).toHaveLength(5000);
    expect(tiles.reduce((s, t) => s + area(t), 0)).toBeCloseTo(area(b), 3);
    expect(tiles.every((t) => inside(t, b))).toBe(true);
  });
});

describe('groupedTreemap', () => {
  it('puts each group tile around its items, sized by the group total, items below the header', () => {
    const groups = [
      { key: 'Tech', items: [3, 2, 1].map((weight, i) => ({ weight, value: `T${i}` })) },
      { key: 'Energy', items: [1, 1].map((weight, i) => ({ weight, value: `E${i}` })) },
      { key: 'Empty', items: [] },
    ];
    const b = { x: 0, y: 0, width: 800, height: 400 };
    const laid = groupedTreemap(groups, b, { header: 16, gap: 1 });
    expect(laid.map((g) => g.key).sort()).toEqual(['Energy', 'Tech']);
    const tech = laid.find((g) => g.key === 'Tech');
    expect(tech && area(tech) / area(b)).toBeCloseTo(6 / 8, 9);
    for (const g of laid) {
      expect(g.tiles).toHaveLength(g.key === 'Tech' ? 3 : 2);
      for (const t of g.tiles) {
        expect(inside(t, g)).toBe(true);
        expect(t.y).toBeGreaterThanOrEqual(g.y + 16);
      }
    }
    const first = tech?.tiles[0] as Rect & { value: string };
    expect(tileAt(tech?.tiles ?? [], first.x + 1, first.y + 1)?.value).toBe(first.value);
    expect(tileAt(tech?.tiles ?? [], -5, -5)).toBeUndefined();
  });

  it('names the group and item of a bad weight', () => {
    expect(() =>
      groupedTreemap([{ key: 'Tech', items: [{ weight: Number.POSITIVE_INFINITY, value: 1 }] }], {
        x: 0,
        y: 0,
        width: 1,
        height: 1,
      }),
    ).toThrow(/item 0 of group "Tech"/);
  });
});
