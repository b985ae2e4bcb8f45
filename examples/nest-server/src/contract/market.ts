import { z } from 'zod';
import {
  dataSourceViewSchema,
  dateSchema,
  factorScoresSchema,
  gradeSchema,
  instantSchema,
  levelSchema,
} from './common.js';
import { predictionViewSchema } from './prediction.js';
import { responseComponent } from './registry.js';

/** A scored stock in its compact form (`/api/wachstumsprognose/top10`, `/api/stocks`). */
export const stockSummarySchema = responseComponent(
  'StockSummary',
  z.strictObject({
    rank: z.number().int(),
    symbol: z.string(),
    name: z.string(),
    sector: z.string(),
    sector_rank: z.number().int(),
    score: z.number(),
    grade: gradeSchema.optional(),
    factors: factorScoresSchema,
    risk_level: levelSchema,
    confidence_level: levelSchema,
    current_price: z.number(),
    explanations: z.array(z.string()),
    market_cap: z
      .number()
      .nullable()
      .describe("Market capitalisation in the stock's currency, from its fundamentals; null when unknown"),
    change_1d_percent: z
      .number()
      .nullable()
      .describe('Last close against the previous close, in percent; null with fewer than two bars'),
    pe: z.number().nullable().describe('Price/earnings ratio the score used; null when unknown'),
    pb: z.number().nullable().describe('Price/book ratio the score used; null when unknown'),
    rsi_14: z.number().nullable().describe('RSI (14) of the last close; null during its warm-up'),
    return_12m_percent: z
      .number()
      .nullable()
      .describe('12-month return in percent; null without a year of bars'),
    forecast_return_percent: z
      .number()
      .nullable()
      .describe(
        "The forecast's expected return over its horizon, in percent; null while training, off or failed",
      ),
  }),
  'A scored stock in its compact form',
);
export type StockSummary = z.infer<typeof stockSummarySchema>;

/** `GET /api/wachstumsprognose/top10`. */
export const top10ResponseSchema = responseComponent(
  'Top10Response',
  z.strictObject({
    top_10_wachstums_aktien: z.array(stockSummarySchema.extend({ prediction: predictionViewSchema })),
    generated_at: instantSchema,
    valid_until: instantSchema,
    model_version: z.string(),
    universe_size: z.number().int(),
    as_of: dateSchema.describe('Date of the data'),
    data_source: dataSourceViewSchema,
  }),
  'The ten stocks with the highest growth score',
);
export type Top10Response = z.infer<typeof top10ResponseSchema>;

/** `GET /api/stocks`. */
export const stockPageSchema = responseComponent(
  'StockPage',
  z.strictObject({
    items: z.array(stockSummarySchema),
    page: z.number().int(),
    page_size: z.number().int(),
    total: z.number().int(),
    sectors: z.array(z.string()),
    as_of: dateSchema,
    data_source: dataSourceViewSchema,
  }),
  'One page of the scored universe',
);
export type StockPage = z.infer<typeof stockPageSchema>;

/** How the raw value of a metric is meant to be read. */
export const metricUnitSchema = z.enum(['percent', 'ratio', 'number', 'count', 'days']);
export type MetricUnit = z.infer<typeof metricUnitSchema>;

/** One raw input of a factor, next to its sector median and the percentile it earned. */
export const metricDetailSchema = responseComponent(
  'MetricDetail',
  z.strictObject({
    id: z.string(),
    label: z.string(),
    value: z.number().nullable(),
    sectorMedian: z.number().nullable(),
    percentile: z.number().nullable(),
    weight: z.number(),
    unit: metricUnitSchema,
    higherIsBetter: z.boolean(),
    comparedWith: z.enum(['universe', 'sector', 'sectors']),
    missing: z.boolean(),
    note: z.string().optional(),
  }),
  'One raw input of a factor, next to its sector median and the percentile it earned',
);
export type MetricDetail = z.infer<typeof metricDetailSchema>;

/** Drill-down of one factor. */
export const factorDetailSchema = responseComponent(
  'FactorDetail',
  z.strictObject({
    score: z.number(),
    grade: gradeSchema,
    confidence: z.number(),
    missingInputs: z.boolean(),
    metrics: z.array(metricDetailSchema),
  }),
  'Drill-down of one factor',
);
export type FactorDetail = z.infer<typeof factorDetailSchema>;

/** One daily bar of the stock detail's `history`. */
export const historyBarSchema = responseComponent(
  'HistoryBar',
  z.strictObject({
    date: dateSchema,
    open: z.number(),
    high: z.number(),
    low: z.number(),
    close: z.number(),
    volume: z.number(),
  }),
  'One daily bar',
);
export type HistoryBar = z.infer<typeof historyBarSchema>;

/** Latest indicator values of the stock detail; `null` during an indicator's warm-up. */
export const indicatorValuesSchema = responseComponent(
  'IndicatorValues',
  z.strictObject({
    rsi_14: z.number().nullable(),
    macd: z.number().nullable(),
    macd_signal: z.number().nullable(),
    macd_histogram: z.number().nullable(),
    bollinger_upper: z.number().nullable(),
    bollinger_middle: z.number().nullable(),
    bollinger_lower: z.number().nullable(),
    sma_20: z.number().nullable(),
    sma_50: z.number().nullable(),
    sma_200: z.number().nullable(),
  }),
  "Latest indicator values; null during an indicator's warm-up",
);
export type IndicatorValues = z.infer<typeof indicatorValuesSchema>;

/** `GET /api/stocks/:symbol`. */
export const stockDetailSchema = responseComponent(
  'StockDetail',
  stockSummarySchema.extend({
    grades: z.strictObject({
      performance: gradeSchema,
      fundamental: gradeSchema,
      sentiment: gradeSchema,
      sector: gradeSchema,
      momentum: gradeSchema,
      overall: gradeSchema,
    }),
    details: z.strictObject({
      performance: factorDetailSchema,
      fundamental: factorDetailSchema,
      sentiment: factorDetailSchema,
      sector: factorDetailSchema,
      momentum: factorDetailSchema,
    }),
    risk: z.strictObject({
      level: levelSchema,
      annualizedVolatility: z.number().nullable(),
      maxDrawdown: z.number().nullable(),
      beta: z.number().nullable(),
    }),
    confidence: z.number(),
    indicators: indicatorValuesSchema,
    prediction: predictionViewSchema.describe('The ensemble forecast, or its status'),
    history: z.array(historyBarSchema).describe('The last 120 daily bars at most'),
    generated_at: instantSchema,
    as_of: dateSchema,
    data_source: dataSourceViewSchema,
  }),
  'Score, factor drill-down, indicators and recent history of one stock',
);
export type StockDetail = z.infer<typeof stockDetailSchema>;
