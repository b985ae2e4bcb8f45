import {
  buildSectorIndex,
  groupMedians,
  groupPercentileRanks,
  percentileRanks,
  type SectorIndex,
} from '../normalisation.js';
import { computePriceMetrics, type PriceMetrics } from '../price-metrics.js';
import type { MetricDetail, MetricUnit, StockSnapshot } from '../types.js';
import { checkSnapshots } from '../validate-snapshots.js';

/** Neutral percentile used for a missing input. */
export const NEUTRAL_SCORE = 50;

/** What every factor sees: the universe, its sectors and the per-stock price metrics. */
export interface UniverseContext {
  snapshots: readonly StockSnapshot[];
  /** Stock indices in ascending symbol order (the canonical order for sums and ties). */
  order: Int32Array;
  sectors: SectorIndex;
  prices: PriceMetrics;
  /** Sector-relative metrics of sectors with fewer present values use universe percentiles. */
  minSectorSize: number;
  /** Work space of the universe's length, reused by every ranking. */
  scratch: Float64Array;
}

/**
 * Checks the snapshots, groups them by sector and measures their price series: everything the
 * factors share. Throws on a malformed snapshot or a bad bar (see `checkSnapshots`).
 */
export function createUniverseContext(
  snapshots: readonly StockSnapshot[],
  minSectorSize: number,
): UniverseContext {
  const order = checkSnapshots(snapshots);
  return {
    snapshots,
    order,
    sectors: buildSectorIndex(
      snapshots.map((s) => s.sector),
      order,
    ),
    prices: computePriceMetrics(snapshots),
    minSectorSize,
    scratch: new Float64Array(snapshots.length),
  };
}

/** Static description of one metric of a factor. */
export interface MetricSpec {
  id: string;
  label: string;
  unit: MetricUnit;
  /** Weight within the factor; the weights of a factor's metrics sum to 1. */
  weight: number;
  higherIsBetter: boolean;
  comparedWith: MetricDetail['comparedWith'];
}

/** One metric over the universe: raw values, the percentiles they earned, their sector medians. */
export interface MetricColumn {
  spec: MetricSpec;
  /** Raw value per stock (`NaN` when missing or not meaningful). */
  values: Float64Array;
  /** Percentile per stock (`NaN` when missing: the factor uses {@link NEUTRAL_SCORE}). */
  percentiles: Float64Array;
  /** Median of the raw values per sector group. */
  sectorMedians: Float64Array;
  /** Remarks on individual stocks' values (negative earnings, overbought, ...). */
  notes: Map<number, string>;
}

/** A factor over the universe: its metrics, score and confidence per stock. */
export interface FactorColumns {
  metrics: MetricColumn[];
  /** 0–100 per stock. */
  scores: Float64Array;
  /** 0–1 per stock. */
  confidence: Float64Array;
}

/**
 * A metric ranked against the whole universe. `rankKey` orders the stocks (higher is better,
 * `NaN` missing); by default the raw value, negated when lower is better.
 */
export function universeMetric(
  ctx: UniverseContext,
  spec: MetricSpec,
  values: Float64Array,
  rankKey: Float64Array = orientedKey(spec, values),
): MetricColumn {
  return {
    spec,
    values,
    percentiles: percentileRanks(rankKey, ctx.scratch),
    sectorMedians: groupMedians(values, ctx.sectors, ctx.scratch),
    notes: new Map(),
  };
}

/**
 * A metric ranked within each stock's sector; members of sectors with fewer than
 * `ctx.minSectorSize` present values are ranked against the universe instead (noted).
 * `medianValues` are the values whose median is shown (e.g. only positive P/E ratios).
 */
export function sectorMetric(
  ctx: UniverseContext,
  spec: MetricSpec,
  values: Float64Array,
  rankKey: Float64Array = orientedKey(spec, values),
  medianValues: Float64Array = values,
): MetricColumn {
  const fallback = percentileRanks(rankKey, ctx.scratch);
  const { percentiles } = groupPercentileRanks(
    rankKey,
    ctx.sectors,
    { minGroupSize: ctx.minSectorSize, fallback },
    ctx.scratch,
  );
  const column: MetricColumn = {
    spec,
    values,
    percentiles,
    sectorMedians: groupMedians(medianValues, ctx.sectors, ctx.scratch),
    notes: new Map(),
  };
  noteSmallSectors(ctx, column, rankKey);
  return column;
}

/** Ranks higher-is-better values as they are, lower-is-better values negated. */
export function orientedKey(spec: MetricSpec, values: Float64Array): Float64Array {
  if (spec.higherIsBetter) return values;
  const key = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) key[i] = -(values[i] as number);
  return key;
}

/**
 * Weighted mean of a factor's metric percentiles (missing → 50), and its confidence: the weight
 * of the metrics that were present.
 */
export function combineMetrics(metrics: readonly MetricColumn[], n: number): FactorColumns {
  const scores = new Float64Array(n);
  const confidence = new Float64Array(n);
  for (const metric of metrics) {
    const w = metric.spec.weight;
    if (w === 0) continue;
    const p = metric.percentiles;
    for (let i = 0; i < n; i++) {
      const value = p[i] as number;
      if (Number.isNaN(value)) scores[i] += w * NEUTRAL_SCORE;
      else {
        scores[i] += w * value;
        confidence[i] += w;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    scores[i] = clamp(scores[i] as number, 0, 100);
    confidence[i] = clamp(confidence[i] as number, 0, 1);
  }
  return { metrics: [...metrics], scores, confidence };
}

/** A column of `n` values read from each snapshot (`NaN` where `read` gives nothing finite). */
export function columnFrom(
  snapshots: readonly StockSnapshot[],
  read: (snapshot: StockSnapshot) => number | undefined,
): Float64Array {
  const out = new Float64Array(snapshots.length);
  for (let i = 0; i < snapshots.length; i++) {
    const value = read(snapshots[i] as StockSnapshot);
    out[i] = typeof value === 'number' && Number.isFinite(value) ? value : Number.NaN;
  }
  return out;
}

/** Adds a remark to one stock's value of a metric (remarks accumulate, separated by "; "). */
export function addNote(column: MetricColumn, i: number, note: string): void {
  const existing = column.notes.get(i);
  column.notes.set(i, existing ? `${existing}; ${note}` : note);
}

/** Clamps into [min, max]; `NaN` stays `NaN`. */
export function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function noteSmallSectors(ctx: UniverseContext, column: MetricColumn, rankKey: Float64Array): void {
  const { sectors } = ctx;
  for (let g = 0; g < sectors.names.length; g++) {
    const start = sectors.offsets[g] as number;
    const end = sectors.offsets[g + 1] as number;
    let present = 0;
    for (let k = start; k < end; k++) if (!Number.isNaN(rankKey[sectors.members[k] as number])) present++;
    if (present >= ctx.minSectorSize) continue;
    for (let k = start; k < end; k++) {
      const i = sectors.members[k] as number;
      if (!Number.isNaN(rankKey[i])) {
        addNote(
          column,
          i,
          `fewer than ${ctx.minSectorSize} stocks of the sector have it: ranked against the universe`,
        );
      }
    }
  }
}
