// The WebSocket gateway of one instance without Redis (in-process scheduler, connection-state recovery
// in memory), against the real PostgreSQL. The scheduler's rhythm is set to a day so that the tests
// drive price ticks themselves through the server's own UpdateTasks, which makes every tick known.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as SweeperModule from '../src/realtime/slow-client-sweeper.js';
import {
  addPosition,
  connect,
  createSchema,
  DATABASE_URL,
  dailyVolatility,
  dropAndReconnect,
  dropSchema,
  eventually,
  type LiveClient,
  loadConfig,
  MarketDataGateway,
  type RunningServer,
  registerUser,
  signToken,
  simulatedTickPrice,
  startServer,
  suiteSecrets,
  type TestUser,
  topSymbols,
  UpdateTasks,
  uniqueSuffix,
  withSql,
} from './realtime-support.js';

const { SlowClientSweeper } = (await import(
  new URL('../dist/realtime/slow-client-sweeper.js', import.meta.url).href
)) as typeof SweeperModule;

const schema = `t_realtime_gw_${uniqueSuffix()}`;
const secrets = suiteSecrets();
const DAY_MS = '86400000';
const env = {
  NODE_ENV: 'test',
  PORT: '0',
  LOG_LEVEL: 'silent',
  DATA_DIR: `/tmp/daki-realtime-gw-${uniqueSuffix()}`,
  DATABASE_URL,
  RATE_LIMIT_PER_MINUTE: '10000',
  // A smaller synthetic universe: scoring runs and price turns cost a fraction of the default 467.
  SYNTHETIC_SYMBOLS: '80',
  PRICE_INTERVAL_MS: DAY_MS,
  SCORE_INTERVAL_MS: DAY_MS,
  NEWS_INTERVAL_MS: DAY_MS,
  ...secrets,
};

let server: RunningServer;
let tasks: InstanceType<typeof UpdateTasks>;
let symbols: string[];
let tick = 1_000;
const clients: LiveClient[] = [];

/** One price tick over `which` (default: the five best-ranked symbols), as the scheduler would run it. */
const priceTick = (which = symbols) => tasks.prices(which, ++tick);
const track = (client: LiveClient) => {
  clients.push(client);
  return client;
};

beforeAll(async () => {
  await createSchema(schema);
  server = await startServer(loadConfig(env), { databaseSchema: schema });
  tasks = server.app.get(UpdateTasks);
  symbols = await topSymbols(server.url, 5);
});

afterAll(async () => {
  for (const client of clients) client.close();
  await server?.close();
  await dropSchema(schema);
});

describe('handshake authentication', () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await registerUser(server.url);
  });

  it('accepts a valid token and an anonymous client', async () => {
    track(await connect(server.url, { token: user.token }));
    track(await connect(server.url));
  });

  it.each([
    ['not a JWT', () => 'not-a-token'],
    [
      'signed with another secret',
      () =>
        signToken(
          { sub: user.id, scopes: ['read'], exp: inSeconds(600) },
          'another-secret-of-at-least-32-chars!',
        ),
    ],
    [
      'expired',
      () =>
        signToken(
          { sub: user.id, scopes: ['read'], iat: inSeconds(-7200), exp: inSeconds(-3600) },
          secrets.JWT_SECRET,
        ),
    ],
    ['alg none', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: user.id, scopes: ['read'] })}.`],
    ['a number', () => 42],
  ])('refuses a token that is %s with a connect_error', async (_case, token) => {
    await expect(connect(server.url, { token: token() })).rejects.toMatchObject({
      message: expect.stringMatching(/^auth\.token: /),
    });
  });

  it('refuses the token of a user who no longer exists', async () => {
    const erased = await registerUser(server.url);
    await withSql(schema, (sql) => sql.query('DELETE FROM users WHERE id = $1', [erased.id]));
    await expect(connect(server.url, { token: erased.token })).rejects.toMatchObject({
      message: 'auth.token: invalid or expired token',
    });
  });
});

describe('connections', () => {
  it('are counted in the websocket_connections gauge of /metrics', async () => {
    const gauge = async () => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      return Number(
        text
          .split('\n')
          .find((line) => line.startsWith('websocket_connections '))
          ?.split(' ')[1],
      );
    };
    const before = await gauge();
    const client = await connect(server.url);
    await eventually(async () => (await gauge()) === before + 1, 10_000, 'gauge counts the connection');
    client.close();
    await eventually(async () => (await gauge()) === before, 10_000, 'gauge counts the disconnection');
  });
});

describe('subscriptions', () => {
  it('validates the whole request before joining anything', async () => {
    const client = track(await connect(server.url));
    expect(await client.subscribe({ symbols: [symbols[0], 'NOSUCH1'] })).toMatchObject({
      ok: false,
      error: expect.stringContaining('NOSUCH1'),
    });
    expect(await client.subscribe({ symbols: 'AAPL' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('symbols'),
    });
    expect(await client.subscribe({ top10: true, extra: 1 })).toMatchObject({ ok: false });
    expect(await client.subscribe({})).toEqual({
      ok: true,
      subscriptions: { symbols: [], top10: false, portfolio: false },
    });
  });

  it('delivers price updates of subscribed symbols only, and top-10 updates after a scoring run', async () => {
    const client = track(await connect(server.url));
    expect(await client.subscribe({ symbols: [symbols[0]], top10: true })).toMatchObject({
      ok: true,
      subscriptions: { symbols: [symbols[0]], top10: true },
    });
    const result = await priceTick();
    expect(result.updated).toBeGreaterThan(0);
    const update = await client.waitFor('price:update', (p) => p.tick === tick);
    expect(update).toMatchObject({ symbol: symbols[0], tick });
    expect(client.events('price:update').every((p) => p.symbol === symbols[0])).toBe(true);
    await tasks.scores();
    const top = await client.waitFor('top10:update');
    expect((top.top_10_wachstums_aktien as unknown[]).length).toBe(10);
    // Summarised as REST summarises the same run: market cap and 1-day change, not nulls.
    type Summary = { symbol: string; market_cap: number | null; change_1d_percent: number | null };
    const facts = (list: Summary[]) => list.map((s) => [s.symbol, s.market_cap, s.change_1d_percent]);
    const live = top.top_10_wachstums_aktien as Summary[];
    expect(
      live.every((s) => typeof s.market_cap === 'number' && typeof s.change_1d_percent === 'number'),
    ).toBe(true);
    const rest = (await (await fetch(`${server.url}/api/wachstumsprognose/top10`)).json()) as {
      top_10_wachstums_aktien: Summary[];
    };
    expect(facts(live)).toEqual(facts(rest.top_10_wachstums_aktien));
    const score = await client.waitFor('score:update');
    expect(score).toMatchObject({ symbol: symbols[0], run_id: top.run_id });
  });
});

describe('portfolio events', () => {
  let alice: TestUser;
  let bob: TestUser;
  let alicePositions: string[];
  let bobPositions: string[];

  beforeAll(async () => {
    [alice, bob] = await Promise.all([registerUser(server.url), registerUser(server.url)]);
    alicePositions = [
      await addPosition(server.url, alice, { symbol: symbols[1], shares: 10, investment: 1000 }),
    ];
    // Bob holds the same symbol as Alice and another one.
    bobPositions = [
      await addPosition(server.url, bob, { symbol: symbols[1], shares: 3, investment: 500 }),
      await addPosition(server.url, bob, { symbol: symbols[2], shares: 7, investment: 700 }),
    ];
  });

  it('needs a token: an anonymous socket cannot subscribe and receives none', async () => {
    const anonymous = track(await connect(server.url));
    expect(await anonymous.subscribe({ portfolio: true })).toMatchObject({
      ok: false,
      error: expect.stringContaining('portfolio'),
    });
    expect(await anonymous.subscribe({ symbols: [symbols[1], symbols[2]] })).toMatchObject({ ok: true });
    const watcher = track(await connect(server.url, { token: alice.token }));
    await watcher.subscribe({ portfolio: true });
    await priceTick();
    await watcher.waitFor('portfolio:update', (p) => p.ts !== undefined);
    await anonymous.waitFor('price:update', (p) => p.tick === tick);
    expect(anonymous.events('portfolio:update')).toEqual([]);
    expect(anonymous.events('alert')).toEqual([]);
  });

  it('goes to its owner only: a user never receives another user’s portfolio', async () => {
    const aliceClient = track(await connect(server.url, { token: alice.token }));
    const bobClient = track(await connect(server.url, { token: bob.token }));
    await aliceClient.subscribe({ portfolio: true, symbols: [symbols[2]] });
    await bobClient.subscribe({ portfolio: true });
    for (let i = 0; i < 3; i++) await priceTick();
    await aliceClient.waitFor('portfolio:update', (p) => p.ts !== undefined);
    await bobClient.waitFor('portfolio:update', (p) => p.ts !== undefined);
    const ids = (client: LiveClient) =>
      client
        .events('portfolio:update')
        .flatMap((p) => (p.positions as { position_id: string }[]).map((x) => x.position_id));
    expect(new Set(ids(aliceClient))).toEqual(new Set(alicePositions));
    expect(new Set(ids(bobClient))).toEqual(new Set(bobPositions));
    // Bob's portfolio moves with symbols[2], which Alice watches the price of, but never reaches her.
    expect(aliceClient.events('price:update').some((p) => p.symbol === symbols[2])).toBe(true);
    for (const update of bobClient.events('portfolio:update')) expect(update.total_positions).toBe(2);
  });

  it('values the portfolio as the REST summary does', async () => {
    const client = track(await connect(server.url, { token: bob.token }));
    await client.subscribe({ portfolio: true });
    await priceTick();
    const live = await client.waitFor('portfolio:update');
    const rest = (await (
      await fetch(`${server.url}/api/monitoring/summary`, {
        headers: { authorization: `Bearer ${bob.token}` },
      })
    ).json()) as Record<string, unknown>;
    for (const field of [
      'total_positions',
      'total_invested',
      'total_value',
      'profit_loss',
      'profit_loss_percent',
    ]) {
      expect(live[field], field).toEqual(rest[field]);
    }
  });
});

describe('stop-loss alerts', () => {
  it('fire once per crossing, and alert_triggered is persisted', async () => {
    const symbol = symbols[3] as string;
    const user = await registerUser(server.url);
    const client = track(await connect(server.url, { token: user.token }));
    await client.subscribe({ portfolio: true });
    // The synthetic feed is deterministic: find ticks ahead whose prices lie below / above a limit.
    const bars = await server.app.get(MarketDataGateway).bars(symbol);
    const priceAt = (t: number) =>
      simulatedTickPrice({
        seed: 42,
        symbol,
        lastClose: bars.close[bars.close.length - 1] as number,
        dailyVolatility: dailyVolatility(bars.close),
        tick: t,
      });
    const start = tick + 1;
    const ahead = Array.from({ length: 400 }, (_, i) => ({ t: start + i, price: priceAt(start + i) }));
    const limit =
      Math.round(
        ((Math.min(...ahead.map((a) => a.price)) + Math.max(...ahead.map((a) => a.price))) / 2) * 100,
      ) / 100;
    const above = ahead.filter((a) => a.price > limit * 1.002);
    const below = ahead.filter((a) => a.price < limit * 0.998);
    // A path: above (position opened) → below → below → above → below.
    const path = [above[0]];
    const next = (list: typeof ahead, after: number) =>
      list.find((a) => a.t > after) as (typeof ahead)[number];
    for (const list of [below, below, above, below])
      path.push(next(list, path[path.length - 1]?.t as number));
    expect(path.every(Boolean)).toBe(true);

    const run = async (t: number) => {
      tick = t;
      await tasks.prices([symbol], t);
    };
    await run(path[0]?.t as number);
    const positionId = await addPosition(server.url, user, {
      symbol,
      shares: 5,
      investment: 500,
      stop_loss: limit,
    });
    const flag = async () =>
      (
        await withSql(schema, (sql) =>
          sql.query('SELECT alert_triggered FROM positions WHERE id = $1', [positionId]),
        )
      ).rows[0]?.alert_triggered as boolean;
    expect(await flag()).toBe(false);

    await run(path[1]?.t as number); // crosses below: fires
    await client.waitFor('alert');
    expect(await flag()).toBe(true);
    await run(path[2]?.t as number); // still below: no second alert
    await run(path[3]?.t as number); // back above: re-armed
    await client.waitFor(
      'portfolio:update',
      (p) => (p.positions as { alert_triggered: boolean }[])[0]?.alert_triggered === false,
    );
    expect(await flag()).toBe(false);
    await run(path[4]?.t as number); // crosses again: fires again
    await eventually(() => client.events('alert').length === 2, 10_000, 'second alert');
    const alerts = client.events('alert');
    expect(alerts.map((a) => a.position_id)).toEqual([positionId, positionId]);
    expect(alerts.every((a) => a.kind === 'stop_loss' && (a.price as number) <= (a.limit as number))).toBe(
      true,
    );
    expect(alerts.map((a) => a.price)).toEqual([path[1]?.price, path[4]?.price]);
    expect(await flag()).toBe(true);
  });
});

describe('connection-state recovery', () => {
  it('gives a client dropped for a few ticks every update it missed', async () => {
    const watched = symbols.slice(0, 3);
    const witness = track(await connect(server.url));
    const dropped = track(await connect(server.url));
    await witness.subscribe({ symbols: watched });
    await dropped.subscribe({ symbols: watched });
    await priceTick();
    await dropped.waitFor('price:update', (p) => p.tick === tick);
    const firstTick = tick;
    await dropAndReconnect(dropped, async () => {
      for (let i = 0; i < 4; i++) await priceTick();
    });
    expect(dropped.socket.recovered).toBe(true);
    await priceTick();
    await dropped.waitFor('price:update', (p) => p.tick === tick);
    await witness.waitFor('price:update', (p) => p.tick === tick);
    const seen = (client: LiveClient) =>
      client
        .events('price:update')
        .filter((p) => (p.tick as number) >= firstTick)
        .map((p) => `${p.symbol}@${p.tick}:${p.price}`)
        .sort();
    expect(seen(witness).length).toBeGreaterThanOrEqual(watched.length * 5);
    expect(seen(dropped)).toEqual(seen(witness));
  });
});

describe('slow clients', () => {
  it('are dropped while the others keep receiving everything', async () => {
    const http = createServer();
    const io = new Server(http, { serveClient: false, connectionStateRecovery: {} });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    try {
      io.on('connection', (socket) => socket.join('all'));
      const healthy = await connect(url);
      const slow = await connect(url);
      const serverSideDrop = new Promise<string>((resolve) => {
        for (const socket of io.of('/').sockets.values()) {
          if (socket.id === slow.socket.id) socket.on('disconnect', resolve);
        }
      });
      const sweeper = new SlowClientSweeper(io, { maxQueuedPackets: 20 });
      // Stop reading on the slow client's TCP socket: once the kernel buffers are full, the frames
      // for it pile up in the server.
      (
        slow.socket.io.engine.transport as unknown as { ws: { _socket: { pause(): void } } }
      ).ws._socket.pause();
      const blob = 'x'.repeat(64 * 1024);
      let sent = 0;
      const burst = (count: number, size: string) => {
        for (let i = 0; i < count; i++) io.to('all').emit('blob', { i: sent++, blob: size });
      };
      burst(200, blob); // ~13 MB: more than loopback TCP buffers hold for a reader that does not read
      await eventually(
        () => healthy.events('blob').length === sent,
        15_000,
        'healthy client received the first burst',
      );
      expect(sweeper.sweep()).toBe(0); // both connections flushed since they connected
      burst(30, 'small');
      await eventually(
        () => healthy.events('blob').length === sent,
        15_000,
        'healthy client received the second burst',
      );
      expect(sweeper.sweep()).toBe(1); // only the stuck one
      // A transport failure, which Socket.IO counts as recoverable: the session waits for the client.
      expect(['transport close', 'transport error']).toContain(await serverSideDrop);
      burst(5, 'after');
      await eventually(
        () => healthy.events('blob').length === sent,
        15_000,
        'healthy client received the third burst',
      );
      expect(healthy.events('blob').map((p) => p.i)).toEqual(Array.from({ length: sent }, (_, i) => i));
      expect(sweeper.dropped).toBe(1);
      sweeper.stop();
      healthy.close();
      slow.close();
    } finally {
      await io.close();
    }
  });
});

describe('in-process scheduler', () => {
  it('runs price ticks on its own rhythm', async () => {
    const ticking = await startServer(loadConfig({ ...env, PRICE_INTERVAL_MS: '200' }), {
      databaseSchema: schema,
    });
    try {
      const client = track(await connect(ticking.url));
      await client.subscribe({ symbols: [symbols[4]] });
      await eventually(() => client.events('price:update').length >= 3, 15_000, 'three scheduled ticks');
      const ticks = client.events('price:update').map((p) => p.tick as number);
      expect(ticks.slice(1).every((t, i) => t > (ticks[i] as number))).toBe(true);
    } finally {
      await ticking.close();
    }
  });
});

function inSeconds(seconds: number): number {
  return Math.floor(Date.now() / 1000) + seconds;
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
