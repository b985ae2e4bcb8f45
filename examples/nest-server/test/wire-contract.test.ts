// The wire contract (src/contract) against the built server: the OpenAPI document at /docs is the
// contract's (same JSON schemas, same operations, every answer a reference into them), and a body
// that drifts from its schema — a field missing, one added, one of another type — fails the check
// every end-to-end request goes through (test/helpers/wire.ts).
import { FACTOR_NAMES as SDK_FACTOR_NAMES } from '@da-ki/sdk/scoring';
import type { OpenAPIObject } from '@nestjs/swagger';
import fc from 'fast-check';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TICKER_INPUT_PATTERN, tickerSchema } from '../src/contract/common.js';
import { FACTOR_NAMES } from '../src/contract/factor-names.js';
import { applyWireContract, wireComponentSchemas } from '../src/contract/openapi.js';
import { predictionViewSchema, readyPredictionSchema } from '../src/contract/prediction.js';
import { REALTIME_EVENT_SCHEMAS, subscriptionAckSchema } from '../src/contract/realtime.js';
import { requestSchemas, responseSchemas } from '../src/contract/registry.js';
import { WIRE_ROUTES, type WireRoute } from '../src/contract/routes.js';
import { listStocksQuerySchema } from '../src/contract/stock-requests.js';
import type * as PredictionModule from '../src/forecasts/prediction.service.js';
import { ApiClient } from './helpers/api-client.js';
import { UpdateTasks } from './helpers/compiled.js';
import { TestServer } from './helpers/test-server.js';
import { signUp } from './helpers/users.js';
import { checkWire, WireContractError } from './helpers/wire.js';

const routes = Object.values(WIRE_ROUTES as Record<string, WireRoute>);
const operationKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/** A scanned document with one operation per entry, as Nest's swagger module would produce it. */
function scanned(operations: [method: string, path: string][]): OpenAPIObject {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [method, path] of operations) {
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[method] = { responses: { 200: { description: '' } } };
  }
  return { openapi: '3.0.0', info: { title: 't', version: '0' }, paths } as OpenAPIObject;
}

describe('the contract on its own', () => {
  test('every JSON answer and every request body is a named component (a $ref in the document)', () => {
    for (const route of routes) {
      for (const [status, body] of Object.entries(route.responses)) {
        if ('empty' in body || 'text' in body) continue;
        expect(
          responseSchemas.get(body)?.id,
          `${operationKey(route.method, route.path)} ${status}`,
        ).toBeTruthy();
      }
      if (route.body) expect(requestSchemas.get(route.body)?.id, route.path).toBeTruthy();
    }
  });

  test("the contract's factor names are the SDK's, in the SDK's order", () => {
    expect([...FACTOR_NAMES]).toEqual([...SDK_FACTOR_NAMES]);
  });

  test('the documented input pattern of a ticker accepts exactly what the server accepts (ASCII input)', () => {
    const pattern = new RegExp(TICKER_INPUT_PATTERN);
    const chars = fc.constantFrom(...'aAzZ09.-^= $_\t/é'.split(''));
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 24 }).map((c) => c.join('')),
        (input) => {
          expect(pattern.test(input), JSON.stringify(input)).toBe(tickerSchema.safeParse(input).success);
        },
      ),
      { numRuns: 2000 },
    );
    for (const accepted of ['aapl', ' MSFT ', 'BRK.B', '^GDAXI']) expect(pattern.test(accepted)).toBe(true);
  });

  test('an operation the server serves but the contract lacks stops the document, naming it', () => {
    const served = routes.map((r): [string, string] => [r.method, r.path]);
    expect(() => applyWireContract(scanned([...served, ['get', '/api/secret']]))).toThrow(
      'GET /api/secret is served but missing from the wire contract',
    );
  });

  test('an operation the contract lists but the server does not serve stops the document, naming it', () => {
    const served = routes
      .filter((r) => r.path !== '/api/data/status')
      .map((r): [string, string] => [r.method, r.path]);
    expect(() => applyWireContract(scanned(served))).toThrow('get /api/data/status');
  });
});

test("the built server's forecast view is the contract's Prediction (the e2e suites run with forecasts off)", async () => {
  const { predictionView } = (await import(
    new URL('../dist/forecasts/prediction.service.js', import.meta.url).href
  )) as typeof PredictionModule;
  const ready = predictionView(
    {
      symbol: 'ACME',
      currentPrice: 101.25,
      asOf: Date.UTC(2026, 9, 30),
      horizon: 5,
      predictedPrice: 103.123456,
      expectedReturn: 0.0184999,
      expectedLogReturn: 0.018331,
      interval: { lower: 97.5, upper: 108.75, level: 0.9 },
      confidenceLevel: 0.61234,
      contributions: { xgboost: 0.01, random_forest: 0.005, lstm: 0.002, arima: 0.001, intercept: 0.000331 },
      modelVersion: '2026-10-30-abc123',
      validation: {
        splits: 5,
        scoredSplits: 5,
        rowsScored: 600,
        testSize: 30,
        trainSize: 252,
        gap: 5,
        derived: false,
        stacking: 'nnls',
      },
    },
    'ready',
  );
  expect(readyPredictionSchema.parse(ready)).toEqual(ready);
  for (const status of ['off', 'training', 'failed'] as const)
    expect(predictionViewSchema.parse(predictionView(undefined, status, 'why'))).toEqual({
      status,
      reason: 'why',
    });
});

describe('the built server against the contract', () => {
  let server: TestServer;
  let api: ApiClient;
  let document: OpenAPIObject;

  beforeAll(async () => {
    server = await TestServer.start({ backend: 'pglite', label: 'wire_contract' });
    api = new ApiClient(() => server.url);
    const response = await api.get<OpenAPIObject>('/docs/openapi.json');
    expect(response.status).toBe(200);
    document = response.body;
  }, 180_000);
  afterAll(async () => {
    await server?.dispose();
  }, 60_000);

  test("the document's schemas are the contract's JSON schemas", () => {
    expect(document.components?.schemas).toEqual(expect.objectContaining(wireComponentSchemas()));
    expect(Object.keys(document.components?.schemas ?? {}).sort()).toEqual(
      Object.keys(wireComponentSchemas()).sort(),
    );
  });

  test('the document lists exactly the operations of the contract, each answer a reference into it', () => {
    const documented: string[] = [];
    for (const [path, item] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(item as Record<string, { responses: object }>)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        documented.push(operationKey(method, path));
        const route = routes.find((r) => r.method === method && r.path === path) as WireRoute;
        for (const [status, body] of Object.entries(route.responses)) {
          const answer = (
            operation.responses as Record<string, { content?: Record<string, { schema: unknown }> }>
          )[status];
          expect(answer, `${operationKey(method, path)} ${status}`).toBeDefined();
          if ('empty' in body || 'text' in body) continue;
          expect(answer?.content?.['application/json']?.schema).toEqual({
            $ref: `#/components/schemas/${responseSchemas.get(body)?.id}`,
          });
        }
      }
    expect(documented.sort()).toEqual(routes.map((r) => operationKey(r.method, r.path)).sort());
  });

  test('/docs serves Swagger UI over that document', async () => {
    const page = await api.get('/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('swagger-ui');
  });

  test('the query parameters of /api/stocks are the contract query schema, defaults included', () => {
    const list = (document.paths['/api/stocks'] as { get: { parameters: { name: string; in: string }[] } })
      .get;
    const query = list.parameters.filter((p) => p.in === 'query');
    expect(query.map((p) => p.name).sort()).toEqual(Object.keys(listStocksQuerySchema.shape).sort());
    expect(query.find((p) => p.name === 'page_size')).toMatchObject({
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    });
  });

  test('a body that drifts from its schema fails the wire check, naming the field', async () => {
    const top10 = await api.get<Record<string, unknown>>('/api/wachstumsprognose/top10');
    const detail = await api.get<Record<string, unknown>>('/api/stocks/AAPL');
    const symbol = (top10.body.top_10_wachstums_aktien as { symbol: string }[])[0]?.symbol as string;
    const stock =
      detail.status === 200 ? detail : await api.get<Record<string, unknown>>(`/api/stocks/${symbol}`);
    expect(stock.status).toBe(200);
    const drifts: [label: string, path: string, body: unknown, field: string][] = [];
    const { as_of: _asOf, ...withoutAsOf } = top10.body;
    drifts.push(['a field missing', '/api/wachstumsprognose/top10', withoutAsOf, 'as_of']);
    drifts.push([
      'a field added',
      '/api/wachstumsprognose/top10',
      { ...top10.body, colour: 'red' },
      'colour',
    ]);
    drifts.push([
      'a field of another type',
      `/api/stocks/${symbol}`,
      { ...stock.body, indicators: { ...(stock.body.indicators as object), rsi_14: '55' } },
      'rsi_14',
    ]);
    const history = stock.body.history as Record<string, unknown>[];
    drifts.push([
      'a nested date in another format',
      `/api/stocks/${symbol}`,
      { ...stock.body, history: [{ ...history[0], date: '30.10.2026' }, ...history.slice(1)] },
      'date',
    ]);
    for (const [label, path, body, field] of drifts) {
      const check = () => checkWire('GET', path, 200, JSON.stringify(body), body);
      expect(check, label).toThrow(WireContractError);
      expect(check, label).toThrow(field);
    }
    // The answers as served pass the same check (the client ran it on each).
    expect(() => checkWire('GET', '/api/wachstumsprognose/top10', 200, top10.text, top10.body)).not.toThrow();
  });

  test('an error body with an undocumented field, or a success the contract does not list, fails', () => {
    const error = { statusCode: 404, error: 'Not Found', message: 'Unknown symbol X', requestId: 'r1' };
    expect(() => checkWire('GET', '/api/stocks/X', 404, JSON.stringify(error), error)).not.toThrow();
    const leaky = { ...error, stack: 'at x' };
    expect(() => checkWire('GET', '/api/stocks/X', 404, JSON.stringify(leaky), leaky)).toThrow('stack');
    expect(() => checkWire('GET', '/api/undocumented', 200, '{}', {})).toThrow(
      'not an answer the wire contract',
    );
    expect(() => checkWire('POST', '/api/auth/login', 201, '{}', {})).toThrow(
      'not an answer the wire contract',
    );
  });
  test('every Socket.IO payload (price, score, top 10, portfolio) and the subscribe acks parse with the contract', async () => {
    const user = await signUp(api, 'wire');
    const top10 = await api.get<{ top_10_wachstums_aktien: { symbol: string }[] }>(
      '/api/wachstumsprognose/top10',
    );
    const symbol = top10.body.top_10_wachstums_aktien[0]?.symbol as string;
    const added = await user.api.post('/api/live-monitoring/add', { symbol, shares: 2, investment: 200 });
    expect(added.status, added.text).toBe(201);
    const socket = io(server.url, {
      transports: ['websocket'],
      auth: { token: user.token },
      forceNew: true,
      reconnection: false,
    });
    const received: { event: string; payload: unknown }[] = [];
    socket.onAny((event: string, payload: unknown) => received.push({ event, payload }));
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      const ack = await socket
        .timeout(10_000)
        .emitWithAck('subscribe', { symbols: [symbol], top10: true, portfolio: true });
      expect(subscriptionAckSchema.parse(ack)).toMatchObject({ ok: true });
      const refused = await socket.timeout(10_000).emitWithAck('subscribe', { symbols: 'AAPL' });
      expect(subscriptionAckSchema.parse(refused)).toMatchObject({ ok: false });

      const tasks = server.app.get(UpdateTasks, { strict: false });
      await tasks.prices([symbol], 1);
      await tasks.scores();
      const events = Object.keys(REALTIME_EVENT_SCHEMAS).filter((e) => e !== 'alert');
      const deadline = Date.now() + 30_000;
      while (!events.every((e) => received.some((r) => r.event === e)) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 25));
      expect(new Set(received.map((r) => r.event))).toEqual(new Set(events));
      for (const { event, payload } of received) {
        const schema = REALTIME_EVENT_SCHEMAS[event as keyof typeof REALTIME_EVENT_SCHEMAS];
        const result = schema.safeParse(payload);
        expect(result.success, `${event}: ${result.error?.message}`).toBe(true);
      }
    } finally {
      socket.close();
    }
  });
});
