import { InvalidArgumentError } from '@da-ki/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidResponseError, NotFoundError } from '../errors/index.js';
import {
  type FixtureServer,
  readFixture,
  sendText,
  startFixtureServer,
} from '../http/testing/fixture-server.js';
import { VirtualClock } from '../http/testing/virtual-clock.js';
import { RssNewsProvider, type RssNewsProviderOptions, YAHOO_HEADLINE_FEED } from './rss-news-provider.js';

const fixture = (name: string) => readFixture(import.meta.url, `fixtures/${name}`);
const RSS = 'application/rss+xml;charset=utf-8';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer((request, response) => {
    const symbol = request.query.get('s') ?? request.path.split('/').pop();
    if (request.path === '/rss/2.0/headline') {
      if (symbol === 'MSFT') return sendText(response, 200, fixture('yahoo-headline-msft.xml'), RSS);
      if (symbol === 'BROKEN') return sendText(response, 200, fixture('malformed.xml'), RSS);
      if (symbol === 'HTML') return sendText(response, 200, '<html><body>Oops</body></html>', 'text/html');
      if (symbol === 'GONE') return sendText(response, 404, 'Not Found');
      if (symbol === 'DOWN') return sendText(response, 503, 'Service Unavailable');
      return sendText(response, 200, fixture('empty-channel.xml'), RSS);
    }
    if (request.path === '/atom/MSFT')
      return sendText(response, 200, fixture('atom-msft.xml'), 'application/atom+xml');
    if (request.path === '/atom/DOWN')
      return sendText(response, 200, fixture('atom-msft.xml'), 'application/atom+xml');
    return sendText(response, 404, 'Not Found');
  });
});
afterAll(() => server.close());

const yahooTemplate = () => `${server.url}/rss/2.0/headline?s={symbol}&region=US&lang=en-US`;
const atomTemplate = () => `${server.url}/atom/{symbol}`;
const provider = (options: RssNewsProviderOptions = {}) =>
  new RssNewsProvider({ urlTemplate: yahooTemplate(), clock: new VirtualClock(), ...options });
const at = (iso: string) => Date.parse(iso);

describe('RssNewsProvider with an RSS 2.0 feed', () => {
  it('returns the items deduplicated, dated and newest first, with text decoded', async () => {
    const news = await provider().getNews('MSFT');
    expect(news.map((item) => [item.title, item.publishedAt])).toEqual([
      ["Microsoft's Azure growth beats estimates as AI demand surges", at('2024-05-17T14:30:00Z')],
      ['Is Microsoft stock a buy ahead of Build 2024?', at('2024-05-17T11:05:00Z')],
      ['Microsoft faces EU scrutiny over Teams & Office bundling', at('2024-05-16T09:45:00Z')],
      ['Microsoft Announces Quarterly Dividend', at('2024-05-15T20:10:00Z')],
      ['Microsoft cuts jobs in mixed reality unit', at('2024-05-14T18:30:00Z')],
      ['Stocks making the biggest moves midday', at('2024-05-14T16:00:00Z')],
      ['Microsoft & Activision: a year after the deal', at('2024-05-13T15:00:00Z')],
      ['Windows 11 update brings Copilot to more PCs', at('2024-05-13T09:00:00Z')], // 05:00 EDT
      ['Stocks making the biggest moves midday', at('2024-05-10T16:00:00Z')],
    ]);
    expect(news[0]).toEqual({
      symbol: 'MSFT',
      source: 'rss',
      title: "Microsoft's Azure growth beats estimates as AI demand surges",
      summary:
        'Microsoft\u2019s cloud unit grew 31% as AI services drew new customers, beating Wall Street\u2019s estimates.',
      url: 'https://finance.yahoo.com/news/microsoft-azure-growth-beats-estimates-143000123.html?.tsrc=rss',
      publishedAt: at('2024-05-17T14:30:00Z'),
    });
    expect(news[4]?.summary).toBe(
      'The company is trimming staff in its mixed-reality & Azure for Operators units.',
    );
  });

  it('fills the symbol into the URL template, encoded', async () => {
    await provider().getNews('^GSPC');
    const request = server.requests.at(-1)!;
    expect(request.path).toBe('/rss/2.0/headline');
    expect(request.query.get('s')).toBe('^GSPC');
    expect(request.query.get('region')).toBe('US');
  });

  it('honours since and limit', async () => {
    const news = await provider().getNews('MSFT', { since: at('2024-05-15T00:00:00Z'), limit: 3 });
    expect(news.map((item) => item.publishedAt)).toEqual([
      at('2024-05-17T14:30:00Z'),
      at('2024-05-17T11:05:00Z'),
      at('2024-05-16T09:45:00Z'),
    ]);
    expect(await provider().getNews('MSFT', { limit: 0 })).toEqual([]);
  });

  it('returns [] for a feed without items', async () => {
    expect(await provider().getNews('ZZZZZZ')).toEqual([]);
  });

  it('rejects malformed XML and documents that are not feeds with InvalidResponseError', async () => {
    const malformed = await provider()
      .getNews('BROKEN')
      .catch((e: unknown) => e);
    expect(malformed).toBeInstanceOf(InvalidResponseError);
    expect((malformed as Error).message).toMatch(/malformed XML at line 2/);
    const html = await provider()
      .getNews('HTML')
      .catch((e: unknown) => e);
    expect(html).toBeInstanceOf(InvalidResponseError);
    expect((html as Error).message).toMatch(/neither an RSS nor an Atom feed/);
  });

  it('turns HTTP 404 into NotFoundError', async () => {
    await expect(provider().getNews('GONE')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('RssNewsProvider with Atom and several feeds', () => {
  it('parses Atom (html titles, alternate links, published/updated, content) and merges feeds without repeats', async () => {
    const news = await provider({ urlTemplate: [yahooTemplate(), atomTemplate()] }).getNews('MSFT');
    expect(news.length).toBe(12);
    expect(news[0]).toEqual({
      symbol: 'MSFT',
      source: 'rss',
      title: 'Microsoft unveils Copilot+ PCs at Build',
      summary: 'New Surface devices run AI features locally & offline.',
      url: 'https://news.example.org/2024/05/17/microsoft-copilot-plus-pcs',
      publishedAt: at('2024-05-17T15:45:00Z'),
    });
    // The Atom copy of the Azure story (same link after normalisation, later) is dropped.
    const azure = news.filter((item) => item.title.startsWith("Microsoft's Azure growth"));
    expect(azure.length).toBe(1);
    expect(azure[0]?.publishedAt).toBe(at('2024-05-17T14:30:00Z'));
    const france = news.find((item) => item.title.includes('French cloud'));
    expect(france).toMatchObject({
      title: 'Microsoft to invest \u20ac4 billion in French cloud & AI infrastructure',
      summary: 'The investment is part of the \u201cChoose France\u201d summit.',
      publishedAt: at('2024-05-13T06:30:00Z'),
    });
    expect(news.at(-2)?.title).toBe('Microsoft reportedly in talks over new data center deals'); // updated 05-12, no published
  });

  it('answers from the feeds that work and reports the one that failed', async () => {
    const failed: string[] = [];
    const news = await provider({
      urlTemplate: [yahooTemplate(), atomTemplate()],
      retry: { maxAttempts: 2 },
      onFeedError: (_error, url) => failed.push(url),
    }).getNews('DOWN');
    expect(news.length).toBe(4); // the Atom feed's entries
    expect(failed).toEqual([`${server.url}/rss/2.0/headline?s=DOWN&region=US&lang=en-US`]);
  });

  it('defaults to Yahoo Finance headlines and checks its templates', () => {
    expect(YAHOO_HEADLINE_FEED).toBe(
      'https://feeds.finance.yahoo.com/rss/2.0/headline?s={symbol}&region=US&lang=en-US',
    );
    expect(new RssNewsProvider().name).toBe('rss');
    expect(() => new RssNewsProvider({ urlTemplate: 'https://example.org/feed' })).toThrow(
      InvalidArgumentError,
    );
    expect(() => new RssNewsProvider({ urlTemplate: '/feed/{symbol}' })).toThrow(/relative: give baseUrl/);
    expect(() => new RssNewsProvider({ urlTemplate: [] })).toThrow(InvalidArgumentError);
  });

  it('resolves a relative template against baseUrl', async () => {
    const news = await new RssNewsProvider({ baseUrl: server.url, urlTemplate: '/atom/{symbol}' }).getNews(
      'MSFT',
    );
    expect(news.length).toBe(4);
  });
});
