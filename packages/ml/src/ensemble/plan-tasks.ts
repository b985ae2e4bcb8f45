import type { UniverseDataset } from '../dataset/universe-dataset.js';
import type { ProphetSymbolJob, TrainingTask } from '../training/tasks.js';
import { type BuiltInModelSpec, specName, specTimesteps } from './base-models.js';
import type { EnsembleSettings, Fold, SymbolSlots } from './ensemble-types.js';
import type { FoldPlan } from './plan-folds.js';

/** The training tasks of a fit and where the per-symbol results of each test row will be. */
export interface TaskPlan {
  tasks: TrainingTask[];
  /** Per split and test row: which symbol's fit and anchor slot hold its ARIMA/Prophet forecast. */
  symbolSlots: SymbolSlots | undefined;
}

/**
 * Stage 2 of `fit`: every built-in pooled model on every split and on the final window, and the
 * per-symbol models (ARIMA, Prophet) in batches of symbols; the slowest fits first, the short
 * per-symbol batches last, so the pool does not end waiting on one straggler.
 */
export function planTasks(dataset: UniverseDataset, folds: FoldPlan, settings: EnsembleSettings): TaskPlan {
  const tasks: TrainingTask[] = [];
  const builtIn = settings.specs.filter((s): s is BuiltInModelSpec => s.kind !== 'custom');
  for (const spec of builtIn) {
    const name = specName(spec);
    const timesteps = specTimesteps(spec);
    const task = (id: string, train: Int32Array, predict: Int32Array, keepModel: boolean): TrainingTask => ({
      kind: 'regressor',
      id,
      spec,
      table: dataset.table,
      timesteps,
      train,
      y: Float64Array.from(train, (i) => dataset.y[i] as number),
      predict,
      keepModel,
    });
    folds.folds.forEach((fold, k) => {
      tasks.push(task(`${name}#${k}`, fold.train, fold.test, false));
    });
    tasks.push(task(`${name}#final`, folds.finalTrain, new Int32Array(0), true));
  }
  const perSymbol = settings.arimaGrid !== false || settings.prophetOptions !== false;
  const symbolSlots = perSymbol
    ? symbolJobs(dataset, folds.folds, folds.finalStart, settings, tasks)
    : undefined;
  // the many short per-symbol batches go last: they fill the workers while the last pooled
  // fits finish, instead of the run ending on one long XGBoost fit
  const order = (t: TrainingTask) =>
    t.kind !== 'regressor' ? 3 : t.spec.kind === 'randomForest' ? 0 : t.spec.kind === 'lstm' ? 1 : 2;
  tasks.sort((a, b) => order(a) - order(b));
  return { tasks, symbolSlots };
}

/**
 * Appends the per-symbol tasks (ARIMA and Prophet fit the same windows and forecast from the same
 * anchors); returns, per split, which symbol and anchor slot each test row uses.
 */
function symbolJobs(
  dataset: UniverseDataset,
  folds: Fold[],
  finalStart: number,
  settings: EnsembleSettings,
  tasks: TrainingTask[],
): SymbolSlots {
  const jobs = new Map<number, ProphetSymbolJob>();
  dataset.series.forEach((series, s) => {
    if (series.rowCount === 0) return;
    const fits = folds.map(({ split }) => {
      const [start, end] = barRange(series.dateIndex, split.train[0], split.train[1]);
      return { start, end, anchors: [] as number[] };
    });
    const [start] = barRange(series.dateIndex, finalStart, dataset.dates.length);
    fits.push({ start, end: series.logClose.length, anchors: [] });
    jobs.set(s, {
      symbol: series.symbol,
      logClose: series.logClose,
      timestamps: series.timestamps,
      fits,
      keepLastModel: true,
    });
  });
  const slots: SymbolSlots = folds.map(({ test }, k) =>
    Array.from(test, (row) => {
      const job = jobs.get(dataset.symbolIndex[row] as number) as ProphetSymbolJob;
      const anchors = (job.fits[k] as ProphetSymbolJob['fits'][number]).anchors;
      anchors.push(dataset.barIndex[row] as number);
      return { symbol: job.symbol, slot: anchors.length - 1 };
    }),
  );
  const all = [...jobs.values()];
  const size = settings.arimaBatchSize;
  for (let i = 0; i < all.length; i += size) {
    const batch = all.slice(i, i + size);
    const id = i / size;
    if (settings.arimaGrid !== false)
      tasks.push({
        kind: 'arima',
        id: `arima#${id}`,
        horizon: settings.horizon,
        grid: settings.arimaGrid,
        jobs: batch.map(({ timestamps: _timestamps, ...job }) => job),
      });
    if (settings.prophetOptions !== false)
      tasks.push({
        kind: 'prophet',
        id: `prophet#${id}`,
        horizon: settings.horizon,
        options: settings.prophetOptions,
        jobs: batch,
      });
  }
  return slots;
}

/** Bars `[start, end)` of a symbol whose calendar index lies in `[from, to)`. */
function barRange(dateIndex: Int32Array, from: number, to: number): [number, number] {
  const lowerBound = (value: number) => {
    let lo = 0;
    let hi = dateIndex.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((dateIndex[mid] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return [lowerBound(from), lowerBound(to)];
}
