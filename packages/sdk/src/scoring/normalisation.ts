/**
 * Cross-sectional normalisation: percentile ranks over the universe or within groups (sectors).
 *
 * Columns are `Float64Array`s with one value per stock; `NaN` marks a missing input (internal
 * only: it never reaches a result). A percentile is `100 · (r − 1) / (m − 1)` where `r` is the
 * 1-based rank among the `m` values present, ties sharing their average rank (the "mid-rank"
 * convention of Spearman's rho). The lowest value gets 0, the highest 100, a lone value 50.
 * Ranks ignore magnitudes, so one extreme outlier moves nobody else's score.
 */

/** Stocks grouped by sector: integer ids per stock and the members of each group (CSR layout). */
export interface SectorIndex {
  /** Sector names, indexed by group id (first appearance in symbol order). */
  names: string[];
  /** Group id of each stock. */
  groupOf: Int32Array;
  /** Members of group `g` are `members[offsets[g]] … members[offsets[g + 1] − 1]`, ascending. */
  offsets: Int32Array;
  members: Int32Array;
}

/** Groups stocks by sector name. `order` lists stock indices in a canonical (symbol) order. */
export function buildSectorIndex(sectors: readonly string[], order: ArrayLike<number>): SectorIndex {
  const idByName = new Map<string, number>();
  const names: string[] = [];
  const groupOf = new Int32Array(sectors.length);
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const name = sectors[i] as string;
    let id = idByName.get(name);
    if (id === undefined) {
      id = names.length;
      idByName.set(name, id);
      names.push(name);
    }
    groupOf[i] = id;
  }
  const offsets = new Int32Array(names.length + 1);
  for (let i = 0; i < groupOf.length; i++) offsets[(groupOf[i] as number) + 1]++;
  for (let g = 0; g < names.length; g++) offsets[g + 1] += offsets[g] as number;
  const members = new Int32Array(groupOf.length);
  const cursor = offsets.slice(0, names.length);
  for (let i = 0; i < groupOf.length; i++) members[cursor[groupOf[i] as number]++] = i;
  return { names, groupOf, offsets, members };
}

/** Number of stocks in group `g`. */
export function groupSize(index: SectorIndex, g: number): number {
  return (index.offsets[g + 1] as number) - (index.offsets[g] as number);
}

/** Percentile (0–100) of `value` in the ascending sorted array `sorted`, ties at their mid-rank. */
export function percentileInSorted(sorted: Float64Array, value: number): number {
  const m = sorted.length;
  if (m <= 1) return 50;
  const lo = lowerBound(sorted, value);
  const hi = upperBound(sorted, value, lo);
  return (((lo + hi - 1) / 2) * 100) / (m - 1);
}

/** Median of an ascending sorted array (`NaN` when empty). */
export function medianOfSorted(sorted: Float64Array): number {
  const m = sorted.length;
  if (m === 0) return Number.NaN;
  const mid = m >> 1;
  return m % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Percentile of every present value among all present values (higher value → higher percentile). */
export function percentileRanks(
  values: Float64Array,
  scratch: Float64Array = new Float64Array(values.length),
): Float64Array {
  const out = new Float64Array(values.length).fill(Number.NaN);
  const sorted = collectSorted(values, null, scratch);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isNaN(v)) out[i] = percentileInSorted(sorted, v);
  }
  return out;
}

/** Median of the present values of a column (`NaN` when none). */
export function columnMedian(
  values: Float64Array,
  scratch: Float64Array = new Float64Array(values.length),
): number {
  return medianOfSorted(collectSorted(values, null, scratch));
}

/** Options of {@link groupPercentileRanks}. */
export interface GroupRankOptions {
  /**
   * Smallest number of present values in a group for a within-group rank; smaller groups take
   * `fallback` (or stay missing). Default 2.
   */
  minGroupSize?: number;
  /** Percentiles used for members of too-small groups (e.g. universe percentiles). */
  fallback?: Float64Array;
}

/** Percentile of every present value within its group, and the median of each group. */
export function groupPercentileRanks(
  values: Float64Array,
  index: SectorIndex,
  options: GroupRankOptions = {},
  scratch: Float64Array = new Float64Array(values.length),
): { percentiles: Float64Array; medians: Float64Array } {
  const minGroupSize = options.minGroupSize ?? 2;
  const percentiles = new Float64Array(values.length).fill(Number.NaN);
  const medians = new Float64Array(index.names.length);
  for (let g = 0; g < index.names.length; g++) {
    const sorted = collectSorted(values, groupMembers(index, g), scratch);
    medians[g] = medianOfSorted(sorted);
    const start = index.offsets[g] as number;
    const end = index.offsets[g + 1] as number;
    for (let k = start; k < end; k++) {
      const i = index.members[k] as number;
      const v = values[i] as number;
      if (Number.isNaN(v)) continue;
      if (sorted.length >= minGroupSize) percentiles[i] = percentileInSorted(sorted, v);
      else if (options.fallback) percentiles[i] = options.fallback[i] as number;
    }
  }
  return { percentiles, medians };
}

/** Median of the present values of a column within each group. */
export function groupMedians(
  values: Float64Array,
  index: SectorIndex,
  scratch: Float64Array = new Float64Array(values.length),
): Float64Array {
  const medians = new Float64Array(index.names.length);
  for (let g = 0; g < index.names.length; g++) {
    medians[g] = medianOfSorted(collectSorted(values, groupMembers(index, g), scratch));
  }
  return medians;
}

function groupMembers(index: SectorIndex, g: number): Int32Array {
  return index.members.subarray(index.offsets[g] as number, index.offsets[g + 1] as number);
}

/** Copies the present values (of `subset`, or all) into `scratch` and sorts them in place: one native numeric sort. */
function collectSorted(values: Float64Array, subset: Int32Array | null, scratch: Float64Array): Float64Array {
  let m = 0;
  if (subset) {
    for (let k = 0; k < subset.length; k++) {
      const v = values[subset[k] as number] as number;
      if (!Number.isNaN(v)) scratch[m++] = v;
    }
  } else {
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (!Number.isNaN(v)) scratch[m++] = v;
    }
  }
  return scratch.subarray(0, m).sort();
}

function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(sorted: Float64Array, value: number, from: number): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
