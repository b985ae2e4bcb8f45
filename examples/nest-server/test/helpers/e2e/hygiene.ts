import { describe, expect, test } from 'vitest';
import type { ErrorBody } from '../../../src/contract/index.js';
import type { ApiResponse } from '../api-client.js';
import type { E2EContext } from './context.js';

/** What a 4xx/5xx body must never show: stack frames, source paths, driver or SQL messages. */
const LEAKS: [what: string, pattern: RegExp][] = [
  ['a stack frame', /\bat\s+\S+\s+\(|\n\s*at\s/],
  ['a source path', /(?:\/|\\)[\w.-]+\.(?:ts|js|mjs|cjs)\b|file:\/\/|node_modules|\/work\/|\/home\//],
  ['a line:column reference', /\.\w+:\d+:\d+/],
  [
    'an error class name',
    /\b(?:TypeError|ReferenceError|RangeError|SyntaxError|DatabaseError|QueryFailedError)\b/,
  ],
  [
    'SQL or a driver message',
    /\b(?:SELECT|INSERT|UPDATE|DELETE FROM|violates|constraint|relation "|syntax error|numeric field overflow)\b/,
  ],
];

const expectSecurityHeaders = (response: ApiResponse, label: string) => {
  expect(response.headers.get('x-content-type-options'), label).toBe('nosniff');
  expect(response.headers.get('x-frame-options'), label).toBe('DENY');
  expect(response.headers.get('strict-transport-security'), label).toMatch(/max-age=\d{7,}/);
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp, label).toContain("default-src 'none'");
  expect(csp, label).toContain("frame-ancestors 'none'");
  expect(response.headers.get('x-powered-by'), label).toBeNull();
};

/**
 * Runs after the other suites: it inspects every error answer they provoked (hundreds of 400s,
 * 401s, 403s, 404s, 409s, 413s) plus a few more, and the security headers of each kind of answer.
 */
export function hygieneSuite(ctx: E2EContext): void {
  describe('response hygiene', () => {
    test('security headers on success and on every kind of error', async () => {
      const cases: [string, string, number][] = [
        ['GET', '/health', 200],
        ['GET', '/api/wachstumsprognose/top10', 200],
        ['GET', '/api/stocks?page=0', 400],
        ['GET', '/api/live-monitoring', 401],
        ['GET', '/api/stocks/ZZZZZZ', 404],
        ['GET', '/api/no-such-route', 404],
      ];
      for (const [method, path, status] of cases) {
        const response = await ctx.api.request(method, path);
        expect(response.status, `${method} ${path}`).toBe(status);
        expectSecurityHeaders(response, `${method} ${path}`);
      }
      for (const error of ctx.api.errors) expectSecurityHeaders({ ...error, body: undefined }, error.request);
    });

    test('no error body carries a stack trace, a path or an internal message', async () => {
      // A few more kinds of failure on top of those the other suites recorded.
      await ctx.api.request('PUT', '/api/stocks');
      await ctx.api.post('/api/auth/login', undefined, { rawBody: '{"email":' });
      await ctx.api.post('/api/auth/login', undefined, { rawBody: '{"__proto__": {"admin": true}}' });
      await ctx.api.get('/api/stocks?page=1&page=2');

      const errors = ctx.api.errors;
      const statuses = new Set(errors.map((e) => e.status));
      for (const status of [400, 401, 403, 404, 409, 413])
        expect(statuses, `status ${status} was exercised`).toContain(status);
      for (const error of errors) {
        const label = `${error.request} → ${error.status}: ${error.text}`;
        const body = JSON.parse(error.text) as ErrorBody;
        expect(body, label).toMatchObject({
          statusCode: error.status,
          error: expect.any(String),
          message: expect.any(String),
        });
        expect(body.requestId, label).toMatch(/^[\w.-]{1,64}$/);
        expect(Object.keys(body).sort(), label).toEqual(
          expect.arrayContaining(['error', 'message', 'requestId', 'statusCode']),
        );
        for (const key of Object.keys(body))
          expect(['error', 'issues', 'message', 'requestId', 'statusCode'], label).toContain(key);
        for (const [what, pattern] of LEAKS)
          expect(pattern.test(error.text), `${label} shows ${what}`).toBe(false);
      }
    });

    // Fastify's router answers a path parameter longer than maxParamLength (100) itself; the
    // `frameworkErrors` handler in src/server.ts gives it the standard body and headers.
    test('an over-long path parameter gets the standard error body and the security headers', async () => {
      const response = await ctx.api.get<ErrorBody>(`/api/stocks/${'A'.repeat(500)}`);
      ctx.api.errors.pop(); // checked here, not left for the sweep above
      expect(response.status).toBeGreaterThanOrEqual(400);
      expectSecurityHeaders(response, 'over-long path parameter');
      expect(Object.keys(response.body).sort()).toEqual(['error', 'message', 'requestId', 'statusCode']);
      expect(response.text).not.toContain('A'.repeat(500));
    });
  });
}
