import { z } from 'zod';
import { gradeSchema, levelSchema, tickerSchema } from './common.js';
import { rangeShape, withRangeCheck } from './range-filters.js';
import { requestComponent } from './registry.js';
import { STOCK_CSV_MAX_ROWS, STOCK_SORT_FIELDS } from './screener-fields.js';

export {
  STOCK_CSV_MAX_ROWS,
  STOCK_LIST_FILTERS,
  STOCK_RANGE_FILTERS,
  STOCK_SORT_FIELDS,
  type StockRangeFilter,
  type StockSortField,
} from './screener-fields.js';

/**
 * A comma-separated list of `item`s (`grade=A,B%2B`). Items are trimmed at the start only: an
 * unencoded `+` arrives as a space (`A+` as `A `), and is refused rather than read as another grade.
 */
function commaList<T extends z.ZodType<unknown, string>>(item: T, description: string) {
  return z
    .string()
    .transform((value) => value.split(',').map((part) => part.trimStart()))
    .pipe(z.array(item).min(1))
    .describe(description)
    .optional();
}

const GRADE_ITEM = z.enum(gradeSchema.options, {
  error: `must be one of ${gradeSchema.options.join(', ')} (write + as %2B in a URL)`,
});
const LEVEL_ITEM = z.enum(levelSchema.options, {
  error: `must be one of ${levelSchema.options.join(', ')}`,
});
const SECTOR_ITEM = z
  .string()
  .trim()
  .min(1, 'must not contain an empty sector')
  .max(64, 'must name sectors of at most 64 characters')
  .transform((sector) => sector.toLowerCase());

const SORT_PATTERN = new RegExp(`^-?(${STOCK_SORT_FIELDS.join('|')})$`);

const shape = {
  page: z.coerce.number().int('must be an integer').min(1, 'must be at least 1').default(1),
  page_size: z.coerce
    .number()
    .int('must be an integer')
    .min(1, 'must be at least 1')
    .max(200, 'must be at most 200')
    .default(50),
  q: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(64, 'must be at most 64 characters')
    .describe('Prefix of the symbol or of the company name, in any letter case')
    .optional(),
  grade: commaList(GRADE_ITEM, 'Overall grades, comma-separated (A+ written A%2B)'),
  sector: commaList(SECTOR_ITEM, 'Sector names, comma-separated, in any letter case'),
  risk: commaList(LEVEL_ITEM, 'Risk levels, comma-separated: low, medium, high'),
  confidence: commaList(LEVEL_ITEM, 'Confidence levels, comma-separated: low, medium, high'),
  ...rangeShape(),
  sort: z
    .string()
    .regex(SORT_PATTERN, `must be one of ${STOCK_SORT_FIELDS.join(', ')} (prefix - for descending)`)
    .describe(
      `One of ${STOCK_SORT_FIELDS.join(', ')}; prefix - for descending. Stocks without the value come last either way; ties by rank`,
    )
    .default('rank'),
  format: z
    .enum(['json', 'csv'])
    .describe(
      `csv: the whole filtered result (at most ${STOCK_CSV_MAX_ROWS} rows, paging ignored) as text/csv. Without it, Accept: text/csv chooses CSV too`,
    )
    .optional(),
};

/**
 * `GET /api/stocks` query: the screener. Every filter given must hold (lists: one of the values;
 * ranges: both bounds inclusive); a `_min` above its `_max` is refused naming both.
 */
export const listStocksQuerySchema = requestComponent(
  'StockListQuery',
  withRangeCheck(z.object(shape).strict()),
  'Screener filters, sort order and paging of the scored universe',
);
export type ListStocksQuery = z.infer<typeof listStocksQuerySchema>;

/** A symbol in the path. */
export const symbolParamSchema = tickerSchema;
