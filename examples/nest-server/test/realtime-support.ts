// Shared by the realtime-*.test.ts suites: the COMPILED server and worker (typed by their sources; vitest's
// transform would drop the decorator metadata of src/), isolated PostgreSQL schemas and Redis prefixes,
// users over the real REST API, and Socket.IO clients that record what they receive.
import { createHmac, randomBytes } from 'node:crypto';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import type * as ConfigModule from '../src/config/config.js';
import type * as SimulatedTicksModule from '../src/jobs/simulated-ticks.js';
import type * as UpdateTasksModule from '../src/jobs/update-tasks.js';
import type * as MarketDataModule from '../src/market/market-data.gateway.js';
import type * as ServerModule from '../src/server.js';

const dist = <T>(path: string): Promise<T> =>
  import(new URL(`../dist/${path}`, import.meta.url).href) as Promise<T>;

export const { startServer } = await dist<typeof ServerModule>('server.js');
export const { loadConfig } = await dist<typeof ConfigModule>('config/config.js');
export const { UpdateTasks } = await dist<typeof UpdateTasksModule>('jobs/update-tasks.js');
export const { MarketDataGateway } = await dist<typeof MarketDataModule>('market/market-data.gateway.js');
export const { simulatedTickPrice, dailyVolatility } =
  await dist<typeof SimulatedTicksModule>('jobs/simulated-ticks.js');
export type { RunningServer } from '../src/server.js';

/** The compiled worker entry point, for `node <WORKER_ENTRY>` child processes. */
export const WORKER_ENTRY = new URL('../dist/worker.js', import.meta.url).pathname;

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A random suffix for schema names and key prefixes. */
export const uniqueSuffix = (): string => randomBytes(4).toString('hex');

/** Secrets shared by every instance of one suite, so a token from one is valid on the others. */
export function suiteSecrets(): { JWT_SECRET: string; ENCRYPTION_KEY: string } {
  return {
    JWT_SECRET: randomBytes(32).toString('base64url'),
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
  };
}

/** Runs SQL on the test database with `search_path` set to `schema`. */
export async function withSql<T>(
  schema: string | undefined,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({
    connectionString: DATABASE_URL,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty schema (before instances start, so two starting together do not race to create it). */
export function createSchema(schema: string): Promise<void> {
  return withSql(undefined, async (c) => void (await c.query(`CREATE SCHEMA ${schema}`)));
}

export function dropSchema(schema: string): Promise<void> {
  return withSql(undefined, async (c) => void (await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)));
}

/** A registered user with a bearer token. */
export interface TestUser {
  id: string;
  token: string;
}

/** Registers and logs in a user through the REST API. */
export async function registerUser(baseUrl: string): Promise<TestUser> {
  const credentials = {
    email: `rt-${uniqueSuffix()}@example.test`,
    password: `pw-${randomBytes(12).toString('hex')}`,
  };
  const registered = await postJson(`${baseUrl}/api/auth/register`, credentials);
  const login = await postJson(`${baseUrl}/api/auth/login`, credentials);
  return { id: (registered as { id: string }).id, token: (login as { access_token: string }).access_token };
}

/** Adds a position through the REST API; returns its id. */
export async function addPosition(
  baseUrl: string,
  user: TestUser,
  body: { symbol: string; shares: number; investment: number; stop_loss?: number; take_profit?: number },
): Promise<string> {
  const created = await postJson(`${baseUrl}/api/live-monitoring/add`, body, user.token);
  return (created as { position_id: string }).position_id;
}

async function postJson(url: string, body: unknown, token?: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`POST ${url} → ${response.status}: ${text}`);
  return JSON.parse(text);
}

/** The best-ranked symbols of the server's current run. */
export async function topSymbols(baseUrl: string, count: number): Promise<string[]> {
  const top = (await (await fetch(`${baseUrl}/api/wachstumsprognose/top10`)).json()) as {
    top_10_wachstums_aktien: { symbol: string }[];
  };
  return top.top_10_wachstums_aktien.slice(0, count).map((s) => s.symbol);
}

/** Signs an HS256 JWT by hand (RFC 7519), so tests can make tokens the server must refuse. */
export function signToken(payload: Record<string, unknown>, secret: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/** A Socket.IO client that keeps every event it receives. */
export class LiveClient {
  readonly received: { event: string; payload: Record<string, unknown> }[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(readonly socket: Socket) {
    socket.onAny((event: string, payload: Record<string, unknown>) => {
      this.received.push({ event, payload });
      for (const wake of [...this.waiters]) wake();
    });
  }

  /** Payloads of one event, in arrival order. */
  events(event: string): Record<string, unknown>[] {
    return this.received.filter((r) => r.event === event).map((r) => r.payload);
  }

  /** Resolves with the first payload of `event` (already received or arriving) that matches. */
  waitFor(
    event: string,
    matches: (payload: Record<string, unknown>) => boolean = () => true,
    timeoutMs = 15_000,
  ) {
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const check = () => {
        const found = this.events(event).find(matches);
        if (!found) return false;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new Error(
            `no matching "${event}" within ${timeoutMs} ms (received: ${this.received.length} events)`,
          ),
        );
      }, timeoutMs);
      if (!check()) this.waiters.add(check);
    });
  }

  subscribe(
    body: Record<string, unknown>,
  ): Promise<{ ok: boolean; error?: string; subscriptions?: unknown }> {
    return this.socket.timeout(10_000).emitWithAck('subscribe', body);
  }

  close(): void {
    this.socket.close();
  }
}

/** Connects (WebSocket transport) and resolves once connected; rejects with the `connect_error`. */
export function connect(
  url: string,
  auth?: Record<string, unknown>,
  options: { reconnection?: boolean } = {},
): Promise<LiveClient> {
  const socket = io(url, {
    transports: ['websocket'],
    auth,
    reconnection: options.reconnection ?? false,
    forceNew: true,
  });
  const client = new LiveClient(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Polls `condition` until it holds. */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Drops a client's connection the way a network failure does (the transport closes without a
 * Socket.IO disconnect), runs `whileAway`, then reconnects; resolves once connected again.
 */
export async function dropAndReconnect(client: LiveClient, whileAway: () => Promise<void>): Promise<void> {
  const disconnected = new Promise<void>((resolve) => client.socket.once('disconnect', () => resolve()));
  client.socket.io.engine.close();
  await disconnected;
  await whileAway();
  const reconnected = new Promise<void>((resolve, reject) => {
    client.socket.once('connect', () => resolve());
    client.socket.once('connect_error', reject);
  });
  client.socket.connect();
  await reconnected;
}
