import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ErrorBody } from '../../../src/contract/index.js';
import { forgeToken, nowSeconds } from '../jwt.js';
import { signUp, type TestUser, uniqueEmail } from '../users.js';
import type { E2EContext } from './context.js';

/** Every route that needs a bearer token, with a body where it takes one. */
const USER_ROUTES: [method: string, path: string, body?: unknown][] = [
  ['GET', '/api/live-monitoring'],
  ['GET', '/api/monitoring/summary'],
  ['POST', '/api/live-monitoring/add', { symbol: 'AAA', shares: 1, investment: 1 }],
  ['PATCH', `/api/live-monitoring/${randomUUID()}`, { shares: 1 }],
  ['DELETE', `/api/live-monitoring/${randomUUID()}`],
  ['GET', '/api/auth/me'],
  ['GET', '/api/auth/me/export'],
  ['DELETE', '/api/auth/me'],
];

/** Registration, login and the bearer-token guard: every way in that must fail does, with 401. */
export function authSuite(ctx: E2EContext): void {
  describe('authentication failures', () => {
    let user: TestUser;
    const claims = (extra: Record<string, unknown> = {}) => ({
      sub: user.id,
      scopes: ['read', 'write'],
      iat: nowSeconds(),
      exp: nowSeconds() + 600,
      ...extra,
    });
    const me = (token: string) => ctx.api.as(token).get<ErrorBody>('/api/auth/me');

    beforeAll(async () => {
      user = await signUp(ctx.api, 'auth');
    });

    test('every user endpoint without a token is 401', async () => {
      for (const [method, path, body] of USER_ROUTES) {
        const response = await ctx.api.request<ErrorBody>(method, path, body);
        expect(response.status, `${method} ${path}`).toBe(401);
        expect(response.body.message).toMatch(/Authorization/);
      }
    });

    test.each([
      ['not a JWT', 'Bearer not-a-token'],
      ['another scheme', 'Basic dXNlcjpwYXNz'],
      ['two parts', 'Bearer abc.def'],
      ['trailing garbage', 'Bearer a.b.c d'],
      ['empty', 'Bearer '],
    ])('a malformed Authorization header (%s) is 401', async (_, header) => {
      const response = await ctx.api.get<ErrorBody>('/api/live-monitoring', {
        headers: { authorization: header },
      });
      expect(response.status).toBe(401);
    });

    test('a token forged here with the right secret is accepted (so the refusals below are meaningful)', async () => {
      const response = await me(forgeToken(claims(), ctx.server.config.jwtSecret));
      expect(response.status, response.text).toBe(200);
      expect(response.body).toMatchObject({ id: user.id, email: user.email });
    });

    test('an expired token is 401', async () => {
      const expired = forgeToken(
        claims({ iat: nowSeconds() - 90_000, exp: nowSeconds() - 60 }),
        ctx.server.config.jwtSecret,
      );
      const response = await me(expired);
      expect(response.status).toBe(401);
      expect(response.body.message).toBe('Invalid or expired token');
    });

    test('a token signed with another secret is 401', async () => {
      expect((await me(forgeToken(claims(), randomBytes(48).toString('base64url')))).status).toBe(401);
    });

    test('a real token whose payload was swapped is 401', async () => {
      const [header, , signature] = user.token.split('.');
      const payload = Buffer.from(JSON.stringify(claims({ sub: randomUUID() }))).toString('base64url');
      expect((await me(`${header}.${payload}.${signature}`)).status).toBe(401);
    });

    test('alg "none" is 401, with or without a signature part', async () => {
      const secret = ctx.server.config.jwtSecret;
      expect((await me(forgeToken(claims(), secret, { alg: 'none' }))).status).toBe(401);
      expect((await me(forgeToken(claims(), secret, { alg: 'none', signature: 'AAAA' }))).status).toBe(401);
    });

    test('HS512 with the right secret is 401: the algorithm is pinned to HS256', async () => {
      expect((await me(forgeToken(claims(), ctx.server.config.jwtSecret, { alg: 'HS512' }))).status).toBe(
        401,
      );
    });

    test('a validly signed token for no existing user is 401, whatever its subject looks like', async () => {
      const secret = ctx.server.config.jwtSecret;
      for (const sub of [randomUUID(), 'not-a-uuid', 42, undefined]) {
        const response = await me(forgeToken(claims({ sub }), secret));
        expect(response.status, `sub ${String(sub)}: ${response.text}`).toBe(401);
      }
    });

    test('a token with the read scope only may read but not write (403)', async () => {
      const readOnly = ctx.api.as(forgeToken(claims({ scopes: ['read'] }), ctx.server.config.jwtSecret));
      expect((await readOnly.get('/api/live-monitoring')).status).toBe(200);
      const write = await readOnly.post<ErrorBody>('/api/live-monitoring/add', {
        symbol: 'AAA',
        shares: 1,
        investment: 1,
      });
      expect(write.status).toBe(403);
      expect(write.body.message).toContain('write');
    });

    test('the token of a deleted user is 401', async () => {
      const doomed = await signUp(ctx.api, 'doomed');
      expect((await doomed.api.get('/api/live-monitoring')).status).toBe(200);
      expect((await doomed.api.delete('/api/auth/me')).status).toBe(204);
      const after = await doomed.api.get<ErrorBody>('/api/live-monitoring');
      expect(after.status).toBe(401);
      expect((await doomed.api.get('/api/auth/me')).status).toBe(401);
    });

    test('registering an e-mail twice is 409, in any letter case, and adds no user', async () => {
      const email = uniqueEmail('twice');
      expect(
        (await ctx.api.post('/api/auth/register', { email, password: 'a long enough password' })).status,
      ).toBe(201);
      const users = await ctx.server.count('users');
      const again = await ctx.api.post<ErrorBody>('/api/auth/register', {
        email,
        password: 'another long password',
      });
      expect(again.status).toBe(409);
      const shouted = await ctx.api.post('/api/auth/register', {
        email: email.toUpperCase(),
        password: 'another long password',
      });
      expect(shouted.status).toBe(409);
      expect(await ctx.server.count('users')).toBe(users);
    });

    test('a wrong password and an unknown e-mail get the same 401 answer', async () => {
      const wrong = await ctx.api.post<ErrorBody>('/api/auth/login', {
        email: user.email,
        password: 'wrong password!!',
      });
      const unknown = await ctx.api.post<ErrorBody>('/api/auth/login', {
        email: uniqueEmail('nobody'),
        password: 'wrong password!!',
      });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      const { requestId: _a, ...wrongBody } = wrong.body;
      const { requestId: _b, ...unknownBody } = unknown.body;
      expect(wrongBody).toEqual(unknownBody);
      expect(wrong.body.message).not.toMatch(/password is|no (such )?user|not found|unknown/i);
    });

    test('registration validates e-mail and password, naming the field', async () => {
      const badEmail = await ctx.api.post<ErrorBody>('/api/auth/register', {
        email: 'not-an-email',
        password: 'long enough password',
      });
      expect(badEmail.status).toBe(400);
      expect(badEmail.body.issues?.map((i) => i.field)).toEqual(['email']);
      const shortPassword = await ctx.api.post<ErrorBody>('/api/auth/register', {
        email: uniqueEmail('short'),
        password: 'short',
      });
      expect(shortPassword.status).toBe(400);
      expect(shortPassword.body.issues?.map((i) => i.field)).toEqual(['password']);
    });
  });
}
