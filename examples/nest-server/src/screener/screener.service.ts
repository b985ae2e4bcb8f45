import { Injectable, Logger } from '@nestjs/common';
import type { StockPage, StockSummary } from '../contract/market.js';
import { type ListStocksQuery, STOCK_CSV_MAX_ROWS } from '../contract/stock-requests.js';
import { dataSourceView } from '../data/data-source.js';
import { PredictionService } from '../forecasts/prediction.service.js';
import { MarketDataGateway } from '../market/market-data.gateway.js';
import type { ScoredRun } from '../scoring/score-run.js';
import { ScoringRunner } from '../scoring/scoring-runner.js';
import { forecastReturnPercent } from '../stocks/stock-views.js';
import { loadMarketFacts } from './market-facts.js';
import { type ForecastLookup, screenStocks } from './screen.js';
import { stockCsv } from './stock-csv.js';
import { buildStockTable, type StockRow, type StockTable } from './stock-table.js';

/** The CSV answer of a screen: its text, and how many stocks passed (the rows may be fewer). */
export interface ScreenCsv {
  csv: string;
  total: number;
}

/**
 * The screener behind `GET /api/stocks` and the summaries of the top 10 and the stock page: the
 * served run's stocks summarised once per run (with market cap and 1-day change, read once through
 * the cache), filtered and sorted in memory per request; forecasts are looked up per request
 * because they arrive after the run. Once anything asked for a table, the table of each new run
 * is built as soon as the run is published, so requests rarely wait for it.
 */
@Injectable()
export class ScreenerService {
  private readonly logger = new Logger('Screener');
  private current: { run: ScoredRun; table: Promise<StockTable> } | undefined;
  /** Whether a table was ever asked for in this process. */
  private asked = false;

  constructor(
    private readonly market: MarketDataGateway,
    private readonly forecasts: PredictionService,
    scoring: ScoringRunner,
  ) {
    // Only where tables are asked for: a worker process (which scores but serves nothing) builds none.
    scoring.runs.subscribe(({ run }) => {
      if (!this.asked) return;
      this.table(run).catch((error) =>
        this.logger.warn(`screener table of run ${run.runId} failed: ${(error as Error).message}`),
      );
    });
    market.sourceChanges.subscribe(() => {
      this.current = undefined;
    });
  }

  /** The summarised stocks of `run` (built once per run; a failed build is retried next time). */
  table(run: ScoredRun): Promise<StockTable> {
    this.asked = true;
    if (this.current?.run === run) return this.current.table;
    const table = loadMarketFacts(
      this.market,
      run.results.map((r) => r.symbol),
    ).then((facts) => buildStockTable(run, facts));
    const entry = { run, table };
    this.current = entry;
    table.catch(() => {
      if (this.current === entry) this.current = undefined;
    });
    return table;
  }

  /** A row's summary with the symbol's current forecast return. */
  summary(row: StockRow): StockSummary {
    return {
      ...row.summary,
      forecast_return_percent: forecastReturnPercent(this.forecasts.get(row.stock.symbol)),
    };
  }

  /** One page of the stocks of `run` that pass `query`, in its order. */
  async page(run: ScoredRun, query: ListStocksQuery): Promise<StockPage> {
    const table = await this.table(run);
    const rows = screenStocks(table.rows, query, this.forecastLookup);
    const start = (query.page - 1) * query.page_size;
    return {
      items: rows.slice(start, start + query.page_size).map((row) => this.summary(row)),
      page: query.page,
      page_size: query.page_size,
      total: rows.length,
      sectors: table.sectors,
      as_of: run.asOf,
      data_source: dataSourceView(run.source),
    };
  }

  /** Every stock of `run` that passes `query` (the first {@link STOCK_CSV_MAX_ROWS}) as CSV. */
  async csv(run: ScoredRun, query: ListStocksQuery): Promise<ScreenCsv> {
    const table = await this.table(run);
    const rows = screenStocks(table.rows, query, this.forecastLookup);
    return {
      csv: stockCsv(rows.slice(0, STOCK_CSV_MAX_ROWS).map((row) => this.summary(row))),
      total: rows.length,
    };
  }

  private readonly forecastLookup: ForecastLookup = (symbol) =>
    forecastReturnPercent(this.forecasts.get(symbol));
}
