import { InvalidArgumentError } from '../data/errors.js';

/**
 * A bar length to merge into: `'1w'` (ISO weeks, Monday 00:00 UTC to the next Monday), `'1M'`
 * (calendar months in UTC) or `{ minutes: n }` (n-minute buckets counted from the Unix epoch, so
 * any n that divides 1440 gives buckets aligned to UTC midnight; `{ minutes: 1440 }` is UTC days).
 */
export type Timeframe = '1w' | '1M' | { minutes: number };

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** A bucket `[start, end)` in epoch milliseconds. */
export interface TimeBucket {
  start: number;
  end: number;
}

/** Checks a timeframe and names what is wrong with it. */
export function assertTimeframe(timeframe: Timeframe): void {
  if (timeframe === '1w' || timeframe === '1M') return;
  if (timeframe !== null && typeof timeframe === 'object' && 'minutes' in timeframe) {
    const { minutes } = timeframe;
    if (!Number.isInteger(minutes) || minutes < 1) {
      throw new InvalidArgumentError('timeframe.minutes', `must be an integer ≥ 1, got ${minutes}`);
    }
    return;
  }
  throw new InvalidArgumentError(
    'timeframe',
    `must be '1w', '1M' or { minutes: n }, got ${JSON.stringify(timeframe)}`,
  );
}

/** The bucket of `timeframe` holding the instant `timestamp` (epoch ms, UTC). */
export function bucketOf(timeframe: Timeframe, timestamp: number): TimeBucket {
  if (timeframe === '1w') {
    const day = Math.floor(timestamp / DAY_MS);
    // 1970-01-01 was a Thursday: (day + 3) mod 7 counts days since Monday.
    const monday = day - ((((day + 3) % 7) + 7) % 7);
    return { start: monday * DAY_MS, end: (monday + 7) * DAY_MS };
  }
  if (timeframe === '1M') {
    const date = new Date(timestamp);
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth();
    return { start: Date.UTC(year, month, 1), end: Date.UTC(year, month + 1, 1) };
  }
  const size = timeframe.minutes * MINUTE_MS;
  const start = Math.floor(timestamp / size) * size;
  return { start, end: start + size };
}
