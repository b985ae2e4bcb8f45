import { groupMedians, groupPercentileRanks, percentileRanks } from '../normalisation.js';
import {
  addNote,
  combineMetrics,
  type FactorColumns,
  type MetricColumn,
  type MetricSpec,
  type UniverseContext,
} from './factor.js';

/**
 * Metrics of the sector factor: the strength of the stock's sector (median 3- and 6-month return
 * of its members, ranked across sectors; 25 % each) and the stock's strength within its sector
 * (its return minus the sector median, ranked within the sector; 25 % each). Money rotates
 * between sectors, and leaders of strong sectors tend to stay ahead (Moskowitz and Grinblatt 1999).
 */
export const SECTOR_METRICS = Object.freeze({
  strength3m: spec('sectorReturn3m', 'Sector median 3-month return', 'sectors'),
  strength6m: spec('sectorReturn6m', 'Sector median 6-month return', 'sectors'),
  relative3m: spec('relativeReturn3m', '3-month return vs sector median', 'sector'),
  relative6m: spec('relativeReturn6m', '6-month return vs sector median', 'sector'),
} satisfies Record<string, MetricSpec>);

/** Sector: the sector's recent strength across sectors and the stock's strength within it. */
export function scoreSector(ctx: UniverseContext): FactorColumns {
  const m = SECTOR_METRICS;
  const { prices } = ctx;
  return combineMetrics(
    [
      sectorStrength(ctx, m.strength3m, prices.return3m),
      sectorStrength(ctx, m.strength6m, prices.return6m),
      relativeStrength(ctx, m.relative3m, prices.return3m),
      relativeStrength(ctx, m.relative6m, prices.return6m),
    ],
    ctx.snapshots.length,
  );
}

/** Each stock gets its sector's median return and that median's percentile among the sectors. */
function sectorStrength(ctx: UniverseContext, spec: MetricSpec, returns: Float64Array): MetricColumn {
  const { sectors } = ctx;
  const n = returns.length;
  const medians = groupMedians(returns, sectors, ctx.scratch);
  let sectorsWithData = 0;
  for (const median of medians) if (!Number.isNaN(median)) sectorsWithData++;
  // One sector cannot be strong or weak relative to others: neutral, and counted as missing.
  const sectorPercentiles =
    sectorsWithData >= 2 ? percentileRanks(medians) : new Float64Array(medians.length).fill(Number.NaN);
  const values = new Float64Array(n);
  const percentiles = new Float64Array(n);
  const column: MetricColumn = { spec, values, percentiles, sectorMedians: medians, notes: new Map() };
  for (let i = 0; i < n; i++) {
    const g = sectors.groupOf[i] as number;
    // The stock's own return must exist: a stock without the horizon says nothing about it.
    const present = !Number.isNaN(returns[i] as number);
    values[i] = present ? (medians[g] as number) : Number.NaN;
    percentiles[i] = present ? (sectorPercentiles[g] as number) : Number.NaN;
    if (present && sectorsWithData < 2) addNote(column, i, 'only one sector in the universe');
  }
  return column;
}

/** The stock's return minus its sector median, ranked within the sector (needs two members). */
function relativeStrength(ctx: UniverseContext, spec: MetricSpec, returns: Float64Array): MetricColumn {
  const { sectors } = ctx;
  const n = returns.length;
  const medians = groupMedians(returns, sectors, ctx.scratch);
  const excess = new Float64Array(n);
  for (let i = 0; i < n; i++)
    excess[i] = (returns[i] as number) - (medians[sectors.groupOf[i] as number] as number);
  const { percentiles, medians: excessMedians } = groupPercentileRanks(
    excess,
    sectors,
    { minGroupSize: 2 },
    ctx.scratch,
  );
  const column: MetricColumn = {
    spec,
    values: excess,
    percentiles,
    sectorMedians: excessMedians,
    notes: new Map(),
  };
  for (let i = 0; i < n; i++) {
    if (!Number.isNaN(excess[i] as number) && Number.isNaN(percentiles[i] as number)) {
      addNote(column, i, 'no other stock of the sector to compare with');
    }
  }
  return column;
}

function spec(id: string, label: string, comparedWith: MetricSpec['comparedWith']): MetricSpec {
  return { id, label, unit: 'percent', weight: 0.25, higherIsBetter: true, comparedWith };
}
