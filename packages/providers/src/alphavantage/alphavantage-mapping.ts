import type { Fundamentals, NewsItem, RawBarColumns } from '@da-ki/sdk';
import type { z } from 'zod';
import { scaleToAdjustedClose } from '../http/adjusted-bars.js';
import { currencyUnit } from '../http/currency-units.js';
import { toGicsSector } from '../http/gics-sector.js';
import type {
  adjustedDailySeriesSchema,
  dailySeriesSchema,
  newsSentimentSchema,
  Overview,
} from './alphavantage-schemas.js';

type DailySeries = z.output<typeof dailySeriesSchema>;
type AdjustedDailySeries = z.output<typeof adjustedDailySeriesSchema>;
type NewsFeed = z.output<typeof newsSentimentSchema>['feed'];

/** Daily series (keyed by "YYYY-MM-DD", newest first) to raw bar columns stamped 00:00 UTC of each date. */
export function dailySeriesToColumns(body: DailySeries, symbol: string, source: string): RawBarColumns {
  const entries = Object.entries(body['Time Series (Daily)']);
  return {
    symbol,
    source,
    timestamps: Float64Array.from(entries, ([date]) => Date.parse(`${date}T00:00:00Z`)),
    open: Float64Array.from(entries, ([, bar]) => bar['1. open']),
    high: Float64Array.from(entries, ([, bar]) => bar['2. high']),
    low: Float64Array.from(entries, ([, bar]) => bar['3. low']),
    close: Float64Array.from(entries, ([, bar]) => bar['4. close']),
    volume: Float64Array.from(entries, ([, bar]) => bar['5. volume']),
  };
}

/** Adjusted daily series to raw bar columns, OHLC scaled to the adjusted close. */
export function adjustedSeriesToColumns(
  body: AdjustedDailySeries,
  symbol: string,
  source: string,
): RawBarColumns {
  const entries = Object.entries(body['Time Series (Daily)']);
  const columns: RawBarColumns = {
    symbol,
    source,
    timestamps: Float64Array.from(entries, ([date]) => Date.parse(`${date}T00:00:00Z`)),
    open: Float64Array.from(entries, ([, bar]) => bar['1. open']),
    high: Float64Array.from(entries, ([, bar]) => bar['2. high']),
    low: Float64Array.from(entries, ([, bar]) => bar['3. low']),
    close: Float64Array.from(entries, ([, bar]) => bar['4. close']),
    volume: Float64Array.from(entries, ([, bar]) => bar['6. volume']),
  };
  return scaleToAdjustedClose(
    columns,
    Float64Array.from(entries, ([, bar]) => bar['5. adjusted close']),
  );
}

/**
 * OVERVIEW to fundamentals (validated by the caller). OVERVIEW has no total debt, so
 * `debtToEquity` is left out rather than guessed; `earnings` is diluted EPS (TTM) times shares
 * outstanding and `bookValue` book value per share times shares outstanding, the totals the SDK
 * expects; the sector is mapped to GICS from Alpha Vantage's sector and SIC industry.
 *
 * OVERVIEW states one `Currency` for all its money. It becomes `currency` (and
 * `financialCurrency`: OVERVIEW has no second one) in its major unit: money in a minor unit
 * (`GBX`, pence) is divided by 100, so that `currency` says what the numbers are in; the ratios
 * (P/E, P/B, margins) have no unit and stay as they are.
 */
export function overviewToFundamentals(overview: Overview, symbol: string, source: string): Fundamentals {
  const shares = overview.SharesOutstanding;
  const unit = overview.Currency ? currencyUnit(overview.Currency) : undefined;
  const perMajor = unit?.perMajor ?? 1;
  const money = (value: number | undefined) => (value === undefined ? undefined : value / perMajor);
  const times = (perShare: number | undefined) =>
    perShare === undefined || shares === undefined ? undefined : money(perShare * shares);
  const asOf = overview.LatestQuarter ? Date.parse(`${overview.LatestQuarter}T00:00:00Z`) : Number.NaN;
  return {
    symbol,
    source,
    marketCap: money(overview.MarketCapitalization),
    earnings: times(overview.DilutedEPSTTM),
    bookValue: times(overview.BookValue),
    revenue: money(overview.RevenueTTM),
    peRatio: overview.PERatio,
    pbRatio: overview.PriceToBookRatio,
    returnOnEquity: overview.ReturnOnEquityTTM,
    profitMargin: overview.ProfitMargin,
    revenueGrowth: overview.QuarterlyRevenueGrowthYOY,
    earningsGrowth: overview.QuarterlyEarningsGrowthYOY,
    dividendYield: overview.DividendYield,
    beta: overview.Beta,
    sector: toGicsSector(overview.Sector, overview.Industry),
    currency: unit?.currency,
    financialCurrency: unit?.currency,
    currencyNote:
      unit && unit.perMajor !== 1
        ? `money stated in ${unit.quoted} (1/${unit.perMajor} ${unit.currency}), divided by ${unit.perMajor}`
        : undefined,
    asOf: Number.isNaN(asOf) ? undefined : asOf,
  };
}

/** Parses Alpha Vantage's "20240517T143000" (or without seconds) as UTC epoch milliseconds. */
export function parseAlphaVantageTime(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?$/.exec(text);
  if (!m) return Number.NaN;
  return Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6] ?? 0),
  );
}

/** Formats epoch milliseconds as Alpha Vantage's "YYYYMMDDTHHMM" (UTC) for `time_from`. */
export function formatAlphaVantageTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').slice(0, 13);
}

/**
 * News feed to news items (validated by the caller). The sentiment is the feed's score for this
 * ticker when it lists one, else the article's overall score; both lie in [−1, 1].
 */
export function feedToNewsItems(feed: NewsFeed, symbol: string, source: string): NewsItem[] {
  const wanted = symbol.toUpperCase();
  return feed.map((article) => {
    const tickerScore = article.ticker_sentiment?.find(
      (t) => t.ticker.toUpperCase() === wanted,
    )?.ticker_sentiment_score;
    return {
      symbol,
      source,
      title: article.title.trim(),
      summary: article.summary?.trim() || undefined,
      url: article.url,
      publishedAt: parseAlphaVantageTime(article.time_published),
      sentiment: tickerScore ?? article.overall_sentiment_score,
    };
  });
}
