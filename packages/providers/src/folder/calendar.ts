import { nyseHolidays } from '../synthetic/trading-calendar.js';

const DAY_MS = 86_400_000;

/** Which days a row index counts. */
export type SessionCalendarKind = 'business' | 'nyse';

/**
 * The trading days from a start date on, for files that number their rows instead of dating
 * them: `day(0)` is the first trading day on or after the start, `day(k)` the k-th after it.
 * Days are computed once and kept, so reading a file in index order costs O(1) per row.
 */
export class SessionCalendar {
  readonly #days: number[] = [];
  readonly #kind: SessionCalendarKind;
  #next: number;
  readonly #holidays = new Map<number, Set<number>>();

  constructor(start: number, kind: SessionCalendarKind) {
    this.#kind = kind;
    this.#next = Math.floor(start / DAY_MS);
  }

  /** Epoch ms (00:00 UTC) of trading day `index` (0-based). */
  day(index: number): number {
    while (this.#days.length <= index) {
      while (!this.#isSession(this.#next)) this.#next++;
      this.#days.push(this.#next * DAY_MS);
      this.#next++;
    }
    return this.#days[index] as number;
  }

  #isSession(day: number): boolean {
    const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday.
    if (weekday === 0 || weekday === 6) return false;
    if (this.#kind === 'business') return true;
    const year = new Date(day * DAY_MS).getUTCFullYear();
    let holidays = this.#holidays.get(year);
    if (!holidays) {
      holidays = new Set(nyseHolidays(year));
      this.#holidays.set(year, holidays);
    }
    return !holidays.has(day);
  }
}

/** Weekdays after `from`'s day up to and including `to`'s day: how many sessions a series is behind. */
export function weekdaysAfter(from: number, to: number): number {
  let count = 0;
  for (let day = Math.floor(from / DAY_MS) + 1; day <= Math.floor(to / DAY_MS); day++) {
    const weekday = (((day + 4) % 7) + 7) % 7;
    if (weekday !== 0 && weekday !== 6) count++;
  }
  return count;
}

/** `YYYY-MM-DD` of an epoch-ms time (UTC). */
export function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** Last millisecond of the UTC day of `time`: everything stamped that day is "on or before" it. */
export function endOfDay(time: number): number {
  return Math.floor(time / DAY_MS) * DAY_MS + DAY_MS - 1;
}
