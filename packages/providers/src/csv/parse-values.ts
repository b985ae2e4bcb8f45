const DAY_MS = 86_400_000;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const INTEGER = /^\d+$/;

/**
 * Text that stands for "no value": empty, or the `null` Yahoo Finance writes on holidays, and the
 * `NA` / `NaN` R and pandas write.
 */
export function isMissing(text: string): boolean {
  return text === '' || /^(null|na|nan|n\/a)$/i.test(text);
}

/** A plain decimal number (optionally with exponent), or `undefined` for anything else ("abc", "0x1F", "1,5"). */
export function parseDecimal(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * A date as epoch milliseconds: `YYYY-MM-DD` (00:00 UTC, as daily bars are stamped), an ISO date
 * and time (UTC unless it has an offset; a space may replace the `T`), or an integer epoch in
 * seconds (below 10¹¹) or milliseconds. `undefined` for anything else: `01/02/2000` is left
 * unparsed because it means January 2 in the US and February 1 elsewhere.
 */
export function parseDate(text: string): number | undefined {
  const day = ISO_DATE.exec(text);
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const time = Date.UTC(year, month - 1, date);
    // Date.UTC rolls 2001-02-30 over into March: reject such dates instead.
    const check = new Date(time);
    return check.getUTCMonth() === month - 1 && check.getUTCDate() === date ? time : undefined;
  }
  if (ISO_DATE_TIME.test(text)) {
    const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text.slice(10));
    const time = Date.parse(hasZone ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}Z`);
    return Number.isFinite(time) ? time : undefined;
  }
  if (INTEGER.test(text)) {
    const value = Number(text);
    return value < 1e11 ? value * 1000 : value;
  }
  return undefined;
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
