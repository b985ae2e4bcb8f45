import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlphaVantageProvider } from '../alphavantage/alphavantage-provider.js';
import {
  InvalidResponseError,
  NotFoundError,
  ProviderUnavailableError,
  RateLimitedError,
} from '../errors/index.js';
import { CircuitOpenError } from '../http/circuit-breaker.js';
import {
  type FixtureServer,
  readFixture,
  sendJson,
  sendText,
  startFixtureServer,
} from '../http/testing/fixture-server.js';
import { VirtualClock } from '../http/testing/virtual-clock.js';
import { RssNewsProvider } from '../rss/rss-news-provider.js';
import { YahooFinanceProvider } from '../yahoo/yahoo-provider.js';
import { type FallbackEvent, FallbackProvider } from './fallback-provider.js';

const yahooFixture = (name: string) => readFixture(import.meta.url, `../yahoo/fixtures/${name}`);
const avFixture = (name: string) => readFixture(import.meta.url, `../alphavantage/fixtures/${name}`);
const rssFixture = (name: string) => readFixture(import.meta.url, `../rss/fixtures/${name}`);

/** Yahoo stand-in whose behaviour per symbol is set by the test. */
let yahooMode: 'ok' | 'down' | 'not-found' | 'malformed' | 'rate-limited' = 'ok';
let yahooServer: FixtureServer;
let avServer: FixtureServer;
beforeAll(async () => {
  yahooServer = await startFixtureServer((request, response) => {
    if (request.path.startsWith('/rss/'))
      return sendText(response, 200, rssFixture('yahoo-headline-msft.xml'));
    if (yahooMode === 'down') return sendText(response, 503, 'Service Unavailable');
    if (yahooMode === 'not-found') return sendJson(response, 404, yahooFixture('chart-unknown.json'));
    if (yahooMode === 'malformed') return sendJson(response, 200, '{"chart":');
    if (yahooMode === 'rate-limited')
      return sendText(response, 429, 'Too Many Requests', 'text/plain', { 'retry-after': '3600' });
    return sendJson(response, 200, yahooFixture('chart-msft.json'));
  });
  avServer = await startFixtureServer((request, response) => {
    const symbol = request.query.get('symbol');
    if (symbol === 'MSFT') return sendJson(response, 200, avFixture('daily-msft.json'));
    if (symbol === 'LIMITED') return sendJson(response, 200, avFixture('rate-limit-note.json'));
    return sendJson(response, 200, avFixture('invalid-call.json'));
  });
});
afterAll(async () => {
  await yahooServer.close();
  await avServer.close();
});

function members(options: { breakerThreshold?: number } = {}) {
  const clock = new VirtualClock({ start: Date.UTC(2001, 8, 28) });
  const yahoo = new YahooFinanceProvider({
    baseUrl: yahooServer.url,
    clock,
    retry: { maxAttempts: 2 },
    circuitBreaker: { failureThreshold: options.breakerThreshold ?? 5, cooldownMs: 60_000 },
  });
  const av = new AlphaVantageProvider({ apiKey: 'TESTKEY123', baseUrl: avServer.url, clock });
  return { yahoo, av };
}

describe('FallbackProvider', () => {
  it('answers from the first provider and does not ask the others', async () => {
    yahooMode = 'ok';
    const { yahoo, av } = members();
    const fallback = new FallbackProvider([yahoo, av]);
    const avBefore = avServer.requests.length;
    const series = await fallback.getBars('MSFT');
    expect(series.source).toBe('yahoo');
    expect(fallback.answeredBy('MSFT')).toBe('yahoo');
    expect(avServer.requests.length).toBe(avBefore);
    expect(fallback.name).toBe('fallback(yahoo,alphavantage)');
  });

  it('moves on when a provider is unavailable (5xx after retries) and records who answered', async () => {
    yahooMode = 'down';
    const { yahoo, av } = members();
    const events: FallbackEvent[] = [];
    const fallback = new FallbackProvider([yahoo, av], { onFallback: (event) => events.push(event) });
    const series = await fallback.getBars('MSFT');
    expect(series.source).toBe('alphavantage');
    expect(series.close.length).toBe(30);
    expect(fallback.answeredBy('MSFT')).toBe('alphavantage');
    expect(fallback.lastAnswer).toEqual({ method: 'getBars', symbol: 'MSFT', provider: 'alphavantage' });
    expect(events.map((event) => [event.provider, event.method, event.symbol])).toEqual([
      ['yahoo', 'getBars', 'MSFT'],
    ]);
    expect(events[0]?.error).toBeInstanceOf(ProviderUnavailableError);
  });

  it('moves on when a provider does not know the symbol or is rate limited', async () => {
    const { yahoo, av } = members();
    yahooMode = 'not-found';
    expect((await new FallbackProvider([yahoo, av]).getBars('MSFT')).source).toBe('alphavantage');
    yahooMode = 'rate-limited'; // Retry-After 1 h: longer than the client waits, so it gives up at once
    expect((await new FallbackProvider([yahoo, av]).getBars('MSFT')).source).toBe('alphavantage');
  });

  it('skips a provider whose circuit is open without sending it anything', async () => {
    yahooMode = 'down';
    const { yahoo, av } = members({ breakerThreshold: 2 });
    const events: FallbackEvent[] = [];
    const fallback = new FallbackProvider([yahoo, av], { onFallback: (event) => events.push(event) });
    await fallback.getBars('MSFT'); // two failed attempts open Yahoo's circuit
    const yahooBefore = yahooServer.requests.length;
    expect((await fallback.getBars('MSFT')).source).toBe('alphavantage');
    expect(yahooServer.requests.length).toBe(yahooBefore);
    expect(events[1]?.error).toBeInstanceOf(CircuitOpenError);
  });

  it('throws NotFoundError when no provider knows the symbol', async () => {
    yahooMode = 'not-found';
    const { yahoo, av } = members();
    const error = await new FallbackProvider([yahoo, av]).getBars('ZZZZZZ').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ provider: 'fallback(yahoo,alphavantage)', symbol: 'ZZZZZZ' });
    expect((error as Error).message).toMatch(/yahoo \(ZZZZZZ\): .*alphavantage \(ZZZZZZ\): /);
    expect(((error as Error).cause as AggregateError).errors.length).toBe(2);
  });

  it('throws RateLimitedError with the shortest wait when the rest are rate limited', async () => {
    yahooMode = 'rate-limited';
    const { yahoo, av } = members();
    const error = await new FallbackProvider([yahoo, av]).getBars('LIMITED').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(60_000); // AV's per-minute note, shorter than 1 h
  });

  it('throws ProviderUnavailableError listing each failure when providers are down', async () => {
    yahooMode = 'down';
    const { yahoo } = members();
    const dead = await startFixtureServer(() => undefined);
    const deadUrl = dead.url;
    await dead.close();
    const unreachable = new YahooFinanceProvider({ name: 'mirror', baseUrl: deadUrl, retry: false });
    const error = await new FallbackProvider([yahoo, unreachable]).getBars('MSFT').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as Error).message).toMatch(
      /every provider failed \(yahoo: .*HTTP 503.*; mirror: .*network error/,
    );
  });

  it('stops at an InvalidResponseError instead of hiding it', async () => {
    yahooMode = 'malformed';
    const { yahoo, av } = members();
    const avBefore = avServer.requests.length;
    await expect(new FallbackProvider([yahoo, av]).getBars('MSFT')).rejects.toBeInstanceOf(
      InvalidResponseError,
    );
    expect(avServer.requests.length).toBe(avBefore);
  });

  it('forwards the other interfaces to the members that implement them', async () => {
    yahooMode = 'ok';
    const { yahoo } = members();
    const rss = new RssNewsProvider({ urlTemplate: `${yahooServer.url}/rss/2.0/headline?s={symbol}` });
    const fallback = new FallbackProvider([yahoo, rss]);
    const news = await fallback.getNews('MSFT', { limit: 2 });
    expect(news.map((item) => item.source)).toEqual(['rss', 'rss']);
    expect(fallback.answeredBy('MSFT', 'getNews')).toBe('rss');
    await expect(new FallbackProvider([rss]).getBars('MSFT')).rejects.toThrow(/no member implements getBars/);
  });

  it('falls back on plain network errors from providers that are not HTTP-client based', async () => {
    const offline = {
      name: 'offline',
      getSector: async (): Promise<string> => {
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
        });
      },
    };
    const table = {
      name: 'table',
      getSector: async (symbol: string) => (symbol === 'MSFT' ? 'Information Technology' : 'Energy'),
    };
    expect(await new FallbackProvider([offline, table]).getSector('MSFT')).toBe('Information Technology');
  });

  it('lists the union of the members’ symbols, first member winning on duplicates', async () => {
    const a = {
      name: 'a',
      listSymbols: async () => [
        { symbol: 'MSFT', name: 'Microsoft', sector: 'Information Technology' },
        { symbol: 'XOM', name: 'Exxon Mobil', sector: 'Energy' },
      ],
    };
    const b = {
      name: 'b',
      listSymbols: async () => [
        { symbol: 'XOM', name: 'EXXON MOBIL CORP', sector: 'Energy' },
        { symbol: 'KO', name: 'Coca-Cola', sector: 'Consumer Staples' },
      ],
    };
    const symbols = await new FallbackProvider([a, b]).listSymbols();
    expect(symbols.map((info) => [info.symbol, info.name])).toEqual([
      ['MSFT', 'Microsoft'],
      ['XOM', 'Exxon Mobil'],
      ['KO', 'Coca-Cola'],
    ]);
  });
});
