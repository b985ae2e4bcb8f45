// Ensemble forecasts in the API: trained in the background on a small synthetic universe, served
// beside the scores, consistent with themselves, and restored from the database after a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestServer } from './helpers/test-server.js';
import { loadConfig, startServer } from './realtime-support.js';

interface PredictionBody {
  status: string;
  horizon_days?: number;
  current_price?: number;
  predicted_price?: number;
  expected_return?: number;
  interval?: { lower: number; upper: number; level: number };
  confidence_level?: number;
  contributions?: Record<string, number>;
  model_version?: string;
  validation?: { splits: number; rows_scored: number; stacking: string };
}

async function top10(server: {
  url: string;
}): Promise<{ symbol: string; current_price: number; prediction: PredictionBody }[]> {
  const response = await fetch(`${server.url}/api/wachstumsprognose/top10`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { top_10_wachstums_aktien: Awaited<ReturnType<typeof top10>> })
    .top_10_wachstums_aktien;
}

/** Polls until the forecasts are ready (training runs in the background after the first scoring run). */
async function readyTop10(server: { url: string }) {
  for (let attempt = 0; attempt < 240; attempt++) {
    const items = await top10(server);
    const status = items[0]?.prediction.status;
    if (status === 'ready') return items;
    expect(status).toBe('training');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('forecasts did not become ready');
}

describe('forecasts', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start({
      backend: 'postgres',
      label: 'forecasts',
      env: { FORECAST_MODE: 'fast', SYNTHETIC_SYMBOLS: '40' },
    });
  }, 60_000);

  afterAll(async () => {
    await server?.dispose();
  });

  it('serves a forecast for every top-10 stock, consistent with its price and interval', async () => {
    const items = await readyTop10(server);
    expect(items).toHaveLength(10);
    for (const item of items) {
      const p = item.prediction;
      expect(p.status).toBe('ready');
      expect(p.horizon_days).toBe(30);
      expect(p.current_price).toBe(item.current_price);
      const predicted = p.predicted_price as number;
      expect(Number.isFinite(predicted) && predicted > 0).toBe(true);
      expect(p.expected_return).toBeCloseTo(predicted / item.current_price - 1, 3);
      expect(p.interval?.lower).toBeLessThan(predicted);
      expect(p.interval?.upper).toBeGreaterThan(predicted);
      expect(p.interval?.level).toBeGreaterThan(0.5);
      expect(p.confidence_level).toBeGreaterThanOrEqual(0);
      expect(p.confidence_level).toBeLessThanOrEqual(1);
      // The per-model contributions add up to the forecast log return.
      const sum = Object.values(p.contributions ?? {}).reduce((s, v) => s + v, 0);
      expect(sum).toBeCloseTo(Math.log(predicted / item.current_price), 3);
      expect(Object.keys(p.contributions ?? {})).toEqual(expect.arrayContaining(['xgboost', 'arima']));
      // Two years of bars fit the server's plan of three walk-forward splits, with fitted weights.
      expect(p.validation?.splits).toBe(3);
      expect(p.validation?.rows_scored).toBeGreaterThan(0);
      expect(p.validation?.stacking).toBe('nnls');
    }
    const detail = (await (await fetch(`${server.url}/api/stocks/${items[0]?.symbol}`)).json()) as {
      prediction: PredictionBody;
    };
    expect(detail.prediction).toEqual(items[0]?.prediction);
  }, 150_000);

  it('restores the trained model after a restart instead of training again', async () => {
    const before = (await readyTop10(server))[0]?.prediction.model_version;
    expect(await server.sql("SELECT key FROM cache_entries WHERE key LIKE 'forecast-model:%'")).toHaveLength(
      1,
    );
    await server.restart();
    const after = await readyTop10(server);
    expect(after[0]?.prediction.model_version).toBe(before);
  }, 150_000);

  it('is trained once when two instances start together on one database', async () => {
    const schema = server.schema as string;
    await server.sql("DELETE FROM cache_entries WHERE key LIKE 'forecast-%'");
    // Every write of a saved model, counted by the database itself: one per training.
    await server.sql('CREATE TABLE model_writes (key text NOT NULL)');
    await server.sql(`CREATE FUNCTION log_model_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.key LIKE 'forecast-model:%' THEN INSERT INTO ${schema}.model_writes VALUES (NEW.key); END IF;
        RETURN NEW;
      END $$`);
    await server.sql(`CREATE TRIGGER model_writes AFTER INSERT OR UPDATE ON cache_entries
      FOR EACH ROW EXECUTE FUNCTION ${schema}.log_model_write()`);
    const dataDir = mkdtempSync(join(tmpdir(), 'daki-forecasts-second-'));
    const config = loadConfig({ ...server.env, DATA_DIR: dataDir });
    const [second] = await Promise.all([startServer(config, { databaseSchema: schema }), server.restart()]);
    try {
      const [a, b] = await Promise.all([readyTop10(server), readyTop10(second)]);
      expect(await server.sql('SELECT key FROM model_writes')).toHaveLength(1);
      expect(a[0]?.prediction.model_version).toBeDefined();
      expect(b.map((item) => item.prediction.model_version)).toEqual(
        a.map((item) => item.prediction.model_version),
      );
      // The lease is given up once the model is saved.
      expect(await server.sql("SELECT key FROM cache_entries WHERE key LIKE 'forecast-training:%'")).toEqual(
        [],
      );
    } finally {
      await second.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 150_000);
});
