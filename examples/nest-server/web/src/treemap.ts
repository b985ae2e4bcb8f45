/**
 * Squarified treemap layout (Bruls, Huizing & van Wijk, 2000): rectangles whose areas are
 * proportional to their weights, kept close to square so that small tiles stay readable. Pure
 * geometry, no DOM: the heat map draws the tiles on a canvas and tests check them directly.
 */

/** An axis-aligned rectangle in canvas units. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One thing to lay out: its weight sets its area. */
export interface TreemapItem<T> {
  weight: number;
  value: T;
}

/** A laid-out item. */
export interface TreemapTile<T> extends Rect {
  value: T;
  weight: number;
}

/** A group (a sector) of items, laid out as one tile that holds its items' tiles. */
export interface TreemapGroup<T> {
  key: string;
  items: readonly TreemapItem<T>[];
}

/** A laid-out group: its outer rectangle and its items' tiles inside it. */
export interface TreemapGroupTile<T> extends Rect {
  key: string;
  weight: number;
  tiles: TreemapTile<T>[];
}

function checkWeight(weight: number, where: string): void {
  if (!Number.isFinite(weight) || weight < 0) {
    throw new RangeError(`treemap: the weight of ${where} must be a finite number ≥ 0, got ${weight}`);
  }
}

/**
 * The worst (largest) aspect ratio of a row with total area `sum` laid along a side of length
 * `side`, whose largest tile has area `max` and smallest `min`.
 */
function worstRatio(sum: number, max: number, min: number, side: number): number {
  const s2 = side * side;
  const sum2 = sum * sum;
  return Math.max((s2 * max) / sum2, sum2 / (s2 * min));
}

/**
 * Lays `items` out in `bounds`, largest first. Items of weight 0 get no tile; a negative or
 * non-finite weight is an error naming the item's position. Tiles cover `bounds` exactly
 * (up to rounding) when the total weight is positive.
 */
export function squarify<T>(items: readonly TreemapItem<T>[], bounds: Rect): TreemapTile<T>[] {
  for (const [i, item] of items.entries()) checkWeight(item.weight, `item ${i}`);
  const positive = items.filter((item) => item.weight > 0).sort((a, b) => b.weight - a.weight);
  const total = positive.reduce((sum, item) => sum + item.weight, 0);
  const tiles: TreemapTile<T>[] = [];
  if (total === 0 || bounds.width <= 0 || bounds.height <= 0) return tiles;
  const scale = (bounds.width * bounds.height) / total;
  const areas = positive.map((item) => item.weight * scale);
  let free: Rect = { ...bounds };
  let start = 0;
  while (start < positive.length) {
    const side = Math.min(free.width, free.height);
    // Grow the row while that does not make its worst tile less square. Areas are sorted, so the
    // row's largest tile is its first and its smallest the one just added.
    const first = areas[start] as number;
    let rowArea = first;
    let worst = worstRatio(rowArea, first, first, side);
    let end = start + 1;
    while (end < areas.length) {
      const next = areas[end] as number;
      const ratio = worstRatio(rowArea + next, first, next, side);
      if (ratio > worst) break;
      rowArea += next;
      worst = ratio;
      end++;
    }
    const row = areas.slice(start, end);
    const last = end === positive.length;
    if (free.width >= free.height) {
      // A column on the left, as wide as the row's area needs (the last row takes what is left).
      const width = last ? free.width : rowArea / free.height;
      let y = free.y;
      row.forEach((area, k) => {
        const height = k === row.length - 1 ? free.y + free.height - y : area / width;
        const item = positive[start + k] as TreemapItem<T>;
        tiles.push({ x: free.x, y, width, height, value: item.value, weight: item.weight });
        y += height;
      });
      free = { x: free.x + width, y: free.y, width: free.width - width, height: free.height };
    } else {
      // A row along the top.
      const height = last ? free.height : rowArea / free.width;
      let x = free.x;
      row.forEach((area, k) => {
        const width = k === row.length - 1 ? free.x + free.width - x : area / height;
        const item = positive[start + k] as TreemapItem<T>;
        tiles.push({ x, y: free.y, width, height, value: item.value, weight: item.weight });
        x += width;
      });
      free = { x: free.x, y: free.y + height, width: free.width, height: free.height - height };
    }
    start = end;
  }
  return tiles;
}

/**
 * Two levels: groups laid out by their total weight, then each group's items inside its tile,
 * below a header strip of `header` units and inset by `gap` (both shrink on tiles too small for them).
 */
export function groupedTreemap<T>(
  groups: readonly TreemapGroup<T>[],
  bounds: Rect,
  { header = 0, gap = 0 }: { header?: number; gap?: number } = {},
): TreemapGroupTile<T>[] {
  const outer = squarify(
    groups.map((group) => ({
      weight: group.items.reduce((sum, item, i) => {
        checkWeight(item.weight, `item ${i} of group "${group.key}"`);
        return sum + item.weight;
      }, 0),
      value: group,
    })),
    bounds,
  );
  return outer.map((tile) => {
    const inset = Math.min(gap, tile.width / 4, tile.height / 4);
    const top = Math.min(header, (tile.height - 2 * inset) / 3);
    const inner: Rect = {
      x: tile.x + inset,
      y: tile.y + inset + top,
      width: tile.width - 2 * inset,
      height: tile.height - 2 * inset - top,
    };
    return {
      x: tile.x,
      y: tile.y,
      width: tile.width,
      height: tile.height,
      key: tile.value.key,
      weight: tile.weight,
      tiles: squarify(tile.value.items, inner),
    };
  });
}

/** The tile under a point, for hover and click (tiles do not overlap, so the first hit is the one). */
export function tileAt<T extends Rect>(tiles: readonly T[], x: number, y: number): T | undefined {
  return tiles.find((t) => x >= t.x && x < t.x + t.width && y >= t.y && y < t.y + t.height);
}
