// The screener on GET /api/stocks against a real server (synthetic universe, PostgreSQL): every filter
// combination narrows to exactly the stocks a plain filter over the whole universe keeps, in the
// asked order; the CSV form is the same result; bad parameters are 400s naming them; OpenAPI lists them.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type ErrorBody,
  STOCK_RANGE_FILTERS,
  STOCK_SORT_FIELDS,
  type StockPage,
  type StockRangeFilter,
  type StockSortField,
  type StockSummary,
} from '../src/contract/index.js';
import { ApiClient } from './helpers/api-client.js';
import { TestServer } from './helpers/test-server.js';

const SYMBOLS = 150;

/** The value a range filter bounds, read from a summary as a client sees it. */
function rangeValue(s: StockSummary, range: StockRangeFilter): number | null {
  switch (range) {
    case 'score':
      return s.score;
    case 'sector_score':
      return s.factors.sector;
    case 'performance':
    case 'fundamental':
    case 'sentiment':
    case 'momentum':
      return s.factors[range];
    case 'pe':
      return s.pe;
    case 'pb':
      return s.pb;
    case 'rsi':
      return s.rsi_14;
    case 'return_12m':
      return s.return_12m_percent;
    case 'forecast_return':
      return s.forecast_return_percent;
  }
}

function sortValue(s: StockSummary, field: StockSortField): number | string | null {
  switch (field) {
    case 'rank':
    case 'score':
    case 'symbol':
      return s[field];
    case 'name':
      return s.name.toLowerCase();
    case 'performance':
    case 'fundamental':
    case 'sentiment':
    case 'sector':
    case 'momentum':
      return s.factors[field];
    case 'rsi':
      return s.rsi_14;
    case 'return_12m':
      return s.return_12m_percent;
    case 'forecast_return':
      return s.forecast_return_percent;
    case 'change_1d':
      return s.change_1d_percent;
    default:
      return s[field];
  }
}

/** A screen as the test builds it, before it becomes a query string. */
interface Screen {
  ranges: Partial<Record<StockRangeFilter, { min?: number; max?: number }>>;
  grade?: string[];
  sector?: string[];
  risk?: string[];
  confidence?: string[];
  q?: string;
  sort: string;
}

function queryOf(screen: Screen): string {
  const params = new URLSearchParams();
  for (const [range, { min, max }] of Object.entries(screen.ranges)) {
    if (min !== undefined) params.set(`${range}_min`, String(min));
    if (max !== undefined) params.set(`${range}_max`, String(max));
  }
  for (const list of ['grade', 'sector', 'risk', 'confidence'] as const) {
    const values = screen[list];
    if (values) params.set(list, values.join(','));
  }
  if (screen.q !== undefined) params.set('q', screen.q);
  params.set('sort', screen.sort);
  return params.toString();
}

/** The specification: a plain filter over the whole universe, then the documented order. */
function expected(universe: StockSummary[], screen: Screen): string[] {
  const kept = universe.filter((s) => {
    for (const [range, { min, max }] of Object.entries(screen.ranges) as [
      StockRangeFilter,
      { min?: number; max?: number },
    ][]) {
      if (min === undefined && max === undefined) continue;
      const value = rangeValue(s, range);
      if (value === null) return false;
      if (min !== undefined && value < min) return false;
      if (max !== undefined && value > max) return false;
    }
    if (screen.grade && !screen.grade.includes(s.grade ?? '')) return false;
    if (screen.sector && !screen.sector.map((x) => x.toLowerCase()).includes(s.sector.toLowerCase()))
      return false;
    if (screen.risk && !screen.risk.includes(s.risk_level)) return false;
    if (screen.confidence && !screen.confidence.includes(s.confidence_level)) return false;
    if (screen.q !== undefined) {
      const q = screen.q.toLowerCase();
      if (!s.symbol.toLowerCase().startsWith(q) && !s.name.toLowerCase().startsWith(q)) return false;
    }
    return true;
  });
  const descending = screen.sort.startsWith('-');
  const field = screen.sort.replace(/^-/, '') as StockSortField;
  return kept
    .sort((a, b) => {
      const ka = sortValue(a, field);
      const kb = sortValue(b, field);
      if (ka === null && kb === null) return a.rank - b.rank;
      if (ka === null) return 1;
      if (kb === null) return -1;
      const order = ka < kb ? -1 : ka > kb ? 1 : 0;
      return (descending ? -order : order) || a.rank - b.rank;
    })
    .map((s) => s.symbol);
}

describe('screener API', () => {
  let server: TestServer;
  let api: ApiClient;
  /** The whole universe in rank order, as the unfiltered list serves it. */
  let universe: StockSummary[];

  beforeAll(async () => {
    server = await TestServer.start({
      backend: 'postgres',
      label: 'screener_api',
      env: { SYNTHETIC_SYMBOLS: String(SYMBOLS), FORECAST_MODE: 'off' },
    });
    api = new ApiClient(() => server.url);
    const page = await api.get<StockPage>('/api/stocks?page_size=200');
    expect(page.status, page.text).toBe(200);
    universe = page.body.items;
  }, 180_000);

  afterAll(async () => {
    await server?.dispose();
  }, 60_000);

  test('every item carries the new fields, from the run and its market data', () => {
    expect(universe).toHaveLength(SYMBOLS);
    for (const s of universe) {
      expect(s.market_cap, s.symbol).toBeGreaterThan(0);
      expect(typeof s.change_1d_percent, s.symbol).toBe('number');
      expect(s.rsi_14, s.symbol).toBeGreaterThanOrEqual(0);
      expect(s.rsi_14, s.symbol).toBeLessThanOrEqual(100);
      expect(typeof s.pe, s.symbol).toBe('number');
      expect(typeof s.pb, s.symbol).toBe('number');
      expect(typeof s.return_12m_percent, s.symbol).toBe('number');
      // Forecasts are off: no forecast return, and no stock passes a forecast bound.
      expect(s.forecast_return_percent).toBeNull();
    }
  });

  test('the stock detail and the top 10 show the same summary as the list', async () => {
    const best = universe[0] as StockSummary;
    const detail = await api.get<StockSummary>(`/api/stocks/${best.symbol}`);
    const top10 = await api.get<{ top_10_wachstums_aktien: StockSummary[] }>('/api/wachstumsprognose/top10');
    const { prediction: _p, ...first } = top10.body.top_10_wachstums_aktien[0] as StockSummary & {
      prediction: unknown;
    };
    expect(first).toEqual(best);
    for (const key of Object.keys(best) as (keyof StockSummary)[])
      expect(detail.body[key], key).toEqual(best[key]);
  });

  test('the 1-day change is the last close against the previous one', async () => {
    const detail = await api.get<{ history: { close: number }[]; change_1d_percent: number }>(
      `/api/stocks/${universe[3]?.symbol}`,
    );
    const closes = detail.body.history.map((bar) => bar.close);
    const [previous, last] = closes.slice(-2) as [number, number];
    expect(detail.body.change_1d_percent).toBeCloseTo((last / previous - 1) * 100, 3);
  });

  test('any combination of filters keeps exactly the stocks that satisfy all of them, in the asked order', async () => {
    const sectors = [...new Set(universe.map((s) => s.sector))];
    const grades = [...new Set(universe.map((s) => s.grade as string))];
    const levels = ['low', 'medium', 'high'];
    // Bounds drawn from the values the universe has (and a little beyond), so they cut somewhere.
    const bound = (range: StockRangeFilter) => {
      const values = universe.map((s) => rangeValue(s, range)).filter((v): v is number => v !== null);
      return values.length === 0
        ? fc.double({ min: -100, max: 100, noNaN: true })
        : fc.oneof(
            fc.constantFrom(...values),
            fc.double({ min: Math.min(...values) - 1, max: Math.max(...values) + 1, noNaN: true }),
          );
    };
    const pair = (range: StockRangeFilter) =>
      fc.record({ min: bound(range), max: bound(range) }, { requiredKeys: [] }).map(({ min, max }) =>
        // A min above its max is a 400 (tested below): order the pair.
        min !== undefined && max !== undefined && min > max ? { min: max, max: min } : { min, max },
      );
    // Up to three ranges, any of them (more and nearly nothing passes).
    const rangeArb = fc
      .shuffledSubarray([...STOCK_RANGE_FILTERS], { maxLength: 3 })
      .chain((names) =>
        fc.tuple(...names.map(pair)).map((pairs) => Object.fromEntries(names.map((n, i) => [n, pairs[i]]))),
      );
    const subset = (values: string[]) => fc.subarray(values, { minLength: 1 });
    const screenArb: fc.Arbitrary<Screen> = fc.record(
      {
        ranges: rangeArb,
        grade: subset(grades),
        sector: subset(sectors).map((list) => list.map((s, i) => (i % 2 ? s.toUpperCase() : s))),
        risk: subset(levels),
        confidence: subset(levels),
        q: fc.constantFrom(
          ...universe.flatMap((s) => [s.symbol.slice(0, 1), s.name.slice(0, 2).toLowerCase()]),
        ),
        sort: fc
          .tuple(fc.constantFrom('', '-'), fc.constantFrom(...STOCK_SORT_FIELDS))
          .map(([d, f]) => d + f),
      },
      { requiredKeys: ['ranges', 'sort'] },
    );
    await fc.assert(
      fc.asyncProperty(screenArb, async (screen) => {
        const response = await api.get<StockPage>(`/api/stocks?${queryOf(screen)}&page_size=200`);
        expect(response.status, response.text).toBe(200);
        const want = expected(universe, screen);
        expect(response.body.total).toBe(want.length);
        expect(response.body.items.map((s) => s.symbol)).toEqual(want);
      }),
      { numRuns: 100 },
    );
  });

  test('each range alone narrows the list, bounds inclusive; a forecast bound without forecasts keeps none', async () => {
    const median = (range: StockRangeFilter) => {
      const values = universe.map((s) => rangeValue(s, range)).filter((v): v is number => v !== null);
      return values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
    };
    for (const range of STOCK_RANGE_FILTERS.filter((r) => r !== 'forecast_return')) {
      const screen: Screen = { ranges: { [range]: { min: median(range) } }, sort: 'rank' };
      const response = await api.get<StockPage>(`/api/stocks?${queryOf(screen)}&page_size=200`);
      const want = expected(universe, screen);
      expect(want.length, range).toBeGreaterThan(0);
      expect(want.length, range).toBeLessThan(universe.length);
      expect(
        response.body.items.map((s) => s.symbol),
        range,
      ).toEqual(want);
    }
    // Bounds are inclusive: min = max = a stock's own value keeps that stock.
    const stock = universe[7] as StockSummary;
    for (const range of STOCK_RANGE_FILTERS.filter((r) => r !== 'forecast_return')) {
      const value = rangeValue(stock, range) as number;
      const response = await api.get<StockPage>(
        `/api/stocks?${range}_min=${value}&${range}_max=${value}&page_size=200`,
      );
      expect(
        response.body.items.map((s) => s.symbol),
        range,
      ).toContain(stock.symbol);
      expect(
        response.body.items.map((s) => s.symbol),
        range,
      ).toEqual(expected(universe, { ranges: { [range]: { min: value, max: value } }, sort: 'rank' }));
    }
    const forecast = await api.get<StockPage>('/api/stocks?forecast_return_min=-1000');
    expect(forecast.body).toMatchObject({ total: 0, items: [] });
  });

  test('pages slice the same filtered order', async () => {
    const query = 'sort=-pe&risk=low,medium';
    const all = await api.get<StockPage>(`/api/stocks?${query}&page_size=200`);
    const pages: string[] = [];
    for (let page = 1; pages.length < all.body.total; page++) {
      const response = await api.get<StockPage>(`/api/stocks?${query}&page_size=7&page=${page}`);
      expect(response.body.total).toBe(all.body.total);
      pages.push(...response.body.items.map((s) => s.symbol));
    }
    expect(pages).toEqual(all.body.items.map((s) => s.symbol));
  });

  test('format=csv and Accept: text/csv give the same result as CSV, with a header row', async () => {
    const query = 'sort=-market_cap&score_min=40';
    const json = await api.get<StockPage>(`/api/stocks?${query}&page_size=200`);
    const csv = await api.get(`/api/stocks?${query}&format=csv&page_size=3`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('x-total-count')).toBe(String(json.body.total));
    expect(csv.text.split('\r\n')[0]?.split(',').slice(0, 3)).toEqual(['rank', 'symbol', 'name']);
    const rows = parse(csv.text, { columns: true }) as Record<string, string>[];
    // Paging is ignored: every filtered stock, in the same order, with the same numbers.
    expect(rows).toHaveLength(json.body.total);
    rows.forEach((row, i) => {
      const item = json.body.items[i] as StockSummary;
      expect(row.symbol).toBe(item.symbol);
      expect(row.name).toBe(item.name);
      expect(Number(row.score)).toBe(item.score);
      expect(Number(row.market_cap)).toBe(item.market_cap);
      expect(Number(row.pe)).toBe(item.pe);
      expect(Number(row.sector_score)).toBe(item.factors.sector);
      expect(row.forecast_return_percent).toBe('');
    });
    const accepted = await api.get(`/api/stocks?${query}`, { headers: { accept: 'text/csv' } });
    expect(accepted.text).toBe(csv.text);
    // An explicit format wins over Accept.
    const explicit = await api.get<StockPage>(`/api/stocks?${query}&format=json`, {
      headers: { accept: 'text/csv' },
    });
    expect(explicit.body.total).toBe(json.body.total);
  });

  test.each([
    ['score_min=abc', ['score_min']],
    ['score_min=', ['score_min']],
    ['pe_min=20&pe_max=10', ['pe_min', 'pe_max']],
    ['rsi_min=80&rsi_max=20', ['rsi_min', 'rsi_max']],
    ['grade=A,Z', ['grade']],
    ['grade=A+', ['grade']],
    ['risk=extreme', ['risk']],
    ['confidence=', ['confidence']],
    ['sort=-volume', ['sort']],
    ['format=xml', ['format']],
    ['q=', ['q']],
    ['return12m_min=3', ['return12m_min']],
  ])('%s is a 400 naming %j', async (query, names) => {
    const response = await api.get<ErrorBody>(`/api/stocks?${query}`);
    expect(response.status, response.text).toBe(400);
    const issues = response.body.issues ?? [];
    expect(issues.length, response.text).toBeGreaterThan(0);
    const said = issues.map((i) => `${i.field} ${i.reason}`).join('; ');
    for (const name of names) expect(said).toContain(name);
    for (const issue of issues) expect(issue.field.split('.')[0]).toBe(names[0]);
  });

  test('the OpenAPI document lists every screener parameter and the CSV answer', async () => {
    const doc = await api.get<{
      paths: Record<
        string,
        {
          get: {
            parameters: { name: string; in: string }[];
            responses: Record<string, { content: Record<string, unknown> }>;
          };
        }
      >;
    }>('/docs/openapi.json');
    const operation = doc.body.paths['/api/stocks']?.get;
    const names = operation?.parameters.filter((p) => p.in === 'query').map((p) => p.name) ?? [];
    const wanted = [
      'page',
      'page_size',
      'q',
      'grade',
      'sector',
      'risk',
      'confidence',
      'sort',
      'format',
      ...STOCK_RANGE_FILTERS.flatMap((r) => [`${r}_min`, `${r}_max`]),
    ];
    expect([...names].sort()).toEqual([...wanted].sort());
    expect(Object.keys(operation?.responses['200']?.content ?? {})).toEqual(['application/json', 'text/csv']);
  });
});
