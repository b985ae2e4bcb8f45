const DAY_MS = 86_400_000;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const INTEGER = /^\d+$/;
// Module-level, not literals in the functions: a regular expression literal makes a new RegExp
// object each time it is evaluated, and these run for every value of a multi-million-row file.
const MISSING = /^(null|na|nan|n\/a)$/i;
const THOUSANDS_COMMA = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const DECIMAL_COMMA = /^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/;

/**
 * Text that stands for "no value": empty, or the `null` Yahoo Finance writes on holidays, and the
 * `NA` / `NaN` R and pandas write.
 */
export function isMissing(text: string): boolean {
  if (text === '') return true;
  // Every missing marker starts with n or N: a number is refused without running the pattern.
  const first = text.charCodeAt(0);
  return (first === 110 || first === 78) && MISSING.test(text);
}

/** A plain decimal number (optionally with exponent), or `undefined` for anything else ("abc", "0x1F", "1,5"). */
export function parseDecimal(text: string): number | undefined {
  const quick = shortDecimal(text);
  if (quick !== undefined) return quick;
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** Exact powers of ten as doubles: 10^k for k ≤ 22 has no rounding error. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Most digits whose integer is below 2^53, so that it is exact as a double. */
const EXACT_DIGITS = 15;

/** {@link shortDecimalAt} of the whole text, `undefined` instead of `NaN`. */
function shortDecimal(text: string): number | undefined {
  const value = shortDecimalAt(text, 0, text.length);
  return Number.isNaN(value) ? undefined : value;
}

/**
 * The value of `text.slice(from, to)` when it has the common short form `[+-]digits[.digits]`
 * (at most 15 digits, at most 22 after the point), else `NaN` — the caller then decides with the
 * full rules of {@link parseNumber}. Price files are millions of such values, and one scan of the
 * characters (without even cutting the field out of the line) is several times cheaper than a
 * regular expression plus `Number()`. The value is the same, bit for bit: the digits form an
 * integer below 2^53 and the divisor a power of ten up to 10^22, both exact as doubles, so the
 * one correctly rounded division gives the correctly rounded decimal, which is what `Number()`
 * returns.
 */
export function shortDecimalAt(text: string, from: number, to: number): number {
  let i = from;
  let negative = false;
  const sign = from < to ? text.charCodeAt(from) : 0;
  if (sign === 43 || sign === 45) {
    negative = sign === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let decimals = 0;
  let point = false;
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (point) decimals++;
    } else if (c === 46 && !point) point = true;
    else return Number.NaN; // an exponent, a comma, a letter, a space: not this form
  }
  if (digits === 0 || digits > EXACT_DIGITS || decimals >= POWERS_OF_TEN.length) return Number.NaN;
  const value = decimals === 0 ? mantissa : mantissa / (POWERS_OF_TEN[decimals] as number);
  return negative ? -value : value;
}

/**
 * {@link shortDecimalAt} over ASCII bytes: the value of `bytes[from, to)` when it has the short
 * plain form, else `NaN`. Reading a plain file's bytes directly is several times faster than
 * reading characters of the (external) string decoded from them.
 */
export function shortDecimalIn(bytes: Uint8Array, from: number, to: number): number {
  let i = from;
  let negative = false;
  const sign = from < to ? (bytes[from] as number) : 0;
  if (sign === 43 || sign === 45) {
    negative = sign === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let decimals = 0;
  let point = false;
  for (; i < to; i++) {
    const c = bytes[i] as number;
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (point) decimals++;
    } else if (c === 46 && !point) point = true;
    else return Number.NaN;
  }
  if (digits === 0 || digits > EXACT_DIGITS || decimals >= POWERS_OF_TEN.length) return Number.NaN;
  const value = decimals === 0 ? mantissa : mantissa / (POWERS_OF_TEN[decimals] as number);
  return negative ? -value : value;
}

/**
 * 00:00 UTC of the ASCII bytes `bytes[from, to)` when they are exactly `YYYY-MM-DD` (what
 * {@link parseDate} returns for that text), else `NaN`.
 */
export function isoDateIn(bytes: Uint8Array, from: number, to: number): number {
  if (to - from !== 10 || bytes[from + 4] !== 45 || bytes[from + 7] !== 45) return Number.NaN;
  const year = digitsIn(bytes, from, 4);
  const month = digitsIn(bytes, from + 5, 2);
  const day = digitsIn(bytes, from + 8, 2);
  if (year < 0 || month < 0 || day < 0) return Number.NaN;
  return calendarDay(year, month, day) ?? Number.NaN;
}

/** The number written by `count` ASCII digits at `at`, or -1 when one is not a digit. */
function digitsIn(bytes: Uint8Array, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const c = (bytes[i] as number) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/** Years a date may have: anything outside is a misread number, not a date. */
export const DATE_YEARS = Object.freeze({ min: 1800, max: 2200 });

/**
 * A date as epoch milliseconds, or `undefined` when the text is not one of the explicit forms:
 * - `YYYY-MM-DD` (00:00 UTC, as daily bars are stamped);
 * - an ISO date and time, UTC unless it has an offset; a space may replace the `T`
 *   (`YYYY-MM-DD hh:mm:ss`);
 * - 8 digits: `YYYYMMDD`, when it is a valid calendar date in 1800–2200 (`20000927` is
 *   2000-09-27, never epoch seconds in 1970);
 * - 9–10 digits: epoch seconds; 12–13 digits: epoch milliseconds;
 * - with `format` (e.g. `DD.MM.YYYY`, `MM/DD/YYYY`, optionally followed by ` hh:mm[:ss]`): that form.
 *
 * Everything else is refused, so no number is silently bent into another century: other digit
 * counts, an 8-digit number that is no calendar date, and `01/02/2000` without a `format`
 * (January 2 in the US, February 1 elsewhere).
 */
export function parseDate(text: string, format?: string): number | undefined {
  const day = ISO_DATE.exec(text);
  if (day) return calendarDay(Number(day[1]), Number(day[2]), Number(day[3]));
  if (ISO_DATE_TIME.test(text)) {
    const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text.slice(10));
    const time = Date.parse(hasZone ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}Z`);
    return Number.isFinite(time) && validIsoDay(text) ? time : undefined;
  }
  if (INTEGER.test(text)) return parseDigits(text);
  if (format !== undefined) return parseWithFormat(text, format);
  return undefined;
}

/** Explains why {@link parseDate} refused `text`, for error messages. */
export function describeDateProblem(text: string, format?: string): string {
  if (INTEGER.test(text)) {
    if (text.length === 8)
      return `${text} is 8 digits but not a calendar date YYYYMMDD in ${DATE_YEARS.min}–${DATE_YEARS.max}`;
    return `${text} has ${text.length} digits: expected YYYYMMDD (8), epoch seconds (9–10) or epoch milliseconds (12–13)`;
  }
  const expected =
    format === undefined ? 'YYYY-MM-DD, ISO date-time, YYYYMMDD or epoch' : `${format} or YYYY-MM-DD`;
  return `${JSON.stringify(text)} is not a date (expected ${expected}; set "dateFormat" in da-ki.json for other forms)`;
}

function parseDigits(text: string): number | undefined {
  if (text.length === 8) {
    return calendarDay(Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8)));
  }
  if (text.length === 9 || text.length === 10) return Number(text) * 1000;
  if (text.length === 12 || text.length === 13) return Number(text);
  return undefined;
}

/** 00:00 UTC of a calendar date, `undefined` for 2001-02-30 (which Date.UTC rolls into March) or a year out of range. */
function calendarDay(year: number, month: number, date: number): number | undefined {
  if (year < DATE_YEARS.min || year > DATE_YEARS.max) return undefined;
  // Checked by arithmetic, not by building a Date to compare: this runs for every row of a file.
  if (month < 1 || month > 12 || date < 1 || date > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, date) * DAY_MS;
}

/**
 * Days from 1970-01-01 to a valid date of the proleptic Gregorian calendar (H. Hinnant's
 * `days_from_civil`): integer arithmetic, so `* DAY_MS` is exactly `Date.UTC(year, month - 1,
 * date)`, without a call into the runtime per row.
 */
function daysFromCivil(year: number, month: number, date: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + date - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days of a month of the (proleptic) Gregorian calendar, as Date counts them. */
function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] as number);
}

function validIsoDay(text: string): boolean {
  return (
    calendarDay(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10))) !== undefined
  );
}

const formatCache = new Map<string, { pattern: RegExp; order: ('Y' | 'M' | 'D')[] } | undefined>();

/** Whether `format` is a date format {@link parseDate} understands (`DD`, `MM`, `YYYY` and separators). */
export function isDateFormat(format: string): boolean {
  return compileFormat(format) !== undefined;
}

function compileFormat(format: string): { pattern: RegExp; order: ('Y' | 'M' | 'D')[] } | undefined {
  if (formatCache.has(format)) return formatCache.get(format);
  const order: ('Y' | 'M' | 'D')[] = [];
  let source = '';
  let rest = format;
  while (rest.length > 0) {
    const token = /^(YYYY|MM|DD)/.exec(rest)?.[1];
    if (token) {
      order.push(token[0] as 'Y' | 'M' | 'D');
      source += token === 'YYYY' ? '(\\d{4})' : '(\\d{1,2})';
      rest = rest.slice(token.length);
    } else if (/^[./\- ]/.test(rest)) {
      source += `\\${rest[0]}`;
      rest = rest.slice(1);
    } else {
      formatCache.set(format, undefined);
      return undefined;
    }
  }
  const complete = order.length === 3 && new Set(order).size === 3;
  const compiled = complete
    ? { pattern: new RegExp(`^${source}(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?$`), order }
    : undefined;
  formatCache.set(format, compiled);
  return compiled;
}

function parseWithFormat(text: string, format: string): number | undefined {
  const compiled = compileFormat(format);
  const match = compiled?.pattern.exec(text);
  if (!compiled || !match) return undefined;
  const parts: Record<'Y' | 'M' | 'D', number> = { Y: 0, M: 0, D: 0 };
  compiled.order.forEach((part, k) => {
    parts[part] = Number(match[k + 1]);
  });
  const day = calendarDay(parts.Y, parts.M, parts.D);
  if (day === undefined) return undefined;
  const [hours, minutes, seconds] = [match[4], match[5], match[6]].map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
  ];
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  return day + ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

/**
 * A number as written in a file: a plain decimal (see {@link parseDecimal}); with `decimalComma`,
 * the German/French form `1.234,56` or `12,5` (dots are thousands separators only in groups of
 * three, so `12.5` is refused as ambiguous). Without it, quoted US thousands `1,234.56` are read.
 */
export function parseNumber(text: string, decimalComma: boolean): number | undefined {
  if (decimalComma) {
    if (!DECIMAL_COMMA.test(text)) return text.includes('.') ? undefined : parseDecimal(text);
    return parseDecimal(text.replace(/\./g, '').replace(',', '.'));
  }
  // The short plain form has no comma, so it cannot be US thousands: read it without the pattern.
  const quick = shortDecimal(text);
  if (quick !== undefined) return quick;
  if (THOUSANDS_COMMA.test(text)) return parseDecimal(text.replace(/,/g, ''));
  return parseDecimal(text);
}

/**
 * The `index`-th business day (Monday–Friday, UTC; 0 is the first) on or after `start`, for
 * files that number their rows instead of dating them (R's `EuStockMarkets`).
 */
export function businessDay(start: number, index: number): number {
  let day = Math.floor(start / DAY_MS);
  while (!isWeekday(day)) day++;
  const weeks = Math.floor(index / 5);
  day += weeks * 7;
  for (let remaining = index - weeks * 5; remaining > 0; ) {
    day++;
    if (isWeekday(day)) remaining--;
  }
  return day * DAY_MS;
}

function isWeekday(day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday.
  return weekday !== 0 && weekday !== 6;
}
