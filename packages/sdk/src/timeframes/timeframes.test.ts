import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { barsToSeries } from '../data/bars.js';
import { InvalidArgumentError } from '../data/errors.js';
import type { Bar, BarSeries } from '../data/schemas.js';
import { RSI, rsi } from '../indicators/momentum/rsi.js';
import { loadReferenceBars } from '../indicators/testing/reference-data.js';
import { type AggregatedBar, BarAggregator } from './bar-aggregator.js';
import { resampleBars } from './resample-bars.js';
import { bucketOf, type Timeframe } from './timeframe.js';

const DAY = 86_400_000;
const TIMEFRAMES: Timeframe[] = [
  '1w',
  '1M',
  { minutes: 1 },
  { minutes: 5 },
  { minutes: 60 },
  { minutes: 1440 },
];

/** Rows of a series as bar objects. */
function rows(series: BarSeries): Bar[] {
  return Array.from(series.timestamps, (timestamp, i) => ({
    timestamp,
    open: series.open[i] as number,
    high: series.high[i] as number,
    low: series.low[i] as number,
    close: series.close[i] as number,
    volume: series.volume[i] as number,
  }));
}

/** Random bars with strictly increasing timestamps: steps from a minute to a few days. */
const barStream = fc
  .tuple(
    fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2030, 0, 1) }),
    fc.array(
      fc.record({
        step: fc.oneof(
          fc.integer({ min: 1, max: 240 }).map((m) => m * 60_000),
          fc.integer({ min: 1, max: 4 }).map((d) => d * DAY),
        ),
        open: fc.integer({ min: 1000, max: 2000 }),
        up: fc.integer({ min: 0, max: 50 }),
        down: fc.integer({ min: 0, max: 50 }),
        close: fc.integer({ min: 1000, max: 2000 }),
        volume: fc.integer({ min: 0, max: 1_000_000 }),
      }),
      { minLength: 1, maxLength: 80 },
    ),
  )
  .map(([start, steps]) => {
    let timestamp = start;
    return steps.map(({ step, open, up, down, close, volume }) => {
      timestamp += step;
      const o = open / 10;
      const c = close / 10;
      return {
        timestamp,
        open: o,
        high: Math.max(o, c) + up / 10,
        low: Math.min(o, c) - down / 10,
        close: c,
        volume,
      };
    });
  });

/** Independent grouping: the key of the bucket computed with Date's calendar functions. */
function bucketKey(timeframe: Timeframe, timestamp: number): string {
  const date = new Date(timestamp);
  if (timeframe === '1M') return `${date.getUTCFullYear()}-${date.getUTCMonth()}`;
  if (timeframe === '1w') {
    const monday = new Date(timestamp);
    monday.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
    return monday.toISOString().slice(0, 10);
  }
  return String(Math.floor(timestamp / (timeframe.minutes * 60_000)));
}

/** Reference resampling: group rows by key, then first/max/min/last/sum. */
function referenceResample(bars: readonly Bar[], timeframe: Timeframe): Omit<Bar, 'timestamp'>[] {
  const groups = new Map<string, Bar[]>();
  for (const bar of bars) {
    const key = bucketKey(timeframe, bar.timestamp);
    groups.set(key, [...(groups.get(key) ?? []), bar]);
  }
  return [...groups.values()].map((group) => ({
    open: (group[0] as Bar).open,
    high: Math.max(...group.map((b) => b.high)),
    low: Math.min(...group.map((b) => b.low)),
    close: (group.at(-1) as Bar).close,
    volume: group.reduce((sum, b) => sum + b.volume, 0),
  }));
}

describe('bucketOf', () => {
  it('starts ISO weeks on Monday 00:00 UTC, also across years and before 1970', () => {
    expect(bucketOf('1w', Date.UTC(2024, 0, 1, 12)).start).toBe(Date.UTC(2024, 0, 1));
    expect(bucketOf('1w', Date.UTC(2024, 0, 7, 23, 59)).start).toBe(Date.UTC(2024, 0, 1));
    expect(bucketOf('1w', Date.UTC(2024, 0, 8)).start).toBe(Date.UTC(2024, 0, 8));
    // 2024-12-31 is a Tuesday in ISO week 2025-W01, which starts on Monday 2024-12-30.
    expect(bucketOf('1w', Date.UTC(2024, 11, 31)).start).toBe(Date.UTC(2024, 11, 30));
    expect(bucketOf('1w', Date.UTC(1969, 11, 31, 6)).start).toBe(Date.UTC(1969, 11, 29));
  });

  it('holds every instant in a bucket of the right shape', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), (t) => {
        const week = bucketOf('1w', t);
        expect(new Date(week.start).getUTCDay()).toBe(1);
        expect(week.end - week.start).toBe(7 * DAY);
        expect(week.start <= t && t < week.end).toBe(true);
        const month = bucketOf('1M', t);
        expect(new Date(month.start).getUTCDate()).toBe(1);
        expect(new Date(month.end).getUTCDate()).toBe(1);
        expect(new Date(month.end - 1).getUTCMonth()).toBe(new Date(month.start).getUTCMonth());
        expect(month.start <= t && t < month.end).toBe(true);
        const quarterHour = bucketOf({ minutes: 15 }, t);
        expect(quarterHour.start % (15 * 60_000) === 0).toBe(true);
        expect(quarterHour.start <= t && t < quarterHour.end).toBe(true);
      }),
    );
  });
});

describe('resampleBars', () => {
  const msft = barsToSeries('MSFT', 'reference', loadReferenceBars());

  it('merges MSFT’s daily bars into the weeks and months a calendar gives', () => {
    for (const timeframe of ['1w', '1M'] as const) {
      const merged = resampleBars(msft, timeframe);
      const expected = referenceResample(rows(msft), timeframe);
      expect(rows(merged).map(({ timestamp: _, ...bar }) => bar)).toEqual(expected);
    }
    const weeks = resampleBars(msft, '1w');
    // 2000-09-27 (a Wednesday) … 2001-09-27: 53 ISO weeks with trading days.
    expect(weeks.timestamps[0]).toBe(Date.UTC(2000, 8, 25));
    expect(weeks.timestamps.length).toBe(53);
    expect(resampleBars(msft, '1M').timestamps.length).toBe(13);
  });

  it('equals the calendar grouping on random bars, for every timeframe', () => {
    fc.assert(
      fc.property(barStream, fc.constantFrom(...TIMEFRAMES), (bars, timeframe) => {
        const merged = resampleBars(barsToSeries('X', 'test', bars), timeframe);
        expect(rows(merged).map(({ timestamp: _, ...bar }) => bar)).toEqual(
          referenceResample(bars, timeframe),
        );
        merged.timestamps.forEach((start) => {
          expect(bucketOf(timeframe, start).start).toBe(start);
        });
      }),
    );
  });

  it('keeps symbol and source, and gives an empty series for no bars', () => {
    const empty = resampleBars(barsToSeries('X', 'test', []), '1w');
    expect(empty.symbol).toBe('X');
    expect(empty.source).toBe('test');
    expect(empty.close).toHaveLength(0);
  });

  it('refuses unsorted or repeated timestamps, non-finite values and unknown timeframes', () => {
    const bars = rows(msft).slice(0, 5);
    const swapped = [bars[0], bars[2], bars[1], bars[3]] as Bar[];
    expect(() => resampleBars(barsToSeries('X', 't', swapped), '1w')).toThrow(
      /timestamps.*index 2.*increase/,
    );
    const repeated = [bars[0], bars[0]] as Bar[];
    expect(() => resampleBars(barsToSeries('X', 't', repeated), '1w')).toThrow(InvalidArgumentError);
    const gap = barsToSeries('X', 't', bars);
    gap.close[3] = Number.NaN;
    expect(() => resampleBars(gap, '1M')).toThrow(/`close` at index 3/);
    expect(() => resampleBars(msft, '1d' as Timeframe)).toThrow(/timeframe/);
    expect(() => resampleBars(msft, { minutes: 0 })).toThrow(/timeframe\.minutes/);
    expect(() => resampleBars(msft, { minutes: 2.5 })).toThrow(/timeframe\.minutes/);
  });
});

describe('BarAggregator', () => {
  /** The batch result as the aggregator shows it: completed bars, then the forming one. */
  function streamed(aggregator: BarAggregator, updates: AggregatedBar[]): Bar[] {
    const bars = updates.flatMap((u) => (u.completed === undefined ? [] : [u.completed]));
    const forming = aggregator.forming;
    return forming === undefined ? bars : [...bars, forming];
  }

  it('gives exactly resampleBars’ bars', () => {
    fc.assert(
      fc.property(barStream, fc.constantFrom(...TIMEFRAMES), (bars, timeframe) => {
        const aggregator = new BarAggregator(timeframe);
        const updates = bars.map((bar) => aggregator.update(bar));
        expect(streamed(aggregator, updates)).toEqual(
          rows(resampleBars(barsToSeries('X', 't', bars), timeframe)),
        );
        expect(aggregator.count).toBe(bars.length);
      }),
    );
  });

  it('aggregating drafts and then replacing each forming bar equals batch resampling', () => {
    fc.assert(
      fc.property(barStream, barStream, fc.constantFrom(...TIMEFRAMES), (bars, drafts, timeframe) => {
        const aggregator = new BarAggregator(timeframe);
        const updates: AggregatedBar[] = [];
        bars.forEach((bar, i) => {
          // The live bar is first seen as a draft (same time, other prices), revised, then final.
          const draft = drafts[i % drafts.length] as Bar;
          const first = aggregator.update({ ...draft, timestamp: bar.timestamp });
          aggregator.replace({
            ...bar,
            close: draft.close,
            high: Math.max(bar.high, draft.close),
            low: Math.min(bar.low, draft.close),
          });
          const final = aggregator.replace(bar);
          expect(final.isNew).toBe(first.isNew);
          updates.push(final);
        });
        expect(streamed(aggregator, updates)).toEqual(
          rows(resampleBars(barsToSeries('X', 't', bars), timeframe)),
        );
      }),
    );
  });

  it('resumes from JSON with the same bars, and can still replace the latest bar', () => {
    fc.assert(
      fc.property(barStream, fc.nat(), fc.constantFrom(...TIMEFRAMES), (bars, cut, timeframe) => {
        const split = cut % (bars.length + 1);
        const original = new BarAggregator(timeframe);
        for (const bar of bars.slice(0, split)) original.update(bar);
        const restored = BarAggregator.fromJSON(JSON.parse(JSON.stringify(original.toJSON())));
        expect(restored.count).toBe(original.count);
        expect(restored.forming).toEqual(original.forming);
        if (split > 0) {
          const last = bars[split - 1] as Bar;
          const revised = { ...last, close: last.high };
          expect(restored.replace(revised)).toEqual(original.replace(revised));
        }
        for (const bar of bars.slice(split)) expect(restored.update(bar)).toEqual(original.update(bar));
      }),
    );
    expect(() => BarAggregator.fromJSON({ type: 'SMA' } as never)).toThrow(/state/);
  });

  it('lets any indicator run on weekly bars from daily ones', () => {
    const daily = loadReferenceBars();
    const aggregator = new BarAggregator('1w');
    const weeklyRsi = new RSI(5);
    const seen: number[] = [];
    daily.forEach((bar, i) => {
      const { bar: week, isNew } = aggregator.update(bar);
      const value = isNew ? weeklyRsi.update(week.close) : weeklyRsi.replace(week.close);
      // At every day, the RSI of the weeks so far (this one still forming) equals the batch RSI.
      const weeks = resampleBars(barsToSeries('MSFT', 'ref', daily.slice(0, i + 1)), '1w');
      const batch = rsi(weeks.close, 5).at(-1) as number;
      if (Number.isNaN(batch)) expect(value).toBeNaN();
      else expect(value).toBe(batch);
      seen.push(value);
    });
    expect(seen.filter(Number.isFinite).length).toBeGreaterThan(200);
  });

  it('refuses out-of-order bars, replace before any bar, and bad bars, naming the field', () => {
    const aggregator = new BarAggregator('1M');
    const bar = { timestamp: Date.UTC(2024, 0, 2), open: 10, high: 11, low: 9, close: 10.5, volume: 100 };
    expect(() => aggregator.replace(bar)).toThrow(/replace/);
    aggregator.update(bar);
    expect(() => aggregator.update(bar)).toThrow(/bar\.timestamp/);
    expect(() => aggregator.update({ ...bar, timestamp: bar.timestamp + DAY, close: Number.NaN })).toThrow(
      /bar\.close/,
    );
    expect(() => aggregator.update({ ...bar, timestamp: bar.timestamp + DAY, high: 8 })).toThrow(/bar\.high/);
    expect(aggregator.count).toBe(1);
    expect(() => new BarAggregator({ minutes: -5 })).toThrow(/timeframe\.minutes/);
  });
});
