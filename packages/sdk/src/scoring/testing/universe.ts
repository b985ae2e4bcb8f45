// Test kit: small seeded universes of stock snapshots for the scoring tests.
import type { BarSeries, Fundamentals, NewsItem } from '../../data/schemas.js';
import { createRng, type Rng } from '../../util/random.js';
import type { StockSnapshot } from '../types.js';

const DAY_MS = 86_400_000;

/** First bar of every generated series: Monday 2 January 2023, 00:00 UTC. */
export const FIRST_BAR = Date.UTC(2023, 0, 2);

/** `count` weekday timestamps (UTC midnight) from `start`. */
export function weekdayTimestamps(count: number, start = FIRST_BAR): Float64Array {
  const out = new Float64Array(count);
  let t = start;
  for (let i = 0; i < count; i++) {
    while ([0, 6].includes(new Date(t).getUTCDay())) t += DAY_MS;
    out[i] = t;
    t += DAY_MS;
  }
  return out;
}

/** A bar series with the given closes (open = close, high/low ±1 %, volume 1e6). */
export function seriesFromCloses(
  symbol: string,
  closes: ArrayLike<number>,
  timestamps: Float64Array = weekdayTimestamps(closes.length),
): BarSeries {
  const close = Float64Array.from(closes);
  return {
    symbol,
    source: 'test',
    timestamps,
    open: close.slice(),
    high: close.map((c) => c * 1.01),
    low: close.map((c) => c * 0.99),
    close,
    volume: new Float64Array(close.length).fill(1e6),
  };
}

/** Closes of a geometric random walk with daily drift `mu` and daily volatility `sigma`. */
export function randomWalk(rng: Rng, length: number, mu: number, sigma: number, start = 100): Float64Array {
  const out = new Float64Array(length);
  let price = start;
  for (let i = 0; i < length; i++) {
    if (i > 0) price *= Math.exp(mu - (sigma * sigma) / 2 + sigma * rng.normal());
    out[i] = price;
  }
  return out;
}

/** Fundamentals of a symbol with the given fields. */
export function fundamentals(symbol: string, fields: Omit<Fundamentals, 'symbol' | 'source'>): Fundamentals {
  return { symbol, source: 'test', ...fields };
}

/** A headline published at `publishedAt`, with a provider sentiment score if given. */
export function headline(symbol: string, title: string, publishedAt: number, sentiment?: number): NewsItem {
  const item: NewsItem = { symbol, source: 'test', title, publishedAt };
  if (sentiment !== undefined) item.sentiment = sentiment;
  return item;
}

const SECTORS = ['Information Technology', 'Health Care', 'Financials', 'Energy', 'Utilities'];
const TITLES = [
  'Company beats earnings estimates and raises guidance',
  'Analyst upgrades shares to buy',
  'Quarterly revenue misses expectations',
  'Regulator opens probe into accounting practices',
  'Company announces new product line',
  'Shares fall after guidance cut',
  'Board approves dividend increase',
];

/** What {@link createUniverse} generates. */
export interface UniverseOptions {
  seed?: number | string;
  size?: number;
  bars?: number;
  sectors?: readonly string[];
  /** Share of stocks without fundamentals. Default 0.1. */
  missingFundamentals?: number;
  /** Share of stocks without news. Default 0.2. */
  missingNews?: number;
  /** Headlines per stock with news (at most). Default 8. */
  headlines?: number;
}

/**
 * A seeded universe: random walks with per-stock drift and volatility over weekday bars,
 * fundamentals with some loss-makers and gaps, provider-scored headlines in the last month.
 */
export function createUniverse(options: UniverseOptions = {}): StockSnapshot[] {
  const rng = createRng(options.seed ?? 1);
  const size = options.size ?? 40;
  const length = options.bars ?? 300;
  const sectors = options.sectors ?? SECTORS;
  const timestamps = weekdayTimestamps(length);
  const lastBar = timestamps[length - 1] ?? FIRST_BAR;
  return Array.from({ length: size }, (_, k) => {
    const symbol = `S${String(k).padStart(4, '0')}`;
    const mu = 0.0008 * rng.normal();
    const sigma = 0.008 + 0.025 * rng.next();
    const snapshot: StockSnapshot = {
      symbol,
      sector: sectors[k % sectors.length] as string,
      bars: seriesFromCloses(
        symbol,
        randomWalk(rng, length, mu, sigma, 20 + 200 * rng.next()),
        timestamps.slice(),
      ),
    };
    if (rng.next() >= (options.missingFundamentals ?? 0.1)) {
      const earnings = rng.next() < 0.15 ? -1e8 * rng.next() : 1e9 * (0.2 + rng.next());
      snapshot.fundamentals = fundamentals(symbol, {
        marketCap: 1e10 * (0.5 + 3 * rng.next()),
        earnings,
        bookValue: 1e9 * (1 + 5 * rng.next()),
        returnOnEquity: rng.next() < 0.9 ? 0.4 * rng.next() - 0.05 : undefined,
        debtToEquity: rng.next() < 0.9 ? 2 * rng.next() : undefined,
      });
    }
    if (rng.next() >= (options.missingNews ?? 0.2)) {
      const count = 1 + rng.int(0, (options.headlines ?? 8) - 1);
      snapshot.news = Array.from({ length: count }, () =>
        headline(symbol, rng.pick(TITLES), lastBar - rng.next() * 30 * DAY_MS, 2 * rng.next() - 1),
      );
    }
    return snapshot;
  });
}
