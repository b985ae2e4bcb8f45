const DAY_MS = 86_400_000;

/**
 * The last `count` trading days ending on or before `endDate` (`YYYY-MM-DD`), as epoch-ms
 * timestamps at 00:00 UTC, ascending. Trading days are weekdays that are not NYSE holidays, so
 * that 252 bars make one calendar year, as on a real US exchange.
 */
export function tradingDaysEndingOn(endDate: string, count: number): Float64Array {
  const days = new Float64Array(count);
  let day = Math.floor(Date.parse(`${endDate}T00:00:00Z`) / DAY_MS);
  let holidays = new Set<number>();
  let holidayYear = Number.NaN;
  for (let i = count - 1; i >= 0; day--) {
    const year = new Date(day * DAY_MS).getUTCFullYear();
    if (year !== holidayYear) {
      holidays = new Set(nyseHolidays(year));
      holidayYear = year;
    }
    if (isWeekday(day) && !holidays.has(day)) days[i--] = day * DAY_MS;
  }
  return days;
}

/**
 * NYSE full-day holidays of a year as UTC day numbers (days since 1970-01-01): New Year's Day,
 * Martin Luther King Jr. Day, Washington's Birthday, Good Friday, Memorial Day, Juneteenth (from
 * 2022), Independence Day, Labor Day, Thanksgiving and Christmas. A holiday on Saturday is
 * observed on the Friday before, on Sunday on the Monday after (NYSE Rule 7.2) — except New
 * Year's Day on a Saturday, which is not observed at all.
 */
export function nyseHolidays(year: number): number[] {
  const holidays = [
    observed(dayNumber(year, 1, 1), { skipSaturday: true }),
    nthWeekday(year, 1, 1, 3),
    nthWeekday(year, 2, 1, 3),
    easterSunday(year) - 2,
    lastWeekday(year, 5, 1),
    observed(dayNumber(year, 7, 4)),
    nthWeekday(year, 9, 1, 1),
    nthWeekday(year, 11, 4, 4),
    observed(dayNumber(year, 12, 25)),
  ];
  if (year >= 2022) holidays.push(observed(dayNumber(year, 6, 19)));
  return holidays.filter((day): day is number => day !== undefined).sort((a, b) => a - b);
}

function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function isWeekday(day: number): boolean {
  const weekday = weekdayOf(day);
  return weekday !== 0 && weekday !== 6;
}

function observed(day: number, { skipSaturday = false } = {}): number | undefined {
  const weekday = weekdayOf(day);
  if (weekday === 6) return skipSaturday ? undefined : day - 1;
  if (weekday === 0) return day + 1;
  return day;
}

/** The `n`-th given weekday (0 = Sunday) of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  const first = dayNumber(year, month, 1);
  return first + ((weekday - weekdayOf(first) + 7) % 7) + 7 * (n - 1);
}

/** The last given weekday of a month. */
function lastWeekday(year: number, month: number, weekday: number): number {
  const last = dayNumber(year, month + 1, 1) - 1;
  return last - ((weekdayOf(last) - weekday + 7) % 7);
}

/** Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumber(year, month, day);
}
