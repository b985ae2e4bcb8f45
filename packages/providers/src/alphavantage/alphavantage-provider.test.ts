import { readFileSync } from 'node:fs';
import { InvalidArgumentError, isValidatedBars } from '@da-ki/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InvalidResponseError, NotFoundError, ProviderError, RateLimitedError } from '../errors/index.js';
import {
  type FixtureServer,
  readFixture,
  sendJson,
  startFixtureServer,
} from '../http/testing/fixture-server.js';
import { VirtualClock } from '../http/testing/virtual-clock.js';
import { overviewToFundamentals } from './alphavantage-mapping.js';
import { AlphaVantageProvider, type AlphaVantageProviderOptions } from './alphavantage-provider.js';
import { overviewSchema } from './alphavantage-schemas.js';

const fixture = (name: string) => readFixture(import.meta.url, `fixtures/${name}`);
const API_KEY = 'TESTKEY123';
const START = Date.UTC(2001, 8, 28, 12); // the day after the last bar of the daily fixture

/** The last `count` rows of the shared MSFT CSV, ascending. */
function msftCsvTail(count: number) {
  const rows = readFileSync(new URL('../../../../../shared/data/msft.csv', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
  return rows.slice(-count).map(([date, open, high, low, close, volume]) => ({
    timestamp: Date.parse(`${date}T00:00:00Z`),
    open: Number(open),
    high: Number(high),
    low: Number(low),
    close: Number(close),
    volume: Number(volume),
  }));
}

/** A stand-in for www.alphavantage.co/query; `override` forces the next answers' body. */
let override: string | undefined;
let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer((request, response) => {
    if (request.path !== '/query') return sendJson(response, 404, { error: 'no route' });
    if (override !== undefined) return sendJson(response, 200, override);
    const fn = request.query.get('function');
    const symbol = request.query.get('symbol') ?? request.query.get('tickers');
    if (request.query.get('apikey') !== API_KEY)
      return sendJson(response, 200, fixture('invalid-apikey.json'));
    if (fn === 'TIME_SERIES_DAILY' && symbol === 'MSFT')
      return sendJson(response, 200, fixture('daily-msft.json'));
    if (fn === 'TIME_SERIES_DAILY' && symbol === 'BADNUM') {
      return sendJson(response, 200, fixture('daily-msft.json').replace('"49.9600"', '"n/a"'));
    }
    if (fn === 'TIME_SERIES_DAILY' && symbol === 'BROKEN') return sendJson(response, 200, '{"Meta Data": {');
    if (fn === 'TIME_SERIES_DAILY_ADJUSTED' && symbol === 'MSFT') {
      return sendJson(response, 200, fixture('daily-adjusted-msft.json'));
    }
    if (fn === 'TIME_SERIES_DAILY' || fn === 'TIME_SERIES_DAILY_ADJUSTED') {
      return sendJson(response, 200, fixture('invalid-call.json'));
    }
    if (fn === 'OVERVIEW' && symbol === 'IBM') return sendJson(response, 200, fixture('overview-ibm.json'));
    if (fn === 'OVERVIEW' && symbol === 'RIVN') return sendJson(response, 200, fixture('overview-rivn.json'));
    if (fn === 'OVERVIEW') return sendJson(response, 200, {});
    if (fn === 'NEWS_SENTIMENT' && symbol === 'MSFT')
      return sendJson(response, 200, fixture('news-msft.json'));
    if (fn === 'NEWS_SENTIMENT' && symbol === 'QUIET')
      return sendJson(response, 200, fixture('news-empty.json'));
    if (fn === 'NEWS_SENTIMENT') return sendJson(response, 200, fixture('news-invalid-inputs.json'));
    return sendJson(response, 200, { 'Error Message': 'This API function does not exist.' });
  });
});
afterAll(() => server.close());
afterEach(() => {
  override = undefined;
});

function provider(options: AlphaVantageProviderOptions = {}) {
  return new AlphaVantageProvider({
    apiKey: API_KEY,
    baseUrl: server.url,
    clock: new VirtualClock({ start: START }),
    ...options,
  });
}
const queryCount = () => server.hits('/query');
const lastQuery = () => server.requests.at(-1)!.query;

describe('AlphaVantageProvider.getBars', () => {
  it('parses TIME_SERIES_DAILY (strings keyed by date, newest first) into ascending validated bars', async () => {
    const series = await provider().getBars('MSFT');
    const expected = msftCsvTail(30);
    expect(series.source).toBe('alphavantage');
    expect(isValidatedBars(series)).toBe(true);
    expect(Array.from(series.timestamps)).toEqual(expected.map((bar) => bar.timestamp));
    expect(Array.from(series.open)).toEqual(expected.map((bar) => bar.open));
    expect(Array.from(series.high)).toEqual(expected.map((bar) => bar.high));
    expect(Array.from(series.low)).toEqual(expected.map((bar) => bar.low));
    expect(Array.from(series.close)).toEqual(expected.map((bar) => bar.close));
    expect(Array.from(series.volume)).toEqual(expected.map((bar) => bar.volume));
    expect(lastQuery().get('function')).toBe('TIME_SERIES_DAILY');
    expect(lastQuery().get('symbol')).toBe('MSFT');
    expect(lastQuery().get('apikey')).toBe(API_KEY);
    expect(lastQuery().get('outputsize')).toBe('compact');
  });

  it('asks for the full series only when `from` lies beyond the compact window', async () => {
    await provider().getBars('MSFT', { from: Date.UTC(2000, 0, 1) });
    expect(lastQuery().get('outputsize')).toBe('full');
    await provider({ outputSize: 'full' }).getBars('MSFT');
    expect(lastQuery().get('outputsize')).toBe('full');
  });

  it('asks for the compact series when `from` is recent, and honours from/to', async () => {
    const from = Date.UTC(2001, 8, 17);
    const to = Date.UTC(2001, 8, 21);
    const series = await provider().getBars('MSFT', { from, to });
    expect(lastQuery().get('outputsize')).toBe('compact');
    // Trading resumed on 2001-09-17 after the 9/11 closure.
    expect(Array.from(series.timestamps)).toEqual([17, 18, 19, 20, 21].map((day) => Date.UTC(2001, 8, day)));
  });

  it('with adjusted: true calls TIME_SERIES_DAILY_ADJUSTED and scales OHLC to the adjusted close', async () => {
    const body = JSON.parse(fixture('daily-adjusted-msft.json'))['Time Series (Daily)'];
    const series = await provider({ adjusted: true }).getBars('MSFT');
    expect(lastQuery().get('function')).toBe('TIME_SERIES_DAILY_ADJUSTED');
    expect(series.close.length).toBe(30);
    for (let i = 0; i < series.close.length; i++) {
      const date = new Date(series.timestamps[i] as number).toISOString().slice(0, 10);
      const bar = body[date];
      const factor = Number(bar['5. adjusted close']) / Number(bar['4. close']);
      expect(series.close[i]).toBe(Number(bar['5. adjusted close']));
      expect(series.open[i]).toBeCloseTo(Number(bar['1. open']) * factor, 10);
      expect(series.high[i]).toBeCloseTo(Number(bar['2. high']) * factor, 10);
      expect(series.low[i]).toBeCloseTo(Number(bar['3. low']) * factor, 10);
      expect(series.volume[i]).toBe(Number(bar['6. volume']));
    }
  });

  it('turns "Invalid API call" (HTTP 200) into NotFoundError for the symbol', async () => {
    const error = await provider()
      .getBars('ZZZZZZ')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ provider: 'alphavantage', symbol: 'ZZZZZZ' });
    expect((error as Error).message).toMatch(/unknown symbol for TIME_SERIES_DAILY.*Invalid API call/);
  });

  it('rejects malformed JSON and non-numeric strings with InvalidResponseError naming the path', async () => {
    await expect(provider().getBars('BROKEN')).rejects.toThrow(/malformed JSON/);
    const error = await provider()
      .getBars('BADNUM')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).path).toEqual(['Time Series (Daily)', '2001-09-27', '4. close']);
  });

  it('names a premium-only function and the option that avoids it', async () => {
    override = fixture('premium-endpoint.json');
    const error = await provider({ adjusted: true })
      .getBars('MSFT')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).not.toBeInstanceOf(RateLimitedError);
    expect((error as Error).message).toMatch(/premium feature: .*use \{ adjusted: false \}/);
  });

  it('reports a rejected API key as such', async () => {
    const error = await provider({ apiKey: 'WRONG' })
      .getBars('MSFT')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).message).toMatch(/API key rejected/);
  });
});

describe('AlphaVantageProvider rate limits and quota', () => {
  it('recognises the per-minute "Note" sent with HTTP 200 as RateLimitedError, without retrying it', async () => {
    override = fixture('rate-limit-note.json');
    const before = queryCount();
    const error = await provider()
      .getBars('MSFT')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(60_000);
    expect(queryCount() - before).toBe(1);
  });

  it('recognises the daily-limit "Information", hides the echoed key, and stops sending until 00:00 UTC', async () => {
    override = fixture('rate-limit-daily.json');
    const clock = new VirtualClock({ start: START });
    const av = provider({ clock });
    const error = await av.getBars('MSFT').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as Error).message).not.toContain(API_KEY);
    expect((error as Error).message).toContain('25 requests per day');
    expect((error as RateLimitedError).retryAfterMs).toBe(12 * 3600_000); // START is 12:00 UTC
    override = undefined;
    const before = queryCount();
    await expect(av.getBars('MSFT')).rejects.toThrow(
      /daily quota of 25 requests used up; resets at 00:00 UTC/,
    );
    expect(queryCount()).toBe(before);
    await clock.advance(12 * 3600_000);
    await expect(av.getBars('MSFT')).resolves.toMatchObject({ symbol: 'MSFT' });
  });

  it('counts requests against the free tier (25 a day, 5 a minute) and refuses the 26th before sending', async () => {
    const clock = new VirtualClock({ start: START });
    const av = provider({ clock });
    const before = queryCount();
    for (let i = 0; i < 25; i++) await av.getBars('MSFT');
    expect(queryCount() - before).toBe(25);
    // 5 at once, then one every 12 s: the 25th request went out 20 * 12 s after the first.
    expect(clock.now() - START).toBeGreaterThanOrEqual(240_000);
    const error = await av.getBars('MSFT').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as Error).message).toBe(
      `alphavantage (MSFT): daily quota of 25 requests used up; resets at 00:00 UTC, retry after ${(error as RateLimitedError).retryAfterMs} ms`,
    );
    expect(queryCount() - before).toBe(25);
    expect(av.quotaUsage()).toEqual({ today: 25, dailyQuota: 25 });
  });

  it('refuses a request that would wait more than a minute for the per-minute limit', async () => {
    const av = provider();
    const before = queryCount();
    const results = await Promise.allSettled(Array.from({ length: 11 }, () => av.getBars('MSFT')));
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused.length).toBe(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(RateLimitedError);
    expect(String((refused[0] as PromiseRejectedResult).reason.message)).toMatch(/request rate limit/);
    expect(queryCount() - before).toBe(10);
  });

  it('takes a custom quota merged over the free-tier defaults', async () => {
    const av = provider({ rateLimit: { dailyQuota: 2 } });
    await av.getBars('MSFT');
    await av.getBars('MSFT');
    await expect(av.getBars('MSFT')).rejects.toThrow(/daily quota of 2 requests/);
  });
});

describe('AlphaVantageProvider.getFundamentals', () => {
  it('maps OVERVIEW strings onto fundamentals, sector to GICS, and leaves debt/equity out', async () => {
    const fundamentals = await provider().getFundamentals('IBM');
    expect(fundamentals).toEqual({
      symbol: 'IBM',
      source: 'alphavantage',
      marketCap: 155400012000,
      earnings: 8.84 * 918741000,
      bookValue: 25.26 * 918741000,
      revenue: 61860000000,
      peRatio: 19.11,
      pbRatio: 6.67,
      returnOnEquity: 0.355,
      profitMargin: 0.128,
      revenueGrowth: 0.015,
      earningsGrowth: -0.13,
      dividendYield: 0.0394,
      beta: 0.732,
      sector: 'Information Technology',
      currency: 'USD',
      financialCurrency: 'USD',
      asOf: Date.UTC(2024, 2, 31),
    });
    expect(fundamentals.debtToEquity).toBeUndefined();
  });

  it('honours OVERVIEW Currency: money in a minor unit (GBX) becomes its major unit, ratios stay', () => {
    const ibm = overviewSchema.parse(JSON.parse(fixture('overview-ibm.json')));
    const inPence = overviewToFundamentals({ ...ibm, Currency: 'GBX' }, 'IBM', 'alphavantage');
    expect(inPence.currency).toBe('GBP');
    expect(inPence.financialCurrency).toBe('GBP');
    expect(inPence.marketCap).toBe(155400012000 / 100);
    expect(inPence.earnings).toBeCloseTo((8.84 * 918741000) / 100, 4);
    expect(inPence.bookValue).toBeCloseTo((25.26 * 918741000) / 100, 4);
    expect(inPence.revenue).toBe(61860000000 / 100);
    expect(inPence.peRatio).toBe(19.11);
    expect(inPence.pbRatio).toBe(6.67);
    expect(inPence.currencyNote).toBe('money stated in GBX (1/100 GBP), divided by 100');
    const inEuro = overviewToFundamentals({ ...ibm, Currency: 'EUR' }, 'IBM', 'alphavantage');
    expect(inEuro).toMatchObject({ currency: 'EUR', financialCurrency: 'EUR', marketCap: 155400012000 });
    expect(inEuro.currencyNote).toBeUndefined();
    const unstated = overviewToFundamentals({ ...ibm, Currency: undefined }, 'IBM', 'alphavantage');
    expect(unstated.currency).toBeUndefined();
  });

  it('reads "None" and "-" as missing values', async () => {
    const fundamentals = await provider().getFundamentals('RIVN');
    expect(fundamentals.peRatio).toBeUndefined();
    expect(fundamentals.dividendYield).toBeUndefined();
    expect(fundamentals.earningsGrowth).toBeUndefined();
    expect(fundamentals.returnOnEquity).toBe(-0.479);
    expect(fundamentals.earnings).toBeLessThan(0);
    expect(fundamentals.sector).toBe('Consumer Discretionary'); // MANUFACTURING / MOTOR VEHICLES
  });

  it('caches the overview for its TTL: fundamentals and sector cost one request', async () => {
    const clock = new VirtualClock({ start: START });
    const av = provider({ clock, overviewTtlMs: 3600_000 });
    const before = server.requests.filter((r) => r.query.get('function') === 'OVERVIEW').length;
    const overviewHits = () =>
      server.requests.filter((r) => r.query.get('function') === 'OVERVIEW').length - before;
    await Promise.all([av.getFundamentals('IBM'), av.getSector('IBM')]);
    await av.getFundamentals('IBM');
    expect(overviewHits()).toBe(1);
    expect(await av.getSector('IBM')).toBe('Information Technology');
    await clock.advance(3600_000);
    await av.getFundamentals('IBM');
    expect(overviewHits()).toBe(2);
  });

  it('throws NotFoundError when OVERVIEW answers {} for an unknown symbol', async () => {
    const error = await provider()
      .getFundamentals('ZZZZZZ')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe('alphavantage (ZZZZZZ): unknown symbol (OVERVIEW returned {})');
  });
});

describe('AlphaVantageProvider.getNews', () => {
  it('returns NEWS_SENTIMENT items newest first, with the ticker sentiment (or the overall one)', async () => {
    const news = await provider().getNews('MSFT');
    expect(lastQuery().get('function')).toBe('NEWS_SENTIMENT');
    expect(lastQuery().get('tickers')).toBe('MSFT');
    expect(news.length).toBe(10);
    const times = news.map((item) => item.publishedAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(news[0]).toMatchObject({
      symbol: 'MSFT',
      source: 'alphavantage',
      title: "Microsoft's AI Push Lifts Azure Growth Above Expectations",
      publishedAt: Date.UTC(2024, 4, 17, 14, 30),
      sentiment: 0.402,
    });
    // No MSFT entry in ticker_sentiment: the article's overall score.
    expect(news.find((item) => item.title.startsWith('Tech Stocks Slip'))?.sentiment).toBe(-0.187);
  });

  it('honours since (sent as time_from) and limit', async () => {
    const since = Date.UTC(2024, 4, 15, 12);
    const news = await provider().getNews('MSFT', { since, limit: 3 });
    expect(lastQuery().get('time_from')).toBe('20240515T1200');
    expect(news.map((item) => item.publishedAt)).toEqual([
      Date.UTC(2024, 4, 17, 14, 30),
      Date.UTC(2024, 4, 17, 11, 5),
      Date.UTC(2024, 4, 16, 20, 15),
    ]);
  });

  it('returns [] for an empty feed and NotFoundError for "Invalid inputs"', async () => {
    expect(await provider().getNews('QUIET')).toEqual([]);
    await expect(provider().getNews('ZZZZZZ')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('AlphaVantageProvider construction', () => {
  it('fails clearly without an API key, naming ALPHA_VANTAGE_API_KEY', () => {
    const saved = process.env.ALPHA_VANTAGE_API_KEY;
    delete process.env.ALPHA_VANTAGE_API_KEY;
    try {
      expect(() => new AlphaVantageProvider({ baseUrl: server.url })).toThrow(InvalidArgumentError);
      expect(() => new AlphaVantageProvider({ baseUrl: server.url })).toThrow(/ALPHA_VANTAGE_API_KEY/);
    } finally {
      if (saved !== undefined) process.env.ALPHA_VANTAGE_API_KEY = saved;
    }
  });

  it('reads the key from ALPHA_VANTAGE_API_KEY', async () => {
    const saved = process.env.ALPHA_VANTAGE_API_KEY;
    process.env.ALPHA_VANTAGE_API_KEY = API_KEY;
    try {
      const av = new AlphaVantageProvider({ baseUrl: server.url, clock: new VirtualClock({ start: START }) });
      await av.getBars('MSFT');
      expect(lastQuery().get('apikey')).toBe(API_KEY);
    } finally {
      if (saved === undefined) delete process.env.ALPHA_VANTAGE_API_KEY;
      else process.env.ALPHA_VANTAGE_API_KEY = saved;
    }
  });
});
