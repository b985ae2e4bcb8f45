import { isoDay } from './calendar.js';
import type { StoredColumns } from './column-store.js';
import type { DataIssue } from './data-report.js';

const DAY_MS = 86_400_000;

/** A close more than this many times (or less than its inverse) both neighbours is suspicious. */
export const SUSPICIOUS_TICK_FACTOR = 10;
/** Missing weekdays between two bars from which a gap is reported (single holidays are not). */
export const MIN_GAP_WEEKDAYS = 3;

/**
 * Puts a series in time order and drops repeated rows: identical rows for one date are dropped
 * with a `duplicate` warning; two different rows for one date cannot both be right, so they
 * exclude the series with an issue naming both lines. Returns the columns to keep (the input
 * itself when already strictly ascending, the common case, so no copy is made).
 */
export function orderSeries(
  columns: StoredColumns,
  file: string,
  issues: DataIssue[],
): StoredColumns | undefined {
  const t = columns.timestamps;
  let ascending = true;
  for (let i = 1; i < t.length; i++) {
    if (!((t[i] as number) > (t[i - 1] as number))) {
      ascending = false;
      break;
    }
  }
  if (ascending) return columns;
  const order = Array.from({ length: t.length }, (_, i) => i).sort(
    (a, b) => (t[a] as number) - (t[b] as number),
  );
  const keep: number[] = [];
  const dropped: number[] = [];
  for (const row of order) {
    const previous = keep[keep.length - 1];
    if (previous !== undefined && t[previous] === t[row]) {
      if (sameBar(columns, previous, row)) {
        dropped.push(columns.lines[row] as number);
        continue;
      }
      issues.push({
        code: 'duplicate',
        severity: 'excluded',
        file,
        line: columns.lines[row] as number,
        message: `${file}: two different rows for ${isoDay(t[row] as number)} (lines ${columns.lines[previous]} and ${columns.lines[row]}); remove one`,
      });
      return undefined;
    }
    keep.push(row);
  }
  if (dropped.length > 0) {
    issues.push({
      code: 'duplicate',
      severity: 'warning',
      file,
      line: dropped[0],
      message: `${file}: ${dropped.length} repeated row(s) dropped (line ${dropped.slice(0, 5).join(', ')}${dropped.length > 5 ? ', …' : ''})`,
    });
  }
  const pick = <T extends Float64Array | Uint32Array>(column: T, out: T): T => {
    keep.forEach((row, i) => {
      out[i] = column[row] as number;
    });
    return out;
  };
  const n = keep.length;
  return {
    timestamps: pick(columns.timestamps, new Float64Array(n)),
    open: pick(columns.open, new Float64Array(n)),
    high: pick(columns.high, new Float64Array(n)),
    low: pick(columns.low, new Float64Array(n)),
    close: pick(columns.close, new Float64Array(n)),
    volume: pick(columns.volume, new Float64Array(n)),
    lines: pick(columns.lines, new Uint32Array(n)),
  };
}

function sameBar(c: StoredColumns, a: number, b: number): boolean {
  return (
    c.open[a] === c.open[b] &&
    c.high[a] === c.high[b] &&
    c.low[a] === c.low[b] &&
    c.close[a] === c.close[b] &&
    c.volume[a] === c.volume[b]
  );
}

/** Gaps of at least {@link MIN_GAP_WEEKDAYS} missing weekdays, as one warning naming the largest. */
export function findGaps(columns: StoredColumns, file: string, column: string): DataIssue | undefined {
  const t = columns.timestamps;
  let count = 0;
  let missing = 0;
  let largest = { weekdays: 0, index: 0 };
  for (let i = 1; i < t.length; i++) {
    if ((t[i] as number) - (t[i - 1] as number) <= DAY_MS * 1.5) continue;
    const weekdays = weekdaysBetween(t[i - 1] as number, t[i] as number);
    if (weekdays < MIN_GAP_WEEKDAYS) continue;
    count++;
    missing += weekdays;
    if (weekdays > largest.weekdays) largest = { weekdays, index: i };
  }
  if (count === 0) return undefined;
  const i = largest.index;
  return {
    code: 'gap',
    severity: 'warning',
    file,
    line: columns.lines[i] as number,
    column,
    message: `${file}: ${count} gap(s), ${missing} weekdays without a bar; the largest, ${largest.weekdays} weekdays, between ${isoDay(t[i - 1] as number)} and ${isoDay(t[i] as number)} (line ${columns.lines[i]})`,
  };
}

function weekdaysBetween(from: number, to: number): number {
  let count = 0;
  for (let day = Math.floor(from / DAY_MS) + 1; day < Math.floor(to / DAY_MS); day++) {
    const weekday = (((day + 4) % 7) + 7) % 7;
    if (weekday !== 0 && weekday !== 6) count++;
  }
  return count;
}

/** Closes more than 10x or below a tenth of both neighbours: usually a misplaced decimal point. */
export function findSuspiciousTicks(columns: StoredColumns, file: string, column: string): DataIssue[] {
  const c = columns.close;
  const issues: DataIssue[] = [];
  const f = SUSPICIOUS_TICK_FACTOR;
  for (let i = 1; i + 1 < c.length; i++) {
    const [before, value, after] = [c[i - 1] as number, c[i] as number, c[i + 1] as number];
    const high = value > f * before && value > f * after;
    const low = value * f < before && value * f < after;
    if (!high && !low) continue;
    issues.push({
      code: 'suspicious-tick',
      severity: 'warning',
      file,
      line: columns.lines[i] as number,
      column,
      message: `${file} line ${columns.lines[i]}, column ${column}: close ${value} on ${isoDay(columns.timestamps[i] as number)} is ${high ? 'more than 10 times' : 'less than a tenth of'} both neighbours (${before}, ${after})`,
    });
  }
  return issues;
}
