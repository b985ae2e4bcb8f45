// Training progress on the wire: while the forecast ensemble trains, the top 10 and the stock page
// say its stage and percent (from the fit's own progress events); once forecasts are served the
// progress is gone and the list carries each stock's forecast return, which the screener filters on.
import type { EnsembleProgress } from '@da-ki/ml';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PredictionView, StockPage, Top10Response, TrainingProgress } from '../src/contract/index.js';
import { ApiClient } from './helpers/api-client.js';
import { PredictionService } from './helpers/compiled.js';
import { TestServer } from './helpers/test-server.js';

describe('forecast training progress', () => {
  let server: TestServer;
  let api: ApiClient;
  let service: InstanceType<typeof PredictionService>;

  beforeAll(async () => {
    server = await TestServer.start({
      backend: 'postgres',
      label: 'screener_progress',
      env: { FORECAST_MODE: 'fast', SYNTHETIC_SYMBOLS: '40' },
    });
    api = new ApiClient(() => server.url);
    service = server.app.get(PredictionService);
  }, 180_000);

  afterAll(async () => {
    await server?.dispose();
  }, 60_000);

  test('progress is served while the ensemble trains and gone once forecasts are ready', async () => {
    // Subscribed before anything is asked: the forecasts of the first run, and a training event with
    // models still left to train (each takes real time, so the request below lands during training).
    const ready = firstValueFrom(service.forecasts);
    const event: EnsembleProgress = await firstValueFrom(
      service.trainingProgress.pipe(
        filter((p) => p.stage === 'training' && p.done >= 1 && p.done < p.total - 1),
      ),
    );
    const top10 = await api.get<Top10Response>('/api/wachstumsprognose/top10');
    const prediction = top10.body.top_10_wachstums_aktien[0]?.prediction as PredictionView & {
      progress?: TrainingProgress;
    };
    expect(prediction.status).toBe('training');
    const progress = prediction.progress as TrainingProgress;
    expect(progress.stage).toBe('training');
    expect(progress.total).toBe(event.total);
    expect(progress.done).toBeGreaterThanOrEqual(event.done);
    expect(progress.done).toBeLessThan(progress.total);
    expect(progress.percent).toBeCloseTo((progress.done / progress.total) * 100, 1);
    expect(progress.eta_seconds === null || progress.eta_seconds >= 0).toBe(true);
    const symbol = top10.body.top_10_wachstums_aktien[0]?.symbol as string;
    const detail = await api.get<{ prediction: PredictionView & { progress?: TrainingProgress } }>(
      `/api/stocks/${symbol}`,
    );
    expect(detail.body.prediction.status).toBe('training');
    expect(detail.body.prediction.progress?.total).toBe(event.total);
    const list = await api.get<StockPage>('/api/stocks?page_size=200');
    for (const item of list.body.items) expect(item.forecast_return_percent).toBeNull();

    await ready;
    const after = await api.get<Top10Response>('/api/wachstumsprognose/top10');
    for (const item of after.body.top_10_wachstums_aktien) {
      expect(item.prediction.status).toBe('ready');
      expect(item.prediction).not.toHaveProperty('progress');
      const expected = (item.prediction as { expected_return: number }).expected_return * 100;
      expect(item.forecast_return_percent).toBeCloseTo(expected, 3);
    }
    // Training takes a minute or more on a busy two-core machine.
  }, 300_000);

  test('with forecasts served, the forecast-return filter and sort use them', async () => {
    const all = await api.get<StockPage>('/api/stocks?page_size=200');
    const withForecast = all.body.items.filter((s) => s.forecast_return_percent !== null);
    expect(withForecast.length).toBeGreaterThan(0);
    const returns = withForecast.map((s) => s.forecast_return_percent as number).sort((a, b) => a - b);
    const median = returns[Math.floor(returns.length / 2)] as number;
    const filtered = await api.get<StockPage>(
      `/api/stocks?forecast_return_min=${median}&sort=-forecast_return&page_size=200`,
    );
    const want = withForecast
      .filter((s) => (s.forecast_return_percent as number) >= median)
      .sort(
        (a, b) =>
          (b.forecast_return_percent as number) - (a.forecast_return_percent as number) || a.rank - b.rank,
      )
      .map((s) => s.symbol);
    expect(filtered.body.items.map((s) => s.symbol)).toEqual(want);
  });
});
