// The stock page's data is computed once and served from memory: reading the top 10, the list and a
// stock's detail queries no database, and the detail's indicators are the SDK's batch indicators
// over the symbol's bars (checked against the provider's own bars, outside the server).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SyntheticMarketProvider } from '@da-ki/providers';
import { bollingerBands, macd, rsi, sma } from '@da-ki/sdk';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig, type RunningServer, startServer } from './helpers/compiled.js';

const SEED = 11;
const SYMBOLS = 30;
const DAY_MS = String(24 * 60 * 60_000);
let dataDir: string;
let server: RunningServer;
let symbols: string[];

/** `database_query_duration_seconds_count` of the server's /metrics. */
async function queriesSoFar(): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const match = /^database_query_duration_seconds_count (\d+)$/m.exec(text);
  if (!match) throw new Error('database_query_duration_seconds_count missing from /metrics');
  return Number(match[1]);
}

/** `timeseries_points_written_total` of a table (0 before its first write). */
async function pointsWritten(table: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const match = new RegExp(`^timeseries_points_written_total\\{table="${table}"\\} (\\d+)$`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

async function getJson(path: string): Promise<{ text: string; body: Record<string, unknown> }> {
  const response = await fetch(`${server.url}${path}`);
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return { text, body: JSON.parse(text) };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'daki-stock-page-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    SYNTHETIC_SEED: String(SEED),
    SYNTHETIC_SYMBOLS: String(SYMBOLS),
    RATE_LIMIT_PER_MINUTE: '100000',
    // No background work while the reads are counted: no price, score or news turn.
    PRICE_INTERVAL_MS: DAY_MS,
    SCORE_INTERVAL_MS: DAY_MS,
    NEWS_INTERVAL_MS: DAY_MS,
    // Activity is recorded in batches off the request path (benchmarks/timeseries measures it);
    // counted here, its flush would be a query the reads did not make.
    RECORD_USER_ACTIVITY: 'false',
  });
  server = await startServer(config);
  const { body } = await getJson('/api/wachstumsprognose/top10');
  symbols = (body.top_10_wachstums_aktien as { symbol: string }[]).map((s) => s.symbol);
  // The start-up run's background writes end with its stock_metrics flush, which waits for the
  // partition upkeep; the database is one FIFO connection, so every query queued before it is done.
  await vi.waitFor(async () => expect(await pointsWritten('stock_metrics')).toBeGreaterThanOrEqual(SYMBOLS), {
    timeout: 60_000,
    interval: 100,
  });
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the stock page', () => {
  it('is read without a database query: top 10, list and details', async () => {
    // Counted from each symbol's first detail on: its bars come from the cache's memory layer (the
    // scoring run loaded them), its indicators are computed in memory, nothing is written.
    const before = await queriesSoFar();
    for (let round = 0; round < 3; round++) {
      await getJson('/api/wachstumsprognose/top10');
      await getJson('/api/stocks?page_size=10&sort=-momentum');
      for (const symbol of symbols.slice(0, 3)) await getJson(`/api/stocks/${symbol}`);
    }
    expect(await queriesSoFar()).toBe(before);
  });

  it('serves the same bytes for the same run, and indicators equal to the SDK over the bars', async () => {
    const symbol = symbols[1] as string;
    const first = await getJson(`/api/stocks/${symbol}`);
    const again = await getJson(`/api/stocks/${symbol}`);
    expect(again.text).toBe(first.text);
    const bars = await new SyntheticMarketProvider({ seed: SEED, symbols: SYMBOLS }).getBars(symbol);
    const last = bars.close.length - 1;
    const m = macd(bars.close);
    const bb = bollingerBands(bars.close);
    expect(first.body.indicators).toEqual({
      rsi_14: rsi(bars.close, 14)[last],
      macd: m.macd[last],
      macd_signal: m.signal[last],
      macd_histogram: m.histogram[last],
      bollinger_upper: bb.upper[last],
      bollinger_middle: bb.middle[last],
      bollinger_lower: bb.lower[last],
      sma_20: sma(bars.close, 20)[last],
      sma_50: sma(bars.close, 50)[last],
      sma_200: sma(bars.close, 200)[last],
    });
    const history = first.body.history as { date: string; close: number }[];
    expect(history).toHaveLength(120);
    expect(history.at(-1)).toMatchObject({
      date: new Date(bars.timestamps[last] as number).toISOString().slice(0, 10),
      close: bars.close[last],
    });
    expect(first.body.current_price).toBe(bars.close[last]);
  });
});
