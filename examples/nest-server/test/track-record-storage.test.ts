// What the track record stores, on PGlite and the real PostgreSQL (a schema of its own): runs older
// than a day are thinned to the last of each date of data (the score history), replayed runs are kept
// and never served as the latest, a run's forecasts land beside its scores, and a forecast is written
// to model_performance once however often it is recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as DatabaseModule from '../src/db/database.js';
import type * as ScoreRunModule from '../src/scoring/score-run.js';
import type * as RepositoryModule from '../src/scoring/score-run.repository.js';
import type * as PerformanceModule from '../src/track-record/model-performance.repository.js';
import { bothDatabases } from './helpers/both-databases.js';

const dist = <T>(path: string): Promise<T> =>
  import(new URL(`../dist/${path}`, import.meta.url).href) as Promise<T>;
const { ScoreRunRepository } = await dist<typeof RepositoryModule>('scoring/score-run.repository.js');
const { ModelPerformanceRepository } = await dist<typeof PerformanceModule>(
  'track-record/model-performance.repository.js',
);

type ScoredRun = ScoreRunModule.ScoredRun;
type Database = DatabaseModule.Database;

const { cases: databases, dropSchema } = bothDatabases('track_storage');
const HOUR = 60 * 60_000;

/** A run of two stocks scored on `asOf`, created `hoursAgo` hours ago. */
function run(asOf: string, hoursAgo: number, sourceKey = 'source-a'): ScoredRun {
  const createdAt = new Date(Date.now() - hoursAgo * HOUR);
  const results = ['AAA', 'BBB'].map((symbol, i) => ({
    symbol,
    name: symbol,
    sector: 'Energy',
    score: 70 - i * 10,
    factors: { performance: 50, fundamental: 50, sentiment: 50, sector: 50, momentum: 50 },
    rank: i + 1,
    sectorRank: i + 1,
    riskLevel: 'low' as const,
    confidenceLevel: 'high' as const,
    explanations: [],
    currentPrice: 100 + i,
    details: {},
    grades: {},
    risk: {},
    confidence: {},
    sectorSize: 2,
  })) as unknown as ScoredRun['results'];
  return {
    runId: crypto.randomUUID(),
    createdAt,
    validUntil: new Date(createdAt.getTime() + 5 * 60_000),
    modelVersion: 'five-factor-1',
    source: { provider: 'synthetic', fingerprint: 'seed=1;symbols=2' },
    sourceKey,
    asOf,
    results,
    bySymbol: new Map(results.map((r) => [r.symbol, r])),
  };
}

afterAll(dropSchema);

describe.each(databases)('track record storage on %s', (_name, open) => {
  let database: Database;
  let runs: InstanceType<typeof ScoreRunRepository>;
  let performance: InstanceType<typeof ModelPerformanceRepository>;

  beforeAll(async () => {
    database = await open();
    runs = new ScoreRunRepository(database);
    performance = new ModelPerformanceRepository(database);
  }, 60_000);

  afterAll(async () => {
    await database?.close();
  });

  const kept = async () =>
    (
      await database.query<{ run_id: string }>('SELECT DISTINCT run_id FROM growth_forecasts ORDER BY run_id')
    ).rows.map((r) => r.run_id);

  it('keeps the last run of each date of data after a day, every run of the last day, and replayed runs', async () => {
    const mondayEarly = run('2026-11-30', 70);
    const mondayLate = run('2026-11-30', 60);
    const tuesday = run('2026-12-01', 40);
    const recent = run('2026-12-02', 5);
    const replayed = run('2026-11-30', 80);
    await runs.save(replayed, { replayed: true });
    for (const r of [mondayEarly, mondayLate, tuesday, recent]) await runs.save(r);
    const now = run('2026-12-02', 0);
    await runs.save(now);
    expect(await kept()).toEqual([replayed, mondayLate, tuesday, recent, now].map((r) => r.runId).sort());
  });

  it('never serves a replayed run as the latest, however new', async () => {
    const live = run('2026-12-02', -0.5);
    await runs.save(live);
    await runs.save(run('2026-12-03', -2), { replayed: true });
    expect((await runs.latest(live.source, 'source-a'))?.runId).toBe(live.runId);
  });

  it("stores a run's forecasts beside its scores", async () => {
    const r = run('2026-12-04', 0);
    await runs.save(r);
    const updated = await runs.saveForecasts(r.runId, [
      { symbol: 'AAA', predictedPrice: 110.123456, expectedReturn: 0.10123456 },
      { symbol: 'BBB', predictedPrice: Number.NaN, expectedReturn: 0 },
    ]);
    expect(updated).toBe(1);
    const rows = await database.query<{
      symbol: string;
      predicted_price: string | null;
      expected_return: string | null;
    }>(
      `SELECT symbol, predicted_price::text AS predicted_price, expected_return::text AS expected_return
       FROM growth_forecasts WHERE run_id = $1 ORDER BY symbol`,
      [r.runId],
    );
    expect(rows.rows).toEqual([
      { symbol: 'AAA', predicted_price: '110.1235', expected_return: '0.101235' },
      { symbol: 'BBB', predicted_price: null, expected_return: null },
    ]);
  });

  it('writes a forecast to model_performance once per source, symbol, model, horizon and origin date', async () => {
    const forecast = {
      dataSourceKey: 'k1',
      symbol: 'AAA',
      modelName: 'ensemble',
      modelVersion: 'v1',
      horizonDays: 30,
      originDate: '2026-12-01',
      targetDate: '2027-01-12',
      originPrice: 100,
      predictedPrice: 105,
      predictedReturn: 0.05,
      interval: { lower: 90, upper: 120, level: 0.9 },
      replayed: false,
      recordedAt: new Date(),
    };
    const other = { ...forecast, modelName: 'xgboost', interval: undefined, predictedPrice: 104 };
    expect(await performance.record('k1', [forecast, other])).toBe(2);
    // Re-predicted five minutes later on the same close, and by another instance at once: kept once.
    const [a, b] = await Promise.all([
      performance.record('k1', [{ ...forecast, predictedPrice: 999 }]),
      performance.record('k1', [forecast, { ...forecast, horizonDays: 5 }]),
    ]);
    expect(a + b).toBe(1);
    expect(await performance.record('k2', [{ ...forecast, dataSourceKey: 'k2' }])).toBe(1);
    const pending = await performance.pending('k1');
    expect(pending.map((p) => [p.modelName, p.horizonDays, p.predictedPrice]).sort()).toEqual([
      ['ensemble', 30, 105],
      ['ensemble', 5, 105],
      ['xgboost', 30, 104],
    ]);
    const judged = await performance.saveOutcomes('k1', [
      {
        symbol: 'AAA',
        modelName: 'ensemble',
        horizonDays: 30,
        originDate: '2026-12-01',
        targetDate: '2027-01-13',
        actualPrice: 125,
        actualReturn: 0.25,
        accuracy: 1 - 20 / 125,
        absoluteError: 20,
      },
    ]);
    expect(judged).toBe(1);
    const [row] = (
      await database.query<{ inside_interval: boolean; target_date: string; evaluated: boolean }>(
        `SELECT inside_interval, target_date::text AS target_date, evaluated_at IS NOT NULL AS evaluated
         FROM model_performance WHERE data_source_key = 'k1' AND actual_price IS NOT NULL`,
      )
    ).rows;
    expect(row).toEqual({ inside_interval: false, target_date: '2027-01-13', evaluated: true });
    expect(await performance.pending('k1')).toHaveLength(2);
  });
});
