import { z } from 'zod';
import { dataSourceViewSchema, dateSchema } from './common.js';
import { responseComponent } from './registry.js';

/** `ok`: used as is; `warning`: used, with something to know; `excluded`: not used. */
const dataStatusSchema = z.enum(['ok', 'warning', 'excluded']);

/** One finding of the data report; `file`, `line` and `column` say where. */
export const dataIssueSchema = responseComponent(
  'DataIssue',
  z.strictObject({
    code: z.enum([
      'unreadable',
      'bad-row',
      'header-only',
      'not-a-symbol',
      'unknown-symbol',
      'no-prices',
      'duplicate-symbol',
      'duplicate',
      'gap',
      'suspicious-tick',
      'too-short',
      'stale',
      'after-as-of',
      'no-universe',
      'adjusted-close',
      'currency',
      'missing-fundamentals',
      'config',
      'not-in-universe',
      'not-read',
    ]),
    severity: z.enum(['warning', 'excluded']),
    message: z.string(),
    file: z.string().optional(),
    line: z.number().int().optional(),
    column: z.string().optional(),
  }),
  'One finding of the data report',
);
export type DataIssue = z.infer<typeof dataIssueSchema>;

/** What happened to one file of the folder. */
export const fileReportSchema = responseComponent(
  'FileReport',
  z.strictObject({
    file: z.string(),
    kind: z.enum([
      'universe',
      'prices',
      'prices-wide',
      'prices-long',
      'fundamentals',
      'news',
      'config',
      'other',
    ]),
    status: dataStatusSchema,
    rows: z.number().int(),
    symbols: z.array(z.string()),
    issues: z.array(dataIssueSchema),
    notes: z.array(z.string()).optional(),
  }),
  'What happened to one file of the folder',
);
export type FileReport = z.infer<typeof fileReportSchema>;

/** What happened to one symbol. */
export const symbolReportSchema = responseComponent(
  'SymbolReport',
  z.strictObject({
    symbol: z.string(),
    name: z.string(),
    sector: z.string(),
    file: z.string().optional(),
    status: dataStatusSchema,
    bars: z.number().int(),
    firstDate: dateSchema.optional(),
    lastDate: dateSchema.optional(),
    hasFundamentals: z.boolean(),
    newsCount: z.number().int(),
    issues: z.array(dataIssueSchema),
    notes: z.array(z.string()).optional(),
  }),
  'What happened to one symbol',
);
export type SymbolReport = z.infer<typeof symbolReportSchema>;

/**
 * `GET /api/data/status`: the data report (the shape of `FolderProvider.report()` and
 * `da-ki check --format json`) plus `data_source`. Sources without files report none.
 */
export const dataStatusResponseSchema = responseComponent(
  'DataStatus',
  z.strictObject({
    dir: z.string(),
    asOf: z.union([dateSchema, z.literal('')]).describe('As-of date of the data'),
    fingerprint: z.string(),
    files: z.array(fileReportSchema),
    symbols: z.array(symbolReportSchema),
    issues: z.array(dataIssueSchema),
    summary: z.strictObject({
      files: z.number().int(),
      symbols: z.number().int(),
      ok: z.number().int(),
      warning: z.number().int(),
      excluded: z.number().int(),
      scorable: z.number().int(),
    }),
    data_source: dataSourceViewSchema,
  }),
  'The data report: files and symbols used, warned about or excluded, with the reasons',
);
export type DataStatusResponse = z.infer<typeof dataStatusResponseSchema>;
