import { z } from 'zod';
import { STOCK_RANGE_FILTERS, type StockRangeFilter } from './screener-fields.js';

/** What each range filter of `GET /api/stocks` bounds, for the OpenAPI document. */
const RANGE_MEANINGS: Readonly<Record<StockRangeFilter, string>> = {
  score: 'growth score (0–100)',
  performance: 'performance factor (0–100)',
  fundamental: 'fundamental factor (0–100)',
  sentiment: 'sentiment factor (0–100)',
  sector_score: 'sector factor (0–100)',
  momentum: 'momentum factor (0–100)',
  pe: 'price/earnings ratio; stocks without one are left out',
  pb: 'price/book ratio; stocks without one are left out',
  rsi: 'RSI (14), 0–100; stocks in its warm-up are left out',
  return_12m: '12-month return in percent (12.5 = +12.5 %); stocks without a year of bars are left out',
  forecast_return:
    'forecast return over the horizon in percent; stocks without a forecast (training, off, failed) are left out',
};

/** A finite decimal as a query writes it: `12`, `-0.5`, `1e3`. An empty value is refused, not read as 0. */
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function bound(range: StockRangeFilter, side: 'min' | 'max') {
  return z
    .string()
    .trim()
    .regex(NUMBER, 'must be a number')
    .transform(Number)
    .describe(`${side === 'min' ? 'Lowest' : 'Highest'} ${RANGE_MEANINGS[range]} (inclusive)`)
    .optional();
}

type Bound = ReturnType<typeof bound>;

/** The `<range>_min` and `<range>_max` parameters of every range filter. */
export type RangeShape = { [K in StockRangeFilter as `${K}_min` | `${K}_max`]: Bound };

/** The query parameters of {@link STOCK_RANGE_FILTERS}, two per range. */
export function rangeShape(): RangeShape {
  const shape: Record<string, Bound> = {};
  for (const range of STOCK_RANGE_FILTERS) {
    shape[`${range}_min`] = bound(range, 'min');
    shape[`${range}_max`] = bound(range, 'max');
  }
  return shape as RangeShape;
}

/** The bounds of one range as parsed: `undefined` where not given. */
export interface RangeBounds {
  min: number | undefined;
  max: number | undefined;
}

/** The bounds of `range` in a parsed query. */
export function rangeBounds(
  query: Partial<Record<`${StockRangeFilter}_${'min' | 'max'}`, number>>,
  range: StockRangeFilter,
): RangeBounds {
  return { min: query[`${range}_min`], max: query[`${range}_max`] };
}

/** Adds the check that no `<range>_min` exceeds its `<range>_max`; the issue names both parameters. */
export function withRangeCheck<S extends z.ZodObject>(schema: S): S {
  return schema.superRefine((query, ctx) => {
    const values = query as Record<string, number | undefined>;
    for (const range of STOCK_RANGE_FILTERS) {
      const min = values[`${range}_min`];
      const max = values[`${range}_max`];
      if (min !== undefined && max !== undefined && min > max)
        ctx.addIssue({
          code: 'custom',
          path: [`${range}_min`],
          message: `must not exceed ${range}_max (${range}_min ${min} > ${range}_max ${max})`,
        });
    }
  }) as S;
}
