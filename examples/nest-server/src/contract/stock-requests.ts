import { z } from 'zod';
import { tickerSchema } from './common.js';
import { requestComponent } from './registry.js';

const SORT_FIELDS = [
  'rank',
  'score',
  'symbol',
  'performance',
  'fundamental',
  'sentiment',
  'sector',
  'momentum',
] as const;

/** `GET /api/stocks` query. `sort` takes a field, `-field` for descending. */
export const listStocksQuerySchema = requestComponent(
  'StockListQuery',
  z
    .object({
      page: z.coerce.number().int('must be an integer').min(1, 'must be at least 1').default(1),
      page_size: z.coerce
        .number()
        .int('must be an integer')
        .min(1, 'must be at least 1')
        .max(200, 'must be at most 200')
        .default(50),
      sector: z.string().trim().min(1).max(64).describe('Case-insensitive').optional(),
      sort: z
        .string()
        .regex(
          new RegExp(`^-?(${SORT_FIELDS.join('|')})$`),
          `must be one of ${SORT_FIELDS.join(', ')} (prefix - for descending)`,
        )
        .describe('rank, score, symbol or a factor; prefix - for descending')
        .default('rank'),
    })
    .strict(),
  'Paging, sector filter and sort order of the scored universe',
);
export type ListStocksQuery = z.infer<typeof listStocksQuerySchema>;

/** A symbol in the path. */
export const symbolParamSchema = tickerSchema;
