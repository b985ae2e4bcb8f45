import { createRng, type Fundamentals } from '@da-ki/sdk';
import { SECTOR_PROFILES } from './sector-profiles.js';
import type { StockTraits } from './stock-path.js';
import type { SyntheticCompany } from './universe.js';

const SMALL_CAP = 5e9;
const TRADING_DAYS_PER_YEAR = 252;

/**
 * Fundamentals of a synthetic company, drawn around its sector's norms and tied to its simulated
 * price: market cap = last close × shares, P/E = market cap / earnings, P/B = market cap / book
 * value, so ROE = earnings / book value = P/B ÷ P/E. Loss makers (more likely in Health Care and
 * IT, and twice as likely among small caps) have negative earnings and no P/E, as data vendors
 * report them. Growth rates lean on the stock's own drift, so strong businesses tend to be the
 * winning stocks.
 */
export function generateFundamentals(
  seed: number | string,
  company: SyntheticCompany,
  traits: StockTraits,
  asOf: number,
): Fundamentals {
  const rng = createRng(`${seed}|fundamentals|${company.symbol}`);
  const profile = SECTOR_PROFILES[company.sector];
  const lognormal = (median: number, sigma: number): number => median * Math.exp(sigma * rng.normal());
  const { marketCap } = traits;

  const lossProbability = profile.negativeEarnings * (marketCap < SMALL_CAP ? 2 : 1);
  const lossMaking = rng.next() < lossProbability;
  const priceToBook = lognormal(profile.priceToBook, 0.4);
  const bookValue = marketCap / priceToBook;
  let earnings: number;
  let revenue: number;
  if (lossMaking) {
    revenue = marketCap / lognormal(profile.priceToSales, 0.5);
    earnings = -revenue * lognormal(0.12, 0.7);
  } else {
    earnings = marketCap / lognormal(profile.priceToEarnings, 0.35);
    revenue = earnings / Math.min(0.6, lognormal(profile.profitMargin, 0.35));
  }
  const annualDrift = traits.drift * TRADING_DAYS_PER_YEAR;
  const paysDividend = !lossMaking && rng.next() < profile.dividendPayers;

  return {
    symbol: company.symbol,
    source: 'synthetic',
    marketCap: round(marketCap, 0),
    earnings: round(earnings, 0),
    bookValue: round(bookValue, 0),
    revenue: round(revenue, 0),
    // Vendors leave P/E out for loss makers rather than print a meaningless negative ratio.
    ...(lossMaking ? {} : { peRatio: round(marketCap / earnings, 2) }),
    pbRatio: round(marketCap / bookValue, 2),
    debtToEquity: round(lognormal(profile.debtToEquity, 0.5), 3),
    returnOnEquity: round(earnings / bookValue, 4),
    profitMargin: round(earnings / revenue, 4),
    revenueGrowth: round(profile.revenueGrowth + 0.4 * annualDrift + 0.08 * rng.normal(), 4),
    earningsGrowth: round(
      lossMaking ? -0.2 + 0.3 * rng.normal() : profile.revenueGrowth + annualDrift + 0.2 * rng.normal(),
      4,
    ),
    dividendYield: paysDividend ? round(lognormal(profile.dividendYield, 0.35), 4) : 0,
    beta: round(traits.beta, 2),
    sector: company.sector,
    currency: 'USD',
    asOf,
  };
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
