import { z } from 'zod';

const DECIMAL = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;
// Alpha Vantage writes a missing value as "None" or "-" (sometimes empty or "NaN").
const MISSING = new Set(['None', '-', '', 'NaN', 'N/A']);

/** A number written as a string ("168.9700"), as Alpha Vantage writes every number. */
export const decimalString = z
  .string()
  .trim()
  .regex(DECIMAL, 'expected a decimal number written as a string')
  .transform(Number);

/** A number written as a string, or "None" / "-" for no value (→ `undefined`). */
export const optionalDecimalString = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx): number | undefined => {
    if (value === undefined || MISSING.has(value)) return undefined;
    if (!DECIMAL.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a number, "None" or "-", got ${JSON.stringify(value)}`,
      });
      return z.NEVER;
    }
    return Number(value);
  });

/** A string field of OVERVIEW, "None" / "-" read as missing. */
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || MISSING.has(value.trim()) ? undefined : value.trim()));

const DAY_KEY = /^\d{4}-\d{2}-\d{2}$/;

const dailyBar = z.looseObject({
  '1. open': decimalString,
  '2. high': decimalString,
  '3. low': decimalString,
  '4. close': decimalString,
  '5. volume': decimalString,
});

const adjustedDailyBar = z.looseObject({
  '1. open': decimalString,
  '2. high': decimalString,
  '3. low': decimalString,
  '4. close': decimalString,
  '5. adjusted close': decimalString,
  '6. volume': decimalString,
});

const metaData = z.looseObject({ '2. Symbol': z.string() });

/** Body of `TIME_SERIES_DAILY`: "Meta Data" and "Time Series (Daily)" keyed by date, values as strings. */
export const dailySeriesSchema = z.object({
  'Meta Data': metaData,
  'Time Series (Daily)': z.record(z.string().regex(DAY_KEY, 'expected a YYYY-MM-DD date key'), dailyBar),
});

/** Body of `TIME_SERIES_DAILY_ADJUSTED` (adds "5. adjusted close"; volume becomes "6. volume"). */
export const adjustedDailySeriesSchema = z.object({
  'Meta Data': metaData,
  'Time Series (Daily)': z.record(
    z.string().regex(DAY_KEY, 'expected a YYYY-MM-DD date key'),
    adjustedDailyBar,
  ),
});

/** The fields of `OVERVIEW` the provider reads (all strings at Alpha Vantage). */
export const overviewSchema = z.looseObject({
  Symbol: z.string(),
  Name: optionalText,
  Sector: optionalText,
  Industry: optionalText,
  Currency: optionalText,
  LatestQuarter: optionalText,
  MarketCapitalization: optionalDecimalString,
  PERatio: optionalDecimalString,
  PriceToBookRatio: optionalDecimalString,
  ReturnOnEquityTTM: optionalDecimalString,
  ProfitMargin: optionalDecimalString,
  RevenueTTM: optionalDecimalString,
  QuarterlyRevenueGrowthYOY: optionalDecimalString,
  QuarterlyEarningsGrowthYOY: optionalDecimalString,
  DividendYield: optionalDecimalString,
  Beta: optionalDecimalString,
  BookValue: optionalDecimalString,
  SharesOutstanding: optionalDecimalString,
  DilutedEPSTTM: optionalDecimalString,
});
/** Parsed OVERVIEW. */
export type Overview = z.infer<typeof overviewSchema>;

/** Body of `NEWS_SENTIMENT`. */
export const newsSentimentSchema = z.object({
  feed: z.array(
    z.looseObject({
      title: z.string(),
      url: z.string().optional(),
      summary: z.string().optional(),
      time_published: z.string().regex(/^\d{8}T\d{4}(\d{2})?$/, 'expected YYYYMMDDTHHMM[SS]'),
      overall_sentiment_score: z.union([z.number(), decimalString]).optional(),
      ticker_sentiment: z
        .array(
          z.looseObject({ ticker: z.string(), ticker_sentiment_score: z.union([z.number(), decimalString]) }),
        )
        .optional(),
    }),
  ),
});
