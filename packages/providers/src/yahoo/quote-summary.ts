import type { Fundamentals } from '@da-ki/sdk';
import { toGicsSector } from '../http/gics-sector.js';
import type { QuoteSummaryResult } from './yahoo-schemas.js';

/** The quote summary modules {@link quoteSummaryToFundamentals} reads. */
export const QUOTE_SUMMARY_MODULES = 'price,summaryDetail,defaultKeyStatistics,financialData,assetProfile';

/**
 * Maps Yahoo's quote summary onto DA-KI's fundamentals (not yet validated: the caller runs the
 * schema). Yahoo reports `debtToEquity` in percent (42.7 = 42.7 %), the SDK as a ratio (0.427);
 * `bookValue` is per share at Yahoo and total equity in the SDK, so it is multiplied by the shares
 * outstanding; `earnings` is `netIncomeToCommon`, trailing twelve months.
 */
export function quoteSummaryToFundamentals(
  summary: QuoteSummaryResult,
  symbol: string,
  source: string,
): Partial<Fundamentals> & { symbol: string; source: string } {
  const { price, summaryDetail: detail, defaultKeyStatistics: stats, financialData: financial } = summary;
  const bookValuePerShare = stats?.bookValue;
  const shares = stats?.sharesOutstanding;
  const debtToEquityPercent = financial?.debtToEquity;
  const marketTime = price?.regularMarketTime;
  return {
    symbol,
    source,
    marketCap: price?.marketCap ?? detail?.marketCap,
    earnings: stats?.netIncomeToCommon,
    bookValue:
      bookValuePerShare !== undefined && shares !== undefined ? bookValuePerShare * shares : undefined,
    revenue: financial?.totalRevenue,
    peRatio: detail?.trailingPE,
    pbRatio: stats?.priceToBook,
    debtToEquity: debtToEquityPercent === undefined ? undefined : debtToEquityPercent / 100,
    returnOnEquity: financial?.returnOnEquity,
    profitMargin: financial?.profitMargins,
    revenueGrowth: financial?.revenueGrowth,
    earningsGrowth: financial?.earningsGrowth,
    dividendYield: detail?.dividendYield,
    beta: detail?.beta ?? stats?.beta,
    sector: toGicsSector(
      summary.assetProfile?.sector ?? undefined,
      summary.assetProfile?.industry ?? undefined,
    ),
    currency: price?.currency ?? financial?.financialCurrency ?? undefined,
    asOf: typeof marketTime === 'number' ? marketTime * 1000 : undefined,
  };
}
