import { z } from 'zod';

/** `{ code, description }` as Yahoo reports errors inside its JSON envelopes. */
export const yahooErrorSchema = z.object({
  code: z.string(),
  description: z.string().nullish(),
});

const priceColumn = z.array(z.number().nullable());

/** One entry of `chart.result` of `/v8/finance/chart/{symbol}`. */
export const chartResultSchema = z.object({
  meta: z.looseObject({
    symbol: z.string(),
    currency: z.string().nullish(),
    // Offset of the exchange's time zone from UTC in seconds at the time of the request, not per
    // bar: only a fallback when the response names no time zone.
    gmtoffset: z.number().optional(),
    // IANA zone of the exchange (`America/New_York`, `Europe/London`): places each bar on its date.
    exchangeTimezoneName: z.string().optional(),
    // The bar size Yahoo actually answered with (`1d`, `1h`, `5m`...), which can differ from the request.
    dataGranularity: z.string().optional(),
  }),
  // Corporate actions in the range; `splits` is keyed by the epoch second of the first bar after the split.
  events: z
    .looseObject({
      splits: z
        .record(
          z.string(),
          z.looseObject({
            date: z.number(),
            numerator: z.number().positive(),
            denominator: z.number().positive(),
            splitRatio: z.string().optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  // Absent when the range holds no bars.
  timestamp: z.array(z.number()).optional(),
  indicators: z.object({
    quote: z
      .array(
        z.object({
          open: priceColumn.optional(),
          high: priceColumn.optional(),
          low: priceColumn.optional(),
          close: priceColumn.optional(),
          volume: priceColumn.optional(),
        }),
      )
      .min(1),
    adjclose: z.array(z.object({ adjclose: priceColumn.optional() })).optional(),
  }),
});
/** One chart result. */
export type ChartResult = z.infer<typeof chartResultSchema>;

/** Body of `/v8/finance/chart/{symbol}`: a result, or an error such as `{ code: 'Not Found' }`. */
export const chartResponseSchema = z.object({
  chart: z.object({
    result: z.array(chartResultSchema).nullish(),
    error: yahooErrorSchema.nullish(),
  }),
});

/**
 * Yahoo's formatted number `{ raw, fmt, longFmt }`, or `{}` when there is no value. `raw` is
 * sometimes the string "Infinity"; anything not a finite number reads as missing.
 */
const yahooNumber = z
  .union([z.looseObject({ raw: z.union([z.number(), z.string()]).nullish() }), z.number(), z.null()])
  .optional()
  .transform((value): number | undefined => {
    const raw = typeof value === 'object' && value !== null ? value.raw : value;
    return typeof raw === 'number' && Number.isFinite(raw) ? raw : undefined;
  });

const optionalText = z.string().nullish();

/** The modules of `/v10/finance/quoteSummary` the provider asks for; every field is optional. */
export const quoteSummaryResultSchema = z.object({
  price: z
    .looseObject({
      currency: optionalText,
      longName: optionalText,
      shortName: optionalText,
      marketCap: yahooNumber,
      regularMarketPrice: yahooNumber,
      regularMarketTime: z.union([z.number(), z.string(), z.looseObject({})]).nullish(),
    })
    .optional(),
  summaryDetail: z
    .looseObject({
      trailingPE: yahooNumber,
      dividendYield: yahooNumber,
      beta: yahooNumber,
      marketCap: yahooNumber,
    })
    .optional(),
  defaultKeyStatistics: z
    .looseObject({
      priceToBook: yahooNumber,
      bookValue: yahooNumber,
      sharesOutstanding: yahooNumber,
      netIncomeToCommon: yahooNumber,
      beta: yahooNumber,
    })
    .optional(),
  financialData: z
    .looseObject({
      returnOnEquity: yahooNumber,
      debtToEquity: yahooNumber,
      profitMargins: yahooNumber,
      revenueGrowth: yahooNumber,
      earningsGrowth: yahooNumber,
      totalRevenue: yahooNumber,
      financialCurrency: optionalText,
    })
    .optional(),
  assetProfile: z
    .looseObject({
      sector: optionalText,
      industry: optionalText,
    })
    .optional(),
});
/** The quote summary modules, numbers already unwrapped from `{ raw, fmt }`. */
export type QuoteSummaryResult = z.infer<typeof quoteSummaryResultSchema>;

/** Body of `/v10/finance/quoteSummary/{symbol}`. */
export const quoteSummaryResponseSchema = z.object({
  quoteSummary: z.object({
    result: z.array(quoteSummaryResultSchema).nullish(),
    error: yahooErrorSchema.nullish(),
  }),
});

/** Body of Yahoo's 401 answer to a missing or stale crumb. */
export const financeErrorResponseSchema = z.object({
  finance: z.object({ error: yahooErrorSchema.nullish() }),
});

/** Body of `/v1/finance/search`. */
export const searchResponseSchema = z.object({
  quotes: z
    .array(
      z.looseObject({
        symbol: z.string().optional(),
        shortname: optionalText,
        longname: optionalText,
        exchange: optionalText,
        exchDisp: optionalText,
        quoteType: optionalText,
        sector: optionalText,
        industry: optionalText,
      }),
    )
    .default([]),
});
