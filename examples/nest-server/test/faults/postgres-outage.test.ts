// PostgreSQL stopped under a load of writes and reads (issue 12, items 0 and 6): the server process
// stays alive (a pg client checked out by a transaction gets 57P01 when PostgreSQL shuts down; with
// no 'error' listener that ended the process), answers 503 with Retry-After (never 500), `/ready`
// answers 503 with its checks, and no write it acknowledged is lost. Counts only, never latencies.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPosition, type FaultUser, signUp, someSymbols } from './support/api.js';
import { eventually, pause } from './support/free-port.js';
import { countBy, LoadDriver, type LoadRequest, send } from './support/load.js';
import { OwnPostgres } from './support/own-postgres.js';
import { NodeProcess } from './support/server-process.js';

/** How long PostgreSQL stays down, and the load phases around the outage. */
const WARM_MS = 1_500;
const OUTAGE_MS = 3_000;
const RECOVERED_MS = 1_500;

describe('a PostgreSQL outage under load', () => {
  let database: OwnPostgres;
  let server: NodeProcess;

  beforeAll(async () => {
    database = await OwnPostgres.start();
    server = await NodeProcess.start('server', {
      DATABASE_URL: database.url,
      // Price ticks every 300 ms: the in-process revaluation transactions run while PostgreSQL stops.
      PRICE_INTERVAL_MS: '300',
      SCORE_INTERVAL_MS: String(24 * 60 * 60_000),
      NEWS_INTERVAL_MS: String(24 * 60 * 60_000),
    });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await database?.dispose();
  }, 60_000);

  it('keeps the process alive, answers 503 with Retry-After (never 500), and loses no acknowledged write', async () => {
    const user: FaultUser = await signUp(server.url, 'pg-outage');
    const symbols = await someSymbols(server.url, 4);
    for (const symbol of symbols) await addPosition(server.url, user.token, symbol);

    const requests: ((i: number) => LoadRequest)[] = [
      (i) => ({
        name: 'add',
        method: 'POST',
        path: '/api/live-monitoring/add',
        token: user.token,
        body: { symbol: symbols[i % symbols.length], shares: 1, investment: 100 },
      }),
      () => ({ name: 'summary', method: 'GET', path: '/api/monitoring/summary', token: user.token }),
      () => ({ name: 'list', method: 'GET', path: '/api/live-monitoring', token: user.token }),
    ];
    const load = new LoadDriver({
      baseUrl: server.url,
      concurrency: 6,
      next: (i) => (requests[i % requests.length] as (i: number) => LoadRequest)(i),
      timeoutMs: 15_000,
      maxRequests: 4_000,
      gapMs: 25,
    });
    load.start();
    await pause(WARM_MS);

    load.phase = 'outage';
    await database.stop('fast');
    await pause(OUTAGE_MS / 2);
    const ready = await send(server.url, { name: 'ready', method: 'GET', path: '/ready' }, 'outage', 10_000);
    await pause(OUTAGE_MS / 2);

    load.phase = 'recovery';
    await database.resume();
    // Bounded: the pool opens new connections on demand, so the first write after the restart works.
    // (A dead server ends the wait at once: the assertions below report it.)
    await eventually(
      'a write after PostgreSQL restarted',
      async () => {
        if (!server.alive) return false;
        const outcome = await send(server.url, requests[0]?.(0) as LoadRequest, 'recovery', 10_000);
        return outcome.status === 201 ? true : undefined;
      },
      { attempts: 50, everyMs: 200 },
    );
    load.phase = 'recovered';
    await pause(RECOVERED_MS);
    const outcomes = await load.stop();

    const byPhaseAndStatus = countBy(outcomes, (o) => `${o.phase} ${o.status}`);
    const context = `outcomes: ${JSON.stringify(byPhaseAndStatus)}\nserver log:\n${server.log()}`;
    expect(server.alive, `the server ${server.ending}\n${context}`).toBe(true);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);

    expect(
      outcomes.filter((o) => o.status >= 500 && o.status !== 503),
      context,
    ).toEqual([]);
    const unavailable = outcomes.filter((o) => o.status === 503);
    expect(unavailable.length, `no request met the outage\n${context}`).toBeGreaterThan(0);
    expect(
      unavailable.filter((o) => o.retryAfter === null),
      context,
    ).toEqual([]);
    expect(
      outcomes.filter((o) => o.timedOut || o.status === 0),
      context,
    ).toEqual([]);
    expect(
      outcomes.filter((o) => o.phase === 'recovered' && o.status !== 200 && o.status !== 201),
      context,
    ).toEqual([]);
    expect(outcomes.filter((o) => o.phase === 'recovered').length).toBeGreaterThan(0);

    expect(ready.status).toBe(503);
    expect(ready.retryAfter).not.toBeNull();
    expect(ready.body).toMatchObject({ status: 'not ready', checks: { database: 'down' } });

    // Every write answered 201 is in the database.
    const acknowledged = outcomes
      .filter((o) => o.name === 'add' && o.status === 201)
      .map((o) => (o.body as { position_id: string }).position_id);
    expect(acknowledged.length).toBeGreaterThan(0);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const found = await client.query<{ id: string }>(
        'SELECT id FROM positions WHERE id = ANY($1::uuid[])',
        [acknowledged],
      );
      const stored = new Set(found.rows.map((row) => row.id));
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      await client.end();
    }

    const readyAgain = await send(
      server.url,
      { name: 'ready', method: 'GET', path: '/ready' },
      'after',
      10_000,
    );
    expect(readyAgain.status).toBe(200);
    expect(readyAgain.body).toMatchObject({
      status: 'ready',
      checks: { database: 'up', schedules: 'in-process' },
    });
  }, 80_000);
});
