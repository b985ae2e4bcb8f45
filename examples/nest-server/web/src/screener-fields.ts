// What the screener filters on and shows: the names are those of `GET /api/stocks` (src/contract),
// so a filter's URL parameter is the API's parameter and the screen's link doubles as its query.

/** Numeric filters: each is the pair of API parameters `<key>_min` / `<key>_max`. */
export const RANGE_FILTERS = [
  { key: 'score', label: 'Score', min: 0, max: 100, step: 1 },
  { key: 'performance', label: 'Performance', min: 0, max: 100, step: 1 },
  { key: 'fundamental', label: 'Fundamental', min: 0, max: 100, step: 1 },
  { key: 'sentiment', label: 'Sentiment', min: 0, max: 100, step: 1 },
  { key: 'sector_score', label: 'Sector factor', min: 0, max: 100, step: 1 },
  { key: 'momentum', label: 'Momentum', min: 0, max: 100, step: 1 },
  { key: 'pe', label: 'P/E', min: undefined, max: undefined, step: 0.1 },
  { key: 'pb', label: 'P/B', min: undefined, max: undefined, step: 0.1 },
  { key: 'rsi', label: 'RSI 14', min: 0, max: 100, step: 1 },
  { key: 'return_12m', label: '12-month return %', min: undefined, max: undefined, step: 1 },
  { key: 'forecast_return', label: 'Forecast return %', min: undefined, max: undefined, step: 0.5 },
] as const;

/** A numeric filter's key. */
export type RangeKey = (typeof RANGE_FILTERS)[number]['key'];
/** One bound of a numeric filter, as the API names it. */
export type BoundParam = `${RangeKey}_min` | `${RangeKey}_max`;

/** Every bound parameter, in the order the form shows them. */
export const BOUND_PARAMS: readonly BoundParam[] = RANGE_FILTERS.flatMap(
  (f) => [`${f.key}_min`, `${f.key}_max`] as const,
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
} as const satisfies Record<string, { label: string; choices: readonly string[] | null }>;

/** A list filter's key (also its API parameter). */
export type ListKey = keyof typeof LIST_FILTERS;
/** The list filters in the order the form shows them. */
export const LIST_KEYS = Object.keys(LIST_FILTERS) as ListKey[];

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
] as const;

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

/** Sort fields of the API; rank and symbol are always on the table, so sortable without a column. */
export const SORT_FIELDS: readonly string[] = [
  'rank',
  'symbol',
  ...COLUMNS.flatMap((c) => (c.sort ? [c.sort] : [])),
];

/** Page sizes the screener offers (the API allows up to 200). */
export const PAGE_SIZES = [25, 50, 100, 200] as const;
