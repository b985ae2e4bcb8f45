import { FeatureEngineer, priceToBook, priceToEarnings } from '@da-ki/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidResponseError } from '../errors/index.js';
import { currencyUnit } from '../http/currency-units.js';
import {
  type FixtureServer,
  readFixture,
  sendJson,
  sendText,
  startFixtureServer,
} from '../http/testing/fixture-server.js';
import { VirtualClock } from '../http/testing/virtual-clock.js';
import { YahooFinanceProvider } from './yahoo-provider.js';

// Responses shaped and numbered as Yahoo's real ones: see fixtures/README.md for their sources.
const fixture = (name: string) => readFixture(import.meta.url, `fixtures/${name}`);
const json = (name: string) => JSON.parse(fixture(name));
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const COOKIE = 'A3=d=AQABBKvcsWcCEIGLkyl67hr2YX7XekV46j4FEgABCAErs2fZZ_bPb2UB9qMAAAcIq9yxZ63aZoI';
const CRUMB = 'haT3oykhHqZ';
const CNYUSD_PATH = `/v8/finance/chart/${encodeURIComponent('CNYUSD=X')}`;

/** What the fake Yahoo serves; tests switch parts of it. */
const served = {
  fxGmtOffset: 0,
  cnyUsdAvailable: true,
};

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer((request, response) => {
    const symbol = decodeURIComponent(request.path.split('/').pop() ?? '');
    if (request.path === '/consent') {
      return sendText(response, 404, '', 'text/html', { 'set-cookie': `${COOKIE}; Path=/` });
    }
    if (request.path === '/v1/test/getcrumb') return sendText(response, 200, CRUMB);
    if (request.path.startsWith('/v10/finance/quoteSummary/')) {
      if (symbol === 'BABA') return sendJson(response, 200, fixture('quote-summary-baba.json'));
      if (symbol === 'OCDO.L') return sendJson(response, 200, fixture('quote-summary-ocdo.json'));
      return sendJson(response, 404, fixture('quote-summary-unknown.json'));
    }
    if (request.path.startsWith('/v8/finance/chart/')) {
      if (symbol === 'NVDA') return sendJson(response, 200, fixture('chart-nvda-split-2021.json'));
      if (symbol === 'TSLA') return sendJson(response, 200, fixture('chart-intraday-1h.json'));
      if (symbol === 'EURUSD=X') {
        const body = json('chart-eurusd-dst-2020.json');
        body.chart.result[0].meta.gmtoffset = served.fxGmtOffset;
        return sendJson(response, 200, body);
      }
      if (symbol === 'MARS') {
        const body = json('chart-nvda-split-2021.json');
        body.chart.result[0].meta.exchangeTimezoneName = 'Mars/Olympus_Mons';
        return sendJson(response, 200, body);
      }
      if (symbol === 'CNYUSD=X' && served.cnyUsdAvailable) {
        return sendJson(response, 200, fixture('chart-cnyusd.json'));
      }
      return sendJson(response, 404, fixture('chart-unknown.json'));
    }
    return sendText(response, 404, 'no route');
  });
});
afterAll(() => server.close());

function provider(now: number, options: { adjusted?: boolean; clock?: VirtualClock } = {}) {
  return new YahooFinanceProvider({
    baseUrl: server.url,
    cookieUrl: `${server.url}/consent`,
    clock: options.clock ?? new VirtualClock({ start: now }),
    adjusted: options.adjusted ?? false,
    retry: false,
  });
}

describe('Yahoo bars across a split (NVDA 4:1 on 2021-07-20)', () => {
  const endOfJuly2021 = Date.UTC(2021, 6, 31, 12);

  it('as traded: the closes before the split are multiplied back by 4 and the volumes divided', async () => {
    const bars = await provider(endOfJuly2021).getBars('NVDA', { from: day('2021-07-12') });
    const dates = Array.from(bars.timestamps, iso);
    const before = dates.indexOf('2021-07-19');
    const after = dates.indexOf('2021-07-20');
    expect(after).toBe(before + 1);
    // Yahoo's split-adjusted 187.7975 is the 751.19 NVDA closed at on the last day before the split.
    expect(bars.close[before]).toBeCloseTo(751.19, 6);
    expect(bars.close[after]).toBeCloseTo(186.12, 6);
    expect((bars.close[before] as number) / (bars.close[after] as number)).toBeCloseTo(4.036, 3);
    expect(bars.volume[before]).toBe(18_726_500);
    expect(bars.volume[after]).toBe(43_468_700);
    expect(bars.open[0]).toBeCloseTo(809.6, 6); // 2021-07-12, 202.4 × 4
    expect(bars.close.at(-1)).toBeCloseTo(194.99, 6); // after the split: as served
  });

  it('adjusted: the same rows show no step at the split', async () => {
    const bars = await provider(endOfJuly2021, { adjusted: true }).getBars('NVDA');
    const dates = Array.from(bars.timestamps, iso);
    const before = dates.indexOf('2021-07-19');
    expect(bars.close[before]).toBeCloseTo(187.7975, 6);
    expect(bars.close[before + 1]).toBeCloseTo(186.12, 6);
    expect(bars.volume[before]).toBe(74_906_000);
  });

  it('asks for the range up to today, so that a split after `to` is still undone', async () => {
    const bars = await provider(endOfJuly2021).getBars('NVDA', {
      from: day('2021-07-12'),
      to: day('2021-07-16'),
    });
    const request = server.requests.filter((r) => r.path === '/v8/finance/chart/NVDA').at(-1);
    expect(Number(request?.query.get('period2'))).toBeGreaterThan(endOfJuly2021 / 1000);
    expect(Array.from(bars.timestamps, iso)).toEqual([
      '2021-07-12',
      '2021-07-13',
      '2021-07-14',
      '2021-07-15',
      '2021-07-16',
    ]);
    expect(bars.close[0]).toBeCloseTo(205.125 * 4, 6);
  });
});

describe('Yahoo bar dates from each bar’s own offset (EURUSD=X across the 2020 UK summer-time switch)', () => {
  const expected = [
    '2020-03-23',
    '2020-03-24',
    '2020-03-25',
    '2020-03-26',
    '2020-03-27',
    '2020-03-30',
    '2020-03-31',
    // 2020-04-01 is a null row: dropped.
    '2020-04-02',
    '2020-04-03',
  ];

  it.each([
    ['in winter (gmtoffset 0)', 0],
    ['in summer (gmtoffset 3600)', 3600],
  ])('puts winter and summer bars on their London dates when answered %s', async (_when, offset) => {
    served.fxGmtOffset = offset;
    const bars = await provider(Date.UTC(2020, 11, 14)).getBars('EURUSD=X', {
      from: day('2020-03-23'),
      to: day('2020-04-03'),
    });
    expect(Array.from(bars.timestamps, iso)).toEqual(expected);
    // The first summer bar (stamped 2020-03-29 23:00 UTC, Monday 00:00 in London) is Monday's.
    expect(bars.close[5]).toBe(1.11);
    expect(bars.close[7]).toBe(1.0962);
    served.fxGmtOffset = 0;
  });

  it('refuses a time zone Intl does not know, naming the field', async () => {
    const error = await provider(Date.UTC(2021, 6, 31))
      .getBars('MARS')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).path).toEqual([
      'chart',
      'result',
      0,
      'meta',
      'exchangeTimezoneName',
    ]);
    expect((error as Error).message).toContain('Mars/Olympus_Mons');
  });
});

describe('Yahoo bar size', () => {
  it('rejects an hourly answer to a daily request instead of reading it as seven days', async () => {
    const error = await provider(Date.UTC(2025, 0, 3))
      .getBars('TSLA', { from: day('2025-01-02'), to: day('2025-01-02') })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ provider: 'yahoo', symbol: 'TSLA' });
    expect((error as InvalidResponseError).path).toEqual(['chart', 'result', 0, 'meta', 'dataGranularity']);
    expect((error as Error).message).toMatch(/"1h" but "1d" bars were requested/);
  });
});

describe('Yahoo fundamentals in one currency', () => {
  const quoteDay = Date.UTC(2025, 1, 24, 10);
  const babaTrailingPE = 20.924309;

  it('converts a foreign filer’s statements (BABA: CNY) with Yahoo’s CNYUSD=X close', async () => {
    served.cnyUsdAvailable = true;
    const baba = await provider(quoteDay).getFundamentals('BABA');
    expect(baba.currency).toBe('USD');
    expect(baba.financialCurrency).toBe('USD');
    expect(baba.earnings).toBeCloseTo(120_358_002_688 * 0.1379, 0);
    expect(baba.revenue).toBeCloseTo(981_767_028_736 * 0.1379, 0);
    expect(baba.currencyNote).toBe(
      'earnings, book value and revenue converted from CNY at 0.1379 USD per CNY (CNYUSD=X close of 2025-02-21)',
    );
    // The P/E the score uses is within 1 % of Yahoo's own (it is Yahoo's: EPS is stated in USD).
    expect(Math.abs(priceToEarnings(baba) / babaTrailingPE - 1)).toBeLessThan(0.01);
    // Market cap / converted earnings: 20.58, not the 2.84 of a mixed-currency quotient. The 1.7 %
    // to Yahoo's 20.92 is basic shares (market cap) against diluted EPS (Yahoo's P/E).
    const derivedPE = (baba.marketCap as number) / (baba.earnings as number);
    expect(derivedPE).toBeCloseTo(20.578, 2);
    expect(Math.abs(derivedPE / babaTrailingPE - 1)).toBeLessThan(0.02);
    const features = new FeatureEngineer()
      .compute({ bars: await provider(Date.UTC(2021, 6, 31, 12)).getBars('NVDA'), fundamentals: baba })
      .latest();
    expect(features.pe_ratio).toBeCloseTo(derivedPE, 10);
    // P/B: Yahoo's 0.33 divides a USD price by CNY book value; converted it is 2.41.
    expect(baba.pbRatio).toBeCloseTo(2.41, 2);
    expect(features.pb_ratio).toBeCloseTo(2.41, 2);
  });

  it('asks for the exchange rate once a day', async () => {
    served.cnyUsdAvailable = true;
    const clock = new VirtualClock({ start: Date.UTC(2025, 1, 25, 9) });
    const yahoo = provider(0, { clock });
    const before = server.hits(CNYUSD_PATH);
    await Promise.all([yahoo.getFundamentals('BABA'), yahoo.getFundamentals('BABA')]);
    await yahoo.getFundamentals('BABA');
    expect(server.hits(CNYUSD_PATH) - before).toBe(1);
    await clock.advance(86_400_000);
    await yahoo.getFundamentals('BABA');
    expect(server.hits(CNYUSD_PATH) - before).toBe(2);
  });

  it('without a rate keeps the statements in CNY, uses Yahoo’s P/E and leaves P/B out with the reason', async () => {
    served.cnyUsdAvailable = false;
    try {
      const yahoo = provider(quoteDay);
      const baba = await yahoo.getFundamentals('BABA');
      expect(baba.currency).toBe('USD');
      expect(baba.financialCurrency).toBe('CNY');
      expect(baba.earnings).toBe(120_358_002_688);
      expect(baba.peRatio).toBe(babaTrailingPE);
      expect(baba.pbRatio).toBeUndefined();
      expect(baba.currencyNote).toBe('no CNYUSD=X rate (Not Found: No data found, symbol may be delisted)');
      expect(priceToBook(baba)).toBeNaN();
      const features = new FeatureEngineer()
        .compute({ bars: await provider(Date.UTC(2021, 6, 31, 12)).getBars('NVDA'), fundamentals: baba })
        .latest();
      expect(features.pe_ratio).toBe(babaTrailingPE); // not 2.84
      expect(features.pb_ratio).toBeNaN(); // not 0.33
      // A failed look-up is not remembered: once the rate is served, the next call converts.
      served.cnyUsdAvailable = true;
      expect((await yahoo.getFundamentals('BABA')).financialCurrency).toBe('USD');
    } finally {
      served.cnyUsdAvailable = true;
    }
  });

  it('normalises a London quote in pence (OCDO.L, GBp): P/B 1.85, not 185', async () => {
    const ocdo = await provider(quoteDay).getFundamentals('OCDO.L');
    expect(ocdo.currency).toBe('GBP');
    expect(ocdo.financialCurrency).toBe('GBP');
    expect(ocdo.marketCap).toBe(2_544_151_552);
    expect(ocdo.bookValue).toBeCloseTo(1.668 * 823_350_016, 0);
    expect(ocdo.pbRatio).toBeCloseTo(1.8525, 4);
    expect(ocdo.peRatio).toBeUndefined(); // a loss-maker: Yahoo gives no trailing P/E
    expect(ocdo.currencyNote).toBe("price quoted in GBp (1/100 GBP): Yahoo's P/E and P/B divided by 100");
    const features = new FeatureEngineer()
      .compute({ bars: await provider(Date.UTC(2021, 6, 31, 12)).getBars('NVDA'), fundamentals: ocdo })
      .latest();
    expect(features.pb_ratio).toBeGreaterThan(1);
    expect(features.pb_ratio).toBeLessThan(10);
    expect(features.pb_ratio).toBeCloseTo(1.853, 3);
  });

  it('knows the minor units exchanges quote in, by every spelling Yahoo uses', () => {
    expect(currencyUnit('GBp')).toEqual({ currency: 'GBP', perMajor: 100, quoted: 'GBp' });
    expect(currencyUnit('GBX')).toEqual({ currency: 'GBP', perMajor: 100, quoted: 'GBX' });
    expect(currencyUnit('ZAc').currency).toBe('ZAR');
    expect(currencyUnit('ZAC').perMajor).toBe(100);
    expect(currencyUnit('ILA')).toEqual({ currency: 'ILS', perMajor: 100, quoted: 'ILA' });
    expect(currencyUnit('GBP')).toEqual({ currency: 'GBP', perMajor: 1, quoted: 'GBP' });
    expect(currencyUnit('USD').perMajor).toBe(1);
  });
});
