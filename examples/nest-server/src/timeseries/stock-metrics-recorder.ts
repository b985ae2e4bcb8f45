import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Subscription } from 'rxjs';
import { type PricedQuote, PriceFeed } from '../jobs/price-feed.js';
import { MarketDataGateway } from '../market/market-data.gateway.js';
import type { FinishedRun } from '../scoring/score-run.js';
import { ScoringRunner } from '../scoring/scoring-runner.js';
import { TimeseriesWriter } from './timeseries-writer.js';

/**
 * `stock_metrics`: a row per symbol for every scoring run this process finishes, and for every live
 * quote its price feed prices. Subscribes to the {@link ScoringRunner}'s runs and the
 * {@link PriceFeed}'s quotes; neither knows about the store.
 *
 * - run rows: price = the close scored; volume, change_percent and data freshness from that bar
 *   (the bars the run just read, from the cache); calculation_time_ms = the whole run's duration
 *   (the engine scores the universe at once, not symbol by symbol); api_response_time_ms = null
 *   (the bars came through the cache, no single provider call belongs to the row).
 * - tick rows: price and change_percent against the previous close; for real providers volume,
 *   freshness and the duration of the provider call; null for those on the simulated clock.
 */
@Injectable()
export class StockMetricsRecorder implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Timeseries');
  private readonly subscriptions: Subscription[] = [];

  constructor(
    private readonly writer: TimeseriesWriter,
    private readonly scoring: ScoringRunner,
    private readonly market: MarketDataGateway,
    private readonly modules: ModuleRef,
  ) {}

  onModuleInit(): void {
    this.subscriptions.push(
      this.scoring.runs.subscribe((finished) => {
        this.recordRun(finished).catch((error: Error) =>
          this.logger.warn(`stock_metrics of run ${finished.run.runId} not recorded: ${error.message}`),
        );
      }),
    );
    // The feed belongs to the jobs (server) or worker module: looked up, not imported, so this
    // module does not pull the update tasks into every process that records.
    const feed = this.modules.get(PriceFeed, { strict: false, each: false });
    this.subscriptions.push(feed.pricedQuotes.subscribe((priced) => this.recordTick(priced)));
  }

  onApplicationShutdown(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.unsubscribe();
  }

  private async recordRun({ run, seconds }: FinishedRun): Promise<void> {
    const time = run.createdAt;
    for (const result of run.results) {
      const bars = await this.market.bars(result.symbol).catch(() => undefined);
      const n = bars?.close.length ?? 0;
      const previous = n > 1 ? (bars?.close[n - 2] as number) : undefined;
      const barTime = n > 0 ? (bars?.timestamps[n - 1] as number) : undefined;
      this.writer.stockMetrics.record({
        time,
        symbol: result.symbol,
        source: 'run',
        price: result.currentPrice,
        volume: n > 0 ? (bars?.volume[n - 1] as number) : null,
        change_percent: previous ? ((result.currentPrice - previous) / previous) * 100 : null,
        calculation_time_ms: seconds * 1000,
        data_freshness_seconds: barTime === undefined ? null : (time.getTime() - barTime) / 1000,
        api_response_time_ms: null,
        data_source_key: run.sourceKey,
      });
    }
  }

  private recordTick({ quote, volume, barTime, responseMs }: PricedQuote): void {
    this.writer.stockMetrics.record({
      time: new Date(quote.at),
      symbol: quote.symbol,
      source: 'tick',
      price: quote.price,
      volume,
      change_percent: ((quote.price - quote.previousClose) / quote.previousClose) * 100,
      calculation_time_ms: null,
      data_freshness_seconds: barTime === null ? null : (quote.at - barTime) / 1000,
      api_response_time_ms: responseMs,
      data_source_key: this.market.sourceKey,
    });
  }
}
