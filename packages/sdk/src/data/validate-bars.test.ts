import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadReferenceBars } from '../indicators/testing/reference-data.js';
import { barsToSeries } from './bars.js';
import { DataValidationError } from './errors.js';
import { type RawBarColumns, validateBars, weekdaysBetween } from './validate-bars.js';

const DAY = 86_400_000;
const MONDAY = Date.UTC(2024, 0, 1); // 2024-01-01 was a Monday

function columns(rows: [number, number, number, number, number, number][]): RawBarColumns {
  return {
    symbol: 'TEST',
    source: 'test',
    timestamps: rows.map((r) => r[0]),
    open: rows.map((r) => r[1]),
    high: rows.map((r) => r[2]),
    low: rows.map((r) => r[3]),
    close: rows.map((r) => r[4]),
    volume: rows.map((r) => r[5]),
  };
}

function catchError(fn: () => unknown): DataValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DataValidationError);
    return error as DataValidationError;
  }
  throw new Error('expected a DataValidationError');
}

describe('validateBars', () => {
  it('sorts by time and returns Float64Array columns', () => {
    const { series, report } = validateBars(
      columns([
        [MONDAY + DAY, 11, 12, 10, 11.5, 100],
        [MONDAY, 10, 11, 9, 10.5, 200],
      ]),
    );
    expect(report.sorted).toBe(true);
    expect(series.timestamps).toBeInstanceOf(Float64Array);
    expect(Array.from(series.timestamps)).toEqual([MONDAY, MONDAY + DAY]);
    expect(Array.from(series.close)).toEqual([10.5, 11.5]);
    expect(Array.from(series.volume)).toEqual([200, 100]);
  });

  it('drops exact duplicates and counts them', () => {
    const row: [number, number, number, number, number, number] = [MONDAY, 10, 11, 9, 10.5, 200];
    const { series, report } = validateBars(columns([row, [MONDAY + DAY, 11, 12, 10, 11, 5], row]));
    expect(series.close.length).toBe(2);
    expect(report.duplicatesDropped).toBe(1);
  });

  it('rejects two different bars at one timestamp, naming both rows', () => {
    const error = catchError(() =>
      validateBars(
        columns([
          [MONDAY, 10, 11, 9, 10.5, 200],
          [MONDAY, 10, 11, 9, 10.6, 200],
        ]),
      ),
    );
    expect(error.field).toBe('timestamps');
    expect(error.message).toMatch(/TEST\.timestamps\[1\].*rows 0 and 1/);
  });

  it.each([
    ['close', [MONDAY, 10, 11, 9, Number.NaN, 1], /TEST\.close\[0\] = NaN: price is not a finite number/],
    ['open', [MONDAY, 0, 11, 9, 10, 1], /TEST\.open\[0\] = 0: price must be positive/],
    ['low', [MONDAY, 10, 11, -1, 10, 1], /TEST\.low\[0\] = -1: price must be positive/],
    ['high', [MONDAY, 10, 9, 10, 10, 1], /TEST\.high\[0\] = 9: high is below low/],
    ['volume', [MONDAY, 10, 11, 9, 10, -5], /TEST\.volume\[0\] = -5: volume must not be negative/],
    ['timestamps', [Number.POSITIVE_INFINITY, 10, 11, 9, 10, 1], /timestamp is not a finite number/],
    ['high', [MONDAY, 10, 10.5, 9, 11, 1], /high is below open\/close/],
    ['low', [MONDAY, 10, 12, 10.5, 11, 1], /low is above open\/close/],
  ] as const)('rejects a bad %s, naming symbol, field and index', (field, row, message) => {
    const error = catchError(() =>
      validateBars(columns([row as unknown as [number, number, number, number, number, number]])),
    );
    expect(error.symbol).toBe('TEST');
    expect(error.field).toBe(field);
    expect(error.index).toBe(0);
    expect(error.message).toMatch(message);
  });

  it('rejects columns of different lengths and bad symbols', () => {
    const input = columns([[MONDAY, 10, 11, 9, 10, 1]]);
    expect(() => validateBars({ ...input, close: [] })).toThrow(
      /TEST\.close: has 0 values but timestamps has 1/,
    );
    expect(() => validateBars({ ...input, symbol: '' })).toThrow(DataValidationError);
  });

  it('reports gaps without filling them; weekends and single holidays are not gaps', () => {
    const friday = MONDAY + 4 * DAY;
    const nextMonday = MONDAY + 7 * DAY;
    const twoWeeksLater = MONDAY + 21 * DAY;
    const { series, report } = validateBars(
      columns([
        [friday, 10, 11, 9, 10, 1],
        [nextMonday, 10, 11, 9, 10, 1],
        [nextMonday + 2 * DAY, 10, 11, 9, 10, 1], // one weekday missing: a holiday
        [twoWeeksLater, 10, 11, 9, 10, 1],
      ]),
    );
    expect(series.close.length).toBe(4);
    expect(report.gaps).toEqual([
      { index: 3, from: nextMonday + 2 * DAY, to: twoWeeksLater, missingWeekdays: 7 },
    ]);
    expect(
      validateBars(
        columns([
          [friday, 10, 11, 9, 10, 1],
          [nextMonday + 2 * DAY, 10, 11, 9, 10, 1],
        ]),
        { minGapWeekdays: 1 },
      ).report.gaps,
    ).toHaveLength(1);
  });

  it('counts weekdays between two dates', () => {
    expect(weekdaysBetween(MONDAY, MONDAY + 7 * DAY)).toBe(4);
    expect(weekdaysBetween(MONDAY + 4 * DAY, MONDAY + 7 * DAY)).toBe(0);
  });

  it('accepts the real MSFT series unchanged', () => {
    const bars = loadReferenceBars();
    const { series, report } = validateBars(barsToSeries('MSFT', 'csv', bars));
    expect(series.close.length).toBe(249);
    expect(report.sorted).toBe(false);
    expect(report.duplicatesDropped).toBe(0);
    expect(series.close[0]).toBe(60.625);
  });

  it('output is always sorted, duplicate-free and a permutation subset of the input (property)', () => {
    const row = fc.tuple(fc.integer({ min: 0, max: 30 }), fc.double({ min: 1, max: 100, noNaN: true }));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 60 }), (rows) => {
        // Same day → same bar, so equal timestamps are exact duplicates.
        const byDay = new Map(rows.map(([day, price]) => [day, price]));
        const input = columns(
          rows.map(([day]) => {
            const p = byDay.get(day) as number;
            return [MONDAY + day * DAY, p, p * 1.01, p * 0.99, p, day];
          }),
        );
        const { series, report } = validateBars(input);
        expect(series.timestamps.length).toBe(byDay.size);
        expect(report.duplicatesDropped).toBe(rows.length - byDay.size);
        for (let i = 1; i < series.timestamps.length; i++) {
          expect(series.timestamps[i]).toBeGreaterThan(series.timestamps[i - 1] as number);
        }
      }),
    );
  });
});
