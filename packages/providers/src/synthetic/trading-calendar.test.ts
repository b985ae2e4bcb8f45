import { describe, expect, it } from 'vitest';
import { nyseHolidays, tradingDaysEndingOn } from './trading-calendar.js';

const DAY_MS = 86_400_000;
const isoDays = (days: number[]): string[] =>
  days.map((day) => new Date(day * DAY_MS).toISOString().slice(0, 10));

describe('nyseHolidays', () => {
  // Full-day closures as published by NYSE (nyse.com/markets/hours-calendars); the 2025-01-09
  // national day of mourning was a one-off closure, not a rule, and is not modelled.
  it('matches the published NYSE calendar for 2025', () => {
    expect(isoDays(nyseHolidays(2025))).toEqual([
      '2025-01-01',
      '2025-01-20',
      '2025-02-17',
      '2025-04-18',
      '2025-05-26',
      '2025-06-19',
      '2025-07-04',
      '2025-09-01',
      '2025-11-27',
      '2025-12-25',
    ]);
  });

  it('matches the published NYSE calendar for 2026, with Independence Day observed on Friday July 3', () => {
    expect(isoDays(nyseHolidays(2026))).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-04-03',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-11-26',
      '2026-12-25',
    ]);
  });

  it('does not observe New Year on the Friday before when January 1 is a Saturday (2022)', () => {
    const days = isoDays(nyseHolidays(2022));
    expect(days).not.toContain('2021-12-31');
    expect(days).not.toContain('2022-01-01');
    expect(days).toContain('2022-12-26'); // Christmas on a Sunday → Monday.
    expect(days).toContain('2022-06-20'); // First Juneteenth, on a Sunday → Monday.
  });
});

describe('tradingDaysEndingOn', () => {
  it('returns ascending weekdays at 00:00 UTC without holidays, ending on the last trading day', () => {
    const days = tradingDaysEndingOn('2026-07-05', 300); // A Sunday after the observed July 3.
    expect(days.length).toBe(300);
    expect(new Date(days[299] as number).toISOString()).toBe('2026-07-02T00:00:00.000Z');
    const holidays = new Set([...nyseHolidays(2025), ...nyseHolidays(2026)].map((day) => day * DAY_MS));
    for (let i = 0; i < days.length; i++) {
      const time = days[i] as number;
      expect(time % DAY_MS).toBe(0);
      expect([0, 6]).not.toContain(new Date(time).getUTCDay());
      expect(holidays.has(time)).toBe(false);
      if (i > 0) expect(time).toBeGreaterThan(days[i - 1] as number);
    }
  });

  it('makes 252 trading days about one calendar year', () => {
    const days = tradingDaysEndingOn('2026-10-30', 253);
    const spanDays = ((days[252] as number) - (days[0] as number)) / DAY_MS;
    expect(spanDays).toBeGreaterThanOrEqual(362);
    expect(spanDays).toBeLessThanOrEqual(368);
  });
});
