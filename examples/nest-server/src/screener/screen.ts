import {
  type ListStocksQuery,
  STOCK_RANGE_FILTERS,
  type StockRangeFilter,
  type StockSortField,
} from '../contract/stock-requests.js';
import type { StockRow } from './stock-table.js';

/** The forecast return (percent, as shown) of a symbol, or null without a forecast. */
export type ForecastLookup = (symbol: string) => number | null;

/** The filters and sort of a screener query (paging and format are the caller's). */
export type ScreenQuery = Omit<ListStocksQuery, 'page' | 'page_size' | 'format'>;

/** The value a range filter bounds, as the row's summary shows it. */
function rangeValue(row: StockRow, range: StockRangeFilter, forecast: ForecastLookup): number | null {
  const s = row.summary;
  switch (range) {
    case 'score':
      return s.score;
    case 'performance':
    case 'fundamental':
    case 'sentiment':
    case 'momentum':
      return s.factors[range];
    case 'sector_score':
      return s.factors.sector;
    case 'pe':
      return s.pe;
    case 'pb':
      return s.pb;
    case 'rsi':
      return s.rsi_14;
    case 'return_12m':
      return s.return_12m_percent;
    case 'forecast_return':
      return forecast(row.stock.symbol);
  }
}

/** The key a sort field orders by; null sorts last in either direction. */
function sortValue(row: StockRow, field: StockSortField, forecast: ForecastLookup): number | string | null {
  const s = row.summary;
  switch (field) {
    case 'rank':
      return s.rank;
    case 'score':
      return s.score;
    case 'symbol':
      return s.symbol;
    case 'name':
      return row.nameKey;
    case 'performance':
    case 'fundamental':
    case 'sentiment':
    case 'sector':
    case 'momentum':
      return s.factors[field];
    case 'pe':
      return s.pe;
    case 'pb':
      return s.pb;
    case 'rsi':
      return s.rsi_14;
    case 'return_12m':
      return s.return_12m_percent;
    case 'forecast_return':
      return forecast(row.stock.symbol);
    case 'market_cap':
      return s.market_cap;
    case 'change_1d':
      return s.change_1d_percent;
  }
}

type RowTest = (row: StockRow) => boolean;

/** One test per filter given; a stock passes the query when it passes all of them. */
function rowTests(query: ScreenQuery, forecast: ForecastLookup): RowTest[] {
  const tests: RowTest[] = [];
  if (query.q !== undefined) {
    const prefix = query.q.toLowerCase();
    tests.push((row) => row.symbolKey.startsWith(prefix) || row.nameKey.startsWith(prefix));
  }
  if (query.grade) {
    const grades = new Set<string>(query.grade);
    tests.push((row) => row.summary.grade !== undefined && grades.has(row.summary.grade));
  }
  if (query.sector) {
    const sectors = new Set(query.sector);
    tests.push((row) => sectors.has(row.sectorKey));
  }
  if (query.risk) {
    const levels = new Set<string>(query.risk);
    tests.push((row) => levels.has(row.summary.risk_level));
  }
  if (query.confidence) {
    const levels = new Set<string>(query.confidence);
    tests.push((row) => levels.has(row.summary.confidence_level));
  }
  for (const range of STOCK_RANGE_FILTERS) {
    const min = query[`${range}_min`];
    const max = query[`${range}_max`];
    if (min === undefined && max === undefined) continue;
    // A stock without the value (no P/E, RSI in warm-up, no forecast) cannot satisfy a bound.
    tests.push((row) => {
      const value = rangeValue(row, range, forecast);
      return value !== null && (min === undefined || value >= min) && (max === undefined || value <= max);
    });
  }
  return tests;
}

/**
 * The rows that satisfy every filter of `query`, in its sort order: stocks without the sort value
 * last in either direction, ties by rank. Linear in the rows plus one sort of the survivors.
 */
export function screenStocks(
  rows: readonly StockRow[],
  query: ScreenQuery,
  forecast: ForecastLookup,
): StockRow[] {
  const tests = rowTests(query, forecast);
  const kept = tests.length === 0 ? [...rows] : rows.filter((row) => tests.every((test) => test(row)));
  const descending = query.sort.startsWith('-');
  const field = query.sort.replace(/^-/, '') as StockSortField;
  // Keys computed once per row (not per comparison); the rank breaks ties in either direction.
  const keyed = kept.map((row) => ({ row, key: sortValue(row, field, forecast), rank: row.summary.rank }));
  const sign = descending ? -1 : 1;
  keyed.sort((a, b) => {
    if (a.key === null || b.key === null) {
      if (a.key !== b.key) return a.key === null ? 1 : -1;
      return a.rank - b.rank;
    }
    const order = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    return order !== 0 ? sign * order : a.rank - b.rank;
  });
  return keyed.map((k) => k.row);
}
