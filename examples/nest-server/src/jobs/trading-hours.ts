import { nyseHolidays } from '@da-ki/providers';

const DAY_MS = 86_400_000;
const OPEN_MINUTE = 9 * 60 + 30;
const CLOSE_MINUTE = 16 * 60;

const newYorkClock = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * Whether `at` falls in the NYSE regular session: 09:30–16:00 New York time (daylight saving
 * handled by the time-zone database), Monday to Friday, not on an NYSE full-day holiday. Early
 * closes (13:00 on some half days) are not modelled: a real provider simply returns the same
 * close for those afternoon ticks.
 */
export function isTradingHours(at: Date): boolean {
  const parts = Object.fromEntries(newYorkClock.formatToParts(at).map((part) => [part.type, part.value]));
  if (parts.weekday === 'Sat' || parts.weekday === 'Sun') return false;
  const minute = Number(parts.hour) * 60 + Number(parts.minute);
  if (minute < OPEN_MINUTE || minute >= CLOSE_MINUTE) return false;
  const year = Number(parts.year);
  const day = Math.floor(Date.UTC(year, Number(parts.month) - 1, Number(parts.day)) / DAY_MS);
  return !nyseHolidays(year).includes(day);
}
