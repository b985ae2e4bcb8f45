import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnalyzer, FACTOR_NAMES } from '@da-ki/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { SHARED_DATA_DIR } from '../../../sdk/src/indicators/testing/reference-data.js';
import { NotFoundError } from '../errors/index.js';
import { FolderProvider } from './index.js';
import { removeFolders, writeFolder } from './testing.js';

const EXAMPLE_DIR = fileURLToPath(new URL('../../../../examples/data/', import.meta.url));
const utc = (date: string): number => Date.parse(`${date}T00:00:00Z`);

afterAll(removeFolders);

describe('examples/data', () => {
  const provider = new FolderProvider({ dir: EXAMPLE_DIR });

  it('lists the four indices of the wide file with the universe names and sectors', async () => {
    expect(await provider.listSymbols()).toEqual([
      {
        symbol: 'CAC',
        name: 'CAC 40 (France)',
        sector: 'Euro founding members',
        industry: 'Equity index',
        currency: 'FRF',
        exchange: 'Paris',
      },
      {
        symbol: 'DAX',
        name: 'DAX (Germany)',
        sector: 'Euro founding members',
        industry: 'Equity index',
        currency: 'DEM',
        exchange: 'Frankfurt',
      },
      {
        symbol: 'FTSE',
        name: 'FTSE 100 (United Kingdom)',
        sector: 'Outside the euro',
        industry: 'Equity index',
        currency: 'GBP',
        exchange: 'London',
      },
      {
        symbol: 'SMI',
        name: 'Swiss Market Index',
        sector: 'Outside the euro',
        industry: 'Equity index',
        currency: 'CHF',
        exchange: 'Zurich',
      },
    ]);
  });

  it('dates the rows as business days from 1991-07-01 (R: EuStockMarkets starts 1991(130) = the 130th business day)', async () => {
    const dax = await provider.getBars('DAX');
    expect(dax.timestamps.length).toBe(1860);
    expect(dax.timestamps[0]).toBe(utc('1991-07-01'));
    expect(dax.timestamps[1859]).toBe(utc('1998-08-14'));
    expect(dax.close[0]).toBe(1628.75);
    expect(dax.open).toEqual(dax.close);
    expect(dax.volume.every((v) => v === 0)).toBe(true);
    const report = await provider.report();
    expect(report.asOf).toBe('1998-08-14');
    expect(report.summary).toMatchObject({ symbols: 4, scorable: 4, excluded: 0 });
    expect(report.files.find((f) => f.file === 'prices/eustockmarkets.csv')).toMatchObject({
      kind: 'prices-wide',
      rows: 1860,
      symbols: ['DAX', 'SMI', 'CAC', 'FTSE'],
    });
    expect(report.symbols.find((s) => s.symbol === 'DAX')?.notes?.[0]).toContain('closes only');
  });

  it('ranks all four with fundamental, sentiment and sector factors computed from the files', async () => {
    const analyzer = createAnalyzer({
      market: provider,
      fundamentals: provider,
      news: provider,
      sectors: provider,
    });
    const run = await analyzer.scoreAll();
    expect(run.errors).toEqual([]);
    expect(run.results.map((r) => r.symbol).sort()).toEqual(['CAC', 'DAX', 'FTSE', 'SMI']);
    for (const factor of ['fundamental', 'sentiment', 'sector'] as const) {
      const values = run.results.map((r) => r.factors[factor]);
      expect(new Set(values).size, `${factor}: ${values}`).toBeGreaterThan(1);
      for (const result of run.results)
        expect(result.details[factor].confidence, `${result.symbol} ${factor}`).toBeGreaterThan(0);
    }
    // P/E, P/B and ROE come from fundamentals.csv (the example has no debt/equity for an index).
    for (const result of run.results) {
      const missing = result.details.fundamental.metrics.filter((m) => m.missing).map((m) => m.id);
      expect(missing, result.symbol).toEqual(['debtToEquity']);
      expect(result.details.sentiment.metrics.find((m) => m.id === 'headlineCount')?.value).toBeGreaterThan(
        0,
      );
    }
    for (const result of run.results)
      for (const name of FACTOR_NAMES) expect(Number.isFinite(result.factors[name])).toBe(true);
  });

  it('uses the latest fundamentals row on or before the as-of date, and news up to it', async () => {
    const fundamentals = await provider.getFundamentals('DAX');
    expect(fundamentals).toMatchObject({
      symbol: 'DAX',
      peRatio: 27,
      pbRatio: 3.7,
      asOf: utc('1998-06-01'),
      sector: 'Euro founding members',
    });
    const news = await provider.getNews('DAX');
    expect(news[0]?.publishedAt).toBe(utc('1998-08-13')); // the 1998-08-27 headline is after the last bar
    expect(news.some((item) => item.source === 'social')).toBe(true);
    const earlier = new FolderProvider({ dir: EXAMPLE_DIR, asOf: '1995-06-30' });
    expect((await earlier.getFundamentals('DAX')).peRatio).toBe(19.5);
    expect((await earlier.getBars('DAX')).timestamps.at(-1)).toBe(utc('1995-06-30'));
    expect((await earlier.getNews('CAC'))[0]?.title).toContain('Chirac');
  });
});

describe('the shared real data', () => {
  it('reads msft.csv, gold.csv (index + startDate) and eustockmarkets.csv (wide) from ../shared/data', async () => {
    const dir = writeFolder({
      'da-ki.json': JSON.stringify({
        files: {
          'prices/gold.csv': { startDate: '1985-01-01', calendar: 'business' },
          'prices/eustockmarkets.csv': { startDate: '1991-07-01' },
        },
      }),
    });
    mkdirSync(join(dir, 'prices'));
    for (const file of ['msft.csv', 'gold.csv', 'eustockmarkets.csv'])
      copyFileSync(join(SHARED_DATA_DIR, file), join(dir, 'prices', file));
    const provider = new FolderProvider({ dir, includeStale: true });
    expect((await provider.listSymbols()).map((s) => s.symbol)).toEqual([
      'CAC',
      'DAX',
      'FTSE',
      'GOLD',
      'MSFT',
      'SMI',
    ]);
    const msft = await provider.getBars('msft');
    expect(msft.timestamps.length).toBe(249);
    expect(msft.timestamps[0]).toBe(utc('2000-09-27'));
    expect(msft.high[0]).toBe(63.5625);
    const gold = await provider.getBars('GOLD');
    expect(gold.timestamps.length).toBe(1108 - 34); // 34 empty values (see the data README)
    expect(gold.timestamps[0]).toBe(utc('1985-01-01'));
    const report = await provider.report();
    const goldReport = report.symbols.find((s) => s.symbol === 'GOLD');
    expect(goldReport?.issues.map((i) => i.code)).toContain('gap');
    expect(goldReport?.issues.find((i) => i.code === 'gap')?.message).toContain('34 row(s) without a value');
    // Gold ends in 1989, the EU indices in 1998, MSFT in 2001: years apart.
    expect(report.issues.find((i) => i.code === 'stale')?.message).toContain('years apart');

    const ranked = new FolderProvider({ dir });
    expect((await ranked.listSymbols()).map((s) => s.symbol)).toEqual(['MSFT']);
    const goldStale = (await ranked.report()).symbols.find((s) => s.symbol === 'GOLD');
    expect(goldStale?.status).toBe('excluded');
    expect(goldStale?.issues.find((i) => i.code === 'stale')?.message).toMatch(/ends on 1989-\d\d-\d\d/);
    await expect(ranked.getBars('GOLD')).rejects.toThrow(NotFoundError);
    await expect(ranked.getBars('GOLD')).rejects.toThrow(/stale|ends on 1989/);
  });
});
