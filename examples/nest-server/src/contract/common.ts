import { z } from 'zod';
import { FACTOR_NAMES } from './factor-names.js';
import { responseComponent } from './registry.js';

/** Name of one of the five factors. */
export const factorNameSchema = z.enum(FACTOR_NAMES);

/** One 0–100 value per factor. */
export const factorScoresSchema = responseComponent(
  'FactorScores',
  z.strictObject({
    performance: z.number(),
    fundamental: z.number(),
    sentiment: z.number(),
    sector: z.number(),
    momentum: z.number(),
  }),
  'One 0–100 value per factor',
);
export type FactorScores = z.infer<typeof factorScoresSchema>;

/** Low / medium / high, as the API labels risk and confidence. */
export const levelSchema = z.enum(['low', 'medium', 'high']);
export type Level = z.infer<typeof levelSchema>;

/** Letter grade of a 0–100 score. */
export const gradeSchema = z.enum(['A+', 'A', 'A-', 'B+', 'B', 'B-', 'C+', 'C', 'C-', 'D+', 'D', 'D-', 'F']);
export type Grade = z.infer<typeof gradeSchema>;

/** An ISO 8601 instant as `Date.toISOString()` writes it. */
export const instantSchema = z.iso.datetime();

/** A calendar date, `YYYY-MM-DD`. */
export const dateSchema = z.iso.date();

/** A ticker symbol, upper-cased (in a path or a body). */
export const tickerSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9.\-^=]{1,20}$/, 'must be a ticker symbol (1–20 letters, digits, ".", "-")')
  .describe('Ticker symbol, in any letter case');

/**
 * What a client may send for {@link tickerSchema}: the server trims and upper-cases before it checks
 * the pattern, so the documented input pattern allows both.
 */
export const TICKER_INPUT_PATTERN = '^\\s*[A-Za-z0-9.\\-^=]{1,20}\\s*$';

/** What the scores were computed from (`data_source` of top10, the stock list and detail, the data status). */
export const dataSourceViewSchema = responseComponent(
  'DataSource',
  z.strictObject({
    provider: z.string().describe('`synthetic`, `yahoo`, `alphavantage` or `folder`'),
    dir: z.string().describe('The data folder (`folder` only)').optional(),
    fingerprint: z
      .string()
      .describe("sha256 of the folder's files, or the synthetic seed and size")
      .optional(),
  }),
  'What the scores were computed from',
);
export type DataSourceView = z.infer<typeof dataSourceViewSchema>;

/** The error body of every endpoint: no stack traces, a request id that finds the log lines. */
export const errorBodySchema = responseComponent(
  'ErrorBody',
  z.strictObject({
    statusCode: z.number().int(),
    error: z.string(),
    message: z.string(),
    issues: z
      .array(z.strictObject({ field: z.string(), reason: z.string() }))
      .describe('Per-field problems of a rejected body or query')
      .optional(),
    requestId: z.string().regex(/^[\w.-]{1,64}$/),
  }),
  'The error body of every endpoint',
);
export type ErrorBody = z.infer<typeof errorBodySchema>;
