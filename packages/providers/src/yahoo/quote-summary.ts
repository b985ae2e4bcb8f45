import type { Fundamentals } from '@da-ki/sdk';
import { type CurrencyUnit, currencyUnit } from '../http/currency-units.js';
import { toGicsSector } from '../http/gics-sector.js';
import type { ExchangeRateResult } from './exchange-rates.js';
import type { QuoteSummaryResult } from './yahoo-schemas.js';

/** The quote summary modules {@link quoteSummaryToFundamentals} reads. */
export const QUOTE_SUMMARY_MODULES = 'price,summaryDetail,defaultKeyStatistics,financialData,assetProfile';

/** The two currencies of a quote summary, normalised to major units. */
export interface SummaryCurrencies {
  /** What the price is quoted in (`GBp` → GBP ÷ 100); market cap is in its major unit. */
  price?: CurrencyUnit;
  /** What the statements (earnings, book value, revenue) are in: `financialData.financialCurrency`. */
  financial?: CurrencyUnit;
}

/** The price and statement currencies a quote summary states. */
export function summaryCurrencies(summary: QuoteSummaryResult): SummaryCurrencies {
  const price = summary.price?.currency ?? undefined;
  const financial = summary.financialData?.financialCurrency ?? undefined;
  return {
    ...(price ? { price: currencyUnit(price) } : {}),
    ...(financial ? { financial: currencyUnit(financial) } : {}),
  };
}

/**
 * Maps Yahoo's quote summary onto DA-KI's fundamentals (not yet validated: the caller runs the
 * schema), every money field in one currency, the price's major unit, whenever it can be:
 *
 * - Yahoo's `marketCap` is in the price's major unit (OCDO.L: 309 GBp × 823 M shares = 2.54 bn GBP);
 *   `netIncomeToCommon`, `totalRevenue` and `bookValue` (per share) are in the statement currency
 *   (`financialCurrency`: CNY for BABA). When that differs, they are converted with `rate` (units of
 *   the price currency per statement unit); without a rate they stay as reported, with
 *   `financialCurrency` saying so, and the SDK leaves out every ratio that would mix them.
 * - `trailingPE` is price / `trailingEps`, and Yahoo states the EPS in the price's major unit (BABA:
 *   143.75 USD / 6.87 USD = 20.92): right as it is, except that a price in a minor unit makes it
 *   100 times too high, so it is divided by the minor unit's size.
 * - `priceToBook` is price / book value per share in the statement currency: divided by the minor
 *   unit's size (OCDO.L: 185.25 → 1.85) and by the rate (BABA: 0.33 → 2.41), and left out when the
 *   currencies differ and there is no rate.
 *
 * Yahoo reports `debtToEquity` in percent (42.7 = 42.7 %), the SDK as a ratio (0.427); `bookValue`
 * is per share at Yahoo and total equity in the SDK, so it is multiplied by the shares outstanding;
 * `earnings` is `netIncomeToCommon`, trailing twelve months.
 */
export function quoteSummaryToFundamentals(
  summary: QuoteSummaryResult,
  symbol: string,
  source: string,
  rate?: ExchangeRateResult,
): Partial<Fundamentals> & { symbol: string; source: string } {
  const { price, summaryDetail: detail, defaultKeyStatistics: stats, financialData: financial } = summary;
  const currencies = summaryCurrencies(summary);
  const money = moneyConversion(currencies, rate);
  const bookValuePerShare = stats?.bookValue;
  const shares = stats?.sharesOutstanding;
  const debtToEquityPercent = financial?.debtToEquity;
  const marketTime = price?.regularMarketTime;
  const perMajor = currencies.price?.perMajor ?? 1;
  const trailingPE = detail?.trailingPE;
  const priceToBook = stats?.priceToBook;
  return {
    symbol,
    source,
    marketCap: price?.marketCap ?? detail?.marketCap,
    earnings: money.convert(stats?.netIncomeToCommon),
    bookValue: money.convert(
      bookValuePerShare !== undefined && shares !== undefined ? bookValuePerShare * shares : undefined,
    ),
    revenue: money.convert(financial?.totalRevenue),
    peRatio: trailingPE === undefined ? undefined : trailingPE / perMajor,
    pbRatio:
      priceToBook === undefined || money.rate === undefined ? undefined : priceToBook / perMajor / money.rate,
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
    currency: currencies.price?.currency ?? currencies.financial?.currency,
    financialCurrency: money.financialCurrency,
    currencyNote: money.note,
    asOf: typeof marketTime === 'number' ? marketTime * 1000 : undefined,
  };
}

/** How statement money becomes price-currency money, and what to say about it. */
interface MoneyConversion {
  /** Price-currency units per statement unit; `undefined` when there is no way to convert. */
  rate: number | undefined;
  convert(value: number | undefined): number | undefined;
  financialCurrency: string | undefined;
  note: string | undefined;
}

function moneyConversion(
  currencies: SummaryCurrencies,
  rate: ExchangeRateResult | undefined,
): MoneyConversion {
  const { price, financial } = currencies;
  const minorNote =
    price && price.perMajor !== 1
      ? `price quoted in ${price.quoted} (1/${price.perMajor} ${price.currency}): Yahoo's P/E and P/B divided by ${price.perMajor}`
      : undefined;
  const same = (note?: string): MoneyConversion => ({
    rate: 1,
    convert: (value) => value,
    financialCurrency: financial?.currency,
    note,
  });
  if (price === undefined || financial === undefined || price.currency === financial.currency) {
    return same(minorNote);
  }
  const join = (...parts: (string | undefined)[]) => parts.filter(Boolean).join('; ');
  if (rate?.ok) {
    const { value } = rate;
    return {
      rate: value.rate,
      convert: (amount) => (amount === undefined ? undefined : amount * value.rate),
      financialCurrency: price.currency,
      note: join(
        `earnings, book value and revenue converted from ${financial.currency} at ${value.rate} ${price.currency} per ${financial.currency} (${value.pair} close of ${value.date})`,
        minorNote,
      ),
    };
  }
  const why = rate ? rate.reason : `no ${financial.currency}${price.currency}=X rate asked for`;
  return {
    rate: undefined,
    convert: (value) => value,
    financialCurrency: financial.currency,
    note: join(why, minorNote),
  };
}
