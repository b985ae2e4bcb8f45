import type { BarSeries } from '@da-ki/sdk';

const DAY_MS = 86_400_000;

/** Epoch ms of a `YYYY-MM-DD` date at UTC midnight (bar dates are UTC days). */
export function dayStart(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/**
 * The weekday `n` trading days after `date` (weekends skipped, holidays not known): the target date
 * a forecast is recorded with before its bars exist; the outcome replaces it by the real bar's date.
 */
export function addWeekdays(date: string, n: number): string {
  let time = dayStart(date);
  let left = n;
  while (left > 0) {
    time += DAY_MS;
    const weekday = new Date(time).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return new Date(time).toISOString().slice(0, 10);
}

/** Index of the last bar on or before the end of `date` (UTC), or -1 when every bar is later. */
export function barIndexOnOrBefore(bars: BarSeries, date: string): number {
  const end = dayStart(date) + DAY_MS - 1;
  const t = bars.timestamps;
  let lo = 0;
  let hi = t.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((t[mid] as number) <= end) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The close `horizon` bars after the bar of `originDate` and that bar's date: the realised price
 * of a forecast over `horizon` trading days, as the models are trained (bars, not calendar days).
 * Undefined while that bar does not exist yet.
 */
export function closeAfter(
  bars: BarSeries,
  originDate: string,
  horizon: number,
): { price: number; date: string } | undefined {
  const origin = barIndexOnOrBefore(bars, originDate);
  if (origin < 0) return undefined;
  const target = origin + horizon;
  if (target >= bars.close.length) return undefined;
  return {
    price: bars.close[target] as number,
    date: new Date(bars.timestamps[target] as number).toISOString().slice(0, 10),
  };
}
