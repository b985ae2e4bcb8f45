import { DataValidationError } from './errors.js';
import { BAR_FIELDS, type BarField, type BarSeries, symbolSchema } from './schemas.js';
import { isValidatedBars, markValidated, type ValidatedBarSeries } from './validated-bars.js';

/** Columnar input to {@link validateBars}: any array-like columns, in any time order. */
export interface RawBarColumns {
  symbol: string;
  source: string;
  timestamps: ArrayLike<number>;
  open: ArrayLike<number>;
  high: ArrayLike<number>;
  low: ArrayLike<number>;
  close: ArrayLike<number>;
  volume: ArrayLike<number>;
}

/** A stretch of missing bars found between two consecutive rows of the validated series. */
export interface BarGap {
  /** Index (in the validated series) of the first bar after the gap. */
  index: number;
  /** Timestamp of the bar before the gap. */
  from: number;
  /** Timestamp of the bar after the gap. */
  to: number;
  /** Weekdays (Monday–Friday, UTC) strictly between the two bars: the bars that are missing. */
  missingWeekdays: number;
}

/** What {@link validateBars} changed or noticed. Gaps are reported, never filled. */
export interface BarValidationReport {
  /** Rows whose timestamp and values exactly repeated an earlier row, and were dropped. */
  duplicatesDropped: number;
  /** True when the input was not in ascending time order and had to be sorted. */
  sorted: boolean;
  /** Gaps of at least `minGapWeekdays` missing weekdays. */
  gaps: BarGap[];
}

/** Options of {@link validateBars}. */
export interface ValidateBarsOptions {
  /**
   * Smallest number of missing weekdays reported as a gap. Default 3, so that single exchange
   * holidays (one or two missing weekdays) are not reported; set 1 to see every missing weekday.
   */
  minGapWeekdays?: number;
}

/** The validated, normalised series and the report of what was found. */
export interface ValidatedBars {
  series: ValidatedBarSeries;
  report: BarValidationReport;
}

const DAY_MS = 86_400_000;

/**
 * Validates and normalises a bar series: sorts by time, drops exact duplicate rows, and rejects
 * what no real series contains — non-finite or non-positive prices, high below low or below
 * open/close, low above open/close, negative or non-finite volume, non-finite timestamps, two
 * different bars at one timestamp — with a {@link DataValidationError} naming symbol, field and
 * index (the index in the input as given). Gaps are reported, not filled.
 *
 * Input that is already in order and duplicate-free is not copied: a column that is a
 * `Float64Array` is returned as is (the series shares it with the input), so validating a
 * provider's fresh arrays costs no second copy of every bar. Copy first (`slice()`) if you keep
 * writing into the input.
 *
 * A series this function returned is recognised ({@link isValidatedBars}) and given back as it is,
 * unchecked, with only its gaps measured: validating a provider's output again costs nothing.
 */
export function validateBars(input: RawBarColumns, options: ValidateBarsOptions = {}): ValidatedBars {
  if (isValidatedBars(input)) {
    const gaps = findGaps(input.timestamps, options.minGapWeekdays ?? 3);
    return { series: input, report: { duplicatesDropped: 0, sorted: false, gaps } };
  }
  const symbolCheck = symbolSchema.safeParse(input.symbol);
  if (!symbolCheck.success) {
    throw new DataValidationError(symbolCheck.error.issues[0]?.message ?? 'invalid symbol', {
      field: 'symbol',
      value: input.symbol,
    });
  }
  const symbol = input.symbol;
  const n = input.timestamps.length;
  for (const field of BAR_FIELDS) {
    const column = input[field] as ArrayLike<number> | undefined;
    if (!column || typeof column.length !== 'number') {
      throw new DataValidationError('column is missing', { symbol, field });
    }
    if (column.length !== n) {
      throw new DataValidationError(`has ${column.length} values but timestamps has ${n}`, { symbol, field });
    }
  }
  checkRows(input, symbol);

  // Fast path: real series nearly always arrive sorted and duplicate-free; skip the sort then.
  if (isStrictlyIncreasing(input.timestamps)) {
    const series: BarSeries = {
      symbol,
      source: input.source,
      timestamps: asFloat64(input.timestamps),
      open: asFloat64(input.open),
      high: asFloat64(input.high),
      low: asFloat64(input.low),
      close: asFloat64(input.close),
      volume: asFloat64(input.volume),
    };
    const gaps = findGaps(series.timestamps, options.minGapWeekdays ?? 3);
    return { series: markValidated(series), report: { duplicatesDropped: 0, sorted: false, gaps } };
  }
  const order = sortedOrder(input.timestamps);
  const sorted = order.some((rowIndex, position) => rowIndex !== position);
  const keep: number[] = [];
  let duplicatesDropped = 0;
  for (const rowIndex of order) {
    const previous = keep[keep.length - 1];
    if (previous !== undefined && input.timestamps[previous] === input.timestamps[rowIndex]) {
      if (sameRow(input, previous, rowIndex)) {
        duplicatesDropped++;
        continue;
      }
      throw new DataValidationError(
        `two different bars share this timestamp (rows ${previous} and ${rowIndex})`,
        {
          symbol,
          field: 'timestamps',
          index: rowIndex,
          value: input.timestamps[rowIndex],
        },
      );
    }
    keep.push(rowIndex);
  }

  const series: BarSeries = {
    symbol,
    source: input.source,
    timestamps: pick(input.timestamps, keep),
    open: pick(input.open, keep),
    high: pick(input.high, keep),
    low: pick(input.low, keep),
    close: pick(input.close, keep),
    volume: pick(input.volume, keep),
  };
  const gaps = findGaps(series.timestamps, options.minGapWeekdays ?? 3);
  return { series: markValidated(series), report: { duplicatesDropped, sorted, gaps } };
}

/**
 * The series itself when `validateBars` already produced it, otherwise `validateBars(input).series`:
 * the one call a consumer makes to accept validated bars without re-checking them and plain
 * columns only after checking them.
 */
export function toValidatedBars(input: RawBarColumns): ValidatedBarSeries {
  return isValidatedBars(input) ? input : validateBars(input).series;
}

function checkRows(input: RawBarColumns, symbol: string): void {
  const { timestamps, open, high, low, close, volume } = input;
  const fail = (field: BarField, i: number, reason: string): never => {
    throw new DataValidationError(reason, { symbol, field, index: i, value: input[field][i] });
  };
  for (let i = 0; i < timestamps.length; i++) {
    if (!Number.isFinite(timestamps[i])) fail('timestamps', i, 'timestamp is not a finite number');
    const o = open[i] as number;
    const h = high[i] as number;
    const l = low[i] as number;
    const c = close[i] as number;
    const v = volume[i] as number;
    // One cheap test for the common case; the detailed checks below name the first problem.
    if (
      o > 0 &&
      h > 0 &&
      l > 0 &&
      c > 0 &&
      h < Infinity &&
      v >= 0 &&
      v < Infinity &&
      h >= l &&
      h >= o &&
      h >= c &&
      l <= o &&
      l <= c
    ) {
      continue;
    }
    for (const field of ['open', 'high', 'low', 'close'] as const) {
      const price = input[field][i] as number;
      if (!Number.isFinite(price)) fail(field, i, 'price is not a finite number');
      if (price <= 0) fail(field, i, 'price must be positive');
    }
    if (!Number.isFinite(v)) fail('volume', i, 'volume is not a finite number');
    if (v < 0) fail('volume', i, 'volume must not be negative');
    if (h < l) fail('high', i, `high is below low (${l})`);
    if (h < Math.max(o, c)) fail('high', i, `high is below open/close (${Math.max(o, c)})`);
    fail('low', i, `low is above open/close (${Math.min(o, c)})`);
  }
}

function asFloat64(column: ArrayLike<number>): Float64Array {
  return column instanceof Float64Array ? column : Float64Array.from(column);
}

function isStrictlyIncreasing(timestamps: ArrayLike<number>): boolean {
  for (let i = 1; i < timestamps.length; i++) {
    if (!((timestamps[i] as number) > (timestamps[i - 1] as number))) return false;
  }
  return true;
}

function sortedOrder(timestamps: ArrayLike<number>): number[] {
  const order = Array.from({ length: timestamps.length }, (_, i) => i);
  // Stable sort keeps the first of equal timestamps first, so duplicates are detected in input order.
  return order.sort((a, b) => (timestamps[a] as number) - (timestamps[b] as number));
}

function sameRow(input: RawBarColumns, a: number, b: number): boolean {
  return BAR_FIELDS.every((field) => input[field][a] === input[field][b]);
}

function pick(column: ArrayLike<number>, rows: readonly number[]): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = column[rows[i] as number] as number;
  return out;
}

function findGaps(timestamps: Float64Array, minGapWeekdays: number): BarGap[] {
  const gaps: BarGap[] = [];
  for (let i = 1; i < timestamps.length; i++) {
    const from = timestamps[i - 1] as number;
    const to = timestamps[i] as number;
    if (to - from <= DAY_MS * 1.5) continue;
    const missingWeekdays = weekdaysBetween(from, to);
    if (missingWeekdays >= minGapWeekdays) gaps.push({ index: i, from, to, missingWeekdays });
  }
  return gaps;
}

/** Weekdays strictly between two timestamps, counted by UTC calendar day. */
export function weekdaysBetween(from: number, to: number): number {
  const firstDay = Math.floor(from / DAY_MS) + 1;
  const lastDay = Math.floor(to / DAY_MS) - 1;
  let count = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday (4).
    if (weekday !== 0 && weekday !== 6) count++;
  }
  return count;
}
