import { InvalidArgumentError } from '@da-ki/sdk';
import { type IcSummary, informationCoefficient } from './information-coefficient.js';
import {
  directionalAccuracy,
  intervalCoverage,
  mae,
  priceMapeFromLogReturns,
  rmse,
} from './point-metrics.js';

/** Forecasts of one model for a set of (symbol, date) rows, in log-return units. */
export interface ForecastSet {
  /** Model or baseline name, e.g. `xgboost`, `ensemble`, `baseline:zero`. */
  model: string;
  /** Date key of each row (epoch ms or a date index): the IC is computed across symbols per date. */
  dates: ArrayLike<number>;
  /** Predicted log returns. */
  predicted: ArrayLike<number>;
  /** Realised log returns. */
  actual: ArrayLike<number>;
  /** Lower bounds of prediction intervals, when the model gives intervals. */
  lower?: ArrayLike<number>;
  /** Upper bounds of prediction intervals. */
  upper?: ArrayLike<number>;
}

/** Accuracy and skill of one model on one set of rows. */
export interface ModelMetrics {
  model: string;
  /** Rows evaluated. */
  count: number;
  /** RMSE of the log return. */
  rmse: number;
  /** MAE of the log return. */
  mae: number;
  /** MAPE of the implied price forecast, as a fraction. */
  mape: number;
  /** Share of rows with the right sign, among rows where the model calls one; `null` if none. */
  directionalAccuracy: number | null;
  /** Pearson IC across symbols per date; `null` when undefined (e.g. a forecast equal for all). */
  ic: IcSummary | null;
  /** Spearman (rank) IC across symbols per date. */
  rankIc: IcSummary | null;
  /** Share of outcomes inside the prediction interval; `null` without intervals. */
  coverage: number | null;
}

/** Every metric of {@link ModelMetrics} for one forecast set. */
export function evaluateForecasts(set: ForecastSet, options: { minCount?: number } = {}): ModelMetrics {
  const { dates, predicted, actual } = set;
  if (dates.length !== actual.length) {
    throw new InvalidArgumentError('dates', `has ${dates.length} values but actual has ${actual.length}`);
  }
  const minCount = options.minCount ?? 5;
  return {
    model: set.model,
    count: actual.length,
    rmse: rmse(actual, predicted),
    mae: mae(actual, predicted),
    mape: priceMapeFromLogReturns(actual, predicted),
    directionalAccuracy: directionalAccuracy(actual, predicted),
    ic: informationCoefficient(dates, predicted, actual, { method: 'pearson', minCount }),
    rankIc: informationCoefficient(dates, predicted, actual, { method: 'spearman', minCount }),
    coverage: set.lower && set.upper ? intervalCoverage(actual, set.lower, set.upper) : null,
  };
}

const dash = '—';
const fixed = (value: number | null | undefined, digits: number) =>
  value === null || value === undefined ? dash : value.toFixed(digits);
const percent = (value: number | null | undefined) =>
  value === null || value === undefined ? dash : `${(value * 100).toFixed(1)}%`;

/**
 * A plain-text table of metrics rows: RMSE and MAE of the log return, MAPE of the price, hit
 * rate, IC and rank IC with their ICIR, interval coverage. Undefined values print as "—".
 */
export function formatMetricsTable(rows: readonly ModelMetrics[]): string {
  const header = [
    'model',
    'n',
    'RMSE',
    'MAE',
    'MAPE',
    'hit rate',
    'IC',
    'ICIR',
    'rank IC',
    'rank ICIR',
    'coverage',
  ];
  const body = rows.map((row) => [
    row.model,
    String(row.count),
    fixed(row.rmse, 4),
    fixed(row.mae, 4),
    percent(row.mape),
    percent(row.directionalAccuracy),
    fixed(row.ic?.mean, 4),
    fixed(row.ic?.icir, 3),
    fixed(row.rankIc?.mean, 4),
    fixed(row.rankIc?.icir, 3),
    percent(row.coverage),
  ]);
  return formatTextTable(header, body);
}

/** Columns padded to their widest cell; the first column left-aligned, the others right-aligned. */
export function formatTextTable(header: readonly string[], body: readonly (readonly string[])[]): string {
  const widths = header.map((h, k) => Math.max(h.length, ...body.map((row) => (row[k] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, k) => (k === 0 ? cell.padEnd(widths[k] as number) : cell.padStart(widths[k] as number)))
      .join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
