// LayeredCache benchmark: what the cache adds on top of the tools it is built on.
//   L1 hit:  LayeredCache.get (L1 warm)                      vs a bare lru-cache get
//   L2 hit:  LayeredCache.get (no L1) over RedisCacheStore  vs a bare ioredis GET of the same string
// Payloads: a real daily bar series (MSFT, 249 bars, six Float64Array columns) and a small score
// object. Real local Redis at REDIS_URL (default redis://127.0.0.1:6379).
// Run: npx tsx benchmarks/cache/run.ts
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RedisCacheStore } from '@da-ki/providers';
import { type BarSeries, barsToSeries, decodeCacheEntry, encodeCacheEntry, LayeredCache } from '@da-ki/sdk';
import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `daki-bench:${process.pid}:`;

interface Row {
  group: string;
  name: string;
  /** Per-operation times in nanoseconds. */
  samples: number[];
  baseline?: boolean;
}

function loadMsft(): BarSeries {
  const csv = readFileSync(fileURLToPath(new URL('../../../shared/data/msft.csv', import.meta.url)), 'utf8');
  const bars = csv
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const [date, open, high, low, close, volume] = line.split(',');
      return {
        timestamp: Date.parse(`${date}T00:00:00Z`),
        open: Number(open),
        high: Number(high),
        low: Number(low),
        close: Number(close),
        volume: Number(volume),
      };
    });
  return barsToSeries('MSFT', 'csv', bars);
}

const SCORE = {
  symbol: 'MSFT',
  score: 71.4,
  rank: 12,
  factors: { performance: 68.2, fundamental: 74.9, sentiment: 61.0, sector: 80.3, momentum: 55.1 },
  riskLevel: 'medium',
  explanations: ['Strong 20-day momentum', 'P/E below sector median'],
};

interface Variant {
  row: Row;
  /** One operation; `sync` variants are timed without `await`, as their callers use them. */
  op: () => unknown;
  sync?: boolean;
}

/**
 * Takes `samples` samples of every variant, round robin (variant A, B, C, A, B, C, ...), so that
 * noise from a shared machine (other processes, CPU frequency, GC) falls on all variants alike.
 * Each sample times `batch` operations: sub-microsecond operations need batches to be measurable.
 */
async function interleave(variants: Variant[], samples: number, batch: number): Promise<void> {
  for (const { op } of variants) for (let i = 0; i < Math.max(500, batch * 20); i++) await op(); // JIT warm-up
  for (let s = 0; s < samples; s++) {
    for (const { row, op, sync } of variants) {
      const start = process.hrtime.bigint();
      if (sync) for (let i = 0; i < batch; i++) op();
      else for (let i = 0; i < batch; i++) await op();
      row.samples.push(Number(process.hrtime.bigint() - start) / batch);
    }
  }
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function formatTime(ns: number): string {
  return ns < 1_000 ? `${ns.toFixed(0)} ns` : `${(ns / 1_000).toFixed(1)} µs`;
}

function printTable(rows: Row[]): void {
  const lines = [
    '| case | payload | samples | p50 | p99 | mean | p50 / baseline |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const sorted = [...row.samples].sort((a, b) => a - b);
    const baseline = rows.find((candidate) => candidate.group === row.group && candidate.baseline);
    const baseP50 = baseline
      ? quantile(
          [...baseline.samples].sort((a, b) => a - b),
          0.5,
        )
      : Number.NaN;
    const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
    const p50 = quantile(sorted, 0.5);
    lines.push(
      `| ${row.name} | ${row.group} | ${sorted.length} | ${formatTime(p50)} | ${formatTime(quantile(sorted, 0.99))} | ${formatTime(mean)} | ${row.baseline ? '1.00 (baseline)' : `${(p50 / baseP50).toFixed(2)}×`} |`,
    );
  }
  console.log(lines.join('\n'));
}

async function benchL1(payloads: Record<string, unknown>): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [group, value] of Object.entries(payloads)) {
    const lru = new LRUCache<string, object>({ max: 1000, ttl: 5 * 60_000 });
    lru.set('k', value as object);
    const cache = new LayeredCache();
    await cache.set('k', value);
    const loader = () => value;
    const label = `${group} (L1)`;
    const variants: Variant[] = [
      {
        row: { group: label, name: 'lru-cache get (sync)', samples: [], baseline: true },
        op: () => lru.get('k'),
        sync: true,
      },
      { row: { group: label, name: 'lru-cache get + await', samples: [] }, op: () => lru.get('k') },
      {
        row: { group: label, name: 'LayeredCache.get, L1 hit', samples: [] },
        op: () => cache.get('k', loader),
      },
    ];
    await interleave(variants, 1_000, 1_000);
    const { hits, misses } = cache.stats().layers[0];
    if (misses !== 0 || hits === 0)
      throw new Error(`L1 benchmark did not hit L1 only (hits ${hits}, misses ${misses})`);
    rows.push(...variants.map((variant) => variant.row));
  }
  return rows;
}

async function benchL2(payloads: Record<string, unknown>): Promise<Row[]> {
  const raw = new Redis(REDIS_URL);
  const store = new RedisCacheStore({ url: REDIS_URL, keyPrefix: PREFIX });
  const rows: Row[] = [];
  try {
    for (const [group, value] of Object.entries(payloads)) {
      const key = `l2:${group}`;
      const cache = new LayeredCache({ l1: false, layers: [{ store, name: 'redis' }] });
      await cache.set(key, value);
      const text = await raw.get(PREFIX + key);
      if (text === null) throw new Error('benchmark value was not written to Redis');
      const loader = () => {
        throw new Error('L2 benchmark missed Redis');
      };
      const label = `${group} (L2)`;
      const variants: Variant[] = [
        {
          row: { group: label, name: 'ioredis GET (string)', samples: [], baseline: true },
          op: () => raw.get(PREFIX + key),
        },
        {
          row: { group: label, name: 'ioredis GET + decodeCacheEntry', samples: [] },
          op: async () => decodeCacheEntry((await raw.get(PREFIX + key)) as string),
        },
        { row: { group: label, name: 'RedisCacheStore.get', samples: [] }, op: () => store.get(key) },
        {
          row: { group: label, name: 'LayeredCache.get, L2 hit (no L1)', samples: [] },
          op: () => cache.get(key, loader),
        },
      ];
      await interleave(variants, 3_000, 1);
      rows.push(...variants.map((variant) => variant.row));
    }
  } finally {
    await store.clear();
    await store.close();
    await raw.quit();
  }
  return rows;
}

async function benchCodec(payloads: Record<string, unknown>): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [group, value] of Object.entries(payloads)) {
    const entry = { value, expiresAt: Date.now() + 3_600_000 };
    const text = encodeCacheEntry(entry);
    const plain = toPlainJson(entry);
    const label = `${group} (codec)`;
    const variants: Variant[] = [
      {
        row: { group: label, name: 'encodeCacheEntry', samples: [], baseline: true },
        op: () => encodeCacheEntry(entry),
        sync: true,
      },
      {
        row: { group: label, name: 'decodeCacheEntry', samples: [] },
        op: () => decodeCacheEntry(text),
        sync: true,
      },
      {
        row: { group: label, name: 'peer: plain JSON encode, arrays as lists', samples: [] },
        op: () => toPlainJson(entry),
        sync: true,
      },
      {
        row: { group: label, name: 'peer: plain JSON decode + Float64Array.from', samples: [] },
        op: () => fromPlainJson(plain),
        sync: true,
      },
    ];
    await interleave(variants, 300, 10);
    rows.push(...variants.map((variant) => variant.row));
  }
  return rows;
}

// The obvious alternative to the codec: Float64Arrays as JSON number lists (NaN becomes null,
// -0 becomes 0). Converted by hand around plain JSON.stringify / JSON.parse, which is faster than a
// replacer or reviver, so the peer is at its best.
function toPlainJson(entry: { value: unknown; expiresAt: number }): string {
  return JSON.stringify({ e: entry.expiresAt, v: listify(entry.value) });
}

function listify(value: unknown): unknown {
  if (value instanceof Float64Array) return Array.from(value);
  if (Array.isArray(value)) return value.map(listify);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = listify(item);
  return out;
}

function fromPlainJson(text: string): unknown {
  return unlistify(JSON.parse(text));
}

function unlistify(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.length > 0 && value.every((item) => typeof item === 'number' || item === null)
      ? Float64Array.from(value, (item) => (item === null ? Number.NaN : item))
      : value.map(unlistify);
  }
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) record[key] = unlistify(record[key]);
  return record;
}

/** Log returns of each price column: full-precision doubles, as indicators and features produce. */
function logReturns(series: BarSeries): Record<string, Float64Array> {
  const columns: Record<string, Float64Array> = {};
  for (const field of ['open', 'high', 'low', 'close'] as const) {
    const prices = series[field];
    columns[field] = Float64Array.from(prices, (price, i) =>
      i === 0 ? Number.NaN : Math.log(price / prices[i - 1]),
    );
  }
  return columns;
}

/** Encoded size against plain JSON of the same numbers (which would also lose NaN and -0). */
function printSizes(payloads: Record<string, unknown>): void {
  console.log('| payload | encoded entry (chars) | plain JSON, arrays as number lists (chars) |');
  console.log('|---|---:|---:|');
  for (const [name, value] of Object.entries(payloads)) {
    const encoded = encodeCacheEntry({ value, expiresAt: Date.now() }).length;
    const plain = JSON.stringify(listify(value)).length;
    console.log(`| ${name} | ${encoded} | ${plain} |`);
  }
  console.log();
}

const started = Date.now();
const msft = loadMsft();
const payloads = { 'bars MSFT 249×6': msft, 'score object': SCORE };
const returns = { 'log returns MSFT 249×4': logReturns(msft) };
console.log(`node ${process.version}, ${process.platform}/${process.arch}, Redis at ${REDIS_URL}\n`);
printSizes({ ...payloads, ...returns });
const l1 = await benchL1(payloads);
const l2 = await benchL2(payloads);
const codec = await benchCodec({ ...payloads, ...returns });
console.log();
printTable([...l1, ...l2, ...codec]);
console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);
