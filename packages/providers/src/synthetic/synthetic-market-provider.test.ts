import { createHash } from 'node:crypto';
import {
  DaKiError,
  fundamentalsSchema,
  GICS_SECTORS,
  InvalidArgumentError,
  newsItemSchema,
  symbolInfoSchema,
  validateBars,
} from '@da-ki/sdk';
import { describe, expect, it } from 'vitest';
import { NotFoundError, ProviderError } from '../errors/index.js';
import { SyntheticMarketProvider } from './index.js';
import { median } from './testing/statistics.js';

const DAY_MS = 86_400_000;

/** SHA-256 over every byte the provider returns for the given symbols. */
async function digest(provider: SyntheticMarketProvider, symbols: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(await provider.listSymbols()));
  for (const symbol of symbols) {
    const bars = await provider.getBars(symbol);
    for (const field of ['timestamps', 'open', 'high', 'low', 'close', 'volume'] as const) {
      hash.update(new Uint8Array(bars[field].buffer, bars[field].byteOffset, bars[field].byteLength));
    }
    hash.update(JSON.stringify(await provider.getFundamentals(symbol)));
    hash.update(JSON.stringify(await provider.getNews(symbol)));
    hash.update(await provider.getSector(symbol));
  }
  return hash.digest('hex');
}

describe('SyntheticMarketProvider', () => {
  const provider = new SyntheticMarketProvider();

  it('serves 467 symbols over the 11 GICS sectors by default', async () => {
    const symbols = await provider.listSymbols();
    expect(symbols.length).toBe(467);
    expect(new Set(symbols.map((s) => s.sector))).toEqual(new Set(GICS_SECTORS));
    for (const info of symbols) {
      symbolInfoSchema.parse(info);
      expect(await provider.getSector(info.symbol)).toBe(info.sector);
    }
    expect(provider.name).toBe('synthetic');
  });

  it('is byte-identical for one seed, generated in any order, and different for another seed', async () => {
    const symbols = (await provider.listSymbols()).map((s) => s.symbol).slice(0, 40);
    const first = await digest(new SyntheticMarketProvider({ seed: 42 }), symbols);
    const reversed = new SyntheticMarketProvider({ seed: 42 });
    for (const symbol of [...symbols].reverse()) await reversed.getNews(symbol);
    expect(await digest(reversed, symbols)).toBe(first);
    expect(await digest(new SyntheticMarketProvider({ seed: 42, cacheSize: 0 }), symbols)).toBe(first);

    const other = new SyntheticMarketProvider({ seed: 43 });
    const otherSymbols = (await other.listSymbols()).map((s) => s.symbol).slice(0, 40);
    expect(await digest(other, otherSymbols)).not.toBe(first);
  });

  it('gives two years of daily bars ending on the fixed end date, validated and marked synthetic', async () => {
    for (const { symbol } of await provider.listSymbols()) {
      const bars = await provider.getBars(symbol);
      expect(bars.source).toBe('synthetic');
      expect(bars.symbol).toBe(symbol);
      const { series, report } = validateBars(bars);
      expect(report.sorted).toBe(false);
      expect(report.duplicatesDropped).toBe(0);
      expect(series.close).toEqual(bars.close);
      expect(bars.timestamps.length).toBeGreaterThanOrEqual(504 - 10);
      expect(new Date(bars.timestamps[bars.timestamps.length - 1] as number).toISOString()).toBe(
        '2026-10-30T00:00:00.000Z',
      );
      const spanDays =
        ((bars.timestamps[bars.timestamps.length - 1] as number) - (bars.timestamps[0] as number)) / DAY_MS;
      expect(spanDays).toBeGreaterThanOrEqual(2 * 365);
    }
  });

  it('honours from and to (inclusive) and returns copies the caller may modify', async () => {
    const [{ symbol }] = await provider.listSymbols();
    const all = await provider.getBars(symbol);
    const from = all.timestamps[100] as number;
    const to = all.timestamps[150] as number;
    const window = await provider.getBars(symbol, { from, to });
    expect(window.timestamps.length).toBe(51);
    expect(window.timestamps[0]).toBe(from);
    expect(window.timestamps[50]).toBe(to);
    expect(window.close).toEqual(all.close.slice(100, 151));
    expect((await provider.getBars(symbol, { from: to + 1, to: from })).close.length).toBe(0);

    window.close.fill(-1);
    all.close.fill(-1);
    expect((await provider.getBars(symbol)).close[120]).toBeGreaterThan(0);
    await expect(provider.getBars(symbol, { from: Number.NaN })).rejects.toThrow(InvalidArgumentError);
  });

  it('throws NotFoundError naming provider and symbol for unknown symbols', async () => {
    const calls = [
      provider.getBars('NOPE1'),
      provider.getFundamentals('NOPE1'),
      provider.getNews('NOPE1'),
      provider.getSector('NOPE1'),
    ];
    for (const call of calls) {
      const error = await call.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toBeInstanceOf(DaKiError);
      expect((error as NotFoundError).provider).toBe('synthetic');
      expect((error as NotFoundError).symbol).toBe('NOPE1');
      expect((error as Error).message).toContain('NOPE1');
    }
  });

  it('finds symbols case-insensitively', async () => {
    const [{ symbol }] = await provider.listSymbols();
    expect((await provider.getBars(symbol.toLowerCase())).symbol).toBe(symbol);
  });

  it('returns fundamentals that pass the schema and tie to the price', async () => {
    for (const { symbol, sector } of await provider.listSymbols()) {
      const f = fundamentalsSchema.parse(await provider.getFundamentals(symbol));
      const bars = await provider.getBars(symbol);
      const lastClose = bars.close[bars.close.length - 1] as number;
      const marketCap = f.marketCap as number;
      const earnings = f.earnings as number;
      const bookValue = f.bookValue as number;
      expect(f.source).toBe('synthetic');
      expect(f.sector).toBe(sector);
      expect(f.asOf).toBe(bars.timestamps[bars.timestamps.length - 1]);
      // Market cap is a whole number of shares times the last close (to the rounded dollar).
      const shares = Math.round(marketCap / lastClose);
      expect(Math.abs(marketCap - shares * lastClose)).toBeLessThanOrEqual(0.5 + 1e-6 * marketCap);
      if (earnings > 0) expect(f.peRatio).toBeCloseTo(marketCap / earnings, 1);
      else expect(f.peRatio).toBeUndefined();
      expect(f.pbRatio).toBeCloseTo(marketCap / bookValue, 1);
      expect(f.returnOnEquity).toBeCloseTo(earnings / bookValue, 3);
      expect(f.debtToEquity).toBeGreaterThan(0);
    }
  });

  it('draws valuations around sector norms', async () => {
    const bySector = new Map<string, { pe: number[]; de: number[]; dy: number[] }>();
    for (const { symbol, sector } of await provider.listSymbols()) {
      const f = await provider.getFundamentals(symbol);
      const entry = bySector.get(sector) ?? { pe: [], de: [], dy: [] };
      if (f.peRatio !== undefined) entry.pe.push(f.peRatio);
      entry.de.push(f.debtToEquity as number);
      entry.dy.push(f.dividendYield as number);
      bySector.set(sector, entry);
    }
    const m = (sector: string, key: 'pe' | 'de' | 'dy'): number => median(bySector.get(sector)?.[key] ?? []);
    // Tech trades at higher multiples than banks and energy; utilities carry more debt and pay more.
    expect(m('Information Technology', 'pe')).toBeGreaterThan(1.5 * m('Financials', 'pe'));
    expect(m('Information Technology', 'pe')).toBeGreaterThan(1.5 * m('Energy', 'pe'));
    expect(m('Utilities', 'de')).toBeGreaterThan(2 * m('Information Technology', 'de'));
    expect(m('Utilities', 'dy')).toBeGreaterThan(m('Information Technology', 'dy'));
  });

  it('returns 10–40 validated headlines per symbol from the last 60 days, newest first', async () => {
    for (const { symbol } of (await provider.listSymbols()).slice(0, 100)) {
      const news = await provider.getNews(symbol);
      expect(news.length).toBeGreaterThanOrEqual(10);
      expect(news.length).toBeLessThanOrEqual(40);
      const lastBar = Date.UTC(2026, 9, 30);
      for (let i = 0; i < news.length; i++) {
        const item = newsItemSchema.parse(news[i]);
        expect(item.source).toBe('synthetic');
        expect(item.symbol).toBe(symbol);
        expect(item.publishedAt).toBeGreaterThanOrEqual(lastBar - 61 * DAY_MS);
        expect(item.publishedAt).toBeLessThan(lastBar + DAY_MS);
        if (i > 0) expect(item.publishedAt).toBeLessThanOrEqual(news[i - 1]?.publishedAt as number);
      }
    }
  });

  it('filters news by since and limit', async () => {
    const [{ symbol }] = await provider.listSymbols();
    const all = await provider.getNews(symbol);
    const since = all[5]?.publishedAt as number;
    const recent = await provider.getNews(symbol, { since });
    expect(recent.every((item) => item.publishedAt >= since)).toBe(true);
    expect(recent.length).toBe(all.filter((item) => item.publishedAt >= since).length);
    expect(await provider.getNews(symbol, { limit: 3 })).toEqual(all.slice(0, 3));
    await expect(provider.getNews(symbol, { limit: -1 })).rejects.toThrow(InvalidArgumentError);
  });

  it('supports custom universe sizes, history lengths and end dates', async () => {
    const small = new SyntheticMarketProvider({ symbols: 5, days: 60, endDate: '2026-07-05' });
    const symbols = await small.listSymbols();
    expect(symbols.length).toBe(5);
    const bars = await small.getBars((symbols[0] as { symbol: string }).symbol);
    expect(bars.timestamps.length).toBe(60);
    // 2026-07-05 is a Sunday and Friday July 3 is the observed Independence Day.
    expect(new Date(bars.timestamps[59] as number).toISOString().slice(0, 10)).toBe('2026-07-02');

    const large = new SyntheticMarketProvider({ symbols: 10_000, cacheSize: 0 });
    const universe = await large.listSymbols();
    expect(universe.length).toBe(10_000);
    validateBars(await large.getBars((universe[9_999] as { symbol: string }).symbol));
  });

  it('rejects invalid options with InvalidArgumentError naming the option', () => {
    expect(() => new SyntheticMarketProvider({ symbols: 0 })).toThrow(/symbols/);
    expect(() => new SyntheticMarketProvider({ days: 10 })).toThrow(/days/);
    expect(() => new SyntheticMarketProvider({ endDate: '2026-02-30' })).toThrow(/endDate/);
    expect(() => new SyntheticMarketProvider({ seed: Number.NaN })).toThrow(InvalidArgumentError);
    expect(() => new SyntheticMarketProvider({ cacheSize: -1 })).toThrow(/cacheSize/);
  });
});
