import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAnalyzer, InvalidArgumentError } from '@da-ki/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../errors/index.js';
import { SyntheticMarketProvider } from '../synthetic/index.js';
import { FolderProvider, writeDataFolder } from './index.js';
import { ohlcvFile, removeFolders, writeFolder } from './testing.js';

const utc = (date: string): number => Date.parse(`${date}T00:00:00Z`);

afterAll(removeFolders);

describe('point in time', () => {
  const files = {
    'prices/AAA.csv': ohlcvFile('2020-01-01', 120),
    'fundamentals.csv': 'symbol,date,pe,pb\nAAA,2020-02-03,10,1.5\nAAA,2020-04-01,20,2.5\n',
    'news.csv':
      'symbol,published_at,headline,source\nAAA,2020-02-10,Alpha wins a big contract,wire\nAAA,2020-03-02 15:30:00,Great quarter for Alpha,social\nAAA,2020-05-01T08:00:00Z,Alpha misses,wire\n',
  };

  it('uses the latest fundamentals row on or before asOf: between two rows, the earlier', async () => {
    const provider = new FolderProvider({ dir: writeFolder(files), asOf: '2020-03-02' });
    expect(await provider.getFundamentals('AAA')).toMatchObject({
      peRatio: 10,
      pbRatio: 1.5,
      asOf: utc('2020-02-03'),
    });
    const later = new FolderProvider({ dir: writeFolder(files), asOf: utc('2020-04-01') });
    expect((await later.getFundamentals('AAA')).peRatio).toBe(20);
    const before = new FolderProvider({ dir: writeFolder(files), asOf: '2020-01-31' });
    // Nothing known yet: no metrics (the symbol stays rankable, its factor says so), never a later row.
    expect(await before.getFundamentals('AAA')).toEqual({
      symbol: 'AAA',
      source: 'folder',
      sector: 'Unknown',
    });
    await expect(before.getFundamentals('ZZZ')).rejects.toThrow(NotFoundError);
    expect((await before.report()).symbols[0]?.issues.map((i) => i.code)).toContain('missing-fundamentals');
  });

  it('ranks a symbol without fundamentals as of the date, saying so instead of dropping it', async () => {
    const dir = writeFolder({ ...files, 'prices/BBB.csv': ohlcvFile('2020-01-01', 120) });
    const provider = new FolderProvider({ dir, asOf: '2020-03-02' });
    const analyzer = createAnalyzer({
      market: provider,
      fundamentals: provider,
      news: provider,
      sectors: provider,
    });
    const run = await analyzer.scoreAll();
    expect(run.errors).toEqual([]);
    expect(run.results.map((r) => r.symbol).sort()).toEqual(['AAA', 'BBB']);
    const bbb = run.results.find((r) => r.symbol === 'BBB');
    expect(bbb?.explanations).toContain('No fundamentals: fundamental factor neutral (50)');
  });

  it('cuts news and bars at asOf (the whole as-of day counts), newest first', async () => {
    const provider = new FolderProvider({ dir: writeFolder(files), asOf: '2020-03-02' });
    const news = await provider.getNews('AAA');
    expect(news.map((n) => n.title)).toEqual(['Great quarter for Alpha', 'Alpha wins a big contract']);
    expect(news[0]?.source).toBe('social');
    expect(await provider.getNews('AAA', { since: utc('2020-03-01') })).toHaveLength(1);
    expect(await provider.getNews('AAA', { limit: 1 })).toHaveLength(1);
    const bars = await provider.getBars('AAA');
    expect(bars.timestamps.at(-1)).toBe(utc('2020-03-02'));
    expect((await provider.report()).symbols[0]).toMatchObject({
      newsCount: 2,
      hasFundamentals: true,
      lastDate: '2020-03-02',
    });
  });

  it('defaults asOf to the latest bar, and refuses a malformed asOf naming the option', async () => {
    const provider = new FolderProvider({ dir: writeFolder(files) });
    const report = await provider.report();
    expect(report.asOf).toBe(report.symbols[0]?.lastDate);
    expect(() => new FolderProvider({ dir: 'x', asOf: '2020-02-30' })).toThrow(InvalidArgumentError);
    expect(() => new FolderProvider({ dir: 'x', asOf: '20200230' })).toThrow(/asOf/);
    expect(() => new FolderProvider({ dir: 'x', asOf: Number.NaN })).toThrow(/asOf/);
  });
});

describe('currencies', () => {
  const base = {
    'universe.csv':
      'symbol,name,sector,currency\nBAB,Baba,Retail,USD\nVOD,Vodafone,Telecom,GBp\nSAP,SAP,Software,EUR\n',
    'prices/BAB.csv': ohlcvFile('2020-01-01', 30),
    'prices/VOD.csv': ohlcvFile('2020-01-01', 30),
    'prices/SAP.csv': ohlcvFile('2020-01-01', 30),
    'fundamentals.csv':
      'symbol,date,pe,market_cap,earnings,currency\nBAB,2020-01-02,15,1000,50,CNY\nVOD,2020-01-02,12,200,10,GBP\nSAP,2020-01-02,25,3000,100,JPY\n',
  };

  it('converts money fields with the fx rates of da-ki.json, normalises minor units, and keeps ratios', async () => {
    const provider = new FolderProvider({
      dir: writeFolder({ ...base, 'da-ki.json': '{ "fx": { "CNYUSD": 0.14, "EURJPY": 160 } }' }),
    });
    const bab = await provider.getFundamentals('BAB');
    expect(bab).toMatchObject({ peRatio: 15, currency: 'USD' });
    expect(bab.marketCap).toBeCloseTo(140, 10);
    expect(bab.earnings).toBeCloseTo(7, 10);
    // Prices in pence (GBp), fundamentals in pounds: both are GBP in major units.
    expect(await provider.getFundamentals('VOD')).toMatchObject({ marketCap: 200, currency: 'GBP' });
    const sap = await provider.getFundamentals('SAP');
    expect(sap.marketCap).toBeCloseTo(3000 / 160, 10);
  });

  it('leaves money out with a currency warning naming file, line and both currencies when no rate is given', async () => {
    const provider = new FolderProvider({ dir: writeFolder(base) });
    const bab = await provider.getFundamentals('BAB');
    expect(bab.marketCap).toBeUndefined();
    expect(bab.earnings).toBeUndefined();
    expect(bab.peRatio).toBe(15);
    const issue = (await provider.report()).files
      .find((f) => f.file === 'fundamentals.csv')
      ?.issues.find((i) => i.code === 'currency');
    expect(issue).toMatchObject({ line: 2, file: 'fundamentals.csv' });
    expect(issue?.message).toContain('CNY');
    expect(issue?.message).toContain('USD');
  });
});

describe('fingerprint and reload', () => {
  it('changes the fingerprint when a file changes, and reload picks up a new file', async () => {
    const dir = writeFolder({ 'prices/AAA.csv': ohlcvFile('2020-01-01', 30) });
    const progress: string[] = [];
    const provider = new FolderProvider({
      dir,
      onProgress: (p) => progress.push(`${p.completed}/${p.total} ${p.file}`),
    });
    const first = await provider.fingerprint();
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await provider.fingerprint()).toBe(first);
    expect((await provider.listSymbols()).map((s) => s.symbol)).toEqual(['AAA']);
    expect(progress).toEqual(['1/1 prices/AAA.csv']);
    expect((await provider.report()).fingerprint).toBe(first);

    appendFileSync(join(dir, 'prices/AAA.csv'), '');
    writeFileSync(join(dir, 'prices/AAA.csv'), ohlcvFile('2020-01-01', 31));
    const second = await provider.fingerprint();
    expect(second).not.toBe(first);

    writeFileSync(join(dir, 'prices/BBB.csv'), ohlcvFile('2020-01-01', 31));
    expect((await provider.listSymbols()).map((s) => s.symbol)).toEqual(['AAA']); // read once, kept
    await provider.reload();
    expect((await provider.listSymbols()).map((s) => s.symbol)).toEqual(['AAA', 'BBB']);
    expect((await provider.report()).fingerprint).not.toBe(second);
  });

  it('reads once for concurrent first calls, and says which folder cannot be read', async () => {
    const provider = new FolderProvider({
      dir: writeFolder({ 'prices/AAA.csv': ohlcvFile('2020-01-01', 30) }),
    });
    const [a, b] = await Promise.all([provider.report(), provider.report()]);
    expect(a).toEqual(b);
    await expect(new FolderProvider({ dir: '/no/such/folder' }).listSymbols()).rejects.toThrow(
      /\/no\/such\/folder/,
    );
  });
});

describe('writeDataFolder', () => {
  it('writes a folder the loader reads back: same bars, fundamentals, news and ranking inputs', async () => {
    const synthetic = new SyntheticMarketProvider({ seed: 7, symbols: 12 });
    const universe = await synthetic.listSymbols();
    const bars = await Promise.all(universe.map((u) => synthetic.getBars(u.symbol)));
    const lastDay = Math.max(...bars.map((b) => b.timestamps.at(-1) as number));
    const fundamentals = await Promise.all(
      universe.map(async (u) => ({ ...(await synthetic.getFundamentals(u.symbol)), date: lastDay })),
    );
    const news = (await Promise.all(universe.map((u) => synthetic.getNews(u.symbol))))
      .flat()
      .filter((n) => n.publishedAt <= lastDay);
    const dir = writeFolder({});
    const written = await writeDataFolder(dir, { universe, bars, fundamentals, news });
    expect(written.files).toBe(universe.length + 3);

    const folder = new FolderProvider({ dir });
    expect((await folder.listSymbols()).map((s) => s.symbol)).toEqual(universe.map((u) => u.symbol).sort());
    const symbol = universe[0]?.symbol as string;
    const back = await folder.getBars(symbol);
    const original = bars[0]!;
    expect(Array.from(back.close)).toEqual(Array.from(original.close));
    expect(Array.from(back.timestamps)).toEqual(Array.from(original.timestamps));
    expect((await folder.getFundamentals(symbol)).peRatio).toBe(fundamentals[0]?.peRatio);
    expect((await folder.getNews(symbol)).length).toBe(news.filter((n) => n.symbol === symbol).length);

    const run = await createAnalyzer({
      market: folder,
      fundamentals: folder,
      news: folder,
      sectors: folder,
    }).scoreAll();
    expect(run.errors).toEqual([]);
    expect(run.results).toHaveLength(universe.length);
  });
});
