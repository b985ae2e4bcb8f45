import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type * as ConfigModule from '../src/config/config.js';
import type * as MarketDataModule from '../src/market/market-data.gateway.js';
import type * as ActiveUsersModule from '../src/metrics/active-users.js';
import type * as ServerMetricsModule from '../src/metrics/server-metrics.js';
import type * as ScoringRunnerModule from '../src/scoring/scoring-runner.js';
import type * as ServerModule from '../src/server.js';

// The COMPILED server (vitest's transform would drop the decorator metadata Nest injects by); the
// `typeof import(src)` casts only lend the types.
const dist = <T>(path: string): Promise<T> =>
  import(new URL(`../dist/${path}`, import.meta.url).href) as Promise<T>;
const { startServer } = await dist<typeof ServerModule>('server.js');
const { loadConfig, ConfigError } = await dist<typeof ConfigModule>('config/config.js');
const { ScoringRunner } = await dist<typeof ScoringRunnerModule>('scoring/scoring-runner.js');
const { MarketDataGateway } = await dist<typeof MarketDataModule>('market/market-data.gateway.js');
const { ActiveUsers, ACTIVE_USER_WINDOW_MS } =
  await dist<typeof ActiveUsersModule>('metrics/active-users.js');
const { ServerMetrics } = await dist<typeof ServerMetricsModule>('metrics/server-metrics.js');

const POSTGRES_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DEPLOY = new URL('../deploy/', import.meta.url);

/** The metric names of the concept, with their types: its Grafana dashboard queries exactly these. */
const CONCEPT_METRICS = {
  api_requests_total: 'counter',
  request_duration_seconds: 'histogram',
  stock_calculations_total: 'counter',
  score_calculation_duration_seconds: 'histogram',
  database_query_duration_seconds: 'histogram',
  cache_hit_rate: 'gauge',
  websocket_connections: 'gauge',
  active_users: 'gauge',
} as const;

// ---- a small, independent reader of the Prometheus text format (0.0.4) ------------------------------

interface Scrape {
  types: Map<string, string>;
  /** Samples by `name{label="value",...}` with labels sorted by name. */
  samples: Map<string, number>;
  text: string;
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL_PAIR = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function parseExposition(text: string): Scrape {
  const types = new Map<string, string>();
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('# TYPE ')) {
      const [name, type] = line.slice(7).split(' ');
      types.set(name as string, type as string);
      continue;
    }
    if (line.startsWith('#')) continue;
    const match = SAMPLE_LINE.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels = [...(match[2] ?? '').matchAll(LABEL_PAIR)].map(
      ([, k, v]) => [k as string, v as string] as const,
    );
    samples.set(seriesKey(match[1] as string, Object.fromEntries(labels)), Number(match[3]));
  }
  return { types, samples, text };
}

function seriesKey(name: string, labels: Record<string, string> = {}): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((k) => `${k}="${labels[k]}"`);
  return pairs.length ? `${name}{${pairs.join(',')}}` : name;
}

const value = (scrape: Scrape, name: string, labels?: Record<string, string>) =>
  scrape.samples.get(seriesKey(name, labels)) ?? 0;

// ---- the server under test: real PostgreSQL (own schema), real Redis (three cache layers) -----------

const schema = `t_metrics_${randomBytes(4).toString('hex')}`;
const dataDir = mkdtempSync(join(tmpdir(), 'daki-metrics-'));
const redisPrefix = `t-metrics-${randomBytes(4).toString('hex')}`;
let server: Awaited<ReturnType<typeof startServer>>;
let universeSize: number;
let topSymbols: string[];

async function scrape(): Promise<Scrape> {
  const response = await fetch(`${server.url}/metrics`);
  expect(response.status).toBe(200);
  return parseExposition(await response.text());
}

beforeAll(async () => {
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    DATABASE_URL: POSTGRES_URL,
    REDIS_URL,
    REDIS_PREFIX: redisPrefix,
  });
  server = await startServer(config, { databaseSchema: schema });
  // The first data request waits for the first scoring run.
  const top = (await (await fetch(`${server.url}/api/wachstumsprognose/top10`)).json()) as {
    universe_size: number;
    top_10_wachstums_aktien: { symbol: string }[];
  };
  universeSize = top.universe_size;
  topSymbols = top.top_10_wachstums_aktien.map((s) => s.symbol);
}, 180_000);

afterAll(async () => {
  await server?.close().catch(() => undefined); // cleaned up below whatever happened to the server
  const pool = new pg.Pool({ connectionString: POSTGRES_URL });
  await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await pool.end();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${redisPrefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('GET /metrics', () => {
  it('serves the Prometheus text format with every metric of the concept, typed as the dashboard expects', async () => {
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const metrics = parseExposition(await response.text());
    for (const [name, type] of Object.entries(CONCEPT_METRICS))
      expect(metrics.types.get(name), name).toBe(type);
  });

  it('exposes the default process metrics without a prefix', async () => {
    const metrics = await scrape();
    for (const name of [
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(metrics.types.has(name), name).toBe(true);
    }
    expect(value(metrics, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('is not rate limited and counts itself under its route', async () => {
    const before = await scrape();
    const after = await scrape();
    expect(value(after, 'api_requests_total', { method: 'GET', endpoint: '/metrics', status: '200' })).toBe(
      value(before, 'api_requests_total', { method: 'GET', endpoint: '/metrics', status: '200' }) + 1,
    );
    const response = await fetch(`${server.url}/metrics`);
    expect(response.headers.get('x-ratelimit-limit')).toBeNull();
  });
});

describe('request metrics', () => {
  it('counts requests by method, route pattern and status — never by raw URL; unknown routes as "unmatched"', async () => {
    const unknownPath = `/no-such-route/${randomUUID()}`;
    const before = await scrape();
    const [first, second] = topSymbols as [string, string];
    expect((await fetch(`${server.url}/api/stocks/${first}`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/stocks/${second}`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/stocks/ZZZZZ`)).status).toBe(404);
    expect((await fetch(`${server.url}${unknownPath}`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/live-monitoring/add`, { method: 'POST' })).status).toBe(401);
    const after = await scrape();

    const delta = (labels: Record<string, string>) =>
      value(after, 'api_requests_total', labels) - value(before, 'api_requests_total', labels);
    expect(delta({ method: 'GET', endpoint: '/api/stocks/:symbol', status: '200' })).toBe(2);
    expect(delta({ method: 'GET', endpoint: '/api/stocks/:symbol', status: '404' })).toBe(1);
    expect(delta({ method: 'GET', endpoint: 'unmatched', status: '404' })).toBe(1);
    expect(delta({ method: 'POST', endpoint: '/api/live-monitoring/add', status: '401' })).toBe(1);
    const durations = (s: Scrape) =>
      value(s, 'request_duration_seconds_count', { endpoint: '/api/stocks/:symbol' });
    expect(durations(after) - durations(before)).toBe(3);
    // Bounded cardinality: every endpoint label is a route pattern or "unmatched", never a raw path.
    const endpoints = new Set(
      [...after.samples.keys()].flatMap((key) =>
        [...key.matchAll(/endpoint="([^"]*)"/g)].map((m) => m[1] as string),
      ),
    );
    expect(endpoints.has('unmatched')).toBe(true);
    for (const endpoint of endpoints) {
      expect(endpoint === 'unmatched' || endpoint.startsWith('/'), endpoint).toBe(true);
      for (const raw of [first, second, 'ZZZZZ', unknownPath]) expect(endpoint).not.toContain(raw);
    }
  });

  it('records latencies in a histogram whose buckets resolve milliseconds', async () => {
    const metrics = await scrape();
    const buckets = [...metrics.samples]
      .filter(
        ([key]) =>
          key.startsWith('request_duration_seconds_bucket{') &&
          key.includes('endpoint="/api/stocks/:symbol"'),
      )
      .map(([key, count]) => ({ le: key.match(/le="([^"]+)"/)?.[1] as string, count }))
      .sort((a, b) => Number(a.le) - Number(b.le));
    // Several bucket bounds below 10 ms, so that p50 / p99 of fast routes are not all "< first bucket".
    expect(buckets.filter((b) => Number(b.le) <= 0.01).length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < buckets.length; i++)
      expect(buckets[i]?.count).toBeGreaterThanOrEqual(buckets[i - 1]?.count as number);
    const count = value(metrics, 'request_duration_seconds_count', { endpoint: '/api/stocks/:symbol' });
    expect(buckets.at(-1)).toEqual({ le: '+Inf', count });
    expect(
      value(metrics, 'request_duration_seconds_sum', { endpoint: '/api/stocks/:symbol' }),
    ).toBeGreaterThan(0);
  });
});

describe('domain metrics', () => {
  it('counts every symbol of each scoring run and times the runs', async () => {
    const before = await scrape();
    const runsBefore = value(before, 'score_calculation_duration_seconds_count');
    expect(runsBefore).toBeGreaterThanOrEqual(1);
    expect(value(before, 'stock_calculations_total')).toBe(universeSize * runsBefore);
    await server.app.get(ScoringRunner).refresh();
    const after = await scrape();
    expect(value(after, 'score_calculation_duration_seconds_count')).toBe(runsBefore + 1);
    expect(value(after, 'stock_calculations_total')).toBe(universeSize * (runsBefore + 1));
    expect(value(after, 'score_calculation_duration_seconds_sum')).toBeGreaterThan(
      value(before, 'score_calculation_duration_seconds_sum'),
    );
  });

  it('times database queries', async () => {
    const before = await scrape();
    // A scoring run persists its results.
    await server.app.get(ScoringRunner).refresh();
    const after = await scrape();
    expect(value(after, 'database_query_duration_seconds_count')).toBeGreaterThanOrEqual(
      value(before, 'database_query_duration_seconds_count') + 1,
    );
    expect(value(after, 'database_query_duration_seconds_sum')).toBeGreaterThan(
      value(before, 'database_query_duration_seconds_sum'),
    );
  });

  it("reports each cache layer's hit rate as the layered cache counts it", async () => {
    const metrics = await scrape();
    const stats = server.app.get(MarketDataGateway).cacheStats();
    expect(stats.layers.map((l) => l.name)).toEqual(['L1', 'redis', 'database']);
    for (const layer of stats.layers) {
      const rate = value(metrics, 'cache_hit_rate', { layer: layer.name });
      expect(rate, layer.name).toBeCloseTo(
        layer.hits + layer.misses === 0 ? 0 : layer.hits / (layer.hits + layer.misses),
        12,
      );
      expect(metrics.samples.has(seriesKey('cache_hit_rate', { layer: layer.name }))).toBe(true);
    }
    // The repeated scoring run above read every symbol's bars again: L1 served them.
    expect(value(metrics, 'cache_hit_rate', { layer: 'L1' })).toBeGreaterThan(0);
  });

  it('follows WebSocket connections through the gateway API, never below zero', async () => {
    expect(value(await scrape(), 'websocket_connections')).toBe(0);
    server.metrics.websocketOpened();
    server.metrics.websocketOpened();
    server.metrics.websocketClosed();
    expect(value(await scrape(), 'websocket_connections')).toBe(1);
    server.metrics.websocketClosed();
    server.metrics.websocketClosed(); // a duplicate close event
    expect(value(await scrape(), 'websocket_connections')).toBe(0);
  });

  it('counts distinct users with an authenticated request; anonymous and rejected requests do not count', async () => {
    expect(value(await scrape(), 'active_users')).toBe(0);
    const tokens: string[] = [];
    for (const label of ['a', 'b']) {
      const credentials = {
        email: `metrics-${label}-${randomUUID().slice(0, 8)}@example.com`,
        password: 'correct horse battery staple',
      };
      expect((await post('/api/auth/register', credentials)).status).toBe(201);
      const login = await post('/api/auth/login', credentials);
      expect(login.status).toBe(200);
      tokens.push(((await login.json()) as { access_token: string }).access_token);
    }
    // Logging in is not yet an authenticated request.
    expect(value(await scrape(), 'active_users')).toBe(0);
    const me = (token: string) =>
      fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await me(tokens[0] as string)).status).toBe(200);
    expect((await me(tokens[0] as string)).status).toBe(200);
    expect((await me(tokens[1] as string)).status).toBe(200);
    const forged = `${(tokens[0] as string).slice(0, -4)}AAAA`;
    expect((await me(forged)).status).toBe(401);
    expect(value(await scrape(), 'active_users')).toBe(2);
  });
});

function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('ActiveUsers', () => {
  it('keeps a user for 15 minutes after their last authenticated request', () => {
    let now = 0;
    const users = new ActiveUsers(ACTIVE_USER_WINDOW_MS, () => now);
    users.seen('a');
    now = 10 * 60_000;
    users.seen('b');
    now = 15 * 60_000 - 1;
    expect(users.count()).toBe(2);
    now = 15 * 60_000;
    expect(users.count()).toBe(1);
    users.seen('a');
    now = 25 * 60_000;
    expect(users.count()).toBe(1);
    now = 30 * 60_000;
    expect(users.count()).toBe(0);
  });

  it('matches a naive model on any sequence of requests and reads', () => {
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('seen' as const),
        user: fc.integer({ min: 0, max: 6 }),
        advance: fc.integer({ min: 0, max: 8 * 60_000 }),
      }),
      fc.record({ kind: fc.constant('count' as const), advance: fc.integer({ min: 0, max: 8 * 60_000 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        let now = 1_000_000;
        const users = new ActiveUsers(ACTIVE_USER_WINDOW_MS, () => now);
        const lastSeen = new Map<number, number>();
        for (const s of steps) {
          now += s.advance;
          if (s.kind === 'seen') {
            users.seen(`user-${s.user}`);
            lastSeen.set(s.user, now);
          } else {
            const expected = [...lastSeen.values()].filter((at) => now - at < ACTIVE_USER_WINDOW_MS).length;
            if (users.count() !== expected) return false;
          }
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});

describe('ServerMetrics', () => {
  it('gives each server its own registry, so two in one process count separately', async () => {
    const one = new ServerMetrics();
    const two = new ServerMetrics();
    one.observeRequest('GET', '/health', 200, 0.002);
    one.observeRequest('GET', undefined, 404, 0.001);
    const first = parseExposition(await one.scrape());
    const second = parseExposition(await two.scrape());
    expect(value(first, 'api_requests_total', { method: 'GET', endpoint: '/health', status: '200' })).toBe(1);
    expect(value(first, 'api_requests_total', { method: 'GET', endpoint: 'unmatched', status: '404' })).toBe(
      1,
    );
    expect(
      second.samples.has(
        seriesKey('api_requests_total', { method: 'GET', endpoint: '/health', status: '200' }),
      ),
    ).toBe(false);
  });
});

// ---- deployment: the manifests parse, agree with the server, and the dashboard queries only real metrics

const PROMQL_WORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
  'le',
  'inf',
  'nan',
]);

/** Metric names an expression reads: identifiers that are not functions, keywords, labels or durations. */
function metricNamesOf(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // label values
    .replace(/\{[^}]*\}/g, '') // label matchers
    .replace(/\[[^\]]*\]/g, '') // range selectors
    .replace(/\b(?:by|without|on|ignoring)\s*\([^)]*\)/g, '') // grouping labels
    .replace(/(?<![\w:])\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi, ''); // numbers, 1e-9 included
  return [...stripped.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)]
    .filter(([word, , call]) => !call && !PROMQL_WORDS.has(word.toLowerCase()) && !/^\d/.test(word))
    .map(([word]) => word as string);
}

function dashboardExpressions(): string[] {
  const dashboard = JSON.parse(readFileSync(new URL('grafana/dashboard.json', DEPLOY), 'utf8')) as {
    panels: { type: string; targets?: { expr: string }[] }[];
  };
  return dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr));
}

function yamlDocuments(path: string): Record<string, unknown>[] {
  return parseAllDocuments(readFileSync(new URL(path, DEPLOY), 'utf8'), { merge: true }).map((doc) => {
    expect(doc.errors, path).toEqual([]);
    return doc.toJS() as Record<string, unknown>;
  });
}

// biome-ignore lint/suspicious/noExplicitAny: walking parsed manifests
type Manifest = any;

describe('deployment', () => {
  it('the Grafana dashboard queries only metrics that /metrics exposes, and all of the concept', async () => {
    const exposed = (await scrape()).types;
    const queried = new Set(dashboardExpressions().flatMap(metricNamesOf));
    const resolve = (name: string) => {
      if (exposed.has(name)) return name;
      const base = name.replace(/_(bucket|sum|count)$/, '');
      return exposed.get(base) === 'histogram' || exposed.get(base) === 'summary' ? base : undefined;
    };
    expect([...queried].filter((name) => resolve(name) === undefined)).toEqual([]);
    const covered = new Set([...queried].map(resolve));
    for (const name of Object.keys(CONCEPT_METRICS)) expect(covered.has(name), name).toBe(true);
  });

  it('the metric-name reader of that check finds metrics and skips functions, labels and keywords', () => {
    expect(
      metricNamesOf(
        'histogram_quantile(0.99, sum by (le, endpoint) (rate(request_duration_seconds_bucket[5m])))',
      ),
    ).toEqual(['request_duration_seconds_bucket']);
    expect(
      metricNamesOf(
        'sum(rate(api_requests_total{status=~"5.."}[1m])) / clamp_min(sum(rate(api_requests_total[1m])), 1e-9)',
      ),
    ).toEqual(['api_requests_total', 'api_requests_total']);
    expect(metricNamesOf('avg by (layer) (cache_hit_rate) and on (instance) up')).toEqual([
      'cache_hit_rate',
      'up',
    ]);
  });

  it('the Kubernetes manifests parse, probe /health and /ready on the server port and run locked down', () => {
    // The kustomize base (overlays and blue-green: test/deploy); the Secret is created outside Git.
    const kustomization = yamlDocuments('k8s/base/kustomization.yaml')[0] as Manifest;
    const docs: Manifest[] = (kustomization.resources as string[]).flatMap((file) =>
      yamlDocuments(`k8s/base/${file}`),
    );
    expect(new Set(docs.map((d) => d.kind))).toEqual(
      new Set([
        'ConfigMap',
        'Deployment',
        'HorizontalPodAutoscaler',
        'Job',
        'NetworkPolicy',
        'PodDisruptionBudget',
        'Service',
      ]),
    );
    const byKind = (kind: string) => docs.find((d) => d.kind === kind);
    const secretTemplate = yamlDocuments('k8s/secret.example.yaml')[0] as Manifest;
    const deployment = docs.find((d) => d.metadata.name === 'da-ki-server-blue' && d.kind === 'Deployment');
    const pod = deployment.spec.template.spec;
    const container = pod.containers[0];
    const port = container.ports.find((p: Manifest) => p.name === 'http');
    expect(port.containerPort).toBe(3000);
    expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'http' });
    expect(container.resources.requests.cpu).toBeDefined();
    expect(container.resources.limits.memory).toBeDefined();
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(container.securityContext.allowPrivilegeEscalation).toBe(false);
    expect(deployment.spec.selector.matchLabels).toEqual(deployment.spec.template.metadata.labels);
    const service = byKind('Service');
    expect(service.spec.selector).toEqual(deployment.spec.template.metadata.labels);
    expect(service.spec.ports[0].targetPort).toBe('http');
    const hpa = byKind('HorizontalPodAutoscaler');
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: deployment.metadata.name });
    const refs = container.envFrom.map((e: Manifest) => e.configMapRef?.name ?? e.secretRef?.name);
    expect(refs).toEqual([byKind('ConfigMap').metadata.name, secretTemplate.metadata.name]);
    expect(Object.keys(secretTemplate.stringData).sort()).toEqual([
      'DATABASE_URL',
      'ENCRYPTION_KEY',
      'JWT_SECRET',
    ]);
    // The worker: the worker image of the same build, same configuration, as locked down.
    const worker = docs.find((d) => d.metadata.name === 'da-ki-worker' && d.kind === 'Deployment').spec
      .template.spec;
    expect(worker.containers[0]).toMatchObject({
      image: container.image.replace('da-ki-server', 'da-ki-worker'),
      command: ['node', 'dist/worker.js'],
      envFrom: container.envFrom,
    });
    expect(worker.securityContext.runAsNonRoot).toBe(true);
    expect(worker.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
  });

  it('the Kubernetes configuration is valid for the server once the Secret is filled, and refused while it is the template', () => {
    const docs: Manifest[] = [
      ...yamlDocuments('k8s/base/configmap.yaml'),
      ...yamlDocuments('k8s/secret.example.yaml'),
    ];
    const configMap = docs.find((d) => d.kind === 'ConfigMap').data as Record<string, string>;
    const template = docs.find((d) => d.kind === 'Secret').stringData as Record<string, string>;
    let refusal: unknown;
    try {
      loadConfig({ ...configMap, ...template });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ConfigError);
    const problems = (refusal as InstanceType<typeof ConfigError>).problems.join('\n');
    for (const name of ['JWT_SECRET', 'ENCRYPTION_KEY', 'DATABASE_URL']) expect(problems).toContain(name);
    const config = loadConfig({
      ...configMap,
      JWT_SECRET: randomBytes(48).toString('base64url'),
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      DATABASE_URL: 'postgres://daki:secret@postgres:5432/daki',
    });
    expect(config).toMatchObject({ env: 'production', host: '0.0.0.0', port: 3000, rateLimitPerMinute: 100 });
    expect(config.notices).toEqual([]); // no development secrets generated, nothing written
  });

  it('docker compose runs server, worker, PostgreSQL and Redis with health checks, secrets from .env', () => {
    // The entry points the manifests start exist in the build.
    for (const entry of ['main.js', 'worker.js'])
      expect(existsSync(new URL(`../dist/${entry}`, import.meta.url)), entry).toBe(true);
    const compose = yamlDocuments('docker-compose.yml')[0] as Manifest;
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['server', 'worker', 'postgres', 'redis']),
    );
    for (const name of ['server', 'postgres', 'redis'])
      expect(compose.services[name].healthcheck?.test, name).toBeDefined();
    expect(compose.services.server.healthcheck.test.join(' ')).toContain('/ready');
    expect(compose.services.server.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
    expect(compose.services.worker.image).toBe(
      compose.services.server.image.replace('da-ki-server', 'da-ki-worker'),
    );
    expect(compose.services.worker.build.target).toBe('worker');
    expect(compose.services.worker.command).toEqual(['node', 'dist/worker.js']);
    expect(compose.services.worker.environment).toMatchObject(compose.services.server.environment);
    expect(compose.services.worker.depends_on.server).toEqual({ condition: 'service_healthy' });
    for (const name of ['DATABASE_URL', 'JWT_SECRET', 'ENCRYPTION_KEY']) {
      expect(compose.services.server.environment[name], name).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
    }
    expect(compose.services.postgres.image).toBe('postgres:16');
    expect(compose.services.redis.image).toBe('redis:7');
    expect(compose.services.postgres.volumes[0]).toMatch(/^pgdata:/);
    const example = readFileSync(new URL('.env.example', DEPLOY), 'utf8');
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'ENCRYPTION_KEY', 'POSTGRES_PASSWORD'])
      expect(example).toMatch(new RegExp(`^${name}=`, 'm'));
    const prometheus = yamlDocuments('prometheus/prometheus.yml')[0] as Manifest;
    expect(prometheus.scrape_configs[0].metrics_path).toBe('/metrics');
  });

  it('the Dockerfile builds in stages and runs as a non-root user with a /health check on port 3000', () => {
    const dockerfile = readFileSync(new URL('Dockerfile', DEPLOY), 'utf8');
    const stages = [...dockerfile.matchAll(/^FROM (\S+) AS (\S+)$/gm)].map(([, image, name]) => ({
      image,
      name,
    }));
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages.at(-1)?.image).toBe('node:20-slim');
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^USER 1000:1000$/m);
    expect(runtime).toMatch(/^EXPOSE 3000$/m);
    expect(runtime).toMatch(/HOST=0\.0\.0\.0/);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n?.*\/health/m);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
  });
});

describe('graceful shutdown', () => {
  it('close() lets a request in flight finish, ends its connection, then refuses new connections', async () => {
    const body = JSON.stringify({ email: 'nobody@example.com', password: 'wrong password, surely' });
    const port = Number(new URL(server.url).port);
    const arrived = new Promise<void>((resolve) =>
      server.app.getHttpServer().once('request', () => resolve()),
    );
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    const answered = new Promise<{ status: number; body: string; connection: string | undefined }>(
      (resolve, reject) => {
        req.on('error', reject);
        req.on('response', (res) => {
          let text = '';
          res.on('data', (chunk) => {
            text += chunk;
          });
          res.on('end', () =>
            resolve({ status: res.statusCode as number, body: text, connection: res.headers.connection }),
          );
        });
      },
    );
    // Half the body now: the request is in flight (headers read, handler waiting for the rest).
    req.write(body.slice(0, 10));
    await arrived;
    const closed = server.close();
    // The rest only once the server has stopped accepting connections, i.e. is draining.
    while (await accepts(port)) await new Promise((resolve) => setTimeout(resolve, 20));
    req.end(body.slice(10));
    const response = await answered;
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    // The keep-alive connection ends with this response instead of holding the close open.
    expect(response.connection).toBe('close');
    await closed;
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    // Shutdown also stops the Redis queue listeners; on a loaded machine that takes a while.
  }, 90_000);
});

/** Whether a TCP connection to the port is accepted (then dropped at once). */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
