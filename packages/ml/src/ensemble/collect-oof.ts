import type { TrainingRun } from '../training/pool.js';
import type { ArimaResult, ProphetResult, RegressorResult, TrainingResult } from '../training/tasks.js';
import type { CustomModelRun } from './custom-models.js';
import type { SymbolSlots } from './ensemble-types.js';
import type { FoldPlan } from './plan-folds.js';

/** The out-of-fold predictions of every base model, per split, and what came back from training. */
export interface OutOfFold {
  /** Per split, one column per base model (names order), one value per test row. */
  columns: Float64Array[][];
  /** Per split, one row per test row: the base models' predictions in names order. */
  rows: Float64Array[][];
  byId: Map<string, TrainingResult>;
  arima: Map<string, ArimaResult['symbols'][number]>;
  prophet: Map<string, ProphetResult['symbols'][number]>;
  arimaFallbacks: number;
  prophetFallbacks: number;
  /** Training seconds per model, summed over its tasks. */
  trainingSeconds: Record<string, number>;
}

/**
 * Stage 3 of `fit`: gathers each base model's predictions of each split's test rows — pooled
 * models from their split task, custom models from their run here, ARIMA and Prophet from each
 * symbol's fit at the row's anchor slot — into one matrix per split.
 */
export function collectOutOfFold(
  names: readonly string[],
  folds: FoldPlan,
  run: TrainingRun,
  custom: Map<string, CustomModelRun>,
  slots: SymbolSlots | undefined,
): OutOfFold {
  const byId = new Map(run.results.map((r) => [r.id, r]));
  const trainingSeconds: Record<string, number> = {};
  for (const result of run.results) {
    const name = result.kind === 'regressor' ? (result.id.split('#')[0] as string) : result.kind;
    trainingSeconds[name] = (trainingSeconds[name] ?? 0) + result.seconds;
  }
  for (const [name, model] of custom) trainingSeconds[name] = model.seconds;
  const arima = new Map<string, ArimaResult['symbols'][number]>();
  const prophet = new Map<string, ProphetResult['symbols'][number]>();
  for (const result of run.results) {
    if (result.kind === 'arima') for (const s of result.symbols) arima.set(s.symbol, s);
    if (result.kind === 'prophet') for (const s of result.symbols) prophet.set(s.symbol, s);
  }
  let arimaFallbacks = 0;
  for (const s of arima.values()) arimaFallbacks += s.fits.filter((f) => f.order === null).length;
  let prophetFallbacks = 0;
  for (const s of prophet.values()) prophetFallbacks += s.fits.filter((f) => f.error).length;

  const columns = folds.folds.map((_fold, k) =>
    names.map((name) => {
      if (name === 'arima' || name === 'prophet') {
        const results = name === 'arima' ? arima : prophet;
        const foldSlots = (slots as SymbolSlots)[k] as { symbol: string; slot: number }[];
        return Float64Array.from(
          foldSlots,
          ({ symbol, slot }) => (results.get(symbol)?.fits[k]?.forecasts[slot] as number) ?? 0,
        );
      }
      const fromCustom = custom.get(name);
      if (fromCustom) return fromCustom.predictions[k] as Float64Array;
      return (byId.get(`${name}#${k}`) as RegressorResult).predictions;
    }),
  );
  const rows = folds.folds.map((fold, k) =>
    Array.from(fold.test, (_, i) =>
      Float64Array.from(names, (__, j) => ((columns[k] as Float64Array[])[j] as Float64Array)[i] as number),
    ),
  );
  return { columns, rows, byId, arima, prophet, arimaFallbacks, prophetFallbacks, trainingSeconds };
}
