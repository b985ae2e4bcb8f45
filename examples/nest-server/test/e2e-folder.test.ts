// The server on a data folder (DATA_PROVIDER=folder), end to end over HTTP on PGlite and on the real
// PostgreSQL: names, sectors, fundamentals and news from the folder; the data report with a bad file;
// as_of and data_source on the wire; and the rule that a run of another source is never served (after
// a restart on another folder, and after the folder's files change under a running server).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiClient } from './helpers/api-client.js';
import { UpdateTasks } from './helpers/compiled.js';
import { EU_INDICES, type FolderSymbol, writeDataFolder } from './helpers/data-folder.js';
import { type Backend, TestServer } from './helpers/test-server.js';

interface DataSource {
  provider: string;
  dir?: string;
  fingerprint?: string;
}
interface Summary {
  symbol: string;
  name: string;
  sector: string;
  factors: Record<'performance' | 'fundamental' | 'sentiment' | 'sector' | 'momentum', number>;
  prediction: { status: string; reason?: string; predicted_price?: number };
}
interface Top10 {
  top_10_wachstums_aktien: Summary[];
  universe_size: number;
  as_of: string;
  data_source: DataSource;
}
interface Issue {
  code: string;
  severity: string;
  message: string;
  file?: string;
}
interface DataStatus {
  dir: string;
  asOf: string;
  fingerprint: string;
  files: { file: string; status: string; issues: Issue[] }[];
  symbols: { symbol: string; status: string; issues: Issue[] }[];
  summary: { symbols: number; scorable: number; excluded: number };
  data_source: DataSource;
}

/** The example folder of the repository: four real index series, universe, fundamentals and news. */
const EXAMPLE_FOLDER = fileURLToPath(new URL('../../data/', import.meta.url));
/** Name and sector of each symbol, as the example's universe.csv lists them (no quoted fields there). */
const EXAMPLE_UNIVERSE = new Map(
  readFileSync(join(EXAMPLE_FOLDER, 'universe.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .map(([symbol, name, sector]) => [symbol as string, { name: name as string, sector: sector as string }]),
);
const LAST_DATE = '1998-08-21';
/** Folder B: other tickers for two of the series, so every symbol of folder A is unknown there. */
const OTHER_SYMBOLS: FolderSymbol[] = [
  { ...(EU_INDICES[0] as FolderSymbol), symbol: 'GDAXI', name: 'DAX (Xetra)' },
  { ...(EU_INDICES[3] as FolderSymbol), symbol: 'UKX', name: 'FTSE 100 (London)' },
  { ...(EU_INDICES[1] as FolderSymbol), symbol: 'SSMI', name: 'SMI (SIX)' },
];

function folderSuite(backend: Backend): void {
  describe(`the server on a data folder (${backend})`, () => {
    const root = mkdtempSync(join(tmpdir(), `daki-folder-${backend}-`));
    // Folder A: a copy of examples/data plus one bad file (a header and no rows), which must be
    // reported and never stop the others.
    const folderA = join(root, 'a');
    cpSync(EXAMPLE_FOLDER, folderA, { recursive: true });
    writeFileSync(join(folderA, 'prices', 'EMPTY.csv'), 'date,close\n');
    const folderB = writeDataFolder(join(root, 'b'), { symbols: OTHER_SYMBOLS, lastDate: LAST_DATE });
    let server: TestServer;
    let api: ApiClient;

    beforeAll(async () => {
      // PostgreSQL starts through the deprecated names, which must keep working.
      const env: Record<string, string> =
        backend === 'postgres'
          ? { DATA_PROVIDER: 'csv', CSV_DIR: folderA }
          : { DATA_PROVIDER: 'folder', MARKET_DATA_DIR: folderA };
      server = await TestServer.start({ backend, label: `folder_${backend}`, env });
      api = new ApiClient(() => server.url);
    }, 60_000);

    afterAll(async () => {
      await server?.dispose();
      rmSync(root, { recursive: true, force: true });
    });

    test('top10 ranks the folder with names and sectors from universe.csv, fundamentals and news, as_of and data_source', async () => {
      const { status, body } = await api.get<Top10>('/api/wachstumsprognose/top10');
      expect(status).toBe(200);
      const ranked = body.top_10_wachstums_aktien;
      expect(ranked.map((s) => s.symbol).sort()).toEqual(['CAC', 'DAX', 'FTSE', 'SMI']);
      expect(body.universe_size).toBe(4);
      for (const stock of ranked) {
        expect({ name: stock.name, sector: stock.sector }).toEqual(EXAMPLE_UNIVERSE.get(stock.symbol));
      }
      // Fundamentals and headlines were read: the factors are not the neutral 50 everywhere.
      expect(ranked.some((s) => s.factors.fundamental !== 50)).toBe(true);
      expect(ranked.some((s) => s.factors.sentiment !== 50)).toBe(true);
      expect(new Set(ranked.map((s) => s.factors.sentiment)).size).toBeGreaterThan(1);
      expect(body.as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(body.data_source).toEqual({
        provider: 'folder',
        dir: folderA,
        fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    });

    test('stock detail carries the same as_of and data_source', async () => {
      const top = (await api.get<Top10>('/api/wachstumsprognose/top10')).body;
      const { status, body } = await api.get<{
        as_of: string;
        data_source: DataSource;
        name: string;
        history: { date: string }[];
      }>('/api/stocks/DAX');
      expect(status).toBe(200);
      expect(body.name).toBe(EXAMPLE_UNIVERSE.get('DAX')?.name);
      // The as-of date is the folder's latest bar (no AS_OF set): DAX's last bar.
      expect(body.as_of).toBe(top.as_of);
      expect(body.history.at(-1)?.date).toBe(top.as_of);
      expect(body.data_source).toEqual(top.data_source);
    });

    test('/api/data/status is the folder report: the bad file with its reason, the good symbols scorable', async () => {
      const { status, body } = await api.get<DataStatus>('/api/data/status');
      expect(status).toBe(200);
      const top = (await api.get<Top10>('/api/wachstumsprognose/top10')).body;
      expect(body.asOf).toBe(top.as_of);
      expect(body.dir).toBe(folderA);
      expect(body.data_source.provider).toBe('folder');
      expect(body.fingerprint).toBe(body.data_source.fingerprint);
      expect(body.summary.scorable).toBe(4);
      const bad = body.files.find((f) => f.file === 'prices/EMPTY.csv');
      expect(bad, 'prices/EMPTY.csv is in the report').toBeDefined();
      expect(bad?.status).toBe('excluded');
      expect(bad?.issues.map((i) => i.code)).toContain('header-only');
      expect(bad?.issues[0]?.message).toContain('EMPTY.csv');
      for (const symbol of ['DAX', 'SMI', 'CAC', 'FTSE'])
        expect(body.symbols.find((s) => s.symbol === symbol)?.status).not.toBe('excluded');
      // Public, like the other market routes, and documented in OpenAPI.
      const openapi = await api.get<{ paths: Record<string, unknown> }>('/docs/openapi.json');
      expect(Object.keys(openapi.body.paths)).toContain('/api/data/status');
    });

    test('restarted on another folder: the old run is not served (new symbols 200, old symbols 404)', async () => {
      const before = (await api.get<Top10>('/api/wachstumsprognose/top10')).body;
      await server.restart({ DATA_PROVIDER: 'folder', MARKET_DATA_DIR: folderB, CSV_DIR: folderB });
      const { body } = await api.get<Top10>('/api/wachstumsprognose/top10');
      expect(body.top_10_wachstums_aktien.map((s) => s.symbol).sort()).toEqual(['GDAXI', 'SSMI', 'UKX']);
      expect(body.data_source.dir).toBe(folderB);
      expect(body.data_source.fingerprint).not.toBe(before.data_source.fingerprint);
      expect((await api.get('/api/stocks/GDAXI')).status).toBe(200);
      expect((await api.get('/api/stocks/DAX')).status).toBe(404);
      const list = await api.get<{ items: { symbol: string }[] }>('/api/stocks?page_size=200');
      expect(list.body.items.map((s) => s.symbol).sort()).toEqual(['GDAXI', 'SSMI', 'UKX']);
      // Nothing of folder A is left in the database.
      const sources = await server.sql<{ data_fingerprint: string }>(
        'SELECT DISTINCT data_fingerprint FROM growth_forecasts',
      );
      expect(sources.map((r) => r.data_fingerprint)).toEqual([body.data_source.fingerprint]);
    });

    test('a file of the folder changes under the running server: the next refresh serves the new data only', async () => {
      const before = (await api.get<Top10>('/api/wachstumsprognose/top10')).body;
      // UKX leaves the universe and its prices; a new symbol arrives.
      rmSync(join(folderB, 'prices', 'UKX.csv'));
      writeDataFolder(join(root, 'b'), {
        symbols: [
          ...OTHER_SYMBOLS.filter((s) => s.symbol !== 'UKX'),
          { ...(EU_INDICES[2] as FolderSymbol), symbol: 'FCHI', name: 'CAC 40 (Paris)' },
        ],
        lastDate: LAST_DATE,
      });
      // The scheduled refresh, run now.
      await server.app.get(UpdateTasks, { strict: false }).scores();
      const { body } = await api.get<Top10>('/api/wachstumsprognose/top10');
      expect(body.top_10_wachstums_aktien.map((s) => s.symbol).sort()).toEqual(['FCHI', 'GDAXI', 'SSMI']);
      expect(body.data_source.fingerprint).not.toBe(before.data_source.fingerprint);
      expect((await api.get('/api/stocks/FCHI')).status).toBe(200);
      expect((await api.get('/api/stocks/UKX')).status).toBe(404);
      const status = (await api.get<DataStatus>('/api/data/status')).body;
      expect(status.fingerprint).toBe(body.data_source.fingerprint);
      expect(status.symbols.map((s) => s.symbol)).not.toContain('UKX');
    });
  });
}

folderSuite('pglite');
folderSuite('postgres');

describe('forecasts on a folder with one short series (pglite)', () => {
  const root = mkdtempSync(join(tmpdir(), 'daki-folder-forecast-'));
  let server: TestServer;
  let api: ApiClient;

  beforeAll(async () => {
    const folder = writeDataFolder(join(root, 'short'), { bars: 300, lastDate: LAST_DATE });
    // FTSE keeps only its last 100 bars: enough to be scored, too few to forecast (120).
    const ftse = join(folder, 'prices', 'FTSE.csv');
    const [header, ...rows] = readFileSync(ftse, 'utf8').trim().split('\n');
    writeFileSync(ftse, `${header}\n${rows.slice(-100).join('\n')}\n`);
    server = await TestServer.start({
      backend: 'pglite',
      label: 'folder_forecast',
      env: { DATA_PROVIDER: 'folder', MARKET_DATA_DIR: join(root, 'short'), FORECAST_MODE: 'fast' },
    });
    api = new ApiClient(() => server.url);
  }, 60_000);

  afterAll(async () => {
    await server?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  test('the short series gets a failed prediction that says why, the others their forecast', async () => {
    const settled = async () => {
      const top = (await api.get<Top10>('/api/wachstumsprognose/top10')).body.top_10_wachstums_aktien;
      return top.every((s) => s.prediction.status !== 'training') ? top : undefined;
    };
    await expect.poll(settled, { timeout: 120_000, interval: 250 }).toBeDefined();
    const top = (await settled()) as Summary[];
    expect(top.map((s) => s.symbol).sort()).toEqual(['CAC', 'DAX', 'FTSE', 'SMI']);
    for (const stock of top) {
      if (stock.symbol === 'FTSE') {
        expect(stock.prediction).toEqual({
          status: 'failed',
          reason: 'FTSE needs at least 120 bars, has 100',
        });
      } else {
        expect(stock.prediction.status, stock.symbol).toBe('ready');
        expect(Number.isFinite(stock.prediction.predicted_price)).toBe(true);
      }
    }
    const detail = await api.get<{ prediction: Summary['prediction'] }>('/api/stocks/FTSE');
    expect(detail.status).toBe(200);
    expect(detail.body.prediction.reason).toBe('FTSE needs at least 120 bars, has 100');
  }, 150_000);
});
