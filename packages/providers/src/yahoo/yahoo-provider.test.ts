import { readFileSync } from 'node:fs';
import { InvalidArgumentError, isValidatedBars } from '@da-ki/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  InvalidResponseError,
  NotFoundError,
  ProviderError,
  ProviderUnavailableError,
} from '../errors/index.js';
import {
  delay,
  type FixtureServer,
  readFixture,
  sendJson,
  sendText,
  startFixtureServer,
} from '../http/testing/fixture-server.js';
import { VirtualClock } from '../http/testing/virtual-clock.js';
import { YahooFinanceProvider, type YahooFinanceProviderOptions } from './yahoo-provider.js';

const fixture = (name: string) => readFixture(import.meta.url, `fixtures/${name}`);
const DAY_MS = 86_400_000;

/** The MSFT rows the chart fixture was built from, read straight from the shared CSV. */
function msftCsvRows(firstDate: string, count: number) {
  const lines = readFileSync(new URL('../../../../../shared/data/msft.csv', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
  const start = lines.findIndex((cells) => cells[0] === firstDate);
  return lines.slice(start, start + count).map(([date, open, high, low, close, volume]) => ({
    timestamp: Date.parse(`${date}T00:00:00Z`),
    open: Number(open),
    high: Number(high),
    low: Number(low),
    close: Number(close),
    volume: Number(volume),
  }));
}

/** A stand-in for Yahoo: chart, quote summary behind a cookie + crumb, search, and failure modes. */
class FakeYahoo {
  crumb = 'k8Vq3wUm.Zd';
  cookie =
    'A3=d=AQABBKqLRmYCELm7m6mXv1hZ9Lh3rOiUu5oFEgEBAQHdR2ZQZtxR0iMA_eMAAA&S=AQAAAkPhV0jp5QGmvYO9aR9vJxw';
  flakyFailures = 0;
  chartDelayMs = 0;
  server!: FixtureServer;

  async start(): Promise<void> {
    this.server = await startFixtureServer(async (request, response) => {
      const symbol = decodeURIComponent(request.path.split('/').pop() ?? '');
      if (request.path === '/consent') {
        return sendText(response, 404, '<html>Not Found</html>', 'text/html', {
          'set-cookie': `${this.cookie}; Expires=Sat, 17 May 2025 12:00:00 GMT; Max-Age=31557600; Domain=.yahoo.com; Path=/; SameSite=None; Secure; HttpOnly`,
        });
      }
      if (request.path === '/v1/test/getcrumb') {
        if (request.headers.cookie !== this.cookie) return sendText(response, 401, '');
        return sendText(response, 200, this.crumb);
      }
      if (request.path.startsWith('/v10/finance/quoteSummary/')) {
        if (request.query.get('crumb') !== this.crumb || request.headers.cookie !== this.cookie) {
          return sendJson(response, 401, fixture('crumb-invalid.json'));
        }
        if (symbol === 'MSFT') return sendJson(response, 200, fixture('quote-summary-msft.json'));
        if (symbol === 'RIVN') return sendJson(response, 200, fixture('quote-summary-rivn.json'));
        return sendJson(response, 404, fixture('quote-summary-unknown.json'));
      }
      if (request.path.startsWith('/v8/finance/chart/')) {
        if (this.chartDelayMs > 0) await delay(this.chartDelayMs);
        if (symbol === 'FLAKY' && this.flakyFailures-- > 0)
          return sendText(response, 503, 'Service Unavailable');
        if (symbol === 'MSFT' || symbol === 'FLAKY')
          return sendJson(response, 200, fixture('chart-msft.json'));
        if (symbol === 'NODATA') return sendJson(response, 200, fixture('chart-empty.json'));
        if (symbol === 'BROKEN') return sendJson(response, 200, '{"chart":{"result":[{"meta":');
        if (symbol === 'BADROW') {
          const body = JSON.parse(fixture('chart-msft.json'));
          body.chart.result[0].indicators.quote[0].high[3] = 1; // high below low
          return sendJson(response, 200, body);
        }
        return sendJson(response, 404, fixture('chart-unknown.json'));
      }
      if (request.path === '/v1/finance/search') return sendJson(response, 200, fixture('search-apple.json'));
      return sendText(response, 404, 'no route');
    });
  }

  provider(options: YahooFinanceProviderOptions = {}): YahooFinanceProvider {
    return new YahooFinanceProvider({
      baseUrl: this.server.url,
      cookieUrl: `${this.server.url}/consent`,
      clock: new VirtualClock({ start: Date.UTC(2024, 4, 17) }),
      ...options,
    });
  }
}

const yahoo = new FakeYahoo();
beforeAll(() => yahoo.start());
afterAll(() => yahoo.server.close());

describe('YahooFinanceProvider.getBars', () => {
  it('returns the chart rows as daily bars at 00:00 UTC of each trading date, dropping null rows', async () => {
    const series = await yahoo.provider().getBars('MSFT');
    const expected = msftCsvRows('2001-01-02', 30).filter((_, i) => i !== 7); // row 7 is all null in the fixture
    expect(series.symbol).toBe('MSFT');
    expect(series.source).toBe('yahoo');
    expect(isValidatedBars(series)).toBe(true);
    expect(Array.from(series.timestamps)).toEqual(expected.map((bar) => bar.timestamp));
    expect(Array.from(series.open)).toEqual(expected.map((bar) => bar.open));
    expect(Array.from(series.high)).toEqual(expected.map((bar) => bar.high));
    expect(Array.from(series.low)).toEqual(expected.map((bar) => bar.low));
    expect(Array.from(series.close)).toEqual(expected.map((bar) => bar.close));
    expect(Array.from(series.volume)).toEqual(expected.map((bar) => bar.volume));
  });

  it('asks for daily bars with events over period1..period2 and honours from/to', async () => {
    const from = Date.UTC(2001, 0, 10);
    const to = Date.UTC(2001, 0, 19);
    const series = await yahoo.provider().getBars('MSFT', { from, to });
    const request = yahoo.server.requests.at(-1)!;
    expect(request.query.get('interval')).toBe('1d');
    expect(request.query.get('events')).toBe('div,split');
    expect(Number(request.query.get('period1'))).toBe(from / 1000);
    expect(Number(request.query.get('period2'))).toBeGreaterThan(to / 1000);
    const expected = msftCsvRows('2001-01-02', 30).filter(
      (bar, i) => i !== 7 && bar.timestamp >= from && bar.timestamp <= to,
    );
    expect(expected.length).toBe(6);
    expect(Array.from(series.timestamps)).toEqual(expected.map((bar) => bar.timestamp));
  });

  it('with adjusted: true scales open/high/low by adjclose / close and uses adjclose as close', async () => {
    const raw = JSON.parse(fixture('chart-msft.json')).chart.result[0];
    const adjclose: (number | null)[] = raw.indicators.adjclose[0].adjclose;
    const series = await yahoo.provider({ adjusted: true }).getBars('MSFT');
    const rows = msftCsvRows('2001-01-02', 30)
      .map((bar, i) => ({ bar, adj: adjclose[i] }))
      .filter(({ adj }) => adj !== null);
    expect(series.close.length).toBe(rows.length);
    rows.forEach(({ bar, adj }, i) => {
      const factor = (adj as number) / bar.close;
      expect(series.close[i]).toBe(adj);
      expect(series.open[i]).toBeCloseTo(bar.open * factor, 10);
      expect(series.high[i]).toBeCloseTo(bar.high * factor, 10);
      expect(series.low[i]).toBeCloseTo(bar.low * factor, 10);
      expect(series.volume[i]).toBe(bar.volume);
    });
  });

  it('returns an empty series when the range holds no bars', async () => {
    const series = await yahoo.provider().getBars('NODATA');
    expect(series.timestamps.length).toBe(0);
    expect(series.close.length).toBe(0);
  });

  it('throws NotFoundError naming provider and symbol for an unknown symbol', async () => {
    const error = await yahoo
      .provider()
      .getBars('ZZZZZZ')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ provider: 'yahoo', symbol: 'ZZZZZZ' });
    expect((error as Error).message).toContain('No data found, symbol may be delisted');
  });

  it('throws InvalidResponseError on malformed JSON and on bars that fail validateBars', async () => {
    const malformed = await yahoo
      .provider()
      .getBars('BROKEN')
      .catch((e: unknown) => e);
    expect(malformed).toBeInstanceOf(InvalidResponseError);
    expect((malformed as Error).message).toMatch(/malformed JSON/);
    const badRow = await yahoo
      .provider()
      .getBars('BADROW')
      .catch((e: unknown) => e);
    expect(badRow).toBeInstanceOf(InvalidResponseError);
    expect((badRow as InvalidResponseError).path).toEqual(['high', 3]);
    expect(badRow).toMatchObject({ symbol: 'BADROW', provider: 'yahoo' });
  });

  it('retries a 503 and then answers', async () => {
    yahoo.flakyFailures = 2;
    const before = yahoo.server.hits('/v8/finance/chart/FLAKY');
    const series = await yahoo.provider().getBars('FLAKY');
    expect(series.close.length).toBe(29);
    expect(yahoo.server.hits('/v8/finance/chart/FLAKY') - before).toBe(3);
  });

  it('keeps at most 4 requests in flight by default', async () => {
    yahoo.chartDelayMs = 40;
    const server = await startFixtureServer(async (_request, response) => {
      await delay(40);
      sendJson(response, 200, fixture('chart-msft.json'));
    });
    try {
      const provider = new YahooFinanceProvider({ baseUrl: server.url });
      await Promise.all(Array.from({ length: 12 }, () => provider.getBars('MSFT')));
      expect(server.requests.length).toBe(12);
      expect(server.maxConcurrent).toBe(4);
    } finally {
      yahoo.chartDelayMs = 0;
      await server.close();
    }
  });

  it('rejects a symbol that cannot be a ticker before sending anything', async () => {
    const before = yahoo.server.requests.length;
    await expect(yahoo.provider().getBars('../etc')).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(yahoo.server.requests.length).toBe(before);
  });
});

describe('YahooFinanceProvider.getFundamentals and the crumb handshake', () => {
  beforeEach(() => {
    yahoo.crumb = 'k8Vq3wUm.Zd';
  });

  it('maps the quote summary modules onto fundamentals', async () => {
    const fundamentals = await yahoo.provider().getFundamentals('MSFT');
    expect(fundamentals).toEqual({
      symbol: 'MSFT',
      source: 'yahoo',
      marketCap: 3123094151168,
      earnings: 86181003264,
      bookValue: 34.728 * 7432310272,
      revenue: 236583993344,
      peRatio: 36.35381,
      pbRatio: 12.099919,
      debtToEquity: expect.closeTo(0.41882, 12), // Yahoo: 41.882 (%)
      returnOnEquity: 0.38489,
      profitMargin: 0.36426,
      revenueGrowth: 0.17,
      earningsGrowth: 0.2,
      dividendYield: 0.0071,
      beta: 0.894,
      sector: 'Information Technology',
      currency: 'USD',
      financialCurrency: 'USD',
      asOf: 1715976001000,
    });
  });

  it('reads empty {} and "Infinity" values as missing and keeps negative earnings', async () => {
    const fundamentals = await yahoo.provider().getFundamentals('RIVN');
    expect(fundamentals.peRatio).toBeUndefined();
    expect(fundamentals.dividendYield).toBeUndefined();
    expect(fundamentals.earningsGrowth).toBeUndefined();
    expect(fundamentals.earnings).toBe(-5739999744);
    expect(fundamentals.returnOnEquity).toBe(-0.47921);
    expect(fundamentals.sector).toBe('Consumer Discretionary');
  });

  it('performs the cookie/crumb handshake once, sending crumb and cookie, shared by concurrent calls', async () => {
    const provider = yahoo.provider();
    const consentBefore = yahoo.server.hits('/consent');
    const crumbBefore = yahoo.server.hits('/v1/test/getcrumb');
    await Promise.all([provider.getFundamentals('MSFT'), provider.getFundamentals('RIVN')]);
    await provider.getFundamentals('MSFT');
    expect(yahoo.server.hits('/consent') - consentBefore).toBe(1);
    expect(yahoo.server.hits('/v1/test/getcrumb') - crumbBefore).toBe(1);
    const last = yahoo.server.requests.at(-1)!;
    expect(last.query.get('crumb')).toBe(yahoo.crumb);
    expect(last.headers.cookie).toBe(yahoo.cookie);
    expect(last.query.get('modules')).toBe(
      'price,summaryDetail,defaultKeyStatistics,financialData,assetProfile',
    );
  });

  it('refreshes the crumb once on HTTP 401 and retries', async () => {
    const provider = yahoo.provider();
    await provider.getFundamentals('MSFT');
    yahoo.crumb = 'Rotated.crumb2';
    const crumbBefore = yahoo.server.hits('/v1/test/getcrumb');
    const summaryBefore = yahoo.server.hits('/v10/finance/quoteSummary/MSFT');
    const fundamentals = await provider.getFundamentals('MSFT');
    expect(fundamentals.peRatio).toBe(36.35381);
    expect(yahoo.server.hits('/v1/test/getcrumb') - crumbBefore).toBe(1);
    expect(yahoo.server.hits('/v10/finance/quoteSummary/MSFT') - summaryBefore).toBe(2); // 401, then 200
  });

  it('gives up with a ProviderError when the fresh crumb is refused too', async () => {
    const server = await startFixtureServer((request, response) => {
      if (request.path === '/consent')
        return sendText(response, 404, '', 'text/html', { 'set-cookie': 'A3=x; Path=/' });
      if (request.path === '/v1/test/getcrumb') return sendText(response, 200, 'abc');
      return sendJson(response, 401, fixture('crumb-invalid.json'));
    });
    try {
      const provider = new YahooFinanceProvider({ baseUrl: server.url, cookieUrl: `${server.url}/consent` });
      const error = await provider.getFundamentals('MSFT').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as Error).message).toMatch(/401.*even after a new crumb handshake/);
      expect(server.hits('/v10/finance/quoteSummary/MSFT')).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('fails the handshake clearly when the consent page sets no cookie', async () => {
    const server = await startFixtureServer((_request, response) => sendText(response, 404, 'nothing'));
    try {
      const provider = new YahooFinanceProvider({ baseUrl: server.url, cookieUrl: `${server.url}/consent` });
      const error = await provider.getFundamentals('MSFT').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderUnavailableError);
      expect((error as Error).message).toMatch(/crumb handshake failed: .*set no cookie/);
    } finally {
      await server.close();
    }
  });

  it('throws NotFoundError for an unknown symbol', async () => {
    const error = await yahoo
      .provider()
      .getFundamentals('ZZZZZZ')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe('yahoo (ZZZZZZ): Not Found: Quote not found for symbol: ZZZZZZ');
  });

  it('getSector answers from the configured list without a request, else from the asset profile', async () => {
    const provider = yahoo.provider({
      symbols: [{ symbol: 'KO', name: 'The Coca-Cola Company', sector: 'Consumer Staples' }],
    });
    const before = yahoo.server.requests.length;
    expect(await provider.getSector('KO')).toBe('Consumer Staples');
    expect(yahoo.server.requests.length).toBe(before);
    expect(await provider.getSector('MSFT')).toBe('Information Technology');
  });
});

describe('YahooFinanceProvider.search and listSymbols', () => {
  it('returns matches with name, exchange, type and GICS sector, skipping symbols the SDK cannot use', async () => {
    const results = await yahoo.provider().search('apple');
    expect(yahoo.server.requests.at(-1)!.query.get('q')).toBe('apple');
    expect(results.map((r) => r.symbol)).toEqual(['AAPL', 'AAPL.NE', 'APC.DE', 'AAPU', 'APLE']);
    expect(results[0]).toEqual({
      symbol: 'AAPL',
      name: 'Apple Inc.',
      exchange: 'NMS',
      type: 'EQUITY',
      sector: 'Information Technology',
    });
    expect(results[3]).toEqual({
      symbol: 'AAPU',
      name: 'Direxion Daily AAPL Bull 2X Shares',
      exchange: 'PCX',
      type: 'ETF',
    });
    expect(results[4]?.sector).toBe('Real Estate');
  });

  it('listSymbols returns the configured list (Yahoo has no universe listing) and validates it', async () => {
    const symbols = [{ symbol: 'MSFT', name: 'Microsoft Corporation', sector: 'Information Technology' }];
    expect(await yahoo.provider({ symbols }).listSymbols()).toEqual(symbols);
    expect(await yahoo.provider().listSymbols()).toEqual([]);
    expect(() =>
      yahoo.provider({ symbols: [{ symbol: 'BAD SYMBOL', name: 'x', sector: 'Energy' }] }),
    ).toThrow(InvalidArgumentError);
  });

  it('names itself and reports bars with a timestamp per trading day (no intraday stamps)', async () => {
    const provider = yahoo.provider({ name: 'yahoo-eu' });
    expect(provider.name).toBe('yahoo-eu');
    const series = await provider.getBars('MSFT');
    expect(series.source).toBe('yahoo-eu');
    for (const t of series.timestamps) expect(t % DAY_MS).toBe(0);
  });
});
