const DAY_MS = 86_400_000;

/** Formatters by IANA zone: building one costs far more than using it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Maps epoch seconds to 00:00 UTC of the calendar date they fall on in an IANA time zone, with
 * that zone's rules at that instant (summer or winter time), as `Intl` knows them. Yahoo stamps
 * daily FX bars at local midnight: 00:00 UTC in a London winter, 23:00 UTC of the day before in a
 * London summer, so one fixed offset puts half a year of bars on the wrong day.
 * Throws `RangeError` for a zone `Intl` does not know.
 */
export function tradingDateInZone(epochSeconds: number, timeZone: string): number {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  let year = 0;
  let month = 0;
  let day = 0;
  for (const part of formatter.formatToParts(epochSeconds * 1000)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
  }
  return Date.UTC(year, month - 1, day);
}

/** 00:00 UTC of the date epoch seconds fall on at a fixed offset from UTC (seconds). */
export function tradingDateAtOffset(epochSeconds: number, offsetSeconds: number): number {
  return Math.floor(((epochSeconds + offsetSeconds) * 1000) / DAY_MS) * DAY_MS;
}
