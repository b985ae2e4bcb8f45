// What the screener filters on and shows: the names are those of `GET /api/stocks` (src/contract),
// so a filter's URL parameter is the API's parameter and the screen's link doubles as its query.
import {
  STOCK_LIST_FILTERS,
  STOCK_RANGE_FILTERS,
  STOCK_SORT_FIELDS,
  type StockRangeFilter,
  type StockSortField,
} from './api/types.js';

/** How the form shows each numeric filter; `min`/`max` bound the input where the value has a range. */
const RANGE_INPUTS: Record<StockRangeFilter, { label: string; min?: number; max?: number; step: number }> = {
  score: { label: 'Score', min: 0, max: 100, step: 1 },
  performance: { label: 'Performance', min: 0, max: 100, step: 1 },
  fundamental: { label: 'Fundamental', min: 0, max: 100, step: 1 },
  sentiment: { label: 'Sentiment', min: 0, max: 100, step: 1 },
  sector_score: { label: 'Sector factor', min: 0, max: 100, step: 1 },
  momentum: { label: 'Momentum', min: 0, max: 100, step: 1 },
  pe: { label: 'P/E', step: 0.1 },
  pb: { label: 'P/B', step: 0.1 },
  rsi: { label: 'RSI 14', min: 0, max: 100, step: 1 },
  return_12m: { label: '12-month return %', step: 1 },
  forecast_return: { label: 'Forecast return %', step: 0.5 },
};

/** Numeric filters (the API's ranges, in its order): each is the pair `<key>_min` / `<key>_max`. */
export const RANGE_FILTERS = STOCK_RANGE_FILTERS.map((key) => ({ key, ...RANGE_INPUTS[key] }));

/** A numeric filter's key. */
export type RangeKey = StockRangeFilter;
/** One bound of a numeric filter, as the API names it. */
export type BoundParam = `${RangeKey}_min` | `${RangeKey}_max`;

/** Every bound parameter, in the order the form shows them. */
export const BOUND_PARAMS: readonly BoundParam[] = STOCK_RANGE_FILTERS.flatMap(
  (key) => [`${key}_min`, `${key}_max`] as const,
);

const LEVELS = ['low', 'medium', 'high'] as const;

/**
 * Filters that take a comma list of allowed values. `sector` has no fixed choices: the sectors come
 * from the API's answer (`sectors` of the stock page).
 */
export const LIST_FILTERS = {
  grade: {
    label: 'Grade',
    choices: ['A+', 'A', 'A-', 'B+', 'B', 'B-', 'C+', 'C', 'C-', 'D+', 'D', 'D-', 'F'],
  },
  sector: { label: 'Sector', choices: null },
  risk: { label: 'Risk', choices: LEVELS },
  confidence: { label: 'Confidence', choices: LEVELS },
} as const satisfies Record<
  (typeof STOCK_LIST_FILTERS)[number],
  { label: string; choices: readonly string[] | null }
>;

/** A list filter's key (also its API parameter). */
export type ListKey = keyof typeof LIST_FILTERS;
/** The list filters in the API's order. */
export const LIST_KEYS: readonly ListKey[] = STOCK_LIST_FILTERS;

/**
 * Columns the user may show. `sort` is the API's sort field for the column (none: not sortable);
 * `firstDescending` says which way a first click sorts (scores best first, names A to Z).
 */
export const COLUMNS = [
  { id: 'name', label: 'Name', sort: 'name', firstDescending: false },
  { id: 'sector', label: 'Sector', sort: null, firstDescending: false },
  { id: 'score', label: 'Score', sort: 'score', firstDescending: true },
  { id: 'grade', label: 'Grade', sort: null, firstDescending: false },
  { id: 'performance', label: 'Performance', sort: 'performance', firstDescending: true },
  { id: 'fundamental', label: 'Fundamental', sort: 'fundamental', firstDescending: true },
  { id: 'sentiment', label: 'Sentiment', sort: 'sentiment', firstDescending: true },
  { id: 'sector_score', label: 'Sector factor', sort: 'sector', firstDescending: true },
  { id: 'momentum', label: 'Momentum', sort: 'momentum', firstDescending: true },
  { id: 'risk', label: 'Risk', sort: null, firstDescending: false },
  { id: 'confidence', label: 'Confidence', sort: null, firstDescending: false },
  { id: 'price', label: 'Price', sort: null, firstDescending: false },
  { id: 'change_1d', label: '1 day %', sort: 'change_1d', firstDescending: true },
  { id: 'market_cap', label: 'Market cap', sort: 'market_cap', firstDescending: true },
  { id: 'pe', label: 'P/E', sort: 'pe', firstDescending: false },
  { id: 'pb', label: 'P/B', sort: 'pb', firstDescending: false },
  { id: 'rsi', label: 'RSI 14', sort: 'rsi', firstDescending: true },
  { id: 'return_12m', label: '12 m %', sort: 'return_12m', firstDescending: true },
  { id: 'forecast_return', label: 'Forecast %', sort: 'forecast_return', firstDescending: true },
] as const satisfies readonly {
  id: string;
  label: string;
  sort: StockSortField | null;
  firstDescending: boolean;
}[];

/** A column's id. */
export type ColumnId = (typeof COLUMNS)[number]['id'];
/** Every column id, in table order. */
export const COLUMN_IDS: readonly ColumnId[] = COLUMNS.map((c) => c.id);
/** Shown when the link names no columns. */
export const DEFAULT_COLUMNS: readonly ColumnId[] = [
  'name',
  'sector',
  'score',
  'grade',
  'risk',
  'pe',
  'return_12m',
  'change_1d',
];

/** Sort fields of the API (rank and symbol are sortable on every table: those columns are always shown). */
export const SORT_FIELDS: readonly StockSortField[] = STOCK_SORT_FIELDS;

/** Page sizes the screener offers (the API allows up to 200). */
export const PAGE_SIZES = [25, 50, 100, 200] as const;
