import { afterEach, describe, expect, it } from 'vitest';
import { ProviderUnavailableError, RateLimitedError } from '../errors/index.js';
import { CircuitBreaker, CircuitOpenError } from './circuit-breaker.js';
import { createHttpClient, type HttpClientOptions, type RetryEvent } from './http-client.js';
import { isNetworkError } from './network-error.js';
import {
  delay,
  type FixtureServer,
  sendJson,
  sendText,
  startFixtureServer,
} from './testing/fixture-server.js';
import { VirtualClock } from './testing/virtual-clock.js';

const servers: FixtureServer[] = [];
async function serve(handler: Parameters<typeof startFixtureServer>[0]): Promise<FixtureServer> {
  const server = await startFixtureServer(handler);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function client(server: FixtureServer, options: Partial<HttpClientOptions> = {}) {
  const clock = options.clock ?? new VirtualClock();
  const retries: RetryEvent[] = [];
  const http = createHttpClient({
    provider: 'test',
    baseUrl: server.url,
    clock,
    onRetry: (event) => retries.push(event),
    ...options,
  });
  return { http, clock: clock as VirtualClock, retries };
}

/** Answers the first `failures` requests with `fail`, then 200 `{ ok: true }`. */
function failThenSucceed(failures: number, fail: (response: import('node:http').ServerResponse) => void) {
  let left = failures;
  return (_request: unknown, response: import('node:http').ServerResponse) => {
    if (left-- > 0) return fail(response);
    sendJson(response, 200, { ok: true });
  };
}

describe('createHttpClient retries', () => {
  it('waits out Retry-After given in seconds on 429, then succeeds', async () => {
    const server = await serve(
      failThenSucceed(1, (r) => sendText(r, 429, 'slow down', 'text/plain', { 'retry-after': '2' })),
    );
    const { http, clock, retries } = client(server);
    const response = await http.get({ path: '/x' });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ ok: true });
    expect(server.requests.length).toBe(2);
    expect(clock.sleeps).toEqual([2000]);
    expect(retries[0]).toMatchObject({ attempt: 1, delayMs: 2000, fromRetryAfter: true });
    expect(retries[0]?.error).toBeInstanceOf(RateLimitedError);
  });

  it('waits out Retry-After given as an HTTP date', async () => {
    const clock = new VirtualClock({ start: Date.UTC(2024, 4, 17, 12, 0, 0) });
    const retryAt = new Date(clock.now() + 5000).toUTCString();
    const server = await serve(
      failThenSucceed(1, (r) => sendText(r, 503, 'busy', 'text/plain', { 'retry-after': retryAt })),
    );
    const { http } = client(server, { clock });
    expect((await http.get({ path: '/x' })).status).toBe(200);
    expect(clock.sleeps).toEqual([5000]);
  });

  it('does not wait for a Retry-After beyond maxRetryAfterMs and reports the wait', async () => {
    const server = await serve((_q, r) => sendText(r, 429, 'quota', 'text/plain', { 'retry-after': '3600' }));
    const { http, clock } = client(server, { retry: { maxRetryAfterMs: 60_000 } });
    const error = await http.get({ path: '/x', symbol: 'MSFT' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ provider: 'test', symbol: 'MSFT', retryAfterMs: 3_600_000 });
    expect(server.requests.length).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('retries 5xx with exponential back-off and full jitter, then succeeds', async () => {
    const server = await serve(failThenSucceed(3, (r) => sendText(r, 502, 'bad gateway')));
    const { http, clock } = client(server, {
      retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 250, random: () => 0.999 },
    });
    expect((await http.get({ path: '/x' })).status).toBe(200);
    expect(server.requests.length).toBe(4);
    // Caps 100, 200, min(400, 250): each delay just below its cap.
    expect(clock.sleeps).toEqual([99, 199, 249]);
  });

  it('gives up after maxAttempts with ProviderUnavailableError naming status and URL, not the query', async () => {
    const server = await serve((_q, r) => sendText(r, 500, 'boom'));
    const { http } = client(server, { retry: { maxAttempts: 3 } });
    const error = await http
      .get({ path: '/query', searchParams: { apikey: 'SECRET' }, symbol: 'IBM' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as Error).message).toBe(`test (IBM): HTTP 500 from GET ${server.url}/query`);
    expect(server.requests.length).toBe(3);
  });

  it('times out a server that never answers, and retries the timeout', async () => {
    const server = await serve(() => undefined);
    const { http } = client(server, { timeout: 100, retry: { maxAttempts: 2 } });
    const error = await http.get({ path: '/hang' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as Error).message).toMatch(/timed out after 100 ms: GET .*\/hang/);
    expect(server.requests.length).toBe(2);
  });

  it('times out a body that never ends', async () => {
    const server = await serve((_q, r) => {
      r.writeHead(200, { 'content-type': 'application/json' });
      r.write('{"partial":');
    });
    const { http } = client(server, { timeout: 100, retry: false });
    await expect(http.get({ path: '/slow-body' })).rejects.toThrow(/timed out after 100 ms/);
  });

  it('turns a refused connection into ProviderUnavailableError with the network error as cause', async () => {
    const server = await startFixtureServer(() => undefined);
    await server.close();
    const { http } = client(server, { retry: { maxAttempts: 2 } });
    const error = await http.get({ path: '/x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as Error).message).toMatch(/network error on GET/);
    expect(isNetworkError((error as Error).cause)).toBe(true);
  });

  it('returns 4xx answers other than 429 to the caller without retrying', async () => {
    const server = await serve((_q, r) => sendJson(r, 404, { error: 'nope' }));
    const { http } = client(server);
    const response = await http.get({ path: '/missing' });
    expect(response.status).toBe(404);
    expect(response.ok).toBe(false);
    expect(server.requests.length).toBe(1);
  });

  it('joins baseUrl path prefixes and passes absolute URLs through', async () => {
    const server = await serve((_q, r) => sendJson(r, 200, {}));
    const prefixed = createHttpClient({ provider: 'test', baseUrl: `${server.url}/mirror/yahoo/` });
    await prefixed.get({ path: '/v8/finance/chart/MSFT', searchParams: { interval: '1d', skip: undefined } });
    expect(server.requests[0]?.path).toBe('/mirror/yahoo/v8/finance/chart/MSFT');
    expect([...server.requests[0]!.query.keys()]).toEqual(['interval']);
    await prefixed.get({ path: `${server.url}/elsewhere` });
    expect(server.requests[1]?.path).toBe('/elsewhere');
  });

  it('sends configured headers and uses the injected fetch', async () => {
    const server = await serve((_q, r) => sendJson(r, 200, {}));
    let fetched = 0;
    const http = createHttpClient({
      provider: 'test',
      baseUrl: server.url,
      headers: { 'user-agent': 'da-ki-test' },
      fetch: (input, init) => {
        fetched++;
        return fetch(input, init);
      },
    });
    await http.get({ path: '/x', headers: { 'x-extra': '1' } });
    expect(fetched).toBe(1);
    expect(server.requests[0]?.headers['user-agent']).toBe('da-ki-test');
    expect(server.requests[0]?.headers['x-extra']).toBe('1');
  });
});

describe('createHttpClient with a rate limiter', () => {
  it('keeps at most maxInFlight requests open at the server', async () => {
    const server = await serve(async (_q, r) => {
      await delay(30);
      sendJson(r, 200, {});
    });
    const http = createHttpClient({ provider: 'test', baseUrl: server.url, rateLimit: { maxInFlight: 3 } });
    await Promise.all(Array.from({ length: 10 }, () => http.get({ path: '/x' })));
    expect(server.requests.length).toBe(10);
    expect(server.maxConcurrent).toBe(3);
  });

  it('counts retries against the daily quota and refuses before sending once it is used up', async () => {
    const server = await serve((_q, r) => sendText(r, 503, 'down'));
    const { http } = client(server, { retry: { maxAttempts: 5 }, rateLimit: { dailyQuota: 3 } });
    const error = await http.get({ path: '/x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as Error).message).toMatch(/daily quota of 3 requests used up; resets at 00:00 UTC/);
    expect(server.requests.length).toBe(3);
  });
});

describe('createHttpClient with a circuit breaker', () => {
  it('opens after N consecutive failures, fails fast, and closes after a successful half-open trial', async () => {
    let healthy = false;
    const server = await serve((_q, r) => (healthy ? sendJson(r, 200, {}) : sendText(r, 500, 'down')));
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker({ provider: 'test', failureThreshold: 3, cooldownMs: 10_000, clock });
    const { http } = client(server, { clock, retry: false, circuitBreaker: breaker });
    for (let i = 0; i < 3; i++)
      await expect(http.get({ path: '/x' })).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect(breaker.state).toBe('open');
    const error = await http.get({ path: '/x', symbol: 'MSFT' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as CircuitOpenError).retryAfterMs).toBe(10_000);
    expect(server.requests.length).toBe(3);

    await clock.advance(10_000);
    expect(breaker.state).toBe('half-open');
    healthy = true;
    expect((await http.get({ path: '/x' })).status).toBe(200);
    expect(breaker.state).toBe('closed');
    expect(server.requests.length).toBe(4);
  });

  it('re-opens when the half-open trial fails, and lets only one trial through at a time', async () => {
    let healthy = false;
    const server = await serve(async (_q, r) => {
      await delay(30);
      if (healthy) sendJson(r, 200, {});
      else sendText(r, 503, 'down');
    });
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 5000, clock });
    const { http } = client(server, { clock, retry: false, circuitBreaker: breaker });
    await expect(http.get({ path: '/x' })).rejects.toBeInstanceOf(ProviderUnavailableError);
    await clock.advance(5000);
    await expect(http.get({ path: '/x' })).rejects.not.toBeInstanceOf(CircuitOpenError); // the trial, failed
    expect(breaker.state).toBe('open');
    await clock.advance(5000);
    healthy = true;
    const [trial, second] = await Promise.allSettled([http.get({ path: '/x' }), http.get({ path: '/x' })]);
    expect(trial.status).toBe('fulfilled');
    expect(second.status === 'rejected' && second.reason instanceof CircuitOpenError).toBe(true);
    expect(server.requests.length).toBe(3);
  });

  it('does not retry through an open circuit', async () => {
    const server = await serve((_q, r) => sendText(r, 500, 'down'));
    const { http } = client(server, {
      retry: { maxAttempts: 5 },
      circuitBreaker: { failureThreshold: 2, cooldownMs: 60_000 },
    });
    await expect(http.get({ path: '/x' })).rejects.toBeInstanceOf(CircuitOpenError);
    expect(server.requests.length).toBe(2);
  });
});
