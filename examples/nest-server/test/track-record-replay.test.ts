// The record of forecasts over time, on a data folder whose as-of date is the simulated clock, on
// PGlite and the real PostgreSQL: the replay scores and forecasts each past trading day from the data
// known then (a price planted after the origins changes none of its rows), the live forecast is kept
// beside its run and in model_performance, and once the clock passes the horizon every outcome is
// filled from the bars: actual price, the concept's accuracy, inside the interval.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as ReplayModule from '../src/track-record/replay.js';
import { ApiClient } from './helpers/api-client.js';
import { writeDataFolder } from './helpers/data-folder.js';
import { type Backend, TestServer } from './helpers/test-server.js';

const dist = <T>(path: string): Promise<T> =>
  import(new URL(`../dist/${path}`, import.meta.url).href) as Promise<T>;
const { ReplayRunner } = await dist<typeof ReplayModule>('track-record/replay.js');

const LAST = '1998-08-21';
const CLOCK = '1998-06-30';
const HORIZON = 30;

interface PerformanceRow {
  symbol: string;
  model_name: string;
  origin_date: string;
  target_date: string;
  origin_price: number;
  predicted_price: number;
  lower_price: number | null;
  upper_price: number | null;
  actual_price: number | null;
  accuracy: number | null;
  inside_interval: boolean | null;
  replayed: boolean;
}

/** The closes of a folder's symbol by date. */
function closes(dir: string, symbol: string): { dates: string[]; close: number[] } {
  const rows = readFileSync(join(dir, 'prices', `${symbol}.csv`), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  return {
    dates: rows.map((r) => r.split(',')[0] as string),
    close: rows.map((r) => Number(r.split(',')[1])),
  };
}

/** Runs `check` until it returns true (background work: training, outcome filling), at most `ms`. */
async function eventually(check: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function performance(server: TestServer, where = 'true'): Promise<PerformanceRow[]> {
  return server.sql<PerformanceRow>(
    `SELECT symbol, model_name, origin_date::text AS origin_date, target_date::text AS target_date,
            origin_price, predicted_price, lower_price, upper_price, actual_price, accuracy,
            inside_interval, replayed
     FROM model_performance WHERE ${where} ORDER BY origin_date, symbol, model_name`,
  );
}

describe.each<Backend>(['pglite', 'postgres'])('track record over time on %s', (backend) => {
  let root: string;
  let folder: string;
  let planted: string;
  let server: TestServer;
  let api: ApiClient;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'daki-replay-'));
    folder = writeDataFolder(join(root, 'data'), { bars: 400, lastDate: LAST });
    // The same folder with an absurd close on the clock's date: after every replayed origin.
    planted = join(root, 'planted');
    cpSync(folder, planted, { recursive: true });
    const file = join(planted, 'prices', 'DAX.csv');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        new RegExp(`^${CLOCK},([\\d.]+)$`, 'm'),
        (_, c) => `${CLOCK},${Number(c) * 10}`,
      ),
    );
    expect(readFileSync(file, 'utf8')).not.toEqual(readFileSync(join(folder, 'prices', 'DAX.csv'), 'utf8'));
    server = await TestServer.start({
      backend,
      label: `replay_${backend}`,
      env: {
        DATA_PROVIDER: 'folder',
        MARKET_DATA_DIR: folder,
        AS_OF: CLOCK,
        REPLAY_MONTHS: '2',
        FORECAST_MODE: 'fast',
      },
    });
    api = new ApiClient(() => server.url);
  }, 120_000);

  afterAll(async () => {
    await server?.dispose();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  let replayedScores: { as_of: string; symbol: string; score: string; rank: number }[] = [];

  it('replays every trading day of the two months before the clock, one run and one forecast per symbol each', async () => {
    const runner = server.app.get(ReplayRunner);
    // Started by REPLAY_MONTHS at start-up, in the background: the API answers meanwhile.
    expect(runner.busy).toBe(true);
    expect((await api.get('/api/wachstumsprognose/top10')).status).toBe(200);
    expect(runner.busy).toBe(true);
    const report = await runner.start(2);
    expect(report.fits).toBe(2);
    const { dates } = closes(folder, 'DAX');
    const origins = dates.filter((d) => d > '1998-04-30' && d < CLOCK);
    replayedScores = await server.sql(
      `SELECT as_of::text AS as_of, symbol, score::text AS score, rank FROM growth_forecasts
       WHERE replayed ORDER BY as_of, symbol`,
    );
    expect([...new Set(replayedScores.map((r) => r.as_of))]).toEqual(origins);
    expect(replayedScores).toHaveLength(origins.length * 4);
    const ensemble = await performance(server, "replayed AND model_name = 'ensemble'");
    expect(ensemble).toHaveLength(origins.length * 4);
    expect([...new Set(ensemble.map((r) => r.origin_date))]).toEqual(origins);
    // The origin price is the close of the origin day: nothing later was known.
    for (const row of ensemble) {
      const series = closes(folder, row.symbol);
      expect(row.origin_price).toBe(series.close[series.dates.indexOf(row.origin_date)]);
      expect(row.lower_price).toBeLessThan(row.upper_price as number);
    }
    // Base models are recorded beside the ensemble with their own forecasts.
    const models = new Set((await performance(server, 'replayed')).map((r) => r.model_name));
    expect(models.has('ensemble')).toBe(true);
    expect(models.size).toBeGreaterThan(1);
    // A second start skips what is done.
    const again = await server.app.get(ReplayRunner).start(2);
    expect(again).toMatchObject({ origins: 0, skipped: origins.length, forecasts: 0 });
  }, 600_000);

  it('keeps the served forecast beside its run and in model_performance', async () => {
    await eventually(async () => (await performance(server, 'NOT replayed')).length > 0, 300_000);
    const live = await performance(server, "NOT replayed AND model_name = 'ensemble'");
    expect(live.map((r) => [r.symbol, r.origin_date])).toEqual(
      ['CAC', 'DAX', 'FTSE', 'SMI'].map((s) => [s, CLOCK]),
    );
    const top10 = await api.get<{
      top_10_wachstums_aktien: { symbol: string; prediction: { predicted_price?: number } }[];
    }>('/api/wachstumsprognose/top10');
    const stored = await server.sql<{ symbol: string; predicted_price: string }>(
      'SELECT symbol, predicted_price::text AS predicted_price FROM growth_forecasts WHERE NOT replayed',
    );
    for (const item of top10.body.top_10_wachstums_aktien) {
      const row = stored.find((s) => s.symbol === item.symbol);
      expect(Number(row?.predicted_price)).toBeCloseTo(item.prediction.predicted_price as number, 4);
      expect(live.find((r) => r.symbol === item.symbol)?.predicted_price).toBeCloseTo(
        item.prediction.predicted_price as number,
        4,
      );
    }
  }, 300_000);

  it('fills outcomes whose horizon has passed on the clock, and the rest once the clock moves on', async () => {
    const check = (rows: PerformanceRow[]) => {
      for (const row of rows) {
        const { dates, close } = closes(folder, row.symbol);
        const target = dates.indexOf(row.origin_date) + HORIZON;
        if (row.actual_price === null) continue;
        expect(row.target_date).toBe(dates[target]);
        expect(row.actual_price).toBe(close[target]);
        expect(row.accuracy).toBeCloseTo(
          1 - Math.abs(row.predicted_price - (close[target] as number)) / (close[target] as number),
          12,
        );
        if (row.lower_price !== null)
          expect(row.inside_interval).toBe(
            row.actual_price >= row.lower_price && row.actual_price <= (row.upper_price as number),
          );
      }
    };
    const before = await performance(server, 'replayed');
    const dates = closes(folder, 'DAX').dates;
    const due = (r: PerformanceRow) => dates.indexOf(r.origin_date) + HORIZON <= dates.indexOf(CLOCK);
    expect(before.filter(due).length).toBeGreaterThan(0);
    expect(before.filter((r) => due(r) !== (r.actual_price !== null))).toEqual([]);
    check(before);
    const record = await api.get<{ models: { model: string; count: number; pending: number }[] }>(
      '/api/track-record',
    );
    expect(record.status).toBe(200);
    expect(record.body.models.find((m) => m.model === 'ensemble')?.count).toBe(
      before.filter((r) => due(r) && r.model_name === 'ensemble').length,
    );
    // The clock moves on to the last bar: every forecast's horizon has passed.
    await server.restart({ AS_OF: LAST, REPLAY_MONTHS: '0', FORECAST_MODE: 'off' });
    await eventually(
      async () => (await performance(server, 'replayed AND actual_price IS NULL')).length === 0,
      120_000,
    );
    const after = await performance(server);
    expect(after.filter((r) => r.replayed)).toHaveLength(before.length);
    expect(after.every((r) => r.actual_price !== null)).toBe(true);
    check(after);
  }, 300_000);

  it('a price planted after every origin changes no replayed score or forecast', async () => {
    const original = await performance(server, 'replayed');
    await server.restart({ MARKET_DATA_DIR: planted, AS_OF: CLOCK, REPLAY_MONTHS: '0' });
    await server.app.get(ReplayRunner).start(2);
    const scores = await server.sql<{ as_of: string; symbol: string; score: string; rank: number }>(
      `SELECT as_of::text AS as_of, symbol, score::text AS score, rank FROM growth_forecasts
       WHERE replayed ORDER BY as_of, symbol`,
    );
    expect(scores).toEqual(replayedScores);
    // Each folder is its own record: the original's rows are kept beside the planted folder's.
    const rows = await server.sql<PerformanceRow & { data_source_key: string }>(
      `SELECT data_source_key, symbol, model_name, origin_date::text AS origin_date, predicted_price,
              lower_price, upper_price
       FROM model_performance WHERE replayed ORDER BY origin_date, symbol, model_name`,
    );
    const keys = [...new Set(rows.map((r) => r.data_source_key))];
    expect(keys).toHaveLength(2);
    const forecast = (r: PerformanceRow) => [
      r.symbol,
      r.model_name,
      r.origin_date,
      r.predicted_price,
      r.lower_price,
      r.upper_price,
    ];
    const [first, second] = keys.map((k) => rows.filter((r) => r.data_source_key === k).map(forecast));
    expect(first).toHaveLength(original.length);
    expect(second).toEqual(first);
  }, 600_000);
});
