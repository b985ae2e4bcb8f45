import { z } from 'zod';

/** The eleven GICS sectors. Providers map their own sector names onto these. */
export const GICS_SECTORS = [
  'Communication Services',
  'Consumer Discretionary',
  'Consumer Staples',
  'Energy',
  'Financials',
  'Health Care',
  'Industrials',
  'Information Technology',
  'Materials',
  'Real Estate',
  'Utilities',
] as const;

/** A GICS sector name. */
export type GicsSector = (typeof GICS_SECTORS)[number];

/** Ticker symbol: 1–20 characters of letters, digits, dot, dash, caret or equals (e.g. `BRK.B`, `^GSPC`). */
export const symbolSchema = z
  .string()
  .min(1, 'symbol must not be empty')
  .max(20, 'symbol is longer than 20 characters')
  .regex(/^[A-Za-z0-9.\-^=]+$/, 'symbol may only contain letters, digits, ".", "-", "^" and "="');

/** Sector schema: any non-empty name; GICS names are expected from built-in providers. */
export const sectorSchema = z.string().min(1, 'sector must not be empty');

/** `SymbolInfo`: what `MarketDataProvider.listSymbols` returns per symbol. */
export const symbolInfoSchema = z.object({
  symbol: symbolSchema,
  name: z.string(),
  sector: sectorSchema,
});
/** A listed symbol with its company name and sector. */
export type SymbolInfo = z.infer<typeof symbolInfoSchema>;

// z.custom keeps the plain `Float64Array` type (any buffer), which z.instanceof would narrow.
const float64Array = z.custom<Float64Array>((value) => value instanceof Float64Array, {
  message: 'expected a Float64Array',
});

/**
 * Columnar daily bar series: one `Float64Array` per field, timestamps in epoch milliseconds.
 * The schema checks shape only; {@link validateBars} checks the values.
 */
export const barSeriesSchema = z.object({
  symbol: symbolSchema,
  source: z.string().min(1),
  timestamps: float64Array,
  open: float64Array,
  high: float64Array,
  low: float64Array,
  close: float64Array,
  volume: float64Array,
});
/** Columnar OHLCV series. Every field has the same length; row `i` is one bar. */
export type BarSeries = z.infer<typeof barSeriesSchema>;

/** The numeric columns of a {@link BarSeries}. */
export const BAR_FIELDS = ['timestamps', 'open', 'high', 'low', 'close', 'volume'] as const;
/** Name of one numeric column of a {@link BarSeries}. */
export type BarField = (typeof BAR_FIELDS)[number];

/** One bar as a plain object, for the edges of the API (streaming indicators, CSV rows). */
export const barSchema = z.object({
  timestamp: z.number().finite(),
  open: z.number().finite().positive(),
  high: z.number().finite().positive(),
  low: z.number().finite().positive(),
  close: z.number().finite().positive(),
  volume: z.number().finite().nonnegative(),
});
/** A single OHLCV bar. */
export type Bar = z.infer<typeof barSchema>;

/** Latest quote of a symbol. */
export const quoteSchema = z.object({
  symbol: symbolSchema,
  source: z.string().min(1),
  price: z.number().finite().positive(),
  previousClose: z.number().finite().positive().optional(),
  change: z.number().finite().optional(),
  changePercent: z.number().finite().optional(),
  volume: z.number().finite().nonnegative().optional(),
  currency: z.string().length(3).optional(),
  timestamp: z.number().finite(),
});
/** Latest price of a symbol. */
export type Quote = z.infer<typeof quoteSchema>;

const optionalFinite = z.number().finite().optional();

/**
 * Company fundamentals. Every metric is optional: providers fill what they have.
 * `earnings` is trailing-twelve-month net income (may be negative); `bookValue` is total equity;
 * ratios are plain numbers (`returnOnEquity` 0.15 = 15 %; `debtToEquity` 0.8 = 80 %).
 */
export const fundamentalsSchema = z.object({
  symbol: symbolSchema,
  source: z.string().min(1),
  marketCap: z.number().finite().nonnegative().optional(),
  earnings: optionalFinite,
  bookValue: optionalFinite,
  revenue: optionalFinite,
  peRatio: optionalFinite,
  pbRatio: optionalFinite,
  debtToEquity: optionalFinite,
  returnOnEquity: optionalFinite,
  profitMargin: optionalFinite,
  revenueGrowth: optionalFinite,
  earningsGrowth: optionalFinite,
  dividendYield: optionalFinite,
  beta: optionalFinite,
  sector: sectorSchema.optional(),
  /**
   * Currency of `marketCap`, and of `earnings`, `bookValue` and `revenue` unless
   * `financialCurrency` says otherwise. Built-in providers give the major unit (GBP, never GBp).
   */
  currency: z.string().length(3).optional(),
  /**
   * Currency of `earnings`, `bookValue` and `revenue` when it differs from `currency` (a foreign
   * filer whose statements could not be converted). Ratios that would divide money of the two
   * currencies (P/E, P/B from market cap) are then left out, never computed mixed.
   */
  financialCurrency: z.string().length(3).optional(),
  /** How the money fields were converted or normalised, or why ratios were left out. */
  currencyNote: z.string().min(1).optional(),
  asOf: z.number().finite().optional(),
});
/** Company fundamentals (all metrics optional). */
export type Fundamentals = z.infer<typeof fundamentalsSchema>;

/** A news headline about a symbol. `sentiment` is a provider-supplied score in [−1, 1], if any. */
export const newsItemSchema = z.object({
  symbol: symbolSchema,
  source: z.string().min(1),
  title: z.string().min(1, 'title must not be empty'),
  summary: z.string().optional(),
  url: z.string().optional(),
  publishedAt: z.number().finite(),
  sentiment: z.number().min(-1).max(1).optional(),
});
/** A news headline with its publication time (epoch ms). */
export type NewsItem = z.infer<typeof newsItemSchema>;
