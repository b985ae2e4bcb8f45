import {
  BOUND_PARAMS,
  type BoundParam,
  COLUMN_IDS,
  type ColumnId,
  DEFAULT_COLUMNS,
  LIST_FILTERS,
  LIST_KEYS,
  type ListKey,
  PAGE_SIZES,
  SORT_FIELDS,
} from './screener-fields.js';

/**
 * A screen: filters, sort, page and shown columns. It lives in the URL hash's query
 * (`#/screener?score_min=60&sector=Energy,Utilities&sort=-score&columns=name,pe`), so a screen can be
 * bookmarked and shared, and a reload restores it. All but `columns` are `GET /api/stocks` parameters.
 */
export interface ScreenerState {
  bounds: Partial<Record<BoundParam, number>>;
  lists: Partial<Record<ListKey, string[]>>;
  /** Free text on symbol and name. */
  q: string;
  /** An API sort field, `-field` for descending. */
  sort: string;
  page: number;
  pageSize: number;
  columns: ColumnId[];
}

/** Best score first: what a screener is for. */
export const DEFAULT_SORT = '-score';
export const DEFAULT_PAGE_SIZE: number = PAGE_SIZES[0];

/** A screen with no filter. */
export function emptyScreen(): ScreenerState {
  return {
    bounds: {},
    lists: {},
    q: '',
    sort: DEFAULT_SORT,
    page: 1,
    pageSize: DEFAULT_PAGE_SIZE,
    columns: [...DEFAULT_COLUMNS],
  };
}

/** The values of a comma list, trimmed, without empties and repeats. */
function commaList(text: string): string[] {
  return [...new Set(text.split(',').map((s) => s.trim()))].filter((s) => s.length > 0);
}

/** A number as a bound accepts it: `''` and anything not finite are no bound. */
function finiteNumber(text: string | null): number | undefined {
  if (text === null || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function isSort(text: string): boolean {
  return (SORT_FIELDS as readonly string[]).includes(text.replace(/^-/, ''));
}

/**
 * The screen of a hash query (the part after `?`). Lenient, as links are typed and edited by hand:
 * an unknown parameter, a bound that is not a number or a choice that does not exist is dropped, not
 * an error — the API then gets only what it accepts.
 */
export function parseScreener(query: string): ScreenerState {
  const params = new URLSearchParams(query);
  const state = emptyScreen();
  for (const name of BOUND_PARAMS) {
    const value = finiteNumber(params.get(name));
    if (value !== undefined) state.bounds[name] = value;
  }
  for (const key of LIST_KEYS) {
    const raw = params.get(key);
    if (raw === null) continue;
    const choices: readonly string[] | null = LIST_FILTERS[key].choices;
    const values = commaList(raw).filter((v) => choices === null || choices.includes(v));
    if (values.length > 0) state.lists[key] = values;
  }
  state.q = (params.get('q') ?? '').trim();
  const sort = params.get('sort');
  if (sort !== null && isSort(sort)) state.sort = sort;
  const page = Number(params.get('page'));
  if (Number.isInteger(page) && page >= 1) state.page = page;
  const pageSize = Number(params.get('page_size'));
  if ((PAGE_SIZES as readonly number[]).includes(pageSize)) state.pageSize = pageSize;
  const columns = params.get('columns');
  if (columns !== null) {
    state.columns = commaList(columns).filter((c): c is ColumnId => COLUMN_IDS.includes(c as ColumnId));
  }
  return state;
}

/**
 * The API parameters of a screen (filters, sort, page): what `GET /api/stocks` is asked. Sort and
 * paging are always given, as the API's own defaults differ from the screener's.
 */
export function screenerApiParams(state: ScreenerState): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of BOUND_PARAMS) {
    const value = state.bounds[name];
    if (value !== undefined) params.set(name, String(value));
  }
  for (const key of LIST_KEYS) {
    const values = state.lists[key];
    if (values && values.length > 0) params.set(key, values.join(','));
  }
  if (state.q) params.set('q', state.q);
  params.set('sort', state.sort);
  params.set('page', String(state.page));
  params.set('page_size', String(state.pageSize));
  return params;
}

/** Query text with the commas of comma lists left readable (`%2C` is as valid, but not to a reader). */
function readable(params: URLSearchParams): string {
  return params.toString().replaceAll('%2C', ',');
}

/**
 * The hash query of a screen: its API parameters plus the shown columns. Parameters at their
 * defaults are left out, so the empty screen is `''`; {@link parseScreener} reads it back to an equal screen.
 */
export function screenerQuery(state: ScreenerState): string {
  const params = screenerApiParams(state);
  if (state.sort === DEFAULT_SORT) params.delete('sort');
  if (state.page === 1) params.delete('page');
  if (state.pageSize === DEFAULT_PAGE_SIZE) params.delete('page_size');
  const defaultColumns =
    state.columns.length === DEFAULT_COLUMNS.length &&
    state.columns.every((c, i) => c === DEFAULT_COLUMNS[i]);
  if (!defaultColumns) params.set('columns', state.columns.join(','));
  return readable(params);
}

/** `GET /api/stocks` of a screen (the page the table shows). */
export function screenerApiPath(state: ScreenerState): `/api/stocks?${string}` {
  return `/api/stocks?${readable(screenerApiParams(state))}`;
}

/**
 * The CSV export of a screen: the same filters and sort, every matching row (no page), from
 * `GET /api/stocks?format=csv`. The market endpoints are public, so the link needs no token.
 */
export function screenerCsvPath(state: ScreenerState): string {
  const params = screenerApiParams(state);
  params.delete('page');
  params.delete('page_size');
  params.set('format', 'csv');
  return `/api/stocks?${readable(params)}`;
}
