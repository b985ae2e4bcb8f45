// The calendar arithmetic of the track record: which days the replay replays, when it refits, and
// which bar judges a forecast (horizons count bars, as the models are trained, not calendar days).
import type { BarSeries } from '@da-ki/sdk';
import { describe, expect, it } from 'vitest';
import type * as ReplayModule from '../src/track-record/replay.js';
import { addWeekdays, barIndexOnOrBefore, closeAfter } from '../src/track-record/trading-days.js';

// replay.ts is a Nest provider: its module is loaded compiled (vitest would drop the decorator metadata).
const { monthsSince, replayOrigins } = (await import(
  new URL('../dist/track-record/replay.js', import.meta.url).href
)) as typeof ReplayModule;

/** Daily bars at 21:00 UTC on the given dates, closes 1, 2, 3, … */
function bars(dates: string[]): BarSeries {
  const t = Float64Array.from(dates.map((d) => Date.parse(`${d}T21:00:00Z`)));
  const close = Float64Array.from(dates.map((_, i) => i + 1));
  return {
    symbol: 'X',
    source: 'test',
    timestamps: t,
    open: close,
    high: close,
    low: close,
    close,
    volume: close,
  };
}

describe('track record dates', () => {
  it('judges a forecast by the close `horizon` bars after the origin bar, once that bar exists', () => {
    const series = bars(['2026-11-27', '2026-11-30', '2026-12-01', '2026-12-03', '2026-12-04']);
    expect(barIndexOnOrBefore(series, '2026-11-30')).toBe(1);
    // 2026-12-02 has no bar (a holiday): the origin is the bar before it.
    expect(barIndexOnOrBefore(series, '2026-12-02')).toBe(2);
    expect(barIndexOnOrBefore(series, '2026-11-26')).toBe(-1);
    expect(closeAfter(series, '2026-11-30', 2)).toEqual({ price: 4, date: '2026-12-03' });
    expect(closeAfter(series, '2026-12-02', 2)).toEqual({ price: 5, date: '2026-12-04' });
    expect(closeAfter(series, '2026-12-03', 2)).toBeUndefined();
  });

  it('estimates the target date in weekdays until the bar exists', () => {
    expect(addWeekdays('2026-12-04', 1)).toBe('2026-12-07');
    expect(addWeekdays('2026-12-01', 5)).toBe('2026-12-08');
  });

  it('replays the trading days of the last months before the latest bar, the latest itself excluded', () => {
    const a = bars(['2026-09-30', '2026-10-02', '2026-10-05', '2026-11-02', '2026-12-03', '2026-12-04']);
    const b = bars(['2026-10-01', '2026-12-02']);
    expect(replayOrigins([a, b], 2)).toEqual(['2026-10-05', '2026-11-02', '2026-12-02', '2026-12-03']);
    expect(replayOrigins([a, b], 0)).toEqual([]);
  });

  it('counts months from the first origin: two months of replay need two fits', () => {
    expect(monthsSince('2026-10-05', '2026-10-30')).toBe(0);
    expect(monthsSince('2026-10-05', '2026-11-04')).toBe(0);
    expect(monthsSince('2026-10-05', '2026-11-05')).toBe(1);
    expect(monthsSince('2026-10-05', '2026-12-04')).toBe(1);
    expect(monthsSince('2026-10-05', '2027-01-05')).toBe(3);
  });
});
