import type { createRng } from '@da-ki/sdk';
import { MAX_BINS } from './binning.js';

/** Binned training data shared by every tree of a forest. */
export interface BinnedData {
  /** Row-major bins: `bins[i * width + f]` is row `i`'s bin of feature `f`. */
  bins: Uint8Array;
  rows: number;
  width: number;
  /** Upper bin edges per feature (see `binEdges`); a split at bin `b` is `x <= edges[f][b]`. */
  edges: readonly Float64Array[];
}

/** Growth limits of one tree, as scikit-learn's `DecisionTreeRegressor` names them. */
export interface TreeParams {
  /** Deepest level a split may happen above; `Infinity` grows until the leaves are pure or too small. */
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  /** Features drawn (without replacement) as split candidates at each node. */
  featuresPerSplit: number;
}

/**
 * A regression tree in flat arrays, node 0 the root. Leaves have `feature` −1; an inner node sends
 * `x` left when `x[feature] <= threshold`.
 */
export interface TreeArrays {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  /** Mean target of the node's (bootstrap-weighted) training rows. */
  value: Float64Array;
}

/** A grown tree and the impurity decrease of its splits per feature (weighted, not normalised). */
export interface GrownTree {
  tree: TreeArrays;
  impurityDecrease: Float64Array;
}

// Below this many rows a node sorts its rows by bin instead of filling 255-bin histograms: deep
// in a fully grown tree most nodes hold a handful of rows, and clearing and scanning the
// histograms of every feature would cost far more than the rows themselves.
const SORT_BELOW = 32;

/**
 * Grows one CART regression tree on binned features, depth first, by the squared-error criterion
 * (best split maximises `S_L²/W_L + S_R²/W_R`, sums of weight × target and of weights). Row `i`
 * enters with weight `weights[i]` (its bootstrap count; 0 leaves it out). A node becomes a leaf
 * at `maxDepth`, below `minSamplesSplit` or `2 · minSamplesLeaf` rows, when its targets are all
 * equal, or when no split leaves `minSamplesLeaf` rows on both sides; row counts are distinct
 * rows, as scikit-learn counts them.
 */
export function growTree(
  data: BinnedData,
  y: Float64Array,
  weights: Float64Array,
  params: TreeParams,
  rng: ReturnType<typeof createRng>,
): GrownTree {
  const { bins, width, edges } = data;
  const nBins = Int32Array.from(edges, (e) => e.length + 1);
  const inBag: number[] = [];
  for (let i = 0; i < data.rows; i++) if ((weights[i] as number) > 0) inBag.push(i);
  const idx = Int32Array.from(inBag);
  const wy = new Float64Array(data.rows);
  for (const i of inBag) wy[i] = (weights[i] as number) * (y[i] as number);

  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const impurityDecrease = new Float64Array(width);

  const features = Int32Array.from({ length: width }, (_, f) => f);
  const k = params.featuresPerSplit;
  // With every feature a candidate at every node, a child's histograms are its parent's minus
  // its sibling's: only the smaller child's rows are counted.
  const subtract = k === width;
  let binSlots = 0;
  for (let f = 0; f < width; f++) binSlots += 3 * (nBins[f] as number);
  const histograms = new HistogramPool(width * MAX_BINS * 3);
  const keys = new Int32Array(SORT_BELOW);
  const minLeaf = params.minSamplesLeaf;

  const newNode = (): number => {
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    value.push(0);
    return feature.length - 1;
  };

  // fills `h` (interleaved count, weight, weight × target per feature and bin) from rows [start, end)
  const fill = (h: Float64Array, start: number, end: number, candidates: number) => {
    for (let c = 0; c < candidates; c++) {
      const f = features[c] as number;
      h.fill(0, f * MAX_BINS * 3, (f * MAX_BINS + (nBins[f] as number)) * 3);
    }
    for (let p = start; p < end; p++) {
      const r = idx[p] as number;
      const w = weights[r] as number;
      const s = wy[r] as number;
      const rowBase = r * width;
      for (let c = 0; c < candidates; c++) {
        const f = features[c] as number;
        const at = (f * MAX_BINS + (bins[rowBase + f] as number)) * 3;
        h[at] = (h[at] as number) + 1;
        h[at + 1] = (h[at + 1] as number) + w;
        h[at + 2] = (h[at + 2] as number) + s;
      }
    }
  };

  // explicit stack of nodes: [node, start, end, depth] and the node's histograms (or undefined)
  const stack: number[] = [newNode(), 0, idx.length, 0];
  const stackHistograms: (Float64Array | undefined)[] = [undefined];
  while (stack.length > 0) {
    const depth = stack.pop() as number;
    const end = stack.pop() as number;
    const start = stack.pop() as number;
    const node = stack.pop() as number;
    let h = stackHistograms.pop();
    const m = end - start;

    let W = 0;
    let S = 0;
    let Q = 0;
    for (let p = start; p < end; p++) {
      const r = idx[p] as number;
      W += weights[r] as number;
      S += wy[r] as number;
      Q += (wy[r] as number) * (y[r] as number);
    }
    value[node] = S / W;
    const impurity = Q / W - (S / W) ** 2;
    if (
      depth >= params.maxDepth ||
      m < params.minSamplesSplit ||
      m < 2 * minLeaf ||
      impurity <= 4 * Number.EPSILON * (Q / W) // zero but for rounding: targets all equal
    ) {
      if (h) histograms.release(h);
      continue;
    }

    // draw the candidate features: a partial Fisher–Yates shuffle
    if (k < width) {
      for (let i = 0; i < k; i++) {
        const j = i + Math.floor(rng.next() * (width - i));
        const swap = features[i] as number;
        features[i] = features[j] as number;
        features[j] = swap;
      }
    }

    let bestGain = Number.NEGATIVE_INFINITY;
    let bestFeature = -1;
    let bestBin = -1;
    if (m < SORT_BELOW) {
      for (let c = 0; c < k; c++) {
        const f = features[c] as number;
        // key = bin · 256 + position: sorting the keys sorts the rows by bin
        // insertion sort: the nodes here are small, most hold a handful of rows
        for (let p = 0; p < m; p++) {
          const key = ((bins[(idx[start + p] as number) * width + f] as number) << 8) | p;
          let q = p - 1;
          while (q >= 0 && (keys[q] as number) > key) {
            keys[q + 1] = keys[q] as number;
            q--;
          }
          keys[q + 1] = key;
        }
        const sorted = keys;
        let nL = 0;
        let wL = 0;
        let sL = 0;
        for (let p = 0; p < m - 1; p++) {
          const key = sorted[p] as number;
          const r = idx[start + (key & 255)] as number;
          nL++;
          wL += weights[r] as number;
          sL += wy[r] as number;
          const bin = key >> 8;
          if (bin === (sorted[p + 1] as number) >> 8) continue;
          if (nL < minLeaf) continue;
          if (m - nL < minLeaf) break;
          const sR = S - sL;
          const gain = (sL * sL) / wL + (sR * sR) / (W - wL);
          if (gain > bestGain) {
            bestGain = gain;
            bestFeature = f;
            bestBin = bin;
          }
        }
      }
    } else {
      if (!h) {
        h = histograms.take();
        fill(h, start, end, k);
      }
      for (let c = 0; c < k; c++) {
        const f = features[c] as number;
        const base = f * MAX_BINS * 3;
        const last = (nBins[f] as number) - 1;
        let nL = 0;
        let wL = 0;
        let sL = 0;
        for (let b = 0; b < last; b++) {
          const at = base + b * 3;
          const n = h[at] as number;
          if (n === 0) continue;
          nL += n;
          wL += h[at + 1] as number;
          sL += h[at + 2] as number;
          if (nL < minLeaf) continue;
          if (m - nL < minLeaf) break;
          const wR = W - wL;
          if (wR <= 0) break;
          const sR = S - sL;
          const gain = (sL * sL) / wL + (sR * sR) / wR;
          if (gain > bestGain) {
            bestGain = gain;
            bestFeature = f;
            bestBin = b;
          }
        }
      }
    }
    if (bestFeature < 0) {
      if (h) histograms.release(h);
      continue;
    }

    // partition the node's rows in place: bin <= bestBin to the front
    let i = start;
    let j = end - 1;
    while (i <= j) {
      if ((bins[(idx[i] as number) * width + bestFeature] as number) <= bestBin) i++;
      else {
        const swap = idx[i] as number;
        idx[i] = idx[j] as number;
        idx[j] = swap;
        j--;
      }
    }
    impurityDecrease[bestFeature] = (impurityDecrease[bestFeature] as number) + bestGain - (S * S) / W;
    feature[node] = bestFeature;
    threshold[node] = (edges[bestFeature] as Float64Array)[bestBin] as number;
    const l = newNode();
    const rt = newNode();
    left[node] = l;
    right[node] = rt;

    let leftHistogram: Float64Array | undefined;
    let rightHistogram: Float64Array | undefined;
    const leftRows = i - start;
    const rightRows = end - i;
    const canSplitFurther = depth + 1 < params.maxDepth;
    // subtracting costs a pass over every bin; counting the larger child's rows costs 3 adds per
    // row and feature: subtract only where that is cheaper
    if (
      h &&
      subtract &&
      canSplitFurther &&
      Math.max(leftRows, rightRows) >= Math.max(SORT_BELOW, binSlots / (3 * width))
    ) {
      const leftSmaller = leftRows <= rightRows;
      const small = histograms.take();
      if (leftSmaller) fill(small, start, i, k);
      else fill(small, i, end, k);
      for (let f = 0; f < width; f++) {
        const base = f * MAX_BINS * 3;
        const stop = base + (nBins[f] as number) * 3;
        for (let q = base; q < stop; q++) h[q] = (h[q] as number) - (small[q] as number);
      }
      const smallKeeps = Math.min(leftRows, rightRows) >= SORT_BELOW;
      if (!smallKeeps) histograms.release(small);
      if (leftSmaller) {
        leftHistogram = smallKeeps ? small : undefined;
        rightHistogram = h;
      } else {
        rightHistogram = smallKeeps ? small : undefined;
        leftHistogram = h;
      }
    } else if (h) histograms.release(h);
    // right child pushed first so the left subtree is grown (and numbered) first
    stack.push(rt, i, end, depth + 1, l, start, i, depth + 1);
    stackHistograms.push(rightHistogram, leftHistogram);
  }
  return {
    tree: {
      feature: Int32Array.from(feature),
      threshold: Float64Array.from(threshold),
      left: Int32Array.from(left),
      right: Int32Array.from(right),
      value: Float64Array.from(value),
    },
    impurityDecrease,
  };
}

/** Recycled histogram buffers: a deep tree would otherwise allocate one per node. */
class HistogramPool {
  private readonly free: Float64Array[] = [];
  constructor(private readonly size: number) {}
  take(): Float64Array {
    return this.free.pop() ?? new Float64Array(this.size);
  }
  release(buffer: Float64Array): void {
    this.free.push(buffer);
  }
}

/** The tree's prediction for one row. */
export function predictTree(tree: TreeArrays, row: Float64Array): number {
  let node = 0;
  let f = tree.feature[0] as number;
  while (f >= 0) {
    node =
      (row[f] as number) <= (tree.threshold[node] as number)
        ? (tree.left[node] as number)
        : (tree.right[node] as number);
    f = tree.feature[node] as number;
  }
  return tree.value[node] as number;
}
