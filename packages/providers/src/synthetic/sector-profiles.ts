import { GICS_SECTORS, type GicsSector } from '@da-ki/sdk';

/**
 * Typical behaviour and valuation of a GICS sector: what the synthetic universe draws each
 * company around. Medians are rounded from S&P 500 / S&P 400 sector figures of recent years
 * (valuations from public sector P/E, P/B and margin tables); they only need to be plausible and
 * to differ between sectors the way real ones do.
 */
export interface SectorProfile {
  /** Relative number of companies (S&P 500 constituent counts, roughly). */
  weight: number;
  /** Mean market beta of the sector's stocks. */
  beta: number;
  /** Daily volatility of the sector factor (log return). */
  factorVolatility: number;
  /** Median daily idiosyncratic volatility of a stock. */
  idiosyncraticVolatility: number;
  /** Median trailing P/E of profitable companies. */
  priceToEarnings: number;
  /** Median price-to-book. */
  priceToBook: number;
  /** Median price-to-sales, used for loss-making companies. */
  priceToSales: number;
  /** Median net profit margin of profitable companies. */
  profitMargin: number;
  /** Median debt-to-equity (0.8 = 80 %). */
  debtToEquity: number;
  /** Median dividend yield of dividend payers. */
  dividendYield: number;
  /** Share of companies that pay a dividend. */
  dividendPayers: number;
  /** Probability that a (large) company has negative trailing earnings; doubled for small caps. */
  negativeEarnings: number;
  /** Mean yearly revenue growth. */
  revenueGrowth: number;
  /** Industry words for company names. */
  nameSuffixes: readonly string[];
}

/** Profiles of the eleven GICS sectors. */
export const SECTOR_PROFILES: Readonly<Record<GicsSector, SectorProfile>> = {
  'Communication Services': {
    weight: 22,
    beta: 1.0,
    factorVolatility: 0.0065,
    idiosyncraticVolatility: 0.018,
    priceToEarnings: 20,
    priceToBook: 3.0,
    priceToSales: 2.5,
    profitMargin: 0.12,
    debtToEquity: 0.9,
    dividendYield: 0.02,
    dividendPayers: 0.5,
    negativeEarnings: 0.07,
    revenueGrowth: 0.06,
    nameSuffixes: ['Media', 'Communications', 'Interactive', 'Broadcasting', 'Telecom', 'Entertainment'],
  },
  'Consumer Discretionary': {
    weight: 50,
    beta: 1.15,
    factorVolatility: 0.0065,
    idiosyncraticVolatility: 0.02,
    priceToEarnings: 22,
    priceToBook: 4.5,
    priceToSales: 1.5,
    profitMargin: 0.08,
    debtToEquity: 1.0,
    dividendYield: 0.018,
    dividendPayers: 0.55,
    negativeEarnings: 0.07,
    revenueGrowth: 0.06,
    nameSuffixes: ['Retail Group', 'Motors', 'Apparel', 'Resorts', 'Brands', 'Home Furnishings'],
  },
  'Consumer Staples': {
    weight: 38,
    beta: 0.6,
    factorVolatility: 0.0045,
    idiosyncraticVolatility: 0.012,
    priceToEarnings: 21,
    priceToBook: 4.0,
    priceToSales: 1.3,
    profitMargin: 0.07,
    debtToEquity: 0.9,
    dividendYield: 0.028,
    dividendPayers: 0.9,
    negativeEarnings: 0.02,
    revenueGrowth: 0.03,
    nameSuffixes: ['Foods', 'Beverages', 'Household Products', 'Farms', 'Grocers'],
  },
  Energy: {
    weight: 22,
    beta: 1.1,
    factorVolatility: 0.0095,
    idiosyncraticVolatility: 0.019,
    priceToEarnings: 12,
    priceToBook: 1.8,
    priceToSales: 1.2,
    profitMargin: 0.1,
    debtToEquity: 0.5,
    dividendYield: 0.035,
    dividendPayers: 0.85,
    negativeEarnings: 0.05,
    revenueGrowth: 0.02,
    nameSuffixes: ['Energy', 'Petroleum', 'Oil & Gas', 'Midstream', 'Drilling'],
  },
  Financials: {
    weight: 70,
    beta: 1.05,
    factorVolatility: 0.0065,
    idiosyncraticVolatility: 0.014,
    priceToEarnings: 14,
    priceToBook: 1.5,
    priceToSales: 2.8,
    profitMargin: 0.2,
    debtToEquity: 1.5,
    dividendYield: 0.025,
    dividendPayers: 0.85,
    negativeEarnings: 0.02,
    revenueGrowth: 0.05,
    nameSuffixes: ['Bancorp', 'Financial', 'Capital', 'Insurance Group', 'Asset Management'],
  },
  'Health Care': {
    weight: 60,
    beta: 0.8,
    factorVolatility: 0.0055,
    idiosyncraticVolatility: 0.02,
    priceToEarnings: 24,
    priceToBook: 4.0,
    priceToSales: 3.5,
    profitMargin: 0.1,
    debtToEquity: 0.7,
    dividendYield: 0.015,
    dividendPayers: 0.45,
    negativeEarnings: 0.12,
    revenueGrowth: 0.07,
    nameSuffixes: ['Therapeutics', 'Biosciences', 'Medical', 'Health', 'Pharmaceuticals', 'Diagnostics'],
  },
  Industrials: {
    weight: 75,
    beta: 1.05,
    factorVolatility: 0.0055,
    idiosyncraticVolatility: 0.015,
    priceToEarnings: 20,
    priceToBook: 4.0,
    priceToSales: 2.0,
    profitMargin: 0.1,
    debtToEquity: 0.9,
    dividendYield: 0.016,
    dividendPayers: 0.8,
    negativeEarnings: 0.03,
    revenueGrowth: 0.05,
    nameSuffixes: ['Industries', 'Aerospace', 'Logistics', 'Machinery', 'Engineering'],
  },
  'Information Technology': {
    weight: 70,
    beta: 1.25,
    factorVolatility: 0.0075,
    idiosyncraticVolatility: 0.021,
    priceToEarnings: 28,
    priceToBook: 7.0,
    priceToSales: 6.0,
    profitMargin: 0.18,
    debtToEquity: 0.5,
    dividendYield: 0.01,
    dividendPayers: 0.45,
    negativeEarnings: 0.08,
    revenueGrowth: 0.1,
    nameSuffixes: ['Systems', 'Software', 'Semiconductor', 'Technologies', 'Data', 'Micro Devices'],
  },
  Materials: {
    weight: 28,
    beta: 1.05,
    factorVolatility: 0.007,
    idiosyncraticVolatility: 0.017,
    priceToEarnings: 17,
    priceToBook: 2.5,
    priceToSales: 1.6,
    profitMargin: 0.1,
    debtToEquity: 0.6,
    dividendYield: 0.022,
    dividendPayers: 0.8,
    negativeEarnings: 0.04,
    revenueGrowth: 0.03,
    nameSuffixes: ['Chemicals', 'Materials', 'Mining', 'Steel', 'Packaging'],
  },
  'Real Estate': {
    weight: 31,
    beta: 0.9,
    factorVolatility: 0.0065,
    idiosyncraticVolatility: 0.014,
    priceToEarnings: 32,
    priceToBook: 2.2,
    priceToSales: 7.0,
    profitMargin: 0.22,
    debtToEquity: 1.2,
    dividendYield: 0.038,
    dividendPayers: 0.95,
    negativeEarnings: 0.04,
    revenueGrowth: 0.04,
    nameSuffixes: ['Realty', 'Properties', 'Residential', 'Land Trust', 'Storage'],
  },
  Utilities: {
    weight: 30,
    beta: 0.5,
    factorVolatility: 0.006,
    idiosyncraticVolatility: 0.011,
    priceToEarnings: 18,
    priceToBook: 1.9,
    priceToSales: 2.4,
    profitMargin: 0.13,
    debtToEquity: 1.6,
    dividendYield: 0.034,
    dividendPayers: 0.95,
    negativeEarnings: 0.02,
    revenueGrowth: 0.03,
    nameSuffixes: ['Power', 'Utilities', 'Electric', 'Water', 'Gas & Light'],
  },
};

/**
 * How many of `total` companies fall in each sector: proportional to the sector weights by the
 * largest-remainder method, with at least one per sector when `total` allows.
 */
export function sectorCounts(total: number): number[] {
  const weights = GICS_SECTORS.map((sector) => SECTOR_PROFILES[sector].weight);
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const floor = total >= GICS_SECTORS.length ? 1 : 0;
  const spare = total - floor * GICS_SECTORS.length;
  const exact = weights.map((weight) => (spare * weight) / weightSum);
  const counts = exact.map((value) => floor + Math.floor(value));
  let missing = total - counts.reduce((sum, count) => sum + count, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (let k = 0; missing > 0; k = (k + 1) % byRemainder.length, missing--) {
    counts[(byRemainder[k] as { index: number }).index]++;
  }
  return counts;
}
