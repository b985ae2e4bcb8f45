// The screener's order over rows with missing values: stocks without the sort value come last in
// either direction, ties go by rank, and the rows given are not reordered in place.
import { describe, expect, test } from 'vitest';
import type { ListStocksQuery } from '../src/contract/stock-requests.js';
import { screenStocks } from '../src/screener/screen.js';
import type { StockRow } from '../src/screener/stock-table.js';

function row(rank: number, symbol: string, pe: number | null, name = symbol): StockRow {
  return {
    stock: { symbol } as StockRow['stock'],
    summary: { rank, symbol, name, pe, factors: { momentum: 50 } } as StockRow['summary'],
    symbolKey: symbol.toLowerCase(),
    nameKey: name.toLowerCase(),
    sectorKey: 'tech',
  };
}

const rows = [
  row(1, 'AAA', null),
  row(2, 'BBB', 12),
  row(3, 'CCC', 8),
  row(4, 'DDD', null),
  row(5, 'EEE', 12),
];
const query = (sort: string) => ({ sort }) as ListStocksQuery;
const symbols = (result: StockRow[]) => result.map((r) => r.stock.symbol);
const noForecast = () => null;

describe('screenStocks order', () => {
  test('ascending: values low to high, equal values by rank, missing values last by rank', () => {
    expect(symbols(screenStocks(rows, query('pe'), noForecast))).toEqual(['CCC', 'BBB', 'EEE', 'AAA', 'DDD']);
  });

  test('descending: values high to low, equal values still by rank, missing values still last', () => {
    expect(symbols(screenStocks(rows, query('-pe'), noForecast))).toEqual([
      'BBB',
      'EEE',
      'CCC',
      'AAA',
      'DDD',
    ]);
  });

  test('a forecast sort with forecasts for some stocks: those without come last', () => {
    const forecast = (symbol: string) => ({ DDD: 5, BBB: -1 })[symbol] ?? null;
    expect(symbols(screenStocks(rows, query('-forecast_return'), forecast))).toEqual([
      'DDD',
      'BBB',
      'AAA',
      'CCC',
      'EEE',
    ]);
    expect(symbols(screenStocks(rows, query('forecast_return'), forecast))).toEqual([
      'BBB',
      'DDD',
      'AAA',
      'CCC',
      'EEE',
    ]);
  });

  test('names sort without regard to letter case; -rank reverses the ranking', () => {
    const named = [row(1, 'X', 1, 'beta'), row(2, 'Y', 1, 'Alpha'), row(3, 'Z', 1, 'gamma')];
    expect(symbols(screenStocks(named, query('name'), noForecast))).toEqual(['Y', 'X', 'Z']);
    expect(symbols(screenStocks(named, query('-rank'), noForecast))).toEqual(['Z', 'Y', 'X']);
    expect(symbols(named)).toEqual(['X', 'Y', 'Z']);
  });
});
