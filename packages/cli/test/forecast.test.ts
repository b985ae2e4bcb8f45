import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForecastDocument } from '../src/index.js';
import { TEST_SYMBOLS, writeTestFolder } from './data-folder.js';
import { runDaKi } from './run-in-process.js';

// Eight symbols of 320 bars and one of 100: too short to forecast, listed with its reason.
let dir: string;
let remove: () => void;
beforeAll(() => {
  ({ dir, remove } = writeTestFolder({
    symbols: [
      ...TEST_SYMBOLS,
      { symbol: 'SHRT', name: 'Short History', sector: 'Technology', drift: 0.001, bars: 100 },
    ],
  }));
});
afterAll(() => remove());

describe('da-ki forecast', () => {
  it('--format json: forecasts with intervals and the walk-forward validation; failures listed, not fatal', async () => {
    const run = await runDaKi([
      'forecast',
      dir,
      '--symbols',
      'ALFA,BETA,SHRT,NOPE',
      '--format',
      'json',
      '--horizon',
      '20',
    ]);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as ForecastDocument;
    expect(doc).toMatchObject({ asOf: '2024-06-28', horizon: 20, models: ['xgboost', 'arima'] });
    expect(doc.forecasts.map((f) => f.symbol).sort()).toEqual(['ALFA', 'BETA']);
    for (const f of doc.forecasts) {
      expect(f.asOf).toBe('2024-06-28');
      expect(f.interval.lower).toBeLessThan(f.predictedPrice);
      expect(f.interval.upper).toBeGreaterThan(f.predictedPrice);
      expect(f.predictedPrice / f.currentPrice - 1).toBeCloseTo(f.expectedReturn, 4);
    }
    expect(doc.validation?.splits).toBeGreaterThan(0);
    expect(doc.validation?.rowsScored).toBeGreaterThan(0);
    expect(doc.failed).toEqual([
      { symbol: 'NOPE', reason: 'not in the folder' },
      { symbol: 'SHRT', reason: 'needs at least 120 bars, has 100' },
    ]);
    // the failures are on stderr too (the JSON is for programs, stderr for the person running it)
    expect(run.stderr).toMatch(/no forecast for SHRT: needs at least 120 bars, has 100/);
    expect(run.stderr).toMatch(/^training xgboost\+arima on 8 symbols: /m);
  }, 180_000);

  it('--models prophet adds the Prophet-style model (only when asked: it fits one model per symbol)', async () => {
    const run = await runDaKi([
      'forecast',
      dir,
      '--symbols',
      'GAMA',
      '--models',
      'arima,prophet',
      '--horizon',
      '10',
      '--format',
      'json',
    ]);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as {
      models: string[];
      forecasts: { symbol: string; predictedPrice: number }[];
    };
    expect(doc.models).toEqual(['arima', 'prophet']);
    expect(doc.forecasts.map((f) => f.symbol)).toEqual(['GAMA']);
    expect(Number.isFinite(doc.forecasts[0]?.predictedPrice)).toBe(true);
  }, 180_000);

  it('table and csv formats; exit 1 when no symbol can be forecast', async () => {
    const table = await runDaKi([
      'forecast',
      dir,
      '--symbols',
      'GAMA,SHRT',
      '--models',
      'xgboost',
      '--horizon',
      '10',
    ]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /^DA-KI forecasts of .*, 10 trading days ahead from 2024-06-28 \(xgboost\)\n/,
    );
    expect(table.stdout).toMatch(/validated walk-forward: \d+ splits/);
    expect(table.stdout).toMatch(/\nGAMA +\d+\.\d\d +2024-06-28 /);
    expect(table.stdout).toMatch(/No forecast \(1\):\n {2}SHRT: needs at least 120 bars, has 100/);

    const csv = await runDaKi([
      'forecast',
      dir,
      '--symbols',
      'DELT',
      '--models',
      'xgboost',
      '--horizon',
      '10',
      '--format',
      'csv',
    ]);
    expect(csv.code).toBe(0);
    const rows = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.symbol)).toEqual(['DELT']);
    expect(Object.keys(rows[0] as object)).toEqual([
      'symbol',
      'as_of',
      'current_price',
      'predicted_price',
      'expected_return',
      'lower',
      'upper',
      'level',
      'direction_probability',
    ]);

    const none = await runDaKi(['forecast', dir, '--symbols', 'SHRT']);
    expect(none.code).toBe(1);
    expect(none.stdout).toMatch(/SHRT: needs at least 120 bars, has 100/);
    expect(none.stderr).toMatch(/no symbol of .* could be forecast/);
  }, 180_000);
});
