import { RedisCacheStore } from '@da-ki/providers';
import {
  analyzerCacheKeys,
  type BarSeries,
  type LayeredCacheStats,
  type NewsItem,
  type SymbolInfo,
} from '@da-ki/sdk';
import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { type Observable, Subject } from 'rxjs';
import { CONFIG, DATABASE, REDIS } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import { type DataSourceIdentity, sourceKey } from '../data/data-source.js';
import type { Database } from '../db/database.js';
import { DatabaseCacheStore } from './database-cache-store.js';
import { createProviders, type ServerProviders } from './providers.factory.js';
import { SourceScopedCache } from './source-scoped-cache.js';

/**
 * The one door to market data: owns the configured providers and the layered cache (L1 memory →
 * L2 Redis when configured → L3 the database), knows which data source is served, and writes or
 * drops cache entries only under the SDK analyzer's own keys ({@link analyzerCacheKeys}).
 *
 * A change of data source (a data folder whose files changed) is published on {@link sourceChanges};
 * whoever derived something from the old data (scores, forecasts, symbol lists) subscribes to it.
 */
@Injectable()
export class MarketDataGateway {
  private readonly logger = new Logger('MarketData');
  private readonly providerSet: ServerProviders;
  private readonly layered: SourceScopedCache;
  private identity: DataSourceIdentity;
  private syncing: Promise<boolean> | undefined;
  private readonly changes = new Subject<DataSourceIdentity>();
  private readonly barUpdates = new Subject<string>();

  constructor(
    @Inject(CONFIG) config: AppConfig,
    @Inject(DATABASE) database: Database,
    @Inject(REDIS) redis: Redis | null,
  ) {
    this.providerSet = createProviders(config);
    // The folder's fingerprint is read by the first syncSource(); nothing reads the cache before that.
    this.identity = staticIdentity(config);
    // Cache warnings (a Redis that is away) go to the log as JSON lines, not to the console.
    const logger = { warn: (message: string) => this.logger.warn(message) };
    this.layered = new SourceScopedCache(sourceKey(this.identity), {
      l1: { max: 5_000, ttlMs: 5 * 60_000 },
      layers: [
        ...(redis
          ? [
              {
                name: 'redis',
                store: new RedisCacheStore({
                  client: redis,
                  keyPrefix: `${config.jobs.redisPrefix}:`,
                  logger,
                }),
                ttlMs: 60 * 60_000,
              },
            ]
          : []),
        { name: 'database', store: new DatabaseCacheStore(database), ttlMs: 24 * 60 * 60_000 },
      ],
      logger,
    });
  }

  /** What the SDK analyzer is built from: the providers and the source-scoped layered cache. */
  analyzerInputs(): ServerProviders & { cache: SourceScopedCache } {
    return { ...this.providerSet, cache: this.layered };
  }

  /** The data source currently served. */
  get source(): DataSourceIdentity {
    return this.identity;
  }

  /** {@link sourceKey} of the served source. */
  get sourceKey(): string {
    return sourceKey(this.identity);
  }

  /** Each change of data source, after the cache moved to the new source's namespace. */
  get sourceChanges(): Observable<DataSourceIdentity> {
    return this.changes.asObservable();
  }

  /** The symbol of each bar series this process re-read from the provider ({@link freshBars}). */
  get barsUpdates(): Observable<string> {
    return this.barUpdates.asObservable();
  }

  /** The data folder, when `DATA_PROVIDER=folder`. */
  get folder(): ServerProviders['folder'] {
    return this.providerSet.folder;
  }

  /** Whether a news provider is configured. */
  get hasNews(): boolean {
    return this.providerSet.news !== undefined;
  }

  /** The provider's symbols with names and sectors. */
  listSymbols(): Promise<SymbolInfo[]> {
    return this.providerSet.market.listSymbols();
  }

  /** Hit and miss counters of every cache layer (for `cache_hit_rate`). */
  cacheStats(): LayeredCacheStats {
    return this.layered.stats();
  }

  /**
   * Compares the data source with the one in use: for a folder, its fingerprint (a hash of its files).
   * On a change the folder is re-read, the cache moves to the new source's namespace and
   * {@link sourceChanges} publishes the new identity. Returns whether the source changed.
   */
  syncSource(): Promise<boolean> {
    this.syncing ??= this.compareSource().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private async compareSource(): Promise<boolean> {
    const folder = this.providerSet.folder;
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
    await this.layered.switchScope(sourceKey(this.identity));
    if (!first) this.changes.next(this.identity);
    return !first;
  }

  /** Validated daily bars of a symbol through the cache; 404 when the provider does not know it. */
  async bars(symbol: string): Promise<BarSeries> {
    const market = this.providerSet.market;
    try {
      const bars = (await this.layered.get(analyzerCacheKeys.bars(market.name, symbol), () =>
        market.getBars(symbol),
      )) as BarSeries;
      if (bars.close.length === 0) throw new NotFoundException(`No price data for ${symbol}`);
      return bars;
    } catch (error) {
      if (error instanceof NotFoundException) throw error;
      if ((error as Error).name === 'NotFoundError') throw new NotFoundException(`Unknown symbol ${symbol}`);
      throw error;
    }
  }

  /**
   * A symbol's bars straight from the provider (today's bar moves during trading hours), written back
   * through every cache layer so the next scoring run uses them too.
   */
  async freshBars(symbol: string): Promise<BarSeries> {
    await this.layered.delete(analyzerCacheKeys.bars(this.providerSet.market.name, symbol));
    const bars = await this.bars(symbol);
    this.barUpdates.next(symbol);
    return bars;
  }

  /**
   * Fresh headlines of a symbol from the news provider, written through every cache layer so the
   * next scoring run computes sentiment from them. Returns how many; 0 without a news provider.
   */
  async refreshNews(symbol: string, limit: number): Promise<number> {
    const provider = this.providerSet.news;
    if (!provider) return 0;
    const items: NewsItem[] = await provider.getNews(symbol, { limit });
    await this.layered.set(analyzerCacheKeys.news(symbol), items);
    return items.length;
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
