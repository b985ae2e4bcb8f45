import { describe, expect, it } from 'vitest';
import type { NewsItem } from '../../data/schemas.js';
import { headline, seriesFromCloses, weekdayTimestamps } from '../testing/universe.js';
import type { StockSnapshot } from '../types.js';
import { createUniverseContext, type FactorColumns } from './factor.js';
import { type SentimentSettings, scoreSentiment } from './sentiment.js';

const DAY = 86_400_000;
const timestamps = weekdayTimestamps(30);
const lastBar = timestamps[29] as number;

function stock(symbol: string, news?: NewsItem[]): StockSnapshot {
  const snapshot: StockSnapshot = {
    symbol,
    sector: 'S',
    bars: seriesFromCloses(
      symbol,
      Array.from({ length: 30 }, (_, i) => 10 + i),
      timestamps.slice(),
    ),
  };
  if (news) snapshot.news = news;
  return snapshot;
}

/** Headline `daysOld` days before the last bar with provider sentiment `s`. */
const item = (symbol: string, daysOld: number, s: number, title = 'Headline') =>
  headline(symbol, title, lastBar - daysOld * DAY, s);

const fail = () => {
  throw new Error('the analyzer must not be asked when the provider scored the headline');
};

function score(snapshots: StockSnapshot[], settings: Partial<SentimentSettings> = {}): FactorColumns {
  return scoreSentiment(createUniverseContext(snapshots, 3), {
    scoreHeadline: fail,
    halfLifeDays: 7,
    asOf: undefined,
    providerSentiment: 'prefer',
    ...settings,
  });
}

const sentimentOf = (columns: FactorColumns) => columns.metrics[0]!.values;

describe('sentiment factor', () => {
  it('weights headlines by 0.5^(age / half-life) and shrinks toward neutral by one fresh headline', () => {
    const snapshots = [
      stock('A', [item('A', 0, 0.8), item('A', 14, -0.8)]),
      stock('B', [item('B', 0, -0.8), item('B', 14, 0.8)]),
    ];
    const s = sentimentOf(score(snapshots));
    expect(s[0]).toBeCloseTo((0.8 - 0.8 * 0.25) / (1 + 0.25 + 1), 12);
    expect(s[1]).toBeCloseTo(-(s[0] as number), 12);
  });

  it('weighs the same headline more when it is newer', () => {
    const snapshots = [stock('NEW', [item('NEW', 1, 0.6)]), stock('OLD', [item('OLD', 20, 0.6)])];
    const columns = score(snapshots);
    expect(sentimentOf(columns)[0]).toBeGreaterThan(sentimentOf(columns)[1] as number);
    expect(columns.scores[0]).toBeGreaterThan(columns.scores[1] as number);
    expect(columns.confidence[0]).toBeGreaterThan(columns.confidence[1] as number);
  });

  it('honours the half-life option', () => {
    const snapshots = [stock('A', [item('A', 14, 0.8)])];
    expect(sentimentOf(score(snapshots, { halfLifeDays: 7 }))[0]).toBeCloseTo((0.8 * 0.25) / 1.25, 12);
    expect(sentimentOf(score(snapshots, { halfLifeDays: 14 }))[0]).toBeCloseTo((0.8 * 0.5) / 1.5, 12);
    expect(sentimentOf(score(snapshots, { halfLifeDays: 3.5 }))[0]).toBeCloseTo((0.8 * 0.0625) / 1.0625, 12);
  });

  it('measures ages from the last bar, or from asOf when given, and counts later headlines as fresh', () => {
    const snapshots = [stock('A', [item('A', 0, 0.8), item('A', -3, 0.4)])];
    expect(sentimentOf(score(snapshots))[0]).toBeCloseTo(1.2 / 3, 12);
    const weekLater = score(snapshots, { asOf: lastBar + 7 * DAY });
    expect(sentimentOf(weekLater)[0]).toBeCloseTo(
      (0.8 * 0.5 + 0.4 * 0.5 ** (4 / 7)) / (0.5 + 0.5 ** (4 / 7) + 1),
      12,
    );
  });

  it('gives no news a neutral 50 with zero confidence, and ranks it as a neutral reading', () => {
    const columns = score([
      stock('POS', [item('POS', 0, 0.5)]),
      stock('NONE'),
      stock('NEG', [item('NEG', 0, -0.5)]),
      stock('EMPTY', []),
    ]);
    expect(Array.from(columns.scores)).toEqual([100, 50, 0, 50]);
    expect(columns.confidence[1]).toBe(0);
    expect(columns.confidence[3]).toBe(0);
    expect(columns.confidence[0]).toBeCloseTo(1 / 3, 12);
    expect(columns.metrics[0]!.percentiles[1]).toBeNaN();
  });

  it('uses provider scores when preferred and the analyzer otherwise', () => {
    const scores: Record<string, number> = { 'Profit soars': 0.9, 'Profit slumps': -0.9 };
    const analyzer = (text: string) => scores[text] ?? 0;
    const snapshots = [
      stock('A', [item('A', 0, -0.2, 'Profit soars')]),
      stock('B', [headline('B', 'Profit slumps', lastBar)]),
    ];
    const preferred = sentimentOf(score(snapshots, { scoreHeadline: analyzer }));
    expect(preferred[0]).toBeCloseTo(-0.1, 12);
    expect(preferred[1]).toBeCloseTo(-0.45, 12);
    const ignored = sentimentOf(score(snapshots, { scoreHeadline: analyzer, providerSentiment: 'ignore' }));
    expect(ignored[0]).toBeCloseTo(0.45, 12);
  });

  it('skips headlines it cannot score or date', () => {
    const snapshots = [
      stock('A', [
        item('A', 0, 0.6),
        { ...item('A', 0, 0.6), publishedAt: Number.NaN },
        headline('A', 'unscorable', lastBar),
      ]),
    ];
    const columns = score(snapshots, { scoreHeadline: () => Number.NaN });
    expect(sentimentOf(columns)[0]).toBeCloseTo(0.3, 12);
    expect(columns.metrics[1]!.values[0]).toBe(1);
  });
});
