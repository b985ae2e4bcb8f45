import { Injectable, NotFoundException } from '@nestjs/common';
import { reusableJson } from '../common/reusable-json.js';
import { dataSourceView } from '../data/data-source.js';
import { PredictionService } from '../forecasts/prediction.service.js';
import { MarketDataGateway } from '../market/market-data.gateway.js';
import type { ScoredRun } from '../scoring/score-run.js';
import { ScreenerService } from '../screener/screener.service.js';
import type { StockTable } from '../screener/stock-table.js';
import { barsVersion, type MarketView, marketView } from './market-view.js';

/** A memoised body and what it was built from. */
interface Built<T> {
  run: ScoredRun;
  forecasts: number;
  body: T;
}

/**
 * The bodies of the top 10 and the stock detail, built once per scoring run and forecast revision,
 * then served from memory (their JSON too, see {@link reusableJson}): a GET does no database work,
 * no cache lookup, no indicator arithmetic and no serialisation unless its inputs changed. A stock's
 * market view (indicators, recent bars) is computed once per bar by the SDK's batch functions and
 * reused across runs until a new bar arrives; bars this process re-reads during trading hours
 * ({@link MarketDataGateway.barsUpdates}) rebuild it at once.
 */
@Injectable()
export class StockResponses {
  private top10Body: Built<ReturnType<StockResponses['buildTop10']>> | undefined;
  private readonly detailBodies = new Map<string, Built<ReturnType<StockResponses['buildDetail']>>>();
  /** The run {@link detailBodies} belong to: a new run drops them all (and the JSON kept with them). */
  private detailRun: ScoredRun | undefined;
  private readonly views = new Map<string, { bars: string; view: MarketView }>();

  constructor(
    private readonly forecasts: PredictionService,
    private readonly market: MarketDataGateway,
    private readonly screener: ScreenerService,
  ) {
    market.sourceChanges.subscribe(() => {
      this.views.clear();
      this.detailBodies.clear();
      this.top10Body = undefined;
    });
    market.barsUpdates.subscribe((symbol) => {
      this.detailBodies.delete(symbol);
    });
  }

  /** `GET /api/wachstumsprognose/top10` of `run`. */
  async top10(run: ScoredRun) {
    const built = this.top10Body;
    if (built && built.run === run && built.forecasts === this.forecasts.revision) return built.body;
    const revision = this.forecasts.revision;
    const body = reusableJson(this.buildTop10(await this.screener.table(run)));
    this.top10Body = { run, forecasts: revision, body };
    return body;
  }

  /** `GET /api/stocks/:symbol` of `run`; 404 for a symbol the run did not score. */
  async detail(run: ScoredRun, symbol: string) {
    if (!run.bySymbol.has(symbol)) throw new NotFoundException(`Unknown symbol ${symbol}`);
    if (this.detailRun !== run) {
      this.detailBodies.clear();
      this.detailRun = run;
    }
    const built = this.detailBodies.get(symbol);
    if (built && built.forecasts === this.forecasts.revision) return built.body;
    const revision = this.forecasts.revision;
    // The bars of the run, from the cache (L1 in memory): the same the analyzer scored.
    const bars = await this.market.bars(symbol);
    const version = barsVersion(bars);
    let view = this.views.get(symbol);
    if (view?.bars !== version) {
      view = { bars: version, view: marketView(bars) };
      this.views.set(symbol, view);
    }
    const table = await this.screener.table(run);
    const body = reusableJson(this.buildDetail(table, symbol, view.view));
    // A newer run may have arrived while the bars were read: its details are not this one's.
    if (this.detailRun === run) this.detailBodies.set(symbol, { run, forecasts: revision, body });
    return body;
  }

  private buildTop10(table: StockTable) {
    const run = table.run;
    return {
      top_10_wachstums_aktien: table.rows.slice(0, 10).map((row) => ({
        ...this.screener.summary(row),
        prediction: this.forecasts.view(row.stock.symbol),
      })),
      generated_at: run.createdAt.toISOString(),
      valid_until: run.validUntil.toISOString(),
      model_version: run.modelVersion,
      universe_size: run.results.length,
      as_of: run.asOf,
      data_source: dataSourceView(run.source),
    };
  }

  private buildDetail(table: StockTable, symbol: string, view: MarketView) {
    const run = table.run;
    const row = table.bySymbol.get(symbol) as NonNullable<ReturnType<typeof table.bySymbol.get>>;
    const scored = row.stock;
    return {
      ...this.screener.summary(row),
      grades: scored.grades,
      details: scored.details,
      risk: scored.risk,
      confidence: scored.confidence,
      indicators: view.indicators,
      prediction: this.forecasts.view(symbol),
      history: view.history,
      generated_at: run.createdAt.toISOString(),
      as_of: run.asOf,
      data_source: dataSourceView(run.source),
    };
  }
}
