import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { AuthUser } from '../auth/auth-user.js';
import { CONFIG, DATABASE } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import type { Database, Queryable } from '../db/database.js';
import { UNMATCHED_ENDPOINT } from '../metrics/server-metrics.js';
import { ActivityPseudonyms } from './activity-pseudonym.js';
import type { UserActivityRow } from './timeseries-rows.js';
import { TimeseriesWriter } from './timeseries-writer.js';

/** A user's activity as the account export shows it. */
export interface ExportedActivity {
  time: string;
  action: string;
  requests: number;
  duration_ms: number;
  duration_max_ms: number;
  success: boolean;
  error_code: string | null;
}

/** How long an erased user's requests still in flight are recorded as anonymous. */
const ERASED_MEMORY_MS = 10 * 60_000;

/**
 * `user_activity`: API requests (method and route pattern, duration, success, status code of a
 * failure), with the user's pseudonym when the request was authenticated. Recorded from a Fastify
 * `onResponse` hook (cheaper than a Nest interceptor, and it sees the requests guards and pipes
 * refused too) into one group per user, action and outcome, which the batched writer takes as a
 * row (count, mean and longest duration) at each flush, about every second: a row per request cost
 * the server 13 % of its top10 throughput (benchmarks/timeseries), a group costs a map update. The
 * account export includes the rows and the erasure deletes them.
 */
@Injectable()
export class UserActivity implements OnModuleInit {
  private readonly pseudonyms: ActivityPseudonyms;
  /** Pseudonyms of users erased a moment ago, with when they may be forgotten. */
  private readonly erased = new Map<string, number>();
  /** Requests since the last flush, by user, action and outcome. */
  private groups = new Map<string, UserActivityRow>();

  constructor(
    private readonly writer: TimeseriesWriter,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {
    this.pseudonyms = new ActivityPseudonyms(config.encryptionKey);
  }

  onModuleInit(): void {
    // A worker process has no HTTP server; RECORD_USER_ACTIVITY=false is the benchmark's baseline.
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter || !this.config.recordUserActivity) return;
    this.writer.userActivity.addSource(() => this.takeGroups());
    const fastify = adapter.getInstance<FastifyInstance>();
    // A callback hook, not an async one: no promise per request on the hot path.
    fastify.addHook('onResponse', (request, reply, done) => {
      if (request.url.startsWith('/api/'))
        this.record(
          request.method,
          request.routeOptions.url,
          (request as { user?: AuthUser }).user?.id,
          reply.statusCode,
          reply.elapsedTime,
        );
      done();
    });
  }

  /** Buffers one request's row; `route` is the route pattern (undefined when no route matched). */
  record(
    method: string,
    route: string | undefined,
    userId: string | undefined,
    status: number,
    ms: number,
  ): void {
    let userKey = userId === undefined ? null : this.pseudonyms.of(userId);
    if (userKey !== null && this.erased.has(userKey)) userKey = null;
    const action = `${method} ${route ?? UNMATCHED_ENDPOINT}`;
    const errorCode = status < 400 ? null : String(status);
    const key = `${userKey ?? ''}\n${action}\n${errorCode ?? ''}`;
    const group = this.groups.get(key);
    if (group) {
      group.requests++;
      group.duration_ms += ms;
      if (ms > group.duration_max_ms) group.duration_max_ms = ms;
      return;
    }
    this.groups.set(key, {
      time: new Date(),
      user_key: userKey,
      action,
      requests: 1,
      // The sum until the group is taken, then the mean.
      duration_ms: ms,
      duration_max_ms: ms,
      success: errorCode === null,
      error_code: errorCode,
    });
  }

  /** The groups since the last flush, as rows (timed by their first request); a new period starts. */
  private takeGroups(): UserActivityRow[] {
    if (this.groups.size === 0) return [];
    const rows = [...this.groups.values()];
    this.groups = new Map();
    for (const row of rows) row.duration_ms /= row.requests;
    return rows;
  }

  /**
   * First step of an erasure, before its transaction: later requests of the user are recorded as
   * anonymous, and no buffered row of theirs is written after this resolves. (On PGlite, one
   * connection, the wait for the insert in progress must not happen inside the transaction.)
   */
  async forget(userId: string): Promise<void> {
    const now = Date.now();
    for (const [key, until] of this.erased) if (until < now) this.erased.delete(key);
    const key = this.pseudonyms.of(userId);
    this.erased.set(key, now + ERASED_MEMORY_MS);
    for (const [groupKey, group] of this.groups) if (group.user_key === key) this.groups.delete(groupKey);
    await this.writer.userActivity.discard((row) => row.user_key === key);
  }

  /** Second step of an erasure, inside its transaction: deletes the user's rows. */
  async erase(tx: Queryable, userId: string): Promise<void> {
    await tx.query('DELETE FROM user_activity WHERE user_key = $1', [this.pseudonyms.of(userId)]);
  }

  /** The user's activity, oldest first, including requests still in the buffer. */
  async exportOf(userId: string): Promise<ExportedActivity[]> {
    await this.writer.userActivity.flush();
    const { rows } = await this.database.query<{
      time: Date;
      action: string;
      requests: number;
      duration_ms: number;
      duration_max_ms: number;
      success: boolean;
      error_code: string | null;
    }>(
      `SELECT time, action, requests, duration_ms, duration_max_ms, success, error_code
       FROM user_activity WHERE user_key = $1 ORDER BY time`,
      [this.pseudonyms.of(userId)],
    );
    return rows.map((row) => ({ ...row, time: new Date(row.time).toISOString() }));
  }
}
