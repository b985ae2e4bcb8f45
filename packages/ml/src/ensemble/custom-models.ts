import type { UniverseDataset } from '../dataset/universe-dataset.js';
import type { Regressor } from '../model/regressor.js';
import { type CustomModelSpec, specTimesteps } from './base-models.js';
import type { EnsembleSettings } from './ensemble-types.js';
import type { FoldPlan } from './plan-folds.js';

/** A custom model's out-of-fold predictions per split, its final model and its seconds. */
export interface CustomModelRun {
  predictions: Float64Array[];
  final: Regressor;
  seconds: number;
}

/**
 * Trains the custom models in this thread (their factories cannot cross to a worker): one per
 * split, predicting its test rows, and one on the final window. Reports each finished model.
 */
export async function trainCustomModels(
  dataset: UniverseDataset,
  folds: FoldPlan,
  settings: EnsembleSettings,
  onModel: (done: number, total: number) => void,
): Promise<Map<string, CustomModelRun>> {
  const custom = new Map<string, CustomModelRun>();
  const specs = settings.specs.filter((s): s is CustomModelSpec => s.kind === 'custom');
  for (const spec of specs) {
    const started = performance.now();
    const timesteps = specTimesteps(spec);
    const predictions: Float64Array[] = [];
    for (const fold of folds.folds) {
      const model = spec.create();
      await model.fit(
        dataset.inputs(Array.from(fold.train), timesteps),
        dataset.targets(Array.from(fold.train)),
      );
      predictions.push(await model.predict(dataset.inputs(Array.from(fold.test), timesteps)));
    }
    const final = spec.create();
    await final.fit(
      dataset.inputs(Array.from(folds.finalTrain), timesteps),
      dataset.targets(Array.from(folds.finalTrain)),
    );
    custom.set(spec.name, { predictions, final, seconds: (performance.now() - started) / 1000 });
    onModel(custom.size, specs.length);
  }
  return custom;
}
