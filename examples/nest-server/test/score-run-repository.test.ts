// ScoreRunRepository on both databases it supports: embedded PGlite and the real PostgreSQL (a schema
// of its own). A run scored by the SDK is written as typed rows and read back field for field.
import { SyntheticMarketProvider } from '@da-ki/providers';
import { createAnalyzer } from '@da-ki/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as DatabaseModule from '../src/db/database.js';
import type * as ScoreRunModule from '../src/scoring/score-run.js';
import type * as RepositoryModule from '../src/scoring/score-run.repository.js';
import { bothDatabases } from './helpers/both-databases.js';

const dist = <T>(path: string): Promise<T> =>
  import(new URL(`../dist/${path}`, import.meta.url).href) as Promise<T>;
const { ScoreRunRepository } = await dist<typeof RepositoryModule>('scoring/score-run.repository.js');

type ScoredRun = ScoreRunModule.ScoredRun;
type Database = DatabaseModule.Database;

const { cases: databases, dropSchema } = bothDatabases('score_runs');

/** A run of `stocks` scored by the SDK on synthetic data: names and closes as the runner sets them. */
async function scoredRun(sourceKey: string, createdAt: Date, repeat = 1): Promise<ScoredRun> {
  const market = new SyntheticMarketProvider({ seed: 7, symbols: 25 });
  const { results } = await createAnalyzer({ market, fundamentals: market, news: market }).scoreAll();
  const infos = new Map((await market.listSymbols()).map((info) => [info.symbol, info.name]));
  const stocks = [];
  for (let copy = 0; copy < repeat; copy++) {
    for (const result of results) {
      const bars = await market.getBars(result.symbol);
      const symbol = copy === 0 ? result.symbol : `${result.symbol}.${copy}`;
      stocks.push({
        ...result,
        symbol,
        rank: stocks.length + 1,
        name: infos.get(result.symbol) ?? result.symbol,
        currentPrice: Math.round((bars.close[bars.close.length - 1] as number) * 10_000) / 10_000,
      });
    }
  }
  return {
    runId: crypto.randomUUID(),
    createdAt,
    validUntil: new Date(createdAt.getTime() + 5 * 60_000),
    modelVersion: 'five-factor-1',
    source: { provider: 'synthetic', fingerprint: 'seed=7;symbols=25' },
    sourceKey,
    asOf: '2026-11-27',
    results: stocks,
    bySymbol: new Map(stocks.map((s) => [s.symbol, s])),
  };
}

/** What survives the round trip: scores and factors to 2 decimals (NUMERIC(5,2)), the rest exactly. */
function stored(run: ScoredRun) {
  return {
    runId: run.runId,
    createdAt: run.createdAt.toISOString(),
    validUntil: run.validUntil.toISOString(),
    modelVersion: run.modelVersion,
    source: run.source,
    sourceKey: run.sourceKey,
    asOf: run.asOf,
    // The SDK's own last-bar fields are not persisted (the run keeps the close as currentPrice).
    results: run.results.map(
      ({
        lastClose: _close,
        lastTimestamp: _at,
        ...r
      }: Record<string, unknown> & ScoredRun['results'][number]) => ({
        ...r,
        score: Number(r.score.toFixed(2)),
        factors: Object.fromEntries(Object.entries(r.factors).map(([k, v]) => [k, Number(v.toFixed(2))])),
      }),
    ),
  };
}

function read(run: ScoredRun | undefined) {
  if (!run) return undefined;
  expect([...run.bySymbol.keys()]).toEqual(run.results.map((r) => r.symbol));
  return {
    ...stored(run),
    // JSON round trip of the jsonb columns: compare as the API would serialise them.
    results: JSON.parse(JSON.stringify(run.results)),
  };
}

afterAll(dropSchema);

describe.each(databases)('ScoreRunRepository on %s', (_name, open) => {
  let database: Database;
  let repository: InstanceType<typeof ScoreRunRepository>;

  beforeAll(async () => {
    database = await open();
    repository = new ScoreRunRepository(database);
  }, 60_000);

  afterAll(async () => {
    await database?.close();
  });

  it('reads back the newest run of a source, field for field, best first', async () => {
    const older = await scoredRun('source-a', new Date(Date.now() - 60_000));
    const newer = await scoredRun('source-a', new Date());
    await repository.save(older);
    await repository.save(newer);
    const latest = await repository.latest(newer.source, 'source-a');
    expect(read(latest)).toEqual(JSON.parse(JSON.stringify(stored(newer))));
    expect(await repository.latest(newer.source, 'source-b')).toBeUndefined();
  });

  it('writes a run larger than one statement allows (65 535 parameters) in one transaction', async () => {
    // 25 columns a row: 2 621 rows a statement; 3 000 rows take two.
    const big = await scoredRun('source-a', new Date(Date.now() + 1_000), 120);
    expect(big.results.length).toBe(3_000);
    await repository.save(big);
    const latest = await repository.latest(big.source, 'source-a');
    expect(latest?.runId).toBe(big.runId);
    expect(latest?.results.map((r) => r.symbol)).toEqual(big.results.map((r) => r.symbol));
  });

  it('a new run of another source removes every run of the old one', async () => {
    const other = await scoredRun('source-b', new Date(Date.now() + 2_000));
    await repository.save(other);
    expect(await repository.latest(other.source, 'source-a')).toBeUndefined();
    expect((await repository.latest(other.source, 'source-b'))?.runId).toBe(other.runId);
    expect(await repository.deleteOtherSources('source-c')).toBe(other.results.length);
    expect(await repository.latest(other.source, 'source-b')).toBeUndefined();
  });
});
