import { Injectable } from '@nestjs/common';
import { MarketDataGateway } from '../market/market-data.gateway.js';
import { ScoringRunner } from '../scoring/scoring-runner.js';
import { ServerMetrics } from './server-metrics.js';

/**
 * Feeds the domain metrics: each finished scoring run counts into `stock_calculations_total` and
 * `score_calculation_duration_seconds`; `cache_hit_rate` reads the layered cache's counters on
 * scrape. Subscribed in the constructor, which runs before any `onModuleInit`, so the first scoring
 * run (started there) is never missed.
 */
@Injectable()
export class AnalysisMetrics {
  constructor(scoring: ScoringRunner, market: MarketDataGateway, metrics: ServerMetrics) {
    scoring.runs.subscribe(({ run, seconds }) => metrics.observeScoringRun(run.results.length, seconds));
    metrics.trackCache(() => market.cacheStats());
  }
}
