import { randomUUID } from 'node:crypto';
import { RedisCacheStore } from '@da-ki/providers';
import { type Analyzer, type BarSeries, createAnalyzer, type ScoreResult } from '@da-ki/sdk';
import { Inject, Injectable, Logger, NotFoundException, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { CONFIG, DATABASE, REDIS } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import { type DataSourceIdentity, isoDate, sourceKey } from '../data/data-source.js';
import type { Database } from '../db/database.js';
import { MarketPrices } from '../market/market-prices.js';
import { DatabaseCacheStore } from './database-cache-store.js';
import { createProviders, type ServerProviders } from './providers.factory.js';
import { SourceScopedCache } from './source-scoped-cache.js';

/** One scoring run as the API serves it. */
export interface ScoredRun {
  runId: string;
  createdAt: Date;
  validUntil: Date;
  modelVersion: string;
  /** The data the run was computed from; a run of another source is never served. */
  source: DataSourceIdentity;
  /** {@link sourceKey} of `source`. */
  sourceKey: string;
  /** Date of the data, `YYYY-MM-DD`: the folder's as-of date, else the latest bar of the run. */
  asOf: string;
  /** Results, best first, with the company name and the latest close. */
  results: (ScoreResult & { name: string; currentPrice: number })[];
  bySymbol: Map<string, ScoreResult & { name: string; currentPrice: number }>;
}

/** How long a run is served before the next one replaces it (the concept's 5-minute rhythm). */
const RUN_VALIDITY_MS = 5 * 60_000;
export const SCORE_MODEL_VERSION = 'five-factor-1';

/**
 * Owns the SDK analyzer: scores the universe, persists each run to `growth_forecasts` (so a restart
 * serves the last run at once), and answers prices for positions. Provider data is read through the
 * layered cache: L1 memory → L2 Redis (when configured) → L3 the database. The rhythm of new runs is
 * the jobs module's (in-process scheduler, or BullMQ workers with Redis): it calls {@link refresh}.
 */
@Injectable()
export class AnalysisService extends MarketPrices implements OnModuleInit {
  private readonly logger = new Logger('Analysis');
  readonly providers: ServerProviders;
  readonly cache: SourceScopedCache;
  private readonly analyzer: Analyzer;
  private current: ScoredRun | undefined;
  private refreshing: Promise<ScoredRun> | undefined;
  private identity: DataSourceIdentity;
  private syncing: Promise<boolean> | undefined;
  /** Observers of finished runs (metrics, live updates). */
  readonly runListeners: ((run: ScoredRun, durationSeconds: number) => void)[] = [];
  /** Observers of a change of data source (forecast models, universe caches): drop what was derived. */
  readonly sourceListeners: ((identity: DataSourceIdentity) => void)[] = [];
  /** Intraday price, if the live price feed has one; {@link latestPrice} prefers it to the daily close. */
  livePrice: ((symbol: string) => Promise<number | undefined>) | undefined;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(REDIS) redis: Redis | null,
  ) {
    super();
    this.providers = createProviders(config);
    // The folder's fingerprint is read in onModuleInit; nothing reads the cache before that.
    this.identity = staticIdentity(config);
    const warn = { warn: (message: string) => this.logger.warn(message) };
    this.cache = new SourceScopedCache(sourceKey(this.identity), {
      l1: { max: 5_000, ttlMs: 5 * 60_000 },
      layers: [
        ...(redis
          ? [
              {
                name: 'redis',
                store: new RedisCacheStore({ client: redis, keyPrefix: `${config.jobs.redisPrefix}:` }),
                ttlMs: 60 * 60_000,
              },
            ]
          : []),
        { name: 'database', store: new DatabaseCacheStore(database), ttlMs: 24 * 60 * 60_000 },
      ],
      logger: warn,
    });
    this.analyzer = createAnalyzer({ ...this.providers, cache: this.cache, concurrency: 16 });
  }

  async onModuleInit(): Promise<void> {
    await this.syncSource();
    this.current = await this.loadLatestRun();
    // Runs of another source (another folder, changed files, another provider) are never served again.
    const dropped = await this.database.query(
      'DELETE FROM growth_forecasts WHERE data_source_key IS DISTINCT FROM $1',
      [sourceKey(this.identity)],
    );
    if (dropped.rowCount > 0)
      this.logger.log(`dropped ${dropped.rowCount} persisted scores of another data source`);
    if (!this.current || this.current.validUntil.getTime() < Date.now()) {
      // Score in the background: /health answers at once, the first data request waits for this run.
      this.refresh().catch((error) =>
        this.logger.error(`initial scoring failed: ${(error as Error).message}`),
      );
    }
  }

  /** Serves the newest persisted run if it is newer than the one served (another process scored it). */
  async reloadLatestRun(): Promise<void> {
    await this.syncSource();
    const latest = await this.loadLatestRun();
    if (latest && (!this.current || latest.createdAt > this.current.createdAt)) this.current = latest;
  }

  /** The latest run; waits for the first one if none exists yet. */
  async latestRun(): Promise<ScoredRun> {
    if (this.current) return this.current;
    return this.refresh();
  }

  /** Scores the universe now (one run at a time) and persists it. */
  refresh(): Promise<ScoredRun> {
    this.refreshing ??= this.runOnce().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** The data source currently served. */
  get source(): DataSourceIdentity {
    return this.identity;
  }

  /**
   * Compares the data source with the one in use: for a folder, its fingerprint (a hash of its files).
   * On a change the folder is re-read, the cache moves to the new source's namespace, the served run
   * is dropped (the next request waits for a run on the new data) and {@link sourceListeners} are
   * told. Returns whether the source changed.
   */
  syncSource(): Promise<boolean> {
    this.syncing ??= this.compareSource().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private async compareSource(): Promise<boolean> {
    const folder = this.providers.folder;
    if (!folder) return false;
    const onDisk = await folder.fingerprint();
    if (onDisk === this.identity.fingerprint) return false;
    const first = this.identity.fingerprint === undefined;
    if (!first) {
      this.logger.log(`the data folder changed (fingerprint ${onDisk.slice(0, 12)}): reloading it`);
      await folder.reload();
    }
    // The identity is that of the files as loaded (they may have changed again since the hash above).
    const { fingerprint } = await folder.report();
    this.identity = { ...this.identity, fingerprint };
    const key = sourceKey(this.identity);
    await this.cache.switchScope(key);
    if (this.current && this.current.sourceKey !== key) this.current = undefined;
    if (!first) for (const listener of this.sourceListeners) listener(this.identity);
    return !first;
  }

  async latestPrice(symbol: string): Promise<number> {
    const live = await this.livePrice?.(symbol);
    if (live !== undefined) return live;
    const scored = this.current?.bySymbol.get(symbol);
    if (scored) return scored.currentPrice;
    const bars = await this.bars(symbol);
    return bars.close[bars.close.length - 1] as number;
  }

  /** Validated daily bars of a symbol through the cache; 404 when the provider does not know it. */
  async bars(symbol: string): Promise<BarSeries> {
    try {
      const bars = (await this.cache.get(`bars:${this.providers.market.name}:${symbol}`, () =>
        this.providers.market.getBars(symbol),
      )) as BarSeries;
      if (bars.close.length === 0) throw new NotFoundException(`No price data for ${symbol}`);
      return bars;
    } catch (error) {
      if (error instanceof NotFoundException) throw error;
      if ((error as Error).name === 'NotFoundError') throw new NotFoundException(`Unknown symbol ${symbol}`);
      throw error;
    }
  }

  private async runOnce(): Promise<ScoredRun> {
    const start = process.hrtime.bigint();
    await this.syncSource();
    const source = this.identity;
    const [run, infos] = await Promise.all([this.analyzer.scoreAll(), this.providers.market.listSymbols()]);
    if (run.errors.length > 0)
      this.logger.warn(`${run.errors.length} symbols could not be scored (first: ${run.errors[0]?.symbol})`);
    const names = new Map(infos.map((info) => [info.symbol, info.name]));
    let lastBar = Number.NEGATIVE_INFINITY;
    const results = await Promise.all(
      run.results.map(async (result) => {
        const bars = await this.bars(result.symbol);
        lastBar = Math.max(lastBar, bars.timestamps[bars.timestamps.length - 1] as number);
        return {
          ...result,
          name: names.get(result.symbol) ?? result.symbol,
          currentPrice: bars.close[bars.close.length - 1] as number,
        };
      }),
    );
    const createdAt = new Date();
    const scored: ScoredRun = {
      runId: randomUUID(),
      createdAt,
      validUntil: new Date(createdAt.getTime() + RUN_VALIDITY_MS),
      modelVersion: SCORE_MODEL_VERSION,
      source,
      sourceKey: sourceKey(source),
      asOf: this.providers.folder
        ? (await this.providers.folder.report()).asOf
        : Number.isFinite(lastBar)
          ? isoDate(lastBar)
          : isoDate(createdAt.getTime()),
      results,
      bySymbol: new Map(results.map((r) => [r.symbol, r])),
    };
    await this.persist(scored);
    // The folder may have changed while this run was scored: then the run is not served.
    if (scored.sourceKey === sourceKey(this.identity)) this.current = scored;
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    for (const listener of this.runListeners) listener(scored, seconds);
    this.logger.log(`scored ${results.length} symbols in ${(seconds * 1000).toFixed(0)} ms`);
    return scored;
  }

  /** Writes a run in one transaction, in chunks (PostgreSQL allows 65 535 parameters a statement). */
  private async persist(run: ScoredRun): Promise<void> {
    const columns = 27;
    const chunk = 200;
    await this.database.transaction(async (tx) => {
      for (let offset = 0; offset < run.results.length; offset += chunk) {
        const slice = run.results.slice(offset, offset + chunk);
        const params: unknown[] = [];
        const tuples = slice.map((r, k) => {
          params.push(
            run.runId,
            r.symbol,
            r.name,
            r.sector,
            r.rank,
            r.sectorRank,
            r.score.toFixed(2),
            r.factors.performance.toFixed(2),
            r.factors.fundamental.toFixed(2),
            r.factors.sentiment.toFixed(2),
            r.factors.sector.toFixed(2),
            r.factors.momentum.toFixed(2),
            r.currentPrice.toFixed(4),
            null,
            null,
            r.confidenceLevel,
            r.riskLevel,
            JSON.stringify(r.explanations),
            JSON.stringify({
              details: r.details,
              grades: r.grades,
              risk: r.risk,
              confidence: r.confidence,
              sectorSize: r.sectorSize,
            }),
            run.modelVersion,
            run.createdAt,
            run.validUntil,
            run.sourceKey,
            run.source.provider,
            run.source.dir ?? null,
            run.source.fingerprint ?? null,
            run.asOf,
          );
          return `(${Array.from({ length: columns }, (_, c) => `$${k * columns + c + 1}`).join(', ')})`;
        });
        await tx.query(
          `INSERT INTO growth_forecasts (run_id, symbol, name, sector, rank, sector_rank, score, performance_score,
             fundamental_score, sentiment_score, sector_score, momentum_score, current_price, predicted_price,
             expected_return, confidence_level, risk_level, explanations, details, model_version, created_at, valid_until,
             data_source_key, data_provider, data_dir, data_fingerprint, as_of)
           VALUES ${tuples.join(', ')}`,
          params,
        );
      }
      // Keep a day of history; older runs are only audit material. Runs of another source go now.
      await tx.query(
        `DELETE FROM growth_forecasts WHERE created_at < now() - interval '1 day' OR data_source_key IS DISTINCT FROM $1`,
        [run.sourceKey],
      );
    });
  }

  /** The newest persisted run of the current data source, so a restarted server serves scores at once. */
  private async loadLatestRun(): Promise<ScoredRun | undefined> {
    const latest = (
      await this.database.query<{ run_id: string }>(
        'SELECT run_id FROM growth_forecasts WHERE data_source_key = $1 ORDER BY created_at DESC LIMIT 1',
        [sourceKey(this.identity)],
      )
    ).rows[0];
    if (!latest) return undefined;
    const rows = (
      await this.database.query<Record<string, unknown>>(
        // as_of as text: pg turns a date into a local-midnight Date, PGlite into a UTC one.
        'SELECT *, as_of::text AS as_of_text FROM growth_forecasts WHERE run_id = $1 ORDER BY rank',
        [latest.run_id],
      )
    ).rows;
    const results = rows.map((row) => {
      const extra = row.details as Pick<
        ScoreResult,
        'details' | 'grades' | 'risk' | 'confidence' | 'sectorSize'
      >;
      return {
        symbol: String(row.symbol),
        name: String(row.name ?? row.symbol),
        sector: String(row.sector),
        score: Number(row.score),
        factors: {
          performance: Number(row.performance_score),
          fundamental: Number(row.fundamental_score),
          sentiment: Number(row.sentiment_score),
          sector: Number(row.sector_score),
          momentum: Number(row.momentum_score),
        },
        rank: Number(row.rank),
        sectorRank: Number(row.sector_rank),
        riskLevel: row.risk_level as ScoreResult['riskLevel'],
        confidenceLevel: row.confidence_level as ScoreResult['confidenceLevel'],
        explanations: row.explanations as string[],
        currentPrice: Number(row.current_price),
        ...extra,
      };
    });
    const first = rows[0] as Record<string, unknown>;
    return {
      runId: latest.run_id,
      createdAt: new Date(first.created_at as string),
      validUntil: new Date(first.valid_until as string),
      modelVersion: String(first.model_version),
      source: {
        provider: String(first.data_provider),
        ...(first.data_dir == null ? {} : { dir: String(first.data_dir) }),
        ...(first.data_fingerprint == null ? {} : { fingerprint: String(first.data_fingerprint) }),
        ...(this.identity.asOf === undefined ? {} : { asOf: this.identity.asOf }),
      },
      sourceKey: String(first.data_source_key),
      asOf: String(first.as_of_text),
      results,
      bySymbol: new Map(results.map((r) => [r.symbol, r])),
    };
  }
}

/** The part of the identity known from the configuration (a folder's fingerprint is read at start-up). */
function staticIdentity(config: AppConfig): DataSourceIdentity {
  switch (config.dataProvider) {
    case 'synthetic':
      return {
        provider: 'synthetic',
        fingerprint: `seed=${config.syntheticSeed};symbols=${config.syntheticSymbols}`,
      };
    case 'folder':
      return {
        provider: 'folder',
        dir: config.marketDataDir as string,
        ...(config.asOf ? { asOf: config.asOf } : {}),
      };
    default:
      return { provider: config.dataProvider };
  }
}
