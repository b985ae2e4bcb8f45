import { beforeAll, describe, expect, test } from 'vitest';
import {
  type ErrorBody,
  FACTOR_NAMES,
  type StockDetail,
  type StockPage,
  type StockSummary,
  type Top10Response,
} from '../../../src/contract/index.js';
import type { E2EContext } from './context.js';

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

/** Public market endpoints: the top 10, the paged universe, one stock's detail, and their 400 / 404s. */
export function marketSuite(ctx: E2EContext): void {
  describe('market endpoints', () => {
    let top10: Top10Response;
    /** The whole universe in rank order, read page by page. */
    let universe: StockSummary[];

    beforeAll(async () => {
      top10 = await ctx.top10();
      universe = [];
      for (let page = 1; ; page++) {
        const response = await ctx.api.get<StockPage>(`/api/stocks?page=${page}&page_size=200`);
        expect(response.status, response.text).toBe(200);
        universe.push(...response.body.items);
        if (universe.length >= response.body.total || response.body.items.length === 0) break;
      }
    });

    test('top 10: ten stocks by descending score, five factors in 0–100, with explanations', () => {
      const items = top10.top_10_wachstums_aktien;
      expect(items).toHaveLength(10);
      expect(items.map((s) => s.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      for (let i = 1; i < items.length; i++) expect(items[i]!.score).toBeLessThanOrEqual(items[i - 1]!.score);
      for (const stock of items) {
        expect(stock.score).toBeGreaterThanOrEqual(0);
        expect(stock.score).toBeLessThanOrEqual(100);
        expect(Object.keys(stock.factors).sort()).toEqual([...FACTOR_NAMES].sort());
        for (const factor of FACTOR_NAMES) {
          expect(stock.factors[factor], `${stock.symbol}.${factor}`).toBeGreaterThanOrEqual(0);
          expect(stock.factors[factor], `${stock.symbol}.${factor}`).toBeLessThanOrEqual(100);
        }
        expect(stock.explanations.length).toBeGreaterThan(0);
        for (const line of stock.explanations) expect(line.trim().length).toBeGreaterThan(0);
        expect(stock.current_price).toBeGreaterThan(0);
        expect(stock).toHaveProperty('prediction');
      }
      expect(top10.universe_size).toBe(universe.length);
      expect(Date.parse(top10.valid_until)).toBeGreaterThan(Date.parse(top10.generated_at));
    });

    test('the synthetic source is named: as_of, data_source, and a data status without files', async () => {
      const source = top10.data_source;
      expect(source).toEqual({ provider: 'synthetic', fingerprint: 'seed=42;symbols=120' });
      // The synthetic universe ends on a fixed day (SyntheticMarketProvider's endDate).
      expect(top10.as_of).toBe('2026-10-30');
      const status = await ctx.api.get<{
        asOf: string;
        files: unknown[];
        summary: { symbols: number; scorable: number };
        data_source: unknown;
      }>('/api/data/status');
      expect(status.status).toBe(200);
      expect(status.body).toMatchObject({ asOf: '2026-10-30', files: [], data_source: source });
      expect(status.body.summary).toMatchObject({ symbols: 120, scorable: universe.length });
    });

    test('the top 10 are the ten highest scores of the whole universe', () => {
      const bestScores = universe
        .map((s) => s.score)
        .sort((a, b) => b - a)
        .slice(0, 10);
      expect(top10.top_10_wachstums_aktien.map((s) => s.score)).toEqual(bestScores);
      expect(top10.top_10_wachstums_aktien.map((s) => s.symbol)).toEqual(
        universe.slice(0, 10).map((s) => s.symbol),
      );
    });

    test('pages partition the universe: page, page_size and total', async () => {
      expect(universe.map((s) => s.rank)).toEqual(universe.map((_, i) => i + 1));
      expect(new Set(universe.map((s) => s.symbol)).size).toBe(universe.length);

      const second = await ctx.api.get<StockPage>('/api/stocks?page=2&page_size=5');
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ page: 2, page_size: 5, total: universe.length });
      expect(second.body.items.map((s) => s.symbol)).toEqual(universe.slice(5, 10).map((s) => s.symbol));

      const pageSize = 50;
      const lastPage = Math.ceil(universe.length / pageSize);
      const last = await ctx.api.get<StockPage>(`/api/stocks?page=${lastPage}&page_size=${pageSize}`);
      expect(last.body.items.map((s) => s.symbol)).toEqual(
        universe.slice((lastPage - 1) * pageSize).map((s) => s.symbol),
      );
      const beyond = await ctx.api.get<StockPage>(`/api/stocks?page=${lastPage + 1}&page_size=${pageSize}`);
      expect(beyond.status).toBe(200);
      expect(beyond.body).toMatchObject({ items: [], total: universe.length, page: lastPage + 1 });

      const defaults = await ctx.api.get<StockPage>('/api/stocks');
      expect(defaults.body).toMatchObject({ page: 1, page_size: 50, total: universe.length });
    });

    test('the sector filter keeps exactly one sector, in rank order, case-insensitively', async () => {
      const sector = top10.top_10_wachstums_aktien[0]!.sector;
      const expected = universe.filter((s) => s.sector === sector).map((s) => s.symbol);
      const query = (name: string) => `/api/stocks?sector=${encodeURIComponent(name)}&page_size=200`;
      const filtered = await ctx.api.get<StockPage>(query(sector));
      expect(filtered.status).toBe(200);
      expect(filtered.body.total).toBe(expected.length);
      expect(filtered.body.items.map((s) => s.symbol)).toEqual(expected);
      expect(new Set(filtered.body.items.map((s) => s.sector))).toEqual(new Set([sector]));
      expect(filtered.body.sectors).toContain(sector);

      const lower = await ctx.api.get<StockPage>(query(sector.toLowerCase()));
      expect(lower.body.items.map((s) => s.symbol)).toEqual(expected);
      const none = await ctx.api.get<StockPage>(query('No Such Sector'));
      expect(none.body).toMatchObject({ items: [], total: 0 });
    });

    test('sort by -score, symbol and a factor', async () => {
      const byScore = await ctx.api.get<StockPage>('/api/stocks?sort=-score&page_size=200');
      expect(byScore.status).toBe(200);
      const scores = byScore.body.items.map((s) => s.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));

      const bySymbol = await ctx.api.get<StockPage>('/api/stocks?sort=symbol&page_size=200');
      // Code-unit order, as JavaScript compares strings; computed here from the whole universe.
      const symbols = universe.map((s) => s.symbol).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(bySymbol.body.items.map((s) => s.symbol)).toEqual(symbols.slice(0, 200));

      const byMomentum = await ctx.api.get<StockPage>('/api/stocks?sort=-momentum&page_size=10');
      const momentum = universe.map((s) => s.factors.momentum).sort((a, b) => b - a);
      expect(byMomentum.body.items.map((s) => s.factors.momentum)).toEqual(momentum.slice(0, 10));
    });

    test('stock detail: score, indicators, details and recent history of one symbol', async () => {
      const best = top10.top_10_wachstums_aktien[0]!;
      const response = await ctx.api.get<StockDetail>(`/api/stocks/${best.symbol.toLowerCase()}`);
      expect(response.status, response.text).toBe(200);
      const detail = response.body;
      expect(detail).toMatchObject({
        symbol: best.symbol,
        rank: 1,
        score: best.score,
        factors: best.factors,
      });
      expect(detail.details).toBeTypeOf('object');
      expect(detail.details).not.toBeNull();
      expect(detail).toHaveProperty('prediction');

      const history = detail.history;
      expect(history.length).toBeGreaterThanOrEqual(50);
      expect(history.length).toBeLessThanOrEqual(120);
      for (let i = 0; i < history.length; i++) {
        const bar = history[i]!;
        expect(bar.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (i > 0) expect(bar.date > history[i - 1]!.date).toBe(true);
        expect(bar.high).toBeGreaterThanOrEqual(Math.max(bar.open, bar.close, bar.low));
        expect(bar.low).toBeLessThanOrEqual(Math.min(bar.open, bar.close));
        expect(bar.volume).toBeGreaterThanOrEqual(0);
      }
      const closes = history.map((bar) => bar.close);
      expect(closes.at(-1)).toBe(best.current_price);

      // Moving averages recomputed here from the history the endpoint returned.
      const { indicators } = detail;
      expect(indicators.sma_20).toBeCloseTo(mean(closes.slice(-20)), 8);
      expect(indicators.sma_50).toBeCloseTo(mean(closes.slice(-50)), 8);
      expect(indicators.bollinger_middle).toBeCloseTo(indicators.sma_20 as number, 8);
      expect(indicators.bollinger_upper).toBeGreaterThan(indicators.bollinger_middle as number);
      expect(indicators.bollinger_lower).toBeLessThan(indicators.bollinger_middle as number);
      expect(indicators.rsi_14).toBeGreaterThanOrEqual(0);
      expect(indicators.rsi_14).toBeLessThanOrEqual(100);
      expect(indicators.macd_histogram).toBeCloseTo(
        (indicators.macd as number) - (indicators.macd_signal as number),
        8,
      );
    });

    test('an unknown symbol is 404 naming it; a malformed one is 400 naming the field', async () => {
      const unknown = await ctx.api.get<ErrorBody>('/api/stocks/ZZZZZZ');
      expect(unknown.status).toBe(404);
      expect(unknown.body.message).toContain('ZZZZZZ');
      const malformed = await ctx.api.get<ErrorBody>(`/api/stocks/${encodeURIComponent('BAD$SYM')}`);
      expect(malformed.status).toBe(400);
      expect(malformed.body.issues?.map((i) => i.field)).toEqual(['symbol']);
    });

    test.each([
      ['page=0', 'page'],
      ['page=-3', 'page'],
      ['page=1.5', 'page'],
      ['page=abc', 'page'],
      ['page_size=1000', 'page_size'],
      ['page_size=0', 'page_size'],
      ['sort=bogus', 'sort'],
      ['sort=--score', 'sort'],
      ['colour=red', 'colour'],
    ])('bad query %s is 400 naming %s and the reason', async (query, field) => {
      const response = await ctx.api.get<ErrorBody>(`/api/stocks?${query}`);
      expect(response.status).toBe(400);
      const issue = response.body.issues?.find((i) => i.field === field);
      expect(issue, response.text).toBeDefined();
      expect(issue!.reason.length).toBeGreaterThan(0);
      expect(response.body.message).toContain(field);
    });
  });
}
