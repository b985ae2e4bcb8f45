// No imports on purpose: the dashboard's screener bundles these values (as it does FACTOR_NAMES),
// and importing them from stock-requests.ts would pull zod into the dashboard.

/** Fields `GET /api/stocks` sorts by: `sort=<field>` ascending, `sort=-<field>` descending. */
export const STOCK_SORT_FIELDS = [
  'rank',
  'score',
  'symbol',
  'name',
  'performance',
  'fundamental',
  'sentiment',
  'sector',
  'momentum',
  'pe',
  'pb',
  'rsi',
  'return_12m',
  'forecast_return',
  'market_cap',
  'change_1d',
] as const;

/** A field of {@link STOCK_SORT_FIELDS}. */
export type StockSortField = (typeof STOCK_SORT_FIELDS)[number];

/**
 * Numeric filters of `GET /api/stocks`: each name `<range>` takes `<range>_min` and `<range>_max`
 * (both inclusive). `sector_score` is the sector factor (`sector` itself filters by sector name).
 */
export const STOCK_RANGE_FILTERS = [
  'score',
  'performance',
  'fundamental',
  'sentiment',
  'sector_score',
  'momentum',
  'pe',
  'pb',
  'rsi',
  'return_12m',
  'forecast_return',
] as const;

/** A range of {@link STOCK_RANGE_FILTERS}. */
export type StockRangeFilter = (typeof STOCK_RANGE_FILTERS)[number];

/** List filters of `GET /api/stocks`: comma-separated values, a stock passes when it has one of them. */
export const STOCK_LIST_FILTERS = ['grade', 'sector', 'risk', 'confidence'] as const;

/** Most rows one CSV answer of `GET /api/stocks?format=csv` carries (the first ones in the sort order). */
export const STOCK_CSV_MAX_ROWS = 10_000;
