import { Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import type { StockSummary } from '../contract/market.js';
import { dataSourceView } from '../data/data-source.js';
import type { ScoredRun } from '../scoring/score-run.js';
import { stockSummary } from '../stocks/stock-views.js';
import {
  type PortfolioUpdate,
  type PositionAlert,
  type PriceUpdate,
  REALTIME_EVENTS,
  type ScoreUpdate,
  symbolRoom,
  TOP10_ROOM,
  userRoom,
} from './realtime.events.js';

/** A payload before broadcast: the broadcaster stamps `ts`. */
type Unstamped<T> = Omit<T, 'ts'>;

/**
 * Sends live updates to the rooms that want them. Everything goes out as a room broadcast, never
 * `volatile` and never a direct socket emit, because only broadcasts are kept for connection-state
 * recovery: a client that drops for a moment gets them when it reconnects.
 *
 * The server attaches the gateway's Socket.IO server; a worker process attaches a server that
 * listens nowhere and only publishes through the Redis streams adapter, so every server instance
 * delivers the worker's updates to its own clients.
 */
@Injectable()
export class Broadcaster {
  private server: Server | undefined;
  private publisher: Redis | undefined;

  /** Where to broadcast; `publisher` is the Redis client of the cluster adapter, if any (see {@link flush}). */
  attach(server: Server, publisher?: Redis): void {
    this.server = server;
    this.publisher = publisher;
  }

  /** Whether a server is attached (before that, updates have nobody to go to and are dropped). */
  get attached(): boolean {
    return this.server !== undefined;
  }

  price(update: Unstamped<PriceUpdate>): void {
    this.server?.to(symbolRoom(update.symbol)).emit(REALTIME_EVENTS.price, { ...update, ts: epochMs() });
  }

  /**
   * A finished scoring run: each symbol's score to its room, the ten best to the top-10 room.
   * `top10` are the ten best as `GET /api/wachstumsprognose/top10` summarises them (market cap,
   * 1-day change, forecast); without them the summaries carry only what the run itself knows.
   */
  scores(run: ScoredRun, top10?: readonly StockSummary[]): void {
    const server = this.server;
    if (!server) return;
    const generatedAt = run.createdAt.toISOString();
    const ts = epochMs();
    for (const result of run.results) {
      const summary = stockSummary(result);
      const update: ScoreUpdate = {
        symbol: result.symbol,
        run_id: run.runId,
        score: summary.score,
        rank: summary.rank,
        grade: summary.grade,
        factors: summary.factors,
        risk_level: summary.risk_level,
        confidence_level: summary.confidence_level,
        generated_at: generatedAt,
        ts,
      };
      server.to(symbolRoom(result.symbol)).emit(REALTIME_EVENTS.score, update);
    }
    server.to(TOP10_ROOM).emit(REALTIME_EVENTS.top10, {
      run_id: run.runId,
      generated_at: generatedAt,
      as_of: run.asOf,
      data_source: dataSourceView(run.source),
      top_10_wachstums_aktien: top10 ?? run.results.slice(0, 10).map(stockSummary),
      ts,
    });
  }

  portfolio(userId: string, update: Unstamped<PortfolioUpdate>): void {
    this.server?.to(userRoom(userId)).emit(REALTIME_EVENTS.portfolio, { ...update, ts: epochMs() });
  }

  alert(userId: string, alert: Unstamped<PositionAlert>): void {
    this.server?.to(userRoom(userId)).emit(REALTIME_EVENTS.alert, { ...alert, ts: epochMs() });
  }

  /**
   * Resolves once every update broadcast so far has reached Redis. The cluster adapter publishes
   * with XADD on `publisher` and does not report failures; a PING on the same connection is
   * answered only after the XADDs before it, so a job that awaits this before it completes is
   * retried (not lost) if its process dies first.
   */
  async flush(): Promise<void> {
    await this.publisher?.ping();
  }
}

/**
 * Wall-clock epoch milliseconds with a fractional part (microseconds): the same clock in every
 * process of a machine, fine enough to measure delivery latency on loopback.
 */
export function epochMs(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1_000) / 1_000;
}
