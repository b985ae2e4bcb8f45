import { DataValidationError, type Fundamentals } from '@da-ki/sdk';

/**
 * Fundamentals as they were known on a date: the latest report on or before `asOf` (epoch ms), or
 * `undefined` when none had been published yet.
 */
export type FundamentalsAsOf = (symbol: string, asOf: number) => Fundamentals | undefined;

/**
 * One dated fundamentals row: `Fundamentals` with the date it became known, as `asOf` (epoch ms)
 * or `date` (`YYYY-MM-DD`, UTC, or epoch ms) — the `symbol,date,...` rows of a `fundamentals.csv`.
 */
export type DatedFundamentals = Fundamentals & { date?: string | number };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The date a row became known, or `undefined` when it carries none. Throws on an unreadable date. */
export function fundamentalsDate(row: DatedFundamentals, index: number): number | undefined {
  if (row.asOf !== undefined) return row.asOf;
  const { date } = row;
  if (date === undefined) return undefined;
  if (typeof date === 'number' && Number.isFinite(date)) return date;
  const match = typeof date === 'string' ? ISO_DATE.exec(date) : null;
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  // Date.UTC rolls 2024-02-31 over into March: a date that does not round-trip is not a date
  if (!match || new Date(time).toISOString().slice(0, 10) !== date) {
    throw new DataValidationError('must be a YYYY-MM-DD date or epoch milliseconds', {
      symbol: row.symbol,
      field: 'date',
      index,
      value: date,
    });
  }
  return time;
}

/**
 * Point-in-time lookup over dated rows: for a symbol and a date, the latest row on or before that
 * date (ties: the later row of the input). Every row needs a date (`asOf` or `date`); a row
 * without one is an error naming its index and symbol, since using it on every date would look
 * ahead.
 */
export function pointInTimeFundamentals(rows: readonly DatedFundamentals[]): FundamentalsAsOf {
  const bySymbol = new Map<string, { time: number; row: Fundamentals }[]>();
  rows.forEach((row, index) => {
    const time = fundamentalsDate(row, index);
    if (time === undefined) {
      throw new DataValidationError(
        'has no date (asOf or date): undated fundamentals cannot be used point in time',
        { symbol: row.symbol, field: 'date', index },
      );
    }
    const list = bySymbol.get(row.symbol) ?? [];
    const { date: _text, ...fundamentals } = row;
    list.push({ time, row: { ...fundamentals, asOf: time } });
    bySymbol.set(row.symbol, list);
  });
  // stable sort keeps input order among rows of one date: the later one wins below
  for (const list of bySymbol.values()) list.sort((a, b) => a.time - b.time);
  return (symbol, asOf) => {
    const list = bySymbol.get(symbol);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid] as { time: number }).time <= asOf) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? undefined : (list[lo - 1] as { row: Fundamentals }).row;
  };
}
