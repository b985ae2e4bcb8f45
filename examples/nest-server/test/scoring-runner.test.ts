// ScoringRunner and MarketDataGateway over real parts: the synthetic provider, the layered cache with
// its database layer, and an embedded PGlite database. No Nest container: the parts are wired by hand
// as the stocks module wires them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom, take, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as ConfigModule from '../src/config/config.js';
import type * as DatabaseModule from '../src/db/database.js';
import type * as MigrateModule from '../src/db/migrate.js';
import type * as GatewayModule from '../src/market/market-data.gateway.js';
import type * as ScoreRunModule from '../src/scoring/score-run.js';
import type * as RepositoryModule from '../src/scoring/score-run.repository.js';
import type * as RunnerModule from '../src/scoring/scoring-runner.js';

const dist = <T>(path: string): Promise<T> =>
  import(new URL(`../dist/${path}`, import.meta.url).href) as Promise<T>;
const { loadConfig } = await dist<typeof ConfigModule>('config/config.js');
const { openDatabase } = await dist<typeof DatabaseModule>('db/database.js');
const { migrate } = await dist<typeof MigrateModule>('db/migrate.js');
const { MarketDataGateway } = await dist<typeof GatewayModule>('market/market-data.gateway.js');
const { ScoreRunRepository } = await dist<typeof RepositoryModule>('scoring/score-run.repository.js');
const { ScoringRunner } = await dist<typeof RunnerModule>('scoring/scoring-runner.js');

const SYMBOLS = 20;
let dataDir: string;
let database: DatabaseModule.Database;

/** A runner and its gateway as one server process would have them, over the shared database. */
function process_() {
  const config = loadConfig({ DATA_DIR: dataDir, SYNTHETIC_SYMBOLS: String(SYMBOLS), LOG_LEVEL: 'silent' });
  const market = new MarketDataGateway(config, database, null);
  const runner = new ScoringRunner(market, new ScoreRunRepository(database));
  return { market, runner };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'daki-scoring-runner-'));
  database = await openDatabase({ dataDir: join(dataDir, 'pglite') });
  await migrate(database);
}, 60_000);

afterAll(async () => {
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('ScoringRunner', () => {
  it('runs one refresh at a time and publishes each finished run once', async () => {
    const { runner } = process_();
    const published = firstValueFrom(runner.runs.pipe(take(2), toArray()));
    const [a, b] = await Promise.all([runner.refresh(), runner.refresh()]);
    expect(b).toBe(a);
    const c = await runner.refresh();
    expect(c.runId).not.toBe(a.runId);
    const events = await published;
    expect(events.map((e) => e.run.runId)).toEqual([a.runId, c.runId]);
    for (const event of events) expect(event.seconds).toBeGreaterThan(0);
    expect(await runner.latestRun()).toBe(c);
  });

  it('names every stock and prices it at the close of the bars it was scored on', async () => {
    const { market, runner } = process_();
    const run: ScoreRunModule.ScoredRun = await runner.refresh();
    expect(run.results).toHaveLength(SYMBOLS);
    const names = new Map((await market.listSymbols()).map((info) => [info.symbol, info.name]));
    for (const stock of run.results) {
      const bars = await market.bars(stock.symbol);
      expect(stock.name).toBe(names.get(stock.symbol));
      expect(stock.currentPrice).toBe(bars.close[bars.close.length - 1]);
    }
    expect(run.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect([...run.bySymbol.keys()]).toEqual(run.results.map((r) => r.symbol));
  });

  it("serves another process's newer run after reloadLatestRun, from the database", async () => {
    const first = process_();
    const second = process_();
    const own = await first.runner.refresh();
    const theirs = await second.runner.refresh();
    expect(first.runner.served?.runId).toBe(own.runId);
    await first.runner.reloadLatestRun();
    expect(first.runner.served?.runId).toBe(theirs.runId);
    expect(first.runner.served?.results.map((r) => r.symbol)).toEqual(theirs.results.map((r) => r.symbol));
  });
});
