import { randomUUID } from 'node:crypto';
import { type Analyzer, createAnalyzer, type ScoreResult } from '@da-ki/sdk';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type Observable, Subject } from 'rxjs';
import { isoDate, sourceKey } from '../data/data-source.js';
import { MarketDataGateway } from '../market/market-data.gateway.js';
import {
  type FinishedRun,
  RUN_VALIDITY_MS,
  SCORE_MODEL_VERSION,
  type ScoredRun,
  type ScoredStock,
} from './score-run.js';
import { ScoreRunRepository } from './score-run.repository.js';

/**
 * Scores the universe with the SDK analyzer, one refresh at a time, persists each run through the
 * {@link ScoreRunRepository} (so a restart serves the last run at once) and publishes every finished
 * run on {@link runs}: jobs broadcast it, forecasts re-predict, metrics count it. Nobody reaches into
 * the runner; they subscribe. The rhythm of new runs is the jobs module's: it calls {@link refresh}.
 */
@Injectable()
export class ScoringRunner implements OnModuleInit {
  private readonly logger = new Logger('Scoring');
  private readonly analyzer: Analyzer;
  private readonly finished = new Subject<FinishedRun>();
  private current: ScoredRun | undefined;
  private refreshing: Promise<ScoredRun> | undefined;

  constructor(
    private readonly market: MarketDataGateway,
    private readonly repository: ScoreRunRepository,
  ) {
    this.analyzer = createAnalyzer({ ...market.analyzerInputs(), concurrency: 16 });
    // A run of another source is never served: the next request waits for a run on the new data.
    market.sourceChanges.subscribe((identity) => {
      if (this.current && this.current.sourceKey !== sourceKey(identity)) this.current = undefined;
    });
  }

  /** Every finished run (whoever started it), with how long it took. */
  get runs(): Observable<FinishedRun> {
    return this.finished.asObservable();
  }

  async onModuleInit(): Promise<void> {
    await this.market.syncSource();
    this.current = await this.repository.latest(this.market.source, this.market.sourceKey);
    // Runs of another source (another folder, changed files, another provider) are never served again.
    const dropped = await this.repository.deleteOtherSources(this.market.sourceKey);
    if (dropped > 0) this.logger.log(`dropped ${dropped} persisted scores of another data source`);
    if (!this.current || this.current.validUntil.getTime() < Date.now()) {
      // Score in the background: /health answers at once, the first data request waits for this run.
      this.refresh().catch((error) =>
        this.logger.error(`initial scoring failed: ${(error as Error).message}`),
      );
    }
  }

  /** The run being served, if there is one (no waiting). */
  get served(): ScoredRun | undefined {
    return this.current;
  }

  /** The latest run; waits for the first one if none exists yet. */
  async latestRun(): Promise<ScoredRun> {
    if (this.current) return this.current;
    return this.refresh();
  }

  /** Serves the newest persisted run if it is newer than the one served (another process scored it). */
  async reloadLatestRun(): Promise<void> {
    await this.market.syncSource();
    const latest = await this.repository.latest(this.market.source, this.market.sourceKey);
    if (latest && (!this.current || latest.createdAt > this.current.createdAt)) this.current = latest;
  }

  /** Scores the universe now (one run at a time), persists and publishes it. */
  refresh(): Promise<ScoredRun> {
    this.refreshing ??= this.runOnce().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** The latest daily close of a symbol, for a result the engine scored without bars of its own. */
  private async lastClose(symbol: string): Promise<number> {
    const bars = await this.market.bars(symbol);
    return bars.close[bars.close.length - 1] as number;
  }

  private async runOnce(): Promise<ScoredRun> {
    const start = process.hrtime.bigint();
    await this.market.syncSource();
    const source = this.market.source;
    const run = await this.analyzer.scoreAll();
    if (run.errors.length > 0)
      this.logger.warn(`${run.errors.length} symbols could not be scored (first: ${run.errors[0]?.symbol})`);
    // Name, close and date of the last bar come with each result: the bars the engine scored.
    let lastBar = Number.NEGATIVE_INFINITY;
    const results = await Promise.all(
      run.results.map(async (result) => {
        lastBar = Math.max(lastBar, result.lastTimestamp ?? Number.NEGATIVE_INFINITY);
        return scoredStock(result, result.lastClose ?? (await this.lastClose(result.symbol)));
      }),
    );
    const createdAt = new Date();
    const folder = this.market.folder;
    const scored: ScoredRun = {
      runId: randomUUID(),
      createdAt,
      validUntil: new Date(createdAt.getTime() + RUN_VALIDITY_MS),
      modelVersion: SCORE_MODEL_VERSION,
      source,
      sourceKey: sourceKey(source),
      asOf: folder
        ? (await folder.report()).asOf
        : isoDate(Number.isFinite(lastBar) ? lastBar : createdAt.getTime()),
      results,
      bySymbol: new Map(results.map((r) => [r.symbol, r])),
    };
    await this.repository.save(scored);
    // The folder may have changed while this run was scored: then the run is not served.
    if (scored.sourceKey === this.market.sourceKey) this.current = scored;
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    this.logger.log(`scored ${results.length} symbols in ${(seconds * 1000).toFixed(0)} ms`);
    this.finished.next({ run: scored, seconds });
    return scored;
  }
}

/** The server's form of an SDK result: the close it was scored on as `currentPrice`. */
function scoredStock(result: ScoreResult, close: number): ScoredStock {
  const { lastClose: _close, lastTimestamp: _at, ...rest } = result;
  return { ...rest, currentPrice: close };
}
