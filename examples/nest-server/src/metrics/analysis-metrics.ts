import { Injectable } from '@nestjs/common';
import { AnalysisService } from '../stocks/analysis.service.js';
import { ServerMetrics } from './server-metrics.js';

/**
 * Connects the analysis service to the metrics: each finished scoring run feeds
 * `stock_calculations_total` and `score_calculation_duration_seconds`; `cache_hit_rate` reads the
 * layered cache's counters on scrape. Wired in the constructor, which runs before any
 * `onModuleInit`, so the first scoring run (started there) is never missed.
 */
@Injectable()
export class AnalysisMetrics {
  constructor(analysis: AnalysisService, metrics: ServerMetrics) {
    analysis.runListeners.push((run, seconds) => metrics.observeScoringRun(run.results.length, seconds));
    metrics.trackCache(() => analysis.cache.stats());
  }
}
