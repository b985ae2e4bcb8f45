// GET /api/track-record and GET /api/stocks/:symbol/history on PGlite and the real PostgreSQL: the
// statistics of planted model_performance rows equal values computed by hand from those rows, other
// sources' rows are left out, the score's forward returns are read from the provider's bars, and the
// history returns the kept runs of a symbol within the range. Every answer is parsed with the contract.
import { SyntheticMarketProvider } from '@da-ki/providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as RecordKeyModule from '../src/track-record/record-key.js';
import { ApiClient } from './helpers/api-client.js';
import { type Backend, TestServer } from './helpers/test-server.js';

const dist = <T>(path: string): Promise<T> =>
  import(new URL(`../dist/${path}`, import.meta.url).href) as Promise<T>;
const { recordKey } = await dist<typeof RecordKeyModule>('track-record/record-key.js');

const SOURCE = { provider: 'synthetic', fingerprint: 'seed=42;symbols=120' };
const KEY = recordKey(SOURCE);

/** A planted forecast: origin price, predicted and actual price, interval (or none), origin date. */
interface Planted {
  symbol: string;
  origin: string;
  op: number;
  pp: number;
  ap: number | null;
  interval?: [number, number];
  model?: string;
  key?: string;
}

// Date A: five forecasts from 100 with intervals. Hit: A1 (up, up), A2 (down, down), A5 (up, up);
// miss: A4 (down, up); A3 is left out of the hit rate (the price did not move). Inside: A2, A3, A5.
// Date B: five from 50 without interval. Hit: B1, B2, B5; miss: B3, B4. So 6 hits of 9 calls, and
// 3 of 5 inside. One pending forecast, one of another model, one of another source.
const PLANTED: Planted[] = [
  { symbol: 'A1', origin: '2026-01-05', op: 100, pp: 110, ap: 120, interval: [90, 115] },
  { symbol: 'A2', origin: '2026-01-05', op: 100, pp: 95, ap: 90, interval: [85, 105] },
  { symbol: 'A3', origin: '2026-01-05', op: 100, pp: 105, ap: 100, interval: [95, 115] },
  { symbol: 'A4', origin: '2026-01-05', op: 100, pp: 90, ap: 110, interval: [80, 100] },
  { symbol: 'A5', origin: '2026-01-05', op: 100, pp: 102, ap: 104, interval: [96, 108] },
  { symbol: 'B1', origin: '2026-02-02', op: 50, pp: 55, ap: 60 },
  { symbol: 'B2', origin: '2026-02-02', op: 50, pp: 45, ap: 40 },
  { symbol: 'B3', origin: '2026-02-02', op: 50, pp: 52, ap: 49 },
  { symbol: 'B4', origin: '2026-02-02', op: 50, pp: 48, ap: 51 },
  { symbol: 'B5', origin: '2026-02-02', op: 50, pp: 53, ap: 58 },
  { symbol: 'P1', origin: '2026-03-02', op: 70, pp: 75, ap: null },
  { symbol: 'A1', origin: '2026-01-05', op: 100, pp: 130, ap: 120, model: 'xgboost' },
  { symbol: 'A1', origin: '2026-01-05', op: 100, pp: 500, ap: 120, key: 'another-source' },
];

interface BaselineStats {
  count: number;
  hit_rate: number | null;
  rmse: number | null;
  mape: number | null;
  mean_accuracy: number | null;
}
interface ModelRecord extends BaselineStats {
  model: string;
  horizon_days: number;
  coverage: number | null;
  interval_level: number | null;
  ic: number | null;
  rank_ic: number | null;
  ic_dates: number;
  baselines: { random_walk: BaselineStats };
  pending: number;
}
interface TrackRecord {
  models: ModelRecord[];
  points: { symbol: string; model: string; origin_date: string; actual_price: number }[];
  points_total: number;
  coverage_over_time: { period: string; model: string; count: number; coverage: number }[];
  score: {
    horizon_days: number;
    dates: number;
    pending_dates: number;
    universe: { count: number; mean_forward_return: number | null };
    top10: { count: number; mean_forward_return: number | null; excess_return: number | null };
    deciles: { decile: number; count: number; mean_forward_return: number | null }[];
  };
  pending: number;
}
interface History {
  symbol: string;
  as_of: string | null;
  points: { date: string; run_id: string; score: number; rank: number; price: number; replayed: boolean }[];
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Pearson correlation, written out. */
function pearson(x: number[], y: number[]): number {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += ((x[i] as number) - mx) * ((y[i] as number) - my);
    sxx += ((x[i] as number) - mx) ** 2;
    syy += ((y[i] as number) - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Ranks 1..n (the planted values have no ties). */
const ranks = (x: number[]) => x.map((v) => x.filter((w) => w < v).length + 1);

describe.each<Backend>(['pglite', 'postgres'])('track record API on %s', (backend) => {
  let server: TestServer;
  let api: ApiClient;

  beforeAll(async () => {
    server = await TestServer.start({ backend, label: `track_api_${backend}` });
    api = new ApiClient(() => server.url);
    expect((await api.get('/api/wachstumsprognose/top10')).status).toBe(200);
    for (const p of PLANTED) {
      await server.sql(
        `INSERT INTO model_performance (data_source_key, symbol, model_name, model_version, horizon_days,
           origin_date, target_date, origin_price, predicted_price, predicted_return, lower_price,
           upper_price, interval_level, actual_price, actual_return, accuracy, absolute_error,
           inside_interval, evaluated_at)
         SELECT $1, $2, $3, 'v1', 5, o, o + 7, op, pp, pp / op - 1, lo, hi, $9::float8, ap, ap / op - 1,
                1 - abs(pp - ap) / ap, abs(pp - ap),
                CASE WHEN lo IS NULL OR ap IS NULL THEN NULL ELSE ap BETWEEN lo AND hi END,
                CASE WHEN ap IS NULL THEN NULL ELSE now() END
         FROM (SELECT $4::date AS o, $5::float8 AS op, $6::float8 AS pp, $7::float8 AS lo, $8::float8 AS hi,
                      $10::float8 AS ap) v`,
        [
          p.key ?? KEY,
          p.symbol,
          p.model ?? 'ensemble',
          p.origin,
          p.op,
          p.pp,
          p.interval?.[0] ?? null,
          p.interval?.[1] ?? null,
          p.interval ? 0.9 : null,
          p.ap,
        ],
      );
    }
  }, 120_000);

  afterAll(async () => {
    await server?.dispose();
  });

  it('per model: count, hit rate, RMSE, MAPE, accuracy, coverage, IC, rank IC and the random walk, as computed by hand', async () => {
    const { status, body } = await api.get<TrackRecord>('/api/track-record?horizon=5');
    expect(status).toBe(200);
    expect(body.models.map((m) => m.model)).toEqual(['ensemble', 'xgboost']);
    const ensemble = body.models[0] as ModelRecord;
    const judged = PLANTED.filter((p) => !p.model && !p.key && p.ap !== null) as (Planted & { ap: number })[];
    const pr = judged.map((p) => p.pp / p.op - 1);
    const ar = judged.map((p) => p.ap / p.op - 1);
    expect(ensemble.count).toBe(10);
    expect(ensemble.pending).toBe(1);
    expect(body.pending).toBe(1);
    expect(ensemble.hit_rate).toBeCloseTo(6 / 9, 12);
    expect(ensemble.coverage).toBeCloseTo(3 / 5, 12);
    expect(ensemble.interval_level).toBe(0.9);
    expect(ensemble.rmse).toBeCloseTo(Math.sqrt(mean(pr.map((p, i) => (p - (ar[i] as number)) ** 2))), 12);
    const mape = mean(judged.map((p) => Math.abs(p.pp - p.ap) / p.ap));
    expect(ensemble.mape).toBeCloseTo(mape, 12);
    expect(ensemble.mean_accuracy).toBeCloseTo(1 - mape, 12);
    expect(ensemble.baselines.random_walk).toEqual({
      count: 10,
      hit_rate: null,
      rmse: expect.closeTo(Math.sqrt(mean(ar.map((a) => a * a))), 12),
      mape: expect.closeTo(mean(judged.map((p) => Math.abs(p.op - p.ap) / p.ap)), 12),
      mean_accuracy: expect.closeTo(1 - mean(judged.map((p) => Math.abs(p.op - p.ap) / p.ap)), 12),
    });
    const byDate = (d: string, xs: number[]) => xs.filter((_, i) => judged[i]?.origin === d);
    const dates = ['2026-01-05', '2026-02-02'];
    expect(ensemble.ic_dates).toBe(2);
    expect(ensemble.ic).toBeCloseTo(mean(dates.map((d) => pearson(byDate(d, pr), byDate(d, ar)))), 12);
    expect(ensemble.rank_ic).toBeCloseTo(
      mean(dates.map((d) => pearson(ranks(byDate(d, pr)), ranks(byDate(d, ar))))),
      12,
    );
    const xgboost = body.models[1] as ModelRecord;
    expect(xgboost).toMatchObject({ count: 1, hit_rate: 1, mape: 10 / 120, coverage: null, ic: null });
    expect(body.coverage_over_time).toEqual([
      { period: '2026-01', model: 'ensemble', count: 5, coverage: 0.6 },
    ]);
    expect(body.points_total).toBe(11);
    expect(body.points.every((p) => p.actual_price !== 500)).toBe(true);
  });

  it('filters by model and origin dates; rejects a bad range naming the field', async () => {
    const { body } = await api.get<TrackRecord>(
      '/api/track-record?model=ensemble&from=2026-02-01&to=2026-02-28',
    );
    expect(body.models).toHaveLength(1);
    expect(body.models[0]).toMatchObject({ model: 'ensemble', count: 5, hit_rate: 3 / 5, pending: 0 });
    expect(body.points.map((p) => p.symbol).sort()).toEqual(['B1', 'B2', 'B3', 'B4', 'B5']);
    const bad = await api.get<{ issues: { field: string }[] }>(
      '/api/track-record?from=2026-02-01&to=2026-01-01',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i) => i.field)).toEqual(['to']);
    const unknown = await api.get<{ issues: { field: string }[] }>('/api/track-record?horizon=0&foo=1');
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues.map((i) => i.field).sort()).toEqual(['foo', 'horizon']);
  });

  it('score history: the runs of a symbol in range, oldest first; the score record from the bars', async () => {
    const market = new SyntheticMarketProvider({ seed: 42, symbols: 120 });
    const [live] = await server.sql<{ run_id: string; as_of: string }>(
      'SELECT DISTINCT run_id, as_of::text AS as_of FROM growth_forecasts',
    );
    const anyBars = await market.getBars((await market.listSymbols())[0]?.symbol as string);
    const n = anyBars.timestamps.length;
    const past = new Date(anyBars.timestamps[n - 41] as number).toISOString().slice(0, 10);
    expect(live?.as_of).toBe(new Date(anyBars.timestamps[n - 1] as number).toISOString().slice(0, 10));
    // A replayed run 40 bars back: the live run's scores, with the closes of that day.
    const rows = await server.sql<{ symbol: string; rank: number }>(
      'SELECT symbol, rank FROM growth_forecasts WHERE run_id = $1',
      [live?.run_id],
    );
    const closes = new Map<string, { at: number; later: number }>();
    for (const r of rows) {
      const bars = await market.getBars(r.symbol);
      // The bar of that day (or the last before it: a symbol may lack a bar on some days).
      const dayEnd = Date.parse(`${past}T23:59:59.999Z`);
      const i = bars.timestamps.findLastIndex((t) => t <= dayEnd);
      closes.set(r.symbol, { at: bars.close[i] as number, later: bars.close[i + 30] as number });
    }
    await server.sql(
      `INSERT INTO growth_forecasts (run_id, symbol, name, sector, rank, sector_rank, score, performance_score,
         fundamental_score, sentiment_score, sector_score, momentum_score, current_price, confidence_level,
         risk_level, explanations, details, model_version, created_at, valid_until, data_source_key,
         data_provider, data_dir, data_fingerprint, as_of, replayed)
       SELECT '00000000-0000-4000-8000-000000000001', g.symbol, name, sector, rank, sector_rank, score,
         performance_score, fundamental_score, sentiment_score, sector_score, momentum_score, c.price,
         confidence_level, risk_level, explanations, details, model_version, $2::date, $2::date + 1,
         data_source_key, data_provider, data_dir, data_fingerprint, $2::date, true
       FROM growth_forecasts g JOIN (SELECT unnest($3::text[]) AS symbol, unnest($4::float8[]) AS price) c
         ON c.symbol = g.symbol
       WHERE run_id = $1`,
      [live?.run_id, past, [...closes.keys()], [...closes.values()].map((c) => c.at)],
    );
    const symbol = rows.find((r) => Number(r.rank) === 1)?.symbol as string;
    const history = await api.get<History>(`/api/stocks/${symbol.toLowerCase()}/history`);
    expect(history.status).toBe(200);
    expect(history.body.points.map((p) => [p.date, p.replayed])).toEqual([
      [past, true],
      [live?.as_of, false],
    ]);
    expect(history.body.points[0]?.price).toBeCloseTo(closes.get(symbol)?.at as number, 4);
    expect(history.body.as_of).toBe(live?.as_of);
    const ranged = await api.get<History>(`/api/stocks/${symbol}/history?from=${past}&to=${past}`);
    expect(ranged.body.points.map((p) => p.run_id)).toEqual(['00000000-0000-4000-8000-000000000001']);
    const bad = await api.get<{ issues: { field: string }[] }>(
      `/api/stocks/${symbol}/history?from=2026-13-01`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i) => i.field)).toEqual(['from']);
    expect((await api.get('/api/stocks/NOPE/history')).status).toBe(404);

    const { body } = await api.get<TrackRecord>('/api/track-record?horizon=30');
    const forward = [...closes.entries()].map(([s, c]) => ({
      s,
      r: c.later / Number(c.at.toFixed(4)) - 1,
      rank: Number(rows.find((x) => x.symbol === s)?.rank),
    }));
    expect(body.score).toMatchObject({ horizon_days: 30, dates: 1, pending_dates: 1 });
    expect(body.score.universe.count).toBe(forward.length);
    expect(body.score.universe.mean_forward_return).toBeCloseTo(mean(forward.map((f) => f.r)), 10);
    const top = forward.filter((f) => f.rank <= 10).map((f) => f.r);
    expect(body.score.top10.count).toBe(10);
    expect(body.score.top10.mean_forward_return).toBeCloseTo(mean(top), 10);
    expect(body.score.top10.excess_return).toBeCloseTo(mean(top) - mean(forward.map((f) => f.r)), 10);
    expect(body.score.deciles.map((d) => d.count).reduce((a, b) => a + b, 0)).toBe(forward.length);
    expect(body.score.deciles.map((d) => d.decile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
