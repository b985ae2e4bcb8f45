import { createRng } from '@da-ki/sdk';
import { describe, expect, it } from 'vitest';
import { nonlinearRegression } from '../testing/regression-data.js';
import { runTrainingTasks, type TrainingProgress } from './pool.js';
import type { ArimaResult, RegressorResult, TrainingTask } from './tasks.js';

function tasks(): TrainingTask[] {
  const data = nonlinearRegression(300, 4, 0.1, 3);
  const table = { flat: new Float64Array(300 * 4), width: 4, firstRowOf: new Int32Array(300) };
  data.X.forEach((row, i) => {
    table.flat.set(row, i * 4);
  });
  const all = Int32Array.from({ length: 300 }, (_, i) => i);
  const firstFive = all.slice(0, 5);
  const rng = createRng(8);
  const logClose = new Float64Array(260);
  for (let t = 1; t < logClose.length; t++)
    logClose[t] = (logClose[t - 1] as number) + 0.0005 + 0.01 * rng.normal();
  return [
    {
      kind: 'regressor',
      id: 'xgb',
      spec: { kind: 'xgboost', options: { rounds: 10 } },
      table,
      timesteps: 0,
      train: all,
      y: data.y,
      predict: firstFive,
      keepModel: true,
    },
    {
      kind: 'regressor',
      id: 'lstm',
      spec: { kind: 'lstm', options: { timesteps: 2, hiddenSize: 3, epochs: 1 } },
      table,
      timesteps: 2,
      train: all,
      y: data.y,
      predict: firstFive,
      keepModel: false,
    },
    {
      kind: 'arima',
      id: 'arima',
      horizon: 5,
      grid: { maxP: 1, maxQ: 1, maxD: 1 },
      jobs: [
        {
          symbol: 'A',
          logClose,
          fits: [
            { start: 0, end: 200, anchors: [210, 220] },
            { start: 30, end: 230, anchors: [240] },
          ],
          keepLastModel: true,
        },
        {
          symbol: 'SHORT',
          logClose: logClose.slice(0, 8),
          fits: [{ start: 0, end: 8, anchors: [7] }],
          keepLastModel: false,
        },
      ],
    },
  ];
}

describe('runTrainingTasks', () => {
  it('gives identical results on worker threads and in process, reporting progress per task', async () => {
    const progressWorkers: TrainingProgress[] = [];
    const viaWorkers = await runTrainingTasks(tasks(), {
      workers: 2,
      onProgress: (p) => progressWorkers.push(p),
    });
    expect(viaWorkers.mode).toBe('workers');
    const progressInline: TrainingProgress[] = [];
    const inline = await runTrainingTasks(tasks(), { workers: 0, onProgress: (p) => progressInline.push(p) });
    expect(inline.mode).toBe('in-process');
    expect(inline.fallbackReason).toBe('workers: 0');

    for (const run of [viaWorkers, inline])
      expect(run.results.map((r) => r.id)).toEqual(['xgb', 'lstm', 'arima']);
    const [xgbW, lstmW, arimaW] = viaWorkers.results as [RegressorResult, RegressorResult, ArimaResult];
    const [xgbI, lstmI, arimaI] = inline.results as [RegressorResult, RegressorResult, ArimaResult];
    expect(Array.from(xgbW.predictions)).toEqual(Array.from(xgbI.predictions));
    expect(Array.from(lstmW.predictions)).toEqual(Array.from(lstmI.predictions));
    expect(xgbW.model?.type).toBe('XGBoostRegressor');
    expect(lstmW.model).toBeUndefined();
    expect(arimaW.symbols.map((s) => s.fits.map((f) => Array.from(f.forecasts)))).toEqual(
      arimaI.symbols.map((s) => s.fits.map((f) => Array.from(f.forecasts))),
    );

    expect(progressWorkers.map((p) => p.completed)).toEqual([1, 2, 3]);
    expect(progressInline.map((p) => p.task)).toEqual(['xgb', 'lstm', 'arima']);
    expect(progressWorkers.every((p) => p.total === 3 && p.mode === 'workers')).toBe(true);
  });

  it('chooses the ARIMA order on the first window, keeps it, and falls back to drift where ctsa cannot fit', async () => {
    const { results } = await runTrainingTasks(tasks().slice(2), { workers: 0 });
    const [a, short] = (results[0] as ArimaResult).symbols;
    expect(a?.fits[0]?.order).toEqual(a?.fits[1]?.order);
    expect(a?.fits[0]?.forecasts.length).toBe(2);
    expect(a?.model?.type).toBe('ArimaForecaster');
    expect(short?.fits[0]?.order).toBeNull();
    expect(short?.fits[0]?.error).toMatch(/SHORT/);
    expect(short?.fits[0]?.forecasts.every(Number.isFinite)).toBe(true);
  });

  it('rejects the run when a task fails, naming the task', async () => {
    const bad: TrainingTask = {
      kind: 'regressor',
      id: 'broken',
      spec: { kind: 'xgboost' },
      table: { flat: Float64Array.of(Number.NaN), width: 1, firstRowOf: Int32Array.of(0) },
      timesteps: 0,
      train: Int32Array.of(0),
      y: Float64Array.of(1),
      predict: new Int32Array(0),
      keepModel: false,
    };
    await expect(runTrainingTasks([bad], { workers: 1 })).rejects.toThrow(/broken.*finite/);
    await expect(runTrainingTasks([bad], { workers: 0 })).rejects.toThrow(/finite/);
  });
});
