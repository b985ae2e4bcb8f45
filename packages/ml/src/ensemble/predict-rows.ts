import { InvalidArgumentError } from '@da-ki/sdk';
import type { UniverseDataset } from '../dataset/universe-dataset.js';
import type { Regressor } from '../model/regressor.js';
import { specTimesteps } from './base-models.js';
import { driftForecast } from './baselines.js';
import { signProbability } from './conformal.js';
import type { EnsembleSettings, FittedEnsemble } from './ensemble-types.js';
import { applyMetaModel } from './meta-model.js';
import type { Prediction } from './prediction.js';

/** History handed to ARIMA's forecast: enough for its MA recursion to settle. */
const ARIMA_TAIL = 300;

/** Every symbol's forecast from its latest complete feature row. */
export async function predictLatest(
  dataset: UniverseDataset,
  settings: EnsembleSettings,
  fitted: FittedEnsemble,
): Promise<Prediction[]> {
  const rows = dataset.latestRows();
  if (rows.length === 0) return [];
  const columns: Float64Array[] = [];
  for (const [j, spec] of settings.specs.entries())
    columns.push(await (fitted.models[j] as Regressor).predict(dataset.inputs(rows, specTimesteps(spec))));
  if (settings.arimaGrid !== false)
    columns.push(Float64Array.from(rows, (row) => arimaForecast(dataset, row, settings, fitted)));
  if (settings.prophetOptions !== false)
    columns.push(Float64Array.from(rows, (row) => prophetForecast(dataset, row, settings, fitted)));
  return rows.map((row, i) => {
    const series = dataset.series[dataset.symbolIndex[row] as number] as UniverseDataset['series'][number];
    const bar = dataset.barIndex[row] as number;
    const price = series.close[bar] as number;
    const basePredictions = columns.map((column) => column[i] as number);
    const expectedLogReturn = applyMetaModel(fitted.meta, basePredictions);
    const contributions: Record<string, number> = {};
    fitted.names.forEach((name, j) => {
      contributions[name] = (fitted.meta.weights[j] as number) * (basePredictions[j] as number);
    });
    contributions.intercept = fitted.meta.intercept;
    return {
      symbol: series.symbol,
      currentPrice: price,
      asOf: series.timestamps[bar] as number,
      horizon: settings.horizon,
      predictedPrice: price * Math.exp(expectedLogReturn),
      expectedReturn: Math.expm1(expectedLogReturn),
      expectedLogReturn,
      interval: {
        lower: price * Math.exp(expectedLogReturn - fitted.radius),
        upper: price * Math.exp(expectedLogReturn + fitted.radius),
        level: settings.level,
      },
      confidenceLevel: signProbability(fitted.residualSketch, expectedLogReturn),
      contributions,
      modelVersion: fitted.modelVersion,
      validation: { ...fitted.validation },
    };
  });
}

/** ARIMA's expected log return for a row: its symbol's fitted model, else the recent drift. */
function arimaForecast(
  dataset: UniverseDataset,
  row: number,
  settings: EnsembleSettings,
  fitted: FittedEnsemble,
): number {
  const series = dataset.series[dataset.symbolIndex[row] as number] as UniverseDataset['series'][number];
  const bar = dataset.barIndex[row] as number;
  const history = series.logClose.subarray(Math.max(0, bar + 1 - ARIMA_TAIL), bar + 1);
  const forecaster = fitted.arima.get(series.symbol);
  if (forecaster) {
    try {
      return (
        (forecaster.forecastFrom(history, settings.horizon).mean[settings.horizon - 1] as number) -
        (series.logClose[bar] as number)
      );
    } catch (error) {
      if (!(error instanceof InvalidArgumentError)) throw error;
    }
  }
  return recentDrift(series.logClose, bar, settings, fitted);
}

/** Prophet's expected log return for a row: its symbol's model's mean change, else the recent drift. */
function prophetForecast(
  dataset: UniverseDataset,
  row: number,
  settings: EnsembleSettings,
  fitted: FittedEnsemble,
): number {
  const series = dataset.series[dataset.symbolIndex[row] as number] as UniverseDataset['series'][number];
  const bar = dataset.barIndex[row] as number;
  const forecaster = fitted.prophet.get(series.symbol);
  if (forecaster) return forecaster.meanChange(series.timestamps[bar] as number, settings.horizon);
  return recentDrift(series.logClose, bar, settings, fitted);
}

function recentDrift(
  logClose: Float64Array,
  bar: number,
  settings: EnsembleSettings,
  fitted: FittedEnsemble,
): number {
  const start = Math.max(0, bar + 1 - fitted.plan.trainSize);
  return driftForecast(logClose, start, bar + 1, settings.horizon);
}
