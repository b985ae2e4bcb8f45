// Issue 12, the attack half, against real servers over loopback: PostgreSQL + Redis (rate-limit and
// login counters in Redis) and PGlite (counters in memory). Every assertion counts answers; none
// measures time.
//
// The servers trust 127.0.0.1 as a proxy (TRUST_PROXY), so each test speaks from an X-Forwarded-For
// address of its own and gets its own address budget; entries a client writes itself to the left of
// what the trusted proxy appended are ignored, which the tests also prove.
import { randomBytes, randomUUID } from 'node:crypto';
import { connect as connectTcp } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, PositionView, Top10Response } from './helpers/api-types.js';
import { forgeToken, nowSeconds } from './helpers/jwt.js';
import { type Backend, TestServer } from './helpers/test-server.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Requests a minute per client: small, so that the limits are reached in a few requests. */
const LIMIT = 30;
const PASSWORD = 'correct horse battery staple';

interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

/** A client at one address (as seen through the trusted proxy), with an optional bearer token. */
class Client {
  constructor(
    private readonly server: () => TestServer,
    readonly address: string,
    private readonly token?: string,
    private readonly spoofed?: string,
  ) {}

  as(token: string | undefined): Client {
    return new Client(this.server, this.address, token, this.spoofed);
  }

  /** The same address with an X-Forwarded-For entry the client wrote itself (to the left of the proxy's). */
  spoofing(entry: string): Client {
    return new Client(this.server, this.address, this.token, entry);
  }

  async request<T = unknown>(
    method: string,
    path: string,
    options: { json?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = {
      'x-forwarded-for': this.spoofed ? `${this.spoofed}, ${this.address}` : this.address,
      ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      ...(options.json !== undefined || options.raw !== undefined
        ? { 'content-type': 'application/json' }
        : {}),
      ...options.headers,
    };
    const body = options.raw ?? (options.json !== undefined ? JSON.stringify(options.json) : undefined);
    const response = await fetch(`${this.server().url}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, text, body: parsed as T };
  }

  get<T = unknown>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = unknown>(path: string, json: unknown) {
    return this.request<T>('POST', path, { json });
  }
}

/** Addresses of the documentation range 203.0.113.0/24 plus a counter: a fresh client address per call. */
let nextAddress = 1;
const freshAddress = () => `203.0.${113 + Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;

const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.com`;

/** Registers and logs in; fails the test on any other answer. */
async function signUp(client: Client, label: string) {
  const email = uniqueEmail(label);
  const registered = await client.post<{ id: string }>('/api/auth/register', { email, password: PASSWORD });
  expect(registered.status, registered.text).toBe(201);
  const login = await client.post<{ access_token: string }>('/api/auth/login', { email, password: PASSWORD });
  expect(login.status, login.text).toBe(200);
  return { id: registered.body.id, email, token: login.body.access_token };
}

/** Sends one raw HTTP request and reads the whole answer (for what fetch cannot send). */
function rawHttp(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connectTcp(Number(port), hostname);
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('error', (error) => (answer ? resolve(answer) : reject(error)));
    socket.on('close', () => resolve(answer));
    socket.write(request);
  });
}

/** Header lines of a raw HTTP answer, by lower-cased name. */
function rawHeaders(answer: string): Map<string, string> {
  const head = answer.slice(0, answer.indexOf('\r\n\r\n'));
  return new Map(
    head
      .split('\r\n')
      .slice(1)
      .map((line) => [
        line.slice(0, line.indexOf(':')).toLowerCase(),
        line.slice(line.indexOf(':') + 1).trim(),
      ]),
  );
}

const SECURITY_HEADERS = [
  'x-content-type-options',
  'x-frame-options',
  'content-security-policy',
  'referrer-policy',
];

/** Connects a Socket.IO client from `address` (through the trusted proxy); resolves connected, rejects with the connect_error. */
function openSocket(url: string, address: string, token?: string): Promise<Socket> {
  const socket = io(url, {
    transports: ['websocket'],
    extraHeaders: { 'x-forwarded-for': address },
    auth: token ? { token } : {},
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

function attackSuite(backend: Backend, env: Record<string, string>): void {
  const name = `${backend === 'pglite' ? 'PGlite, limits in memory' : 'PostgreSQL, limits in Redis'}`;
  describe(`under attack (${name})`, () => {
    let server: TestServer | undefined;
    const live = () => {
      if (!server) throw new Error(`the ${backend} server did not start`);
      return server;
    };
    const client = (address = freshAddress()) => new Client(live, address);
    let symbol: string;

    beforeAll(async () => {
      server = await TestServer.start({
        backend,
        label: `attack_${backend}`,
        env: { RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: '127.0.0.1', ...env },
      });
      const top = await client().get<Top10Response>('/api/wachstumsprognose/top10');
      expect(top.status, top.text).toBe(200);
      symbol = top.body.top_10_wachstums_aktien[0]!.symbol;
    }, 180_000);

    afterAll(async () => {
      await server?.dispose();
    }, 60_000);

    it('lets 0 logins through from a blocked address, however many tokens it rotates', async () => {
      const attacker = client();
      const accounts = await Promise.all([1, 2, 3].map((i) => signUp(attacker, `rotor-${i}`)));
      const erased = await signUp(attacker, 'rotor-erased');
      expect((await attacker.as(erased.token).request('DELETE', '/api/auth/me')).status).toBe(204);
      // Spend what is left of the address's budget on /api/auth/* (a new e-mail each time, so that
      // no account's own lock answers first), until the address is answered 429.
      let spent = 0;
      for (;;) {
        const answer = await attacker.post<ErrorBody>('/api/auth/login', {
          email: uniqueEmail('spend'),
          password: 'x',
        });
        if (answer.status === 429) {
          expect(answer.body.message).toMatch(/^Too many requests: the limit is 30 per minute/);
          break;
        }
        expect(answer.status).toBe(401);
        spent++;
        expect(spent, 'the address budget never ran out').toBeLessThanOrEqual(LIMIT);
      }
      const tokens = [...accounts.map((a) => a.token), erased.token, undefined];
      const statuses = new Map<number, number>();
      for (let i = 0; i < 300; i++) {
        const account = accounts[i % accounts.length]!;
        // Each attempt: another token, and a made-up X-Forwarded-For entry in front of the proxy's.
        const answer = await attacker
          .as(tokens[i % tokens.length])
          .spoofing(`198.51.100.${i % 250}`)
          .post('/api/auth/login', { email: account.email, password: PASSWORD });
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      }
      expect(Object.fromEntries(statuses)).toEqual({ 429: 300 });

      // The three live tokens have budgets of their own on the other routes (users behind one NAT);
      // the erased account's token buys nothing: it counts against the blocked address.
      for (const account of accounts)
        expect((await attacker.as(account.token).get('/api/live-monitoring')).status).toBe(200);
      expect((await attacker.as(erased.token).get('/api/live-monitoring')).status).toBe(429);
      const forged = forgeToken(
        { sub: randomUUID(), scopes: ['read'], iat: nowSeconds(), exp: nowSeconds() + 600 },
        live().config.jwtSecret,
      );
      expect((await attacker.as(forged).get('/api/stocks?page_size=1')).status).toBe(429);
      // Another address is not blocked.
      expect(
        (await client().post('/api/auth/login', { email: accounts[0]!.email, password: PASSWORD })).status,
      ).toBe(200);
    });

    it('locks an account after 5 failed logins, with the same answers for an account that does not exist', async () => {
      const owner = await signUp(client(), 'locked');
      const nobody = uniqueEmail('nobody');
      const answers = async (email: string) => {
        const guesser = client();
        const seen: Answer<ErrorBody>[] = [];
        for (let i = 0; i < 5; i++)
          seen.push(
            await guesser.post<ErrorBody>('/api/auth/login', { email, password: `guess number ${i}!` }),
          );
        // The right password is refused too while the delay runs (for the owner's account).
        seen.push(await guesser.post<ErrorBody>('/api/auth/login', { email, password: PASSWORD }));
        seen.push(await guesser.post<ErrorBody>('/api/auth/login', { email, password: 'x' }));
        return seen;
      };
      const [existing, missing] = await Promise.all([answers(owner.email), answers(nobody)]);
      for (const seen of [existing, missing]) {
        expect(seen.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429, 429]);
        for (const locked of seen.slice(5)) {
          expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
          expect(locked.body.message).toMatch(/^Too many login attempts for this account; retry in \d+ s$/);
        }
      }
      const shape = (a: Answer<ErrorBody>) => ({
        status: a.status,
        error: a.body.error,
        message: a.body.message.replace(/\d+ s$/, 'N s'),
        keys: Object.keys(a.body).sort(),
      });
      expect(existing.map(shape)).toEqual(missing.map(shape));
      // The lock is per account, not per address: another account logs in from the same addresses.
      expect((await signUp(client(), 'unlocked')).token).toBeTruthy();
    });

    it('counts a burst of parallel guesses before checking them: at most 5 are checked', async () => {
      const target = await signUp(client(), 'burst');
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          client().post('/api/auth/login', { email: target.email, password: `parallel guess ${i}` }),
        ),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    });

    it('erasure leaves 0 audit rows naming the user or their positions; the export had the trail', async () => {
      const user = await signUp(client(), 'erase');
      const other = await signUp(client(), 'prober');
      const owner = client().as(user.token);
      const add = async () => {
        const added = await owner.post<PositionView>('/api/live-monitoring/add', {
          symbol,
          shares: 2,
          investment: 200,
        });
        expect(added.status, added.text).toBe(201);
        return added.body.position_id;
      };
      const [kept, removed] = [await add(), await add()];
      expect((await owner.request('DELETE', `/api/live-monitoring/${removed}`)).status).toBe(204);
      // Another user's refused attempt on the position: a row of theirs that names it.
      expect(
        (
          await client()
            .as(other.token)
            .request('PATCH', `/api/live-monitoring/${kept}`, { json: { shares: 1 } })
        ).status,
      ).toBe(404);
      expect((await owner.get('/api/auth/me')).status).toBe(200);

      const exported = await owner.get<{ audit_log: { action: string; resource_id: string | null }[] }>(
        '/api/auth/me/export',
      );
      expect(exported.status).toBe(200);
      const trail = exported.body.audit_log;
      expect(trail.map((e) => e.action)).toEqual(
        expect.arrayContaining([
          'user.register',
          'user.login',
          'position.create',
          'position.delete',
          'user.read',
        ]),
      );
      expect(
        trail
          .filter((e) => e.action === 'position.create')
          .map((e) => e.resource_id)
          .sort(),
      ).toEqual([kept, removed].sort());

      const naming = async () => {
        const [row] = await live().sql<{ n: string }>(
          `SELECT count(*)::text AS n FROM audit_log a WHERE a::text LIKE ANY($1::text[])`,
          [[user.id, kept, removed].map((id) => `%${id}%`)],
        );
        return Number(row?.n);
      };
      expect(await naming()).toBeGreaterThanOrEqual(trail.length + 1);
      const before = await live().count('audit_log');

      expect((await owner.request('DELETE', '/api/auth/me')).status).toBe(204);

      expect(await naming()).toBe(0);
      // Nothing was deleted from the trail: the rows are pseudonymised, with one token per erasure.
      expect(await live().count('audit_log')).toBe(before + 1);
      const [erasure] = await live().sql<{ resource_id: string; user_id: string | null }>(
        `SELECT resource_id, user_id FROM audit_log WHERE action = 'user.erase' ORDER BY id DESC LIMIT 1`,
      );
      expect(erasure?.user_id).toBeNull();
      expect(erasure?.resource_id).toMatch(/^erased:[\w-]{22}$/);
      const pseudonymised = await live().sql<{ n: string }>(
        `SELECT count(*)::text AS n FROM audit_log WHERE details->>'subject' = $1 AND user_id IS NULL`,
        [erasure?.resource_id],
      );
      expect(Number(pseudonymised[0]?.n)).toBe(trail.length + 1); // the export's own row too
      const [probe] = await live().sql<{ resource_id: string }>(
        `SELECT resource_id FROM audit_log WHERE action = 'position.access' AND user_id = $1`,
        [other.id],
      );
      expect(probe?.resource_id).toMatch(new RegExp(`^${erasure?.resource_id}:position-\\d$`));

      // A second erasure draws another token.
      const second = await signUp(client(), 'erase-too');
      expect((await client().as(second.token).request('DELETE', '/api/auth/me')).status).toBe(204);
      const [next] = await live().sql<{ resource_id: string }>(
        `SELECT resource_id FROM audit_log WHERE action = 'user.erase' ORDER BY id DESC LIMIT 1`,
      );
      expect(next?.resource_id).not.toBe(erasure?.resource_id);
    });

    it('sends the security headers on the 431 of a 120 KB path and on a request that is not HTTP', async () => {
      const long = await rawHttp(live().url, `GET /${'a'.repeat(120 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(long).toMatch(/^HTTP\/1\.1 431 /);
      const headers = rawHeaders(long);
      for (const header of SECURITY_HEADERS) expect(headers.has(header), header).toBe(true);
      expect(JSON.parse(long.slice(long.indexOf('\r\n\r\n') + 4))).toMatchObject({ statusCode: 431 });

      const garbage = await rawHttp(live().url, 'NOT HTTP AT ALL\r\n\r\n');
      expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
      for (const header of SECURITY_HEADERS) expect(rawHeaders(garbage).has(header), header).toBe(true);
    });

    it('sends the security headers on every answer of the Socket.IO endpoint', async () => {
      const base = `${live().url}/socket.io/`;
      const handshake = await fetch(`${base}?EIO=4&transport=polling`);
      expect(handshake.status).toBe(200);
      const sid = /"sid":"([^"]+)"/.exec(await handshake.text())?.[1];
      expect(sid).toBeTruthy();
      const answers = [
        handshake,
        await fetch(`${base}?EIO=4&transport=polling&sid=${sid}`, { method: 'POST', body: '40' }),
        await fetch(`${base}?EIO=4&transport=bogus`),
        await fetch(`${base}?EIO=3&transport=polling`),
        await fetch(`${base}?EIO=4&transport=polling&sid=not-a-session`),
      ];
      expect(answers.map((a) => a.status)).toEqual([200, 200, 400, 400, 400]);
      for (const answer of answers)
        for (const header of SECURITY_HEADERS)
          expect(answer.headers.get(header), `${answer.url} ${header}`).toBeTruthy();
    });

    it('refuses weak passwords at registration with a reason, and never answers 400 for a wrong one at login', async () => {
      const registrar = client();
      for (const password of ['          ', 'password12', '1234567890']) {
        const answer = await registrar.post<ErrorBody>('/api/auth/register', {
          email: uniqueEmail('weak'),
          password,
        });
        expect(answer.status, JSON.stringify(password)).toBe(400);
        expect(answer.body.issues).toEqual([
          { field: 'password', reason: expect.stringMatching(/^is too easy to guess \(strength \d of 4/) },
        ]);
      }
      const user = await signUp(client(), 'short-wrong');
      const wrong = async (password: string) =>
        (await client().post<ErrorBody>('/api/auth/login', { email: user.email, password })).body;
      for (const password of ['short', '', 'x'.repeat(300)]) {
        const body = await wrong(password);
        expect(body).toMatchObject({ statusCode: 401, message: 'Invalid e-mail or password' });
        expect(body.issues).toBeUndefined();
      }
    });

    it('refuses a token without exp, on REST and on Socket.IO', async () => {
      const user = await signUp(client(), 'no-exp');
      const forever = forgeToken(
        { sub: user.id, scopes: ['read', 'write'], iat: nowSeconds() },
        live().config.jwtSecret,
      );
      expect((await client().as(forever).get('/api/auth/me')).status).toBe(401);
      await expect(openSocket(live().url, freshAddress(), forever)).rejects.toMatchObject({
        data: { code: 'UNAUTHORIZED' },
      });
      expect((await client().as(user.token).get('/api/auth/me')).status).toBe(200);
    });

    it('accepts a DELETE with content-type application/json and an empty body (a POST still needs one)', async () => {
      const user = await signUp(client(), 'empty-delete');
      const owner = client().as(user.token);
      const added = await owner.post<PositionView>('/api/live-monitoring/add', {
        symbol,
        shares: 1,
        investment: 100,
      });
      expect(added.status).toBe(201);
      // An empty body sent as such: content-type application/json and content-length 0.
      const json = { raw: '' };
      expect(
        (await owner.request('DELETE', `/api/live-monitoring/${added.body.position_id}`, json)).status,
      ).toBe(204);
      expect((await owner.request('POST', '/api/live-monitoring/add', json)).status).toBe(400);
      expect((await owner.request('DELETE', '/api/auth/me', json)).status).toBe(204);
    });

    it('caps Socket.IO connections per address at 20 and frees a place when one closes', async () => {
      const address = freshAddress();
      const sockets = await Promise.all(Array.from({ length: 20 }, () => openSocket(live().url, address)));
      try {
        const refused = await Promise.allSettled(
          Array.from({ length: 5 }, () => openSocket(live().url, address)),
        );
        expect(refused.map((r) => r.status)).toEqual(Array(5).fill('rejected'));
        for (const r of refused)
          expect((r as PromiseRejectedResult).reason).toMatchObject({
            data: { code: 'TOO_MANY_CONNECTIONS' },
          });
        // Another address is not affected.
        (await openSocket(live().url, freshAddress())).close();
        const closed = sockets.pop()!;
        const gone = new Promise((resolve) => closed.once('disconnect', resolve));
        closed.close();
        await gone;
        // The server counts the connection out when its transport closes; retry until it has.
        let reopened: Socket | undefined;
        for (let attempt = 0; attempt < 50 && !reopened; attempt++)
          reopened = await openSocket(live().url, address).catch(() => undefined);
        expect(reopened?.connected).toBe(true);
        sockets.push(reopened!);
      } finally {
        for (const socket of sockets) socket.close();
      }
    });

    it('answers at most 30 messages per 10 s of one connection; the rest are refused in the ack', async () => {
      const socket = await openSocket(live().url, freshAddress());
      try {
        const acks = await Promise.all(
          Array.from(
            { length: 40 },
            () =>
              socket.timeout(10_000).emitWithAck('subscribe', { top10: true }) as Promise<{
                ok: boolean;
                error?: string;
              }>,
          ),
        );
        expect(acks.filter((a) => a.ok)).toHaveLength(30);
        const refused = acks.filter((a) => !a.ok);
        expect(refused).toHaveLength(10);
        for (const ack of refused) expect(ack.error).toMatch(/^Too many messages: at most 30 every 10 s/);
        expect(socket.connected).toBe(true);
      } finally {
        socket.close();
      }
    });

    it("disconnects an erased user's socket at once", async () => {
      const user = await signUp(client(), 'socket-erased');
      const bystander = await signUp(client(), 'socket-stays');
      const socket = await openSocket(live().url, freshAddress(), user.token);
      const other = await openSocket(live().url, freshAddress(), bystander.token);
      try {
        const reason = new Promise<string>((resolve) => socket.once('disconnect', resolve));
        expect((await client().as(user.token).request('DELETE', '/api/auth/me')).status).toBe(204);
        expect(await reason).toBe('io server disconnect');
        await expect(openSocket(live().url, freshAddress(), user.token)).rejects.toMatchObject({
          data: { code: 'UNAUTHORIZED' },
        });
        const ack = (await other.timeout(10_000).emitWithAck('subscribe', { portfolio: true })) as {
          ok: boolean;
        };
        expect(ack.ok).toBe(true);
        expect(other.connected).toBe(true);
      } finally {
        socket.close();
        other.close();
      }
    });
  });
}

attackSuite('postgres', { REDIS_URL, REDIS_PREFIX: `t-attack-${randomBytes(4).toString('hex')}` });
attackSuite('pglite', {});
