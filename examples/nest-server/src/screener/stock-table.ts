import type { ScoredRun, ScoredStock } from '../scoring/score-run.js';
import { type MarketFacts, UNKNOWN_MARKET_FACTS } from '../stocks/stock-metrics.js';
import { completeStockSummary } from '../stocks/stock-views.js';

/** A stock's summary before its forecast is added (forecasts change without a new run). */
export type RunSummary = Omit<ReturnType<typeof completeStockSummary>, 'forecast_return_percent'>;

/** One stock of a run as the screener filters it: its summary and the keys it is searched by. */
export interface StockRow {
  stock: ScoredStock;
  summary: RunSummary;
  symbolKey: string;
  nameKey: string;
  sectorKey: string;
}

/**
 * Every stock of one run, summarised once: the screener filters and sorts these rows in memory
 * (the numbers it compares are the ones the API shows, rounded as shown), never the database.
 */
export interface StockTable {
  run: ScoredRun;
  /** Best first, as the run ranked them. */
  rows: StockRow[];
  bySymbol: Map<string, StockRow>;
  /** Sector names of the run, sorted. */
  sectors: string[];
}

/** The table of `run` with the market facts of its symbols (unknown where missing). */
export function buildStockTable(run: ScoredRun, facts: ReadonlyMap<string, MarketFacts>): StockTable {
  const rows = run.results.map((stock): StockRow => {
    const { forecast_return_percent: _none, ...summary } = completeStockSummary(
      stock,
      facts.get(stock.symbol) ?? UNKNOWN_MARKET_FACTS,
      null,
    );
    return {
      stock,
      summary,
      symbolKey: stock.symbol.toLowerCase(),
      nameKey: stock.name.toLowerCase(),
      sectorKey: stock.sector.toLowerCase(),
    };
  });
  return {
    run,
    rows,
    bySymbol: new Map(rows.map((row) => [row.stock.symbol, row])),
    sectors: [...new Set(run.results.map((r) => r.sector))].sort(),
  };
}
