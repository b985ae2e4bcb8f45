import type { LayeredCacheStats } from '@da-ki/sdk';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { ActiveUsers } from './active-users.js';

/** `endpoint` label of requests that matched no route: one value, so scanners cannot blow up cardinality. */
export const UNMATCHED_ENDPOINT = 'unmatched';

// HTTP and database latencies are milliseconds: the default prom-client buckets (5 ms .. 10 s) would
// put almost every request into the first one and make p50 / p99 meaningless.
const REQUEST_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const QUERY_BUCKETS = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
];
// A scoring run covers the whole universe: hundreds of milliseconds to minutes.
const SCORING_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300];

/**
 * The server's Prometheus metrics, with the concept's names so its Grafana dashboard works unchanged.
 * Each instance owns its own {@link Registry} (never prom-client's global one), so two servers in one
 * process (tests) do not collide.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'endpoint' | 'status'>;
  private readonly requestDuration: Histogram<'endpoint'>;
  private readonly stockCalculations: Counter;
  private readonly scoreDuration: Histogram;
  private readonly queryDuration: Histogram;
  private readonly websockets: Gauge;
  private readonly pointsWritten: Counter<'table'>;
  private readonly pointsDropped: Counter<'table' | 'reason'>;
  private openWebsockets = 0;
  private readonly activeUsers = new ActiveUsers();
  private cacheStats: (() => LayeredCacheStats) | undefined;

  constructor() {
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'api_requests_total',
      help: 'HTTP requests by method, route pattern and status code',
      labelNames: ['method', 'endpoint', 'status'],
      registers,
    });
    this.requestDuration = new Histogram({
      name: 'request_duration_seconds',
      help: 'HTTP request duration by route pattern, in seconds',
      labelNames: ['endpoint'],
      buckets: REQUEST_BUCKETS,
      registers,
    });
    this.stockCalculations = new Counter({
      name: 'stock_calculations_total',
      help: 'Symbols scored by the growth-score engine',
      registers,
    });
    this.scoreDuration = new Histogram({
      name: 'score_calculation_duration_seconds',
      help: 'Duration of a scoring run over the whole universe, in seconds',
      buckets: SCORING_BUCKETS,
      registers,
    });
    this.queryDuration = new Histogram({
      name: 'database_query_duration_seconds',
      help: 'Database query duration, in seconds',
      buckets: QUERY_BUCKETS,
      registers,
    });
    const metrics = this;
    new Gauge({
      name: 'cache_hit_rate',
      help: 'Hit rate of each cache layer (hits / reads, 0 before the first read), since start-up',
      labelNames: ['layer'],
      registers,
      collect() {
        const stats = metrics.cacheStats?.();
        if (!stats) return;
        for (const layer of stats.layers) this.set({ layer: layer.name }, layer.hitRate);
      },
    });
    this.websockets = new Gauge({
      name: 'websocket_connections',
      help: 'Open WebSocket connections',
      registers,
    });
    new Gauge({
      name: 'active_users',
      help: 'Distinct users with an authenticated request in the last 15 minutes (this instance)',
      registers,
      collect() {
        this.set(metrics.activeUsers.count());
      },
    });
    this.pointsWritten = new Counter({
      name: 'timeseries_points_written_total',
      help: 'Points the batched writer inserted into a time-series table',
      labelNames: ['table'],
      registers,
    });
    this.pointsDropped = new Counter({
      name: 'timeseries_points_dropped_total',
      help: 'Points of a time-series table dropped: buffer full (reason="full") or insert failed (reason="failed")',
      labelNames: ['table', 'reason'],
      registers,
    });
    collectDefaultMetrics({ register: this.registry });
  }

  /** Counts points the time-series writer inserted into `table`. */
  timeseriesWritten(table: string, count: number): void {
    this.pointsWritten.inc({ table }, count);
  }

  /** Counts points of `table` the time-series writer dropped, and why. */
  timeseriesDropped(table: string, reason: 'full' | 'failed', count: number): void {
    this.pointsDropped.inc({ table, reason }, count);
  }

  /** Counts one finished HTTP request; `endpoint` is the route pattern, undefined when no route matched. */
  observeRequest(method: string, endpoint: string | undefined, status: number, seconds: number): void {
    const route = endpoint ?? UNMATCHED_ENDPOINT;
    this.requests.inc({ method, endpoint: route, status: String(status) });
    this.requestDuration.observe({ endpoint: route }, seconds);
  }

  /** Records a finished scoring run of `symbols` symbols. */
  observeScoringRun(symbols: number, seconds: number): void {
    this.stockCalculations.inc(symbols);
    this.scoreDuration.observe(seconds);
  }

  /** Records one database query (wire to `openDatabase({ onQuery })`). */
  observeQuery(seconds: number): void {
    this.queryDuration.observe(seconds);
  }

  /** Notes an authenticated request of a user, for `active_users`. */
  userSeen(userId: string): void {
    this.activeUsers.seen(userId);
  }

  /** Sets where `cache_hit_rate` reads its counters on each scrape. */
  trackCache(stats: () => LayeredCacheStats): void {
    this.cacheStats = stats;
  }

  /** A WebSocket client connected (for the gateway). */
  websocketOpened(): void {
    this.websockets.set(++this.openWebsockets);
  }

  /** A WebSocket client disconnected (for the gateway). */
  websocketClosed(): void {
    // Clamped: a duplicate close event must not drive the gauge negative.
    this.openWebsockets = Math.max(0, this.openWebsockets - 1);
    this.websockets.set(this.openWebsockets);
  }

  /** The exposition text for `GET /metrics`. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  /** Content type of {@link scrape}'s text (Prometheus text format 0.0.4). */
  get contentType(): string {
    return this.registry.contentType;
  }
}
