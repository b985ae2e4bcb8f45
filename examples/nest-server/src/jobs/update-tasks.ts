import { Injectable, Logger } from '@nestjs/common';
import { PredictionService } from '../forecasts/prediction.service.js';
import { MarketDataGateway } from '../market/market-data.gateway.js';
import { Broadcaster } from '../realtime/broadcaster.js';
import type { ScoredRun } from '../scoring/score-run.js';
import { ScoringRunner } from '../scoring/scoring-runner.js';
import { loadMarketFacts } from '../screener/market-facts.js';
import { UNKNOWN_MARKET_FACTS } from '../stocks/stock-metrics.js';
import { completeStockSummary, forecastReturnPercent } from '../stocks/stock-views.js';
import { LiveQuotes } from './live-quotes.js';
import { PortfolioRevaluer } from './portfolio-revaluer.js';
import { PriceFeed } from './price-feed.js';

/** Some symbols of a task failed; the job is retried (the others are done and stay done). */
export class SymbolsFailedError extends Error {
  override name = 'SymbolsFailedError';
  constructor(
    readonly task: string,
    readonly failed: { symbol: string; reason: string }[],
  ) {
    super(`${task}: ${failed.length} symbol(s) failed, first ${failed[0]?.symbol}: ${failed[0]?.reason}`);
  }
}

/** Outcome of one price tick over a set of symbols. */
export interface PriceTickResult {
  tick: number;
  symbols: number;
  /** Symbols whose new price was stored and broadcast. */
  updated: number;
  portfolios: number;
  alerts: number;
}

/** Headlines kept per symbol: the analyzer's default `newsLimit`. */
const NEWS_LIMIT = 50;
/** How long the symbol list is reused before the provider is asked again. */
const UNIVERSE_TTL_MS = 15 * 60_000;

/**
 * The three background updates, the same code whether the in-process scheduler or a BullMQ
 * worker runs them: results go to PostgreSQL and the cache first, then out to clients.
 *
 * A tick is idempotent: a quote is stored only if newer than the stored one, and only stored quotes
 * are revalued and broadcast, so a retried job re-does only what failed.
 */
@Injectable()
export class UpdateTasks {
  private readonly logger = new Logger('Jobs');
  private universeCache: { symbols: string[]; at: number } | undefined;

  constructor(
    private readonly scoring: ScoringRunner,
    private readonly market: MarketDataGateway,
    private readonly feed: PriceFeed,
    private readonly quotes: LiveQuotes,
    private readonly revaluer: PortfolioRevaluer,
    private readonly broadcaster: Broadcaster,
    private readonly forecasts: PredictionService,
  ) {
    // Every finished run is broadcast, whoever started it (this rhythm, a start-up run, a worker),
    // with the top 10 summarised as REST does: market cap and 1-day change read through the cache
    // (ten symbols the run has just read), the forecasts known now.
    scoring.runs.subscribe(({ run }) => {
      void this.broadcastRun(run);
    });
    // Another data source has other symbols: price and news ticks must not ask for the old ones.
    market.sourceChanges.subscribe(() => {
      this.universeCache = undefined;
    });
  }

  private async broadcastRun(run: ScoredRun): Promise<void> {
    try {
      const best = run.results.slice(0, 10);
      const facts = await loadMarketFacts(
        this.market,
        best.map((r) => r.symbol),
      );
      const top10 = best.map((r) =>
        completeStockSummary(
          r,
          facts.get(r.symbol) ?? UNKNOWN_MARKET_FACTS,
          forecastReturnPercent(this.forecasts.get(r.symbol)),
        ),
      );
      this.broadcaster.scores(run, top10);
    } catch (error) {
      this.logger.error(`broadcasting run ${run.runId} failed: ${(error as Error).message}`);
    }
  }

  /** The provider's symbols (reused for 15 minutes). */
  async universe(): Promise<string[]> {
    if (this.universeCache && Date.now() - this.universeCache.at < UNIVERSE_TTL_MS)
      return this.universeCache.symbols;
    const symbols = (await this.market.listSymbols()).map((info) => info.symbol);
    this.universeCache = { symbols, at: Date.now() };
    return symbols;
  }

  /**
   * Prices of `symbols` at `tick`: new prices → positions revalued and alerts decided (PostgreSQL) →
   * quotes stored → `price:update`, `portfolio:update` and `alert` broadcast. Positions are written
   * before the quote becomes visible to REST reads, so a REST valuation cannot set a position's
   * alert flag first and swallow the alert.
   */
  async prices(symbols: readonly string[], tick: number): Promise<PriceTickResult> {
    const { quotes, failed } = await this.feed.quotes(symbols, tick);
    const stored = await this.quotes.getMany(quotes.map((q) => q.symbol));
    const fresh = quotes.filter((q) => {
      const current = stored.get(q.symbol);
      return !current || (current.tick < q.tick && current.price !== q.price);
    });
    const changes = await this.revaluer.revalue(fresh);
    const published = await this.quotes.putIfNewer(fresh);
    for (const q of published) {
      const change = q.price - q.previousClose;
      this.broadcaster.price({
        symbol: q.symbol,
        price: q.price,
        previous_close: q.previousClose,
        change: Math.round(change * 10_000) / 10_000,
        change_percent: Math.round((change / q.previousClose) * 1_000_000) / 10_000,
        tick: q.tick,
        at: new Date(q.at).toISOString(),
      });
    }
    for (const [userId, portfolio] of changes.portfolios) this.broadcaster.portfolio(userId, portfolio);
    for (const { userId, alert } of changes.alerts) this.broadcaster.alert(userId, alert);
    await this.broadcaster.flush();
    if (failed.length > 0) throw new SymbolsFailedError('prices', failed);
    return {
      tick,
      symbols: symbols.length,
      updated: published.length,
      portfolios: changes.portfolios.size,
      alerts: changes.alerts.length,
    };
  }

  /** A scoring run over the universe (persisted by the runner, broadcast by the subscription above). */
  async scores(): Promise<{ runId: string; symbols: number }> {
    const run = await this.scoring.refresh();
    await this.broadcaster.flush();
    return { runId: run.runId, symbols: run.results.length };
  }

  /**
   * Fresh headlines for `symbols`, written through every cache layer (L1, Redis, the database), so
   * the next scoring run computes sentiment from them.
   */
  async news(symbols: readonly string[]): Promise<{ symbols: number; headlines: number }> {
    if (!this.market.hasNews) return { symbols: 0, headlines: 0 };
    const failed: { symbol: string; reason: string }[] = [];
    let headlines = 0;
    for (const symbol of symbols) {
      try {
        headlines += await this.market.refreshNews(symbol, NEWS_LIMIT);
      } catch (error) {
        failed.push({ symbol, reason: (error as Error).message });
      }
    }
    if (failed.length > 0) throw new SymbolsFailedError('news', failed);
    return { symbols: symbols.length, headlines };
  }
}
