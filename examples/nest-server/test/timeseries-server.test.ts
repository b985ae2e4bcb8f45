// The time-series store inside the running server, on PGlite and on the real PostgreSQL: API
// requests become user_activity rows (pseudonymous, route patterns), the account export includes
// them and the erasure deletes them; scoring runs and price ticks become stock_metrics rows; an
// insert that fails drops and counts its points and fails no request.
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as RunnerModule from '../src/scoring/scoring-runner.js';
import { ActivityPseudonyms } from '../src/timeseries/activity-pseudonym.js';
import type * as WriterModule from '../src/timeseries/timeseries-writer.js';
import { ApiClient } from './helpers/api-client.js';
import { UpdateTasks } from './helpers/compiled.js';
import { type Backend, TestServer } from './helpers/test-server.js';
import { signUp } from './helpers/users.js';

const dist = <T>(path: string): Promise<T> =>
  import(new URL(`../dist/${path}`, import.meta.url).href) as Promise<T>;
const { TimeseriesWriter } = await dist<typeof WriterModule>('timeseries/timeseries-writer.js');
const { ScoringRunner } = await dist<typeof RunnerModule>('scoring/scoring-runner.js');

describe.each<Backend>(['pglite', 'postgres'])('time-series store in the server on %s', (backend) => {
  let server: TestServer;
  let api: ApiClient;

  beforeAll(async () => {
    server = await TestServer.start({
      backend,
      label: `timeseries-${backend}`,
      env: { SYNTHETIC_SYMBOLS: '30' },
    });
    api = new ApiClient(() => server.url);
  }, 120_000);

  afterAll(async () => {
    await server?.dispose();
  });

  const flush = () => server.app.get(TimeseriesWriter, { strict: false }).flush();
  const pseudonym = (userId: string) => new ActivityPseudonyms(server.config.encryptionKey).of(userId);

  it('records each API request with its route pattern, duration, outcome and the user pseudonym', async () => {
    // The writers start once the start-up partition upkeep has run; `ready` says so.
    await server.app.get(TimeseriesWriter, { strict: false }).ready;
    expect(await server.sql("SELECT 1 FROM pg_class WHERE relname LIKE 'user_activity_p%'")).not.toEqual([]);
    const user = await signUp(api, 'activity');
    expect((await user.api.get('/api/auth/me')).status).toBe(200);
    expect((await api.get('/api/stocks/NOPE-NOT-A-SYMBOL')).status).toBe(404);
    await flush();
    const mine = await server.sql<{
      action: string;
      success: boolean;
      error_code: string | null;
      duration_ms: number;
    }>(
      'SELECT action, success, error_code, duration_ms FROM user_activity WHERE user_key = $1 ORDER BY time',
      [pseudonym(user.id)],
    );
    expect(mine.map((r) => [r.action, r.success, r.error_code])).toEqual([['GET /api/auth/me', true, null]]);
    expect(mine[0]?.duration_ms).toBeGreaterThan(0);
    const anonymous = await server.sql<{ action: string; error_code: string | null }>(
      "SELECT action, error_code FROM user_activity WHERE user_key IS NULL AND action LIKE 'GET /api/stocks%'",
    );
    // The route pattern, never the raw URL with the symbol in it.
    expect(anonymous).toEqual([{ action: 'GET /api/stocks/:symbol', error_code: '404' }]);
    // The user's id appears nowhere in the table.
    expect(await server.sql('SELECT 1 FROM user_activity WHERE user_key = $1', [user.id])).toEqual([]);
  });

  it('groups requests of one user, action and outcome between flushes: count, mean and longest duration', async () => {
    const user = await signUp(api, 'grouped');
    for (let i = 0; i < 4; i++) expect((await user.api.get('/api/auth/me')).status).toBe(200);
    await flush();
    const rows = await server.sql<{ requests: number; duration_ms: number; duration_max_ms: number }>(
      "SELECT requests, duration_ms, duration_max_ms FROM user_activity WHERE user_key = $1 AND action = 'GET /api/auth/me'",
      [pseudonym(user.id)],
    );
    // Usually one row of 4; a flush between the requests splits them, never loses or repeats one.
    expect(rows.reduce((sum, row) => sum + row.requests, 0)).toBe(4);
    for (const row of rows) {
      expect(row.duration_ms).toBeGreaterThan(0);
      expect(row.duration_max_ms).toBeGreaterThanOrEqual(row.duration_ms);
    }
  });

  it('includes the activity in the account export and deletes it with the account', async () => {
    const user = await signUp(api, 'erasure');
    await user.api.get('/api/auth/me');
    const exported = await user.api.get<{ activity: { action: string; success: boolean }[] }>(
      '/api/auth/me/export',
    );
    expect(exported.status).toBe(200);
    expect(exported.body.activity.map((a) => a.action)).toEqual(['GET /api/auth/me']);
    await flush();
    const key = pseudonym(user.id);
    expect((await server.sql('SELECT 1 FROM user_activity WHERE user_key = $1', [key])).length).toBe(2);
    expect((await user.api.delete('/api/auth/me')).status).toBe(204);
    await flush();
    // The erasure request itself is recorded too, but no longer under the user's pseudonym.
    expect(await server.sql('SELECT 1 FROM user_activity WHERE user_key = $1', [key])).toEqual([]);
    expect(
      (
        await server.sql(
          "SELECT 1 FROM user_activity WHERE user_key IS NULL AND action = 'DELETE /api/auth/me'",
        )
      ).length,
    ).toBeGreaterThanOrEqual(1);
  });

  it('records a row per symbol for a scoring run and for a price tick', async () => {
    const tasks = server.app.get(UpdateTasks, { strict: false });
    const { runId, symbols } = await tasks.scores();
    const run = server.app.get(ScoringRunner, { strict: false }).served;
    expect(run?.runId).toBe(runId);
    // The run's rows are recorded after the run is published (bars read from the cache): polled.
    await vi.waitFor(
      async () => {
        await flush();
        const [row] = await server.sql<{ n: string }>(
          "SELECT count(*)::text AS n FROM stock_metrics WHERE source = 'run' AND time = $1",
          [run?.createdAt],
        );
        expect(Number(row?.n)).toBe(symbols);
      },
      { timeout: 15_000, interval: 100 },
    );
    const [sample] = await server.sql<Record<string, unknown>>(
      "SELECT * FROM stock_metrics WHERE source = 'run' AND time = $1 LIMIT 1",
      [run?.createdAt],
    );
    expect(sample).toMatchObject({
      price: expect.any(Number),
      volume: expect.any(Number),
      change_percent: expect.any(Number),
      calculation_time_ms: expect.any(Number),
      data_freshness_seconds: expect.any(Number),
      api_response_time_ms: null,
    });

    const universe = (await tasks.universe()).slice(0, 5);
    await tasks.prices(universe, Math.floor(Date.now() / 60_000));
    await flush();
    const ticks = await server.sql<{ symbol: string; price: number; change_percent: number }>(
      "SELECT symbol, price, change_percent FROM stock_metrics WHERE source = 'tick' ORDER BY symbol",
    );
    expect(ticks.map((t) => t.symbol)).toEqual([...universe].sort());
    for (const tick of ticks) expect(Number.isFinite(tick.change_percent)).toBe(true);
  }, 60_000);

  it('answers requests while inserts fail, and counts the dropped points', async () => {
    await flush();
    await server.sql('ALTER TABLE user_activity RENAME TO user_activity_away');
    try {
      // Three actions: three rows (requests of one action within a flush are one row).
      for (const path of ['/api/wachstumsprognose/top10', '/api/stocks', '/api/data/status'])
        expect((await api.get(path)).status).toBe(200);
      await flush();
    } finally {
      await server.sql('ALTER TABLE user_activity_away RENAME TO user_activity');
    }
    const metrics = await api.get<string>('/metrics');
    const dropped = /timeseries_points_dropped_total\{table="user_activity",reason="failed"\} (\d+)/.exec(
      metrics.text,
    );
    expect(Number(dropped?.[1])).toBeGreaterThanOrEqual(3);
  });
});

describe('time-series upkeep with Redis', () => {
  let server: TestServer;

  afterAll(async () => {
    await server?.dispose();
  });

  it('registers the daily upkeep as a BullMQ job scheduler and creates the partitions at start-up', async () => {
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    server = await TestServer.start({
      backend: 'postgres',
      label: 'timeseries-redis',
      env: { REDIS_URL: redisUrl, SYNTHETIC_SYMBOLS: '20', METRICS_RETENTION_DAYS: '40' },
    });
    await server.app.get(TimeseriesWriter, { strict: false }).ready;
    const queue = new Queue('timeseries-upkeep', {
      connection: { url: redisUrl },
      prefix: `${server.env.REDIS_PREFIX}:bull`,
    });
    try {
      await vi.waitFor(async () => {
        const schedulers = await queue.getJobSchedulers();
        expect(schedulers.map((s) => [s.key, s.every])).toEqual([['daily', 86_400_000]]);
      });
    } finally {
      await queue.close();
    }
    // 40 days back and two months ahead: at least three months per table, none older than the cutoff.
    const parts = await server.sql<{ relname: string }>(
      "SELECT relname FROM pg_class WHERE relname ~ '^stock_metrics_p[0-9]{6}$' AND relkind = 'r' AND relnamespace = current_schema()::regnamespace ORDER BY 1",
    );
    const month = (offset: number) => {
      const d = new Date();
      const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
      return `stock_metrics_p${m.getUTCFullYear()}${String(m.getUTCMonth() + 1).padStart(2, '0')}`;
    };
    const names = parts.map((p) => p.relname);
    expect(names).toEqual(expect.arrayContaining([month(0), month(1), month(2)]));
    expect(names).not.toContain(month(-3));
  }, 120_000);
});
