import type { ModelRecord, TrackRecordResponse } from '../../src/contract/track-record.js';
import type { CoveragePeriod, PredictedRealised, ReturnBar } from './track-record-plots.js';

/** The model the page shows when the link names none: the ensemble, as the server serves it. */
export const DEFAULT_MODEL = 'ensemble';

/** Horizons offered besides the served one (trading days: a day, a week, a month, a quarter). */
export const COMMON_HORIZONS = [1, 5, 10, 20, 60] as const;

/**
 * The record the page plots: of the named model (else the ensemble, else the first listed) the row of
 * the shortest horizon listed (with no horizon chosen the answer has a row per model and horizon).
 */
export function selectedRecord(response: TrackRecordResponse, model: string | null): ModelRecord | undefined {
  const wanted = model ?? DEFAULT_MODEL;
  const rows = response.models.filter((m) => m.model === wanted);
  const pick = rows.length > 0 ? rows : model ? [] : response.models.slice(0, 1);
  return pick.reduce<ModelRecord | undefined>(
    (best, m) => (best === undefined || m.horizon_days < best.horizon_days ? m : best),
    undefined,
  );
}

/**
 * The forecasts of one model (at one horizon, unless `null`) for the predicted-vs-realised plot. A
 * forecast is inside its interval when its realised price lies within [lower, upper]; `null` when it
 * had no interval.
 */
export function predictedRealised(
  response: TrackRecordResponse,
  model: string,
  horizon: number | null = null,
): PredictedRealised[] {
  return response.points
    .filter((p) => p.model === model && (horizon === null || p.horizon_days === horizon))
    .map((p) => ({
      predicted: p.predicted_return,
      realised: p.actual_return,
      inside:
        p.lower_price === null || p.upper_price === null
          ? null
          : p.actual_price >= p.lower_price && p.actual_price <= p.upper_price,
    }));
}

/** One model's coverage per month, periods as the API names them (`YYYY-MM`). */
export function coverageOverTime(response: TrackRecordResponse, model: string): CoveragePeriod[] {
  return response.coverage_over_time
    .filter((c) => c.model === model)
    .map(({ period, coverage, count }) => ({ period, coverage, count }));
}

/**
 * The bars of the score's record: deciles 1 (lowest scores) to 10 (highest), then the top 10 and the
 * whole universe for reference. Groups without a known forward return are left out.
 */
export function scoreBars(score: TrackRecordResponse['score']): ReturnBar[] {
  const bars: ReturnBar[] = [...score.deciles]
    .sort((a, b) => a.decile - b.decile)
    .flatMap((d) =>
      d.mean_forward_return === null
        ? []
        : [
            {
              label: String(d.decile),
              name: `Decile ${d.decile}${d.decile === 10 ? ' (highest scores)' : d.decile === 1 ? ' (lowest scores)' : ''}`,
              value: d.mean_forward_return,
              count: d.count,
              kind: 'decile' as const,
            },
          ],
    );
  if (score.top10.mean_forward_return !== null)
    bars.push({
      label: 'Top 10',
      name: 'Top 10',
      value: score.top10.mean_forward_return,
      count: score.top10.count,
      kind: 'top10',
    });
  if (score.universe.mean_forward_return !== null)
    bars.push({
      label: 'All',
      name: 'Universe',
      value: score.universe.mean_forward_return,
      count: score.universe.count,
      kind: 'universe',
    });
  return bars;
}

/** Model names for the selector: the default first, then every other name seen, sorted, each once. */
export function modelOptions(seen: Iterable<string>, selected: string | null): string[] {
  const names = new Set<string>(seen);
  if (selected) names.add(selected);
  names.delete(DEFAULT_MODEL);
  return [DEFAULT_MODEL, ...[...names].sort()];
}

/** Horizons for the selector: the common ones and any seen or selected, ascending, each once. */
export function horizonOptions(seen: Iterable<number>, selected: number | null): number[] {
  const horizons = new Set<number>([...COMMON_HORIZONS, ...seen]);
  if (selected) horizons.add(selected);
  return [...horizons].sort((a, b) => a - b);
}

/** The statistics of a model's row, in table order. */
export const MODEL_STATS = [
  'count',
  'hit_rate',
  'rmse',
  'mape',
  'mean_accuracy',
  'coverage',
  'ic',
  'rank_ic',
  'pending',
] as const;
export type ModelStat = (typeof MODEL_STATS)[number];

/** Column headings of the statistics, with what each means for the header's title. */
export const MODEL_STAT_LABELS: Record<ModelStat, [label: string, meaning: string]> = {
  count: ['Forecasts', 'Forecasts whose horizon has passed, judged against the realised price'],
  hit_rate: ['Hit rate', 'Share whose predicted direction was right'],
  rmse: ['RMSE', 'Root mean squared error of the predicted return'],
  mape: ['MAPE', 'Mean absolute error as a share of the realised price'],
  mean_accuracy: ['Accuracy', 'The concept’s accuracy: 1 − |predicted − actual| / actual'],
  coverage: ['Coverage', 'Share of realised prices inside the prediction interval'],
  ic: ['IC', 'Mean per-date correlation of predicted and realised returns'],
  rank_ic: ['Rank IC', 'The same with rank (Spearman) correlation'],
  pending: ['Pending', 'Forecasts whose horizon has not passed yet'],
};

/**
 * A statistic as the table prints it: counts whole, shares and errors as percentages (RMSE of a
 * return with two decimals, the rest with one), correlations with three decimals, `–` when undefined.
 */
export function formatStat(stat: ModelStat, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  switch (stat) {
    case 'count':
    case 'pending':
      return String(Math.round(value));
    case 'rmse':
      return `${(value * 100).toFixed(2)} %`;
    case 'ic':
    case 'rank_ic':
      return value.toFixed(3);
    default:
      return `${(value * 100).toFixed(1)} %`;
  }
}
