import { z } from 'zod';
import { dataSourceViewSchema, dateSchema, factorScoresSchema, gradeSchema } from './common.js';
import { requestComponent, responseComponent } from './registry.js';

/** Most days a history or track-record query may span (about ten years). */
export const MAX_RANGE_DAYS = 3700;
/** Most predicted-vs-realised points `GET /api/track-record` returns (the newest first are kept). */
export const TRACK_RECORD_POINTS_CAP = 2000;

const optionalDate = (what: string) => dateSchema.describe(what).optional();

/** `from` ≤ `to` and at most {@link MAX_RANGE_DAYS} apart, each reported under its own name. */
function checkRange(range: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) {
  if (range.from === undefined || range.to === undefined) return;
  if (range.to < range.from) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `must not be before from (${range.from})` });
    return;
  }
  const days = (Date.parse(range.to) - Date.parse(range.from)) / 86_400_000;
  if (days > MAX_RANGE_DAYS)
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `must be at most ${MAX_RANGE_DAYS} days after from`,
    });
}

/** `GET /api/stocks/:symbol/history` query. */
export const scoreHistoryQuerySchema = requestComponent(
  'ScoreHistoryQuery',
  z
    .object({
      from: optionalDate('First date of data (as_of) to include, YYYY-MM-DD'),
      to: optionalDate('Last date of data (as_of) to include, YYYY-MM-DD; not before from'),
    })
    .strict()
    .superRefine(checkRange),
  'Date range of a score history',
);
export type ScoreHistoryQuery = z.infer<typeof scoreHistoryQuerySchema>;

/** One scoring run of a stock. */
export const scoreHistoryPointSchema = responseComponent(
  'ScoreHistoryPoint',
  z.strictObject({
    date: dateSchema.describe('Date of the data the run scored (its as_of)'),
    run_id: z.uuid(),
    score: z.number(),
    grade: gradeSchema.optional(),
    factors: factorScoresSchema,
    rank: z.number().int(),
    price: z.number().describe('The close the run scored'),
    replayed: z.boolean().describe('Scored afterwards by the replay, from the data known on that date'),
  }),
  'One scoring run of a stock',
);
export type ScoreHistoryPoint = z.infer<typeof scoreHistoryPointSchema>;

/** `GET /api/stocks/:symbol/history`. */
export const scoreHistoryResponseSchema = responseComponent(
  'ScoreHistory',
  z.strictObject({
    symbol: z.string(),
    as_of: dateSchema.nullable().describe('Date of the newest data point, null when there is none'),
    data_source: dataSourceViewSchema,
    points: z.array(scoreHistoryPointSchema).describe('Oldest first; one per kept run'),
  }),
  'How a stock was scored over time',
);
export type ScoreHistoryResponse = z.infer<typeof scoreHistoryResponseSchema>;

/** `GET /api/track-record` query. */
export const trackRecordQuerySchema = requestComponent(
  'TrackRecordQuery',
  z
    .object({
      model: z
        .string()
        .trim()
        .regex(/^[a-z0-9_-]{1,40}$/, 'must be a model name (ensemble, xgboost, arima, …)')
        .optional(),
      horizon: z.coerce
        .number()
        .int('must be an integer')
        .min(1, 'must be at least 1')
        .max(365, 'must be at most 365')
        .describe('Forecast horizon in trading days; all horizons when omitted (the score: 30)')
        .optional(),
      from: optionalDate('First origin date to include'),
      to: optionalDate('Last origin date to include; not before from'),
    })
    .strict()
    .superRefine(checkRange),
  'Model, horizon and origin dates of a track record',
);
export type TrackRecordQuery = z.infer<typeof trackRecordQuerySchema>;

/** Error statistics of a set of evaluated forecasts (null where undefined, e.g. no rows). */
const errorStatsShape = {
  count: z.number().int().describe('Evaluated forecasts'),
  hit_rate: z
    .number()
    .nullable()
    .describe('Share whose predicted direction (vs the origin price) was right, among those with a move'),
  rmse: z.number().nullable().describe('Root mean squared error of the return (fraction)'),
  mape: z.number().nullable().describe('Mean |predicted − actual| / actual price'),
  mean_accuracy: z.number().nullable().describe('The concept’s accuracy, 1 − |predicted − actual| / actual'),
};

/** A naive forecast judged on the same rows as the model. */
export const baselineStatsSchema = responseComponent(
  'BaselineStats',
  z.strictObject(errorStatsShape),
  'A naive forecast judged on the same rows',
);

/** The record of one model (or the ensemble) at one horizon. */
export const modelRecordSchema = responseComponent(
  'ModelRecord',
  z.strictObject({
    model: z.string().describe('`ensemble` or a base model'),
    horizon_days: z.number().int(),
    ...errorStatsShape,
    coverage: z
      .number()
      .nullable()
      .describe('Share of realised prices inside the interval, among rows with one'),
    interval_level: z.number().nullable().describe('Nominal level of the intervals'),
    ic: z
      .number()
      .nullable()
      .describe('Mean per-origin Pearson correlation of predicted and realised returns'),
    rank_ic: z.number().nullable().describe('The same with Spearman rank correlation'),
    ic_dates: z.number().int().describe('Origins with an IC (at least 5 symbols)'),
    baselines: z.strictObject({
      random_walk: baselineStatsSchema.describe(
        'Predicted price = origin price (hit_rate is null: it never calls a direction)',
      ),
    }),
    pending: z.number().int().describe('Forecasts whose horizon has not passed on the data yet'),
  }),
  'The record of one model at one horizon',
);
export type ModelRecord = z.infer<typeof modelRecordSchema>;

/** One forecast against its outcome, for the predicted-vs-realised plot. */
export const trackRecordPointSchema = responseComponent(
  'TrackRecordPoint',
  z.strictObject({
    symbol: z.string(),
    model: z.string(),
    horizon_days: z.number().int(),
    origin_date: dateSchema,
    target_date: dateSchema,
    predicted_return: z.number(),
    actual_return: z.number(),
    predicted_price: z.number(),
    actual_price: z.number(),
    lower_price: z.number().nullable(),
    upper_price: z.number().nullable(),
    replayed: z.boolean(),
  }),
  'One forecast against its outcome',
);
export type TrackRecordPoint = z.infer<typeof trackRecordPointSchema>;

/** Interval coverage of one month. */
export const coveragePeriodSchema = responseComponent(
  'CoveragePeriod',
  z.strictObject({
    period: z
      .string()
      .regex(/^\d{4}-\d{2}$/)
      .describe('Month of the origin date, YYYY-MM'),
    model: z.string(),
    count: z.number().int().describe('Evaluated forecasts with an interval'),
    coverage: z.number(),
  }),
  'Interval coverage of one month',
);

/** Mean forward return of a group of stocks against the universe. */
export const forwardReturnSchema = responseComponent(
  'ForwardReturn',
  z.strictObject({
    count: z.number().int().describe('Stock-dates in the group'),
    mean_forward_return: z.number().nullable(),
    excess_return: z
      .number()
      .nullable()
      .describe('Minus the universe’s mean forward return on the same dates'),
  }),
  'Mean forward return of a group of stocks against the universe',
);

/** How the score's ranking did: forward returns of its top 10 and of each score decile. */
export const scoreRecordSchema = responseComponent(
  'ScoreRecord',
  z.strictObject({
    horizon_days: z
      .number()
      .int()
      .describe('Forward return over this many trading days after the run’s date'),
    dates: z.number().int().describe('Run dates with a known forward return'),
    universe: forwardReturnSchema,
    top10: forwardReturnSchema,
    deciles: z
      .array(forwardReturnSchema.extend({ decile: z.number().int().min(1).max(10) }))
      .describe('Decile 10 holds the highest scores'),
    pending_dates: z.number().int().describe('Run dates whose horizon has not passed yet'),
  }),
  'Forward returns of the top 10 and of each score decile',
);
export type ScoreRecord = z.infer<typeof scoreRecordSchema>;

/** `GET /api/track-record`. */
export const trackRecordResponseSchema = responseComponent(
  'TrackRecord',
  z.strictObject({
    as_of: dateSchema.nullable().describe('Latest bar date outcomes were judged against'),
    data_source: dataSourceViewSchema,
    from: dateSchema.nullable(),
    to: dateSchema.nullable(),
    models: z.array(modelRecordSchema).describe('The ensemble first, then base models by name'),
    points: z.array(trackRecordPointSchema),
    points_total: z.number().int().describe('Evaluated forecasts matching the query'),
    points_cap: z
      .number()
      .int()
      .describe(`At most this many points (${TRACK_RECORD_POINTS_CAP}), the newest`),
    coverage_over_time: z.array(coveragePeriodSchema),
    score: scoreRecordSchema,
    pending: z.number().int().describe('Forecasts matching the query whose horizon has not passed'),
  }),
  'Every forecast and score judged against what happened',
);
export type TrackRecordResponse = z.infer<typeof trackRecordResponseSchema>;
