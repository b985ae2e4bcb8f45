import { ArimaForecaster } from '../arima/arima-forecaster.js';
import type { UniverseDataset } from '../dataset/universe-dataset.js';
import { ModelTrainingError } from '../model/errors.js';
import { ProphetForecaster } from '../prophet/prophet-forecaster.js';
import type { RegressorResult } from '../training/tasks.js';
import { regressorFromJSON, specName } from './base-models.js';
import type { OutOfFold } from './collect-oof.js';
import { conformalRadius, quantileSketch } from './conformal.js';
import type { CustomModelRun } from './custom-models.js';
import { ensembleToJSON } from './ensemble-json.js';
import type { EnsembleSettings, FittedEnsemble } from './ensemble-types.js';
import type { EvaluationPanel } from './evaluation-panel.js';
import { applyMetaModel, equalWeightMetaModel, fitMetaModel } from './meta-model.js';
import type { FoldPlan } from './plan-folds.js';

/**
 * Stage 5 of `fit`: the final meta-model on every out-of-fold row (equal weights when the history
 * was too short), its conformal radius and residual sketch, the final base models (trained on the
 * latest window in the training stage) and each symbol's last ARIMA and Prophet fit, and the
 * model version: training end date and a hash of the whole trained state.
 */
export function finalFit(
  names: string[],
  dataset: UniverseDataset,
  folds: FoldPlan,
  oof: OutOfFold,
  evaluation: EvaluationPanel,
  custom: Map<string, CustomModelRun>,
  settings: EnsembleSettings,
): FittedEnsemble {
  const allP = oof.rows.flat();
  const allY = Float64Array.from(
    folds.folds.flatMap((fold) => Array.from(fold.test, (row) => dataset.y[row] as number)),
  );
  const meta = evaluation.equalWeights
    ? equalWeightMetaModel(names)
    : fitMetaModel(names, allP, allY, settings.metaKind, settings.ridgeAlpha, settings.metaIntercept);
  const residuals = allP.map((row, i) => (allY[i] as number) - applyMetaModel(meta, row));
  const models = settings.specs.map((spec) => {
    const name = specName(spec);
    const fromCustom = custom.get(name);
    if (fromCustom) return fromCustom.final;
    const result = oof.byId.get(`${name}#final`) as RegressorResult;
    if (!result.model) throw new ModelTrainingError(name, 'the final model was not returned');
    return regressorFromJSON(result.model);
  });
  const arima = new Map<string, ArimaForecaster>();
  for (const [symbol, result] of oof.arima)
    if (result.model) arima.set(symbol, ArimaForecaster.fromJSON(result.model));
  const prophet = new Map<string, ProphetForecaster>();
  for (const [symbol, result] of oof.prophet)
    if (result.model) prophet.set(symbol, ProphetForecaster.fromJSON(result.model));
  const trainedThrough = dataset.dates[dataset.dates.length - 1] as number;
  const fitted: FittedEnsemble = {
    names,
    models,
    arima,
    prophet,
    meta,
    radius: conformalRadius(residuals, settings.level),
    residualSketch: quantileSketch(residuals),
    trainedThrough,
    modelVersion: '',
    plan: folds.plan,
    validation: {
      splits: folds.folds.length,
      scoredSplits: evaluation.splits.filter((s) => s.evaluated).length,
      rowsScored: evaluation.oof.actual.length,
      testSize: folds.plan.testSize,
      trainSize: folds.plan.trainSize,
      gap: folds.plan.gap,
      derived: folds.plan.derived,
      stacking: meta.kind,
    },
  };
  fitted.modelVersion = `${new Date(trainedThrough).toISOString().slice(0, 10)}.${fnv1a(JSON.stringify(ensembleToJSON(settings, fitted).data))}`;
  return fitted;
}

/** 32-bit FNV-1a hash of a string, as 8 hex digits. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}
