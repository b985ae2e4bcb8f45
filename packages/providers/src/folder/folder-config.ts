import { z } from 'zod';
import { isDateFormat } from '../csv/parse-values.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');
const delimiter = z.enum([',', ';', '\t', 'tab']).transform((d) => (d === 'tab' ? '\t' : d));
const dateFormat = z.string().refine(isDateFormat, 'must be made of DD, MM, YYYY and . / - or space');
const fields = ['date', 'open', 'high', 'low', 'close', 'volume', 'adjClose', 'index', 'symbol'] as const;
const columns = z.partialRecord(z.enum(fields), z.union([z.string(), z.array(z.string())]));
/** Currency codes as exchanges write them: `USD`, and minor units such as `GBp`, `ZAc`, `ILA`. */
const currency = z.string().regex(/^[A-Za-z]{3}$/, 'must be a three-letter currency code');

/** Settings that may be given for the whole folder or for one file. */
const fileSettings = z.strictObject({
  delimiter: delimiter.optional(),
  /** `","` for a decimal comma (`1.234,56`). */
  decimal: z.enum(['.', ',']).optional(),
  dateFormat: dateFormat.optional(),
  columns: columns.optional(),
  /** First day of a file that numbers its rows instead of dating them. */
  startDate: isoDate.optional(),
  /** Days an index counts: `business` (Monday–Friday) or `nyse` (the NYSE calendar). */
  calendar: z.enum(['business', 'nyse']).optional(),
  skipBadRows: z.boolean().optional(),
  currency: currency.optional(),
});

/** `da-ki.json`: every key optional (see docs/data.md). */
export const folderConfigSchema = fileSettings.extend({
  /** Per-file settings, keyed by the path relative to the folder (`prices/gold.csv`). */
  files: z.record(z.string(), fileSettings).optional(),
  /** Rates to convert money fields: `"CNYUSD": 0.14` means 1 CNY = 0.14 USD. */
  fx: z
    .record(
      z.string().regex(/^[A-Za-z]{6}$/, 'must be two currency codes, e.g. CNYUSD'),
      z.number().positive(),
    )
    .optional(),
  /** A regular expression with one capture group that takes the symbol out of a price file's name (without `.csv`). */
  symbolFromFile: z
    .string()
    .refine((source) => {
      try {
        new RegExp(source);
        return true;
      } catch {
        return false;
      }
    }, 'must be a valid regular expression')
    .optional(),
});

/** The parsed `da-ki.json`. */
export type FolderConfig = z.infer<typeof folderConfigSchema>;
/** Settings of one file: the folder's, overridden by its `files` entry. */
export type FileSettings = z.infer<typeof fileSettings>;

/** The settings that apply to `file` (relative path): folder-wide ones, then the file's own. */
export function settingsFor(config: FolderConfig, file: string): FileSettings {
  const { files, fx: _fx, symbolFromFile: _s, ...global } = config;
  return { ...global, ...(files?.[file] ?? {}) };
}
