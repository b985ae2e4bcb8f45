import { InvalidArgumentError } from '@da-ki/sdk';
import { pearson, spearman } from './correlation.js';

/** Summary of a per-date information coefficient series. */
export interface IcSummary {
  /** Mean IC over the dates where it is defined. */
  mean: number;
  /** Sample standard deviation of the per-date IC (0 with one date). */
  sd: number;
  /** Information ratio of the IC, mean / sd; `null` with fewer than 2 dates or sd 0. */
  icir: number | null;
  /** Share of dates with IC > 0. */
  positiveShare: number;
  /** Dates with a defined IC. */
  dates: number;
}

/** Per-date IC values, in date order. */
export interface IcSeries {
  dates: Float64Array;
  values: Float64Array;
}

/** Options of {@link informationCoefficient}. */
export interface IcOptions {
  /** `spearman` (rank IC, the default) or `pearson`. */
  method?: 'spearman' | 'pearson';
  /** Fewest symbols a date needs for its cross-sectional correlation. Default 5. */
  minCount?: number;
}

/**
 * The information coefficient as quant platforms report it (e.g. Qlib): for each date, the
 * cross-sectional correlation between the predicted and realised returns of the symbols on that
 * date; dates with fewer than `minCount` symbols or a constant side are skipped.
 */
export function icSeries(
  dates: ArrayLike<number>,
  predicted: ArrayLike<number>,
  actual: ArrayLike<number>,
  options: IcOptions = {},
): IcSeries {
  if (predicted.length !== dates.length || actual.length !== dates.length) {
    throw new InvalidArgumentError(
      'predicted',
      `dates, predicted and actual must have one length (${dates.length})`,
    );
  }
  const method = options.method ?? 'spearman';
  const minCount = options.minCount ?? 5;
  const groups = new Map<number, number[]>();
  for (let i = 0; i < dates.length; i++) {
    const date = dates[i] as number;
    let group = groups.get(date);
    if (!group) groups.set(date, (group = []));
    group.push(i);
  }
  const keys = [...groups.keys()].sort((a, b) => a - b);
  const outDates: number[] = [];
  const outValues: number[] = [];
  const correlate = method === 'spearman' ? spearman : pearson;
  for (const date of keys) {
    const rows = groups.get(date) as number[];
    if (rows.length < minCount) continue;
    const ic = correlate(
      rows.map((i) => predicted[i] as number),
      rows.map((i) => actual[i] as number),
    );
    if (ic === null) continue;
    outDates.push(date);
    outValues.push(ic);
  }
  return { dates: Float64Array.from(outDates), values: Float64Array.from(outValues) };
}

/** Mean, sd, ICIR and hit rate of a per-date IC series; `null` when no date has an IC. */
export function summariseIc(series: IcSeries): IcSummary | null {
  const values = series.values;
  const n = values.length;
  if (n === 0) return null;
  let mean = 0;
  let positive = 0;
  for (const v of values) {
    mean += v;
    if (v > 0) positive++;
  }
  mean /= n;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  return { mean, sd, icir: n > 1 && sd > 0 ? mean / sd : null, positiveShare: positive / n, dates: n };
}

/** {@link icSeries} then {@link summariseIc}. */
export function informationCoefficient(
  dates: ArrayLike<number>,
  predicted: ArrayLike<number>,
  actual: ArrayLike<number>,
  options: IcOptions = {},
): IcSummary | null {
  return summariseIc(icSeries(dates, predicted, actual, options));
}
