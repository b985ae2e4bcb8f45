import { describe, expect, it } from 'vitest';
import { sliceBarsByTime } from './bars.js';
import { DataValidationError } from './errors.js';
import type { BarSeries } from './schemas.js';
import { type RawBarColumns, toValidatedBars, validateBars } from './validate-bars.js';
import { isValidatedBars, type ValidatedBarSeries } from './validated-bars.js';

const DAY = 86_400_000;
const MONDAY = Date.UTC(2024, 0, 1);

/** Ten weekday bars as plain arrays, the shape a caller without a provider hands in. */
function plainColumns(): RawBarColumns {
  const days = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11];
  return {
    symbol: 'PLAIN',
    source: 'test',
    timestamps: days.map((d) => MONDAY + d * DAY),
    open: days.map((_, k) => 10 + k),
    high: days.map((_, k) => 11 + k),
    low: days.map((_, k) => 9 + k),
    close: days.map((_, k) => 10.5 + k),
    volume: days.map(() => 1000),
  };
}

describe('ValidatedBarSeries', () => {
  it('is what validateBars returns, and plain columns are not', () => {
    const input = plainColumns();
    expect(isValidatedBars(input)).toBe(false);
    const { series } = validateBars(input);
    expect(isValidatedBars(series)).toBe(true);
    expect(isValidatedBars(null)).toBe(false);
    expect(isValidatedBars('PLAIN')).toBe(false);
  });

  it('validating a validated series again returns the same object, uncopied, with its gaps measured', () => {
    const { series } = validateBars(plainColumns());
    const again = validateBars(series, { minGapWeekdays: 1 });
    expect(again.series).toBe(series);
    expect(again.report.duplicatesDropped).toBe(0);
    expect(again.report.sorted).toBe(false);
    // The weekend between the fifth and sixth bar is no gap; no weekday is missing.
    expect(again.report.gaps).toEqual([]);
    expect(toValidatedBars(series)).toBe(series);
  });

  it('still validates plain arrays: a bad close in plain columns throws, naming field and index', () => {
    const input = plainColumns();
    (input.close as number[])[6] = Number.NaN;
    expect(() => toValidatedBars(input)).toThrow(DataValidationError);
    expect(() => toValidatedBars(input)).toThrow(/PLAIN\.close\[6\]/);
  });

  it('does not vouch for a copy: a spread of a validated series with a new column is validated again', () => {
    const { series } = validateBars(plainColumns());
    const close = series.close.slice();
    close[2] = -1;
    const forged = { ...series, close } as ValidatedBarSeries;
    expect(isValidatedBars(forged)).toBe(false);
    expect(() => toValidatedBars(forged)).toThrow(/PLAIN\.close\[2\]/);
  });

  it('does not vouch for an object merely typed as validated', () => {
    const forged = {
      symbol: 'FORGED',
      source: 'test',
      timestamps: new Float64Array([MONDAY + DAY, MONDAY]),
      open: new Float64Array([10, 10]),
      high: new Float64Array([11, 11]),
      low: new Float64Array([9, 9]),
      close: new Float64Array([10, 10]),
      volume: new Float64Array([1, 1]),
    } as BarSeries as ValidatedBarSeries;
    expect(isValidatedBars(forged)).toBe(false);
    const { series, report } = validateBars(forged);
    expect(report.sorted).toBe(true);
    expect(Array.from(series.timestamps)).toEqual([MONDAY, MONDAY + DAY]);
  });

  it('a time slice of a validated series is validated; a slice of a plain one is not', () => {
    const { series } = validateBars(plainColumns());
    const slice = sliceBarsByTime(series, MONDAY + 2 * DAY, MONDAY + 8 * DAY);
    expect(Array.from(slice.timestamps)).toEqual([2, 3, 4, 7, 8].map((d) => MONDAY + d * DAY));
    expect(isValidatedBars(slice)).toBe(true);
    const plain: BarSeries = {
      ...series,
      timestamps: series.timestamps.slice(),
    };
    expect(isValidatedBars(sliceBarsByTime(plain, MONDAY + 2 * DAY))).toBe(false);
  });
});
