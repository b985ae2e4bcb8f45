import { assertBarColumns } from '../bar-args.js';

/**
 * Wilder's true range of one bar: the largest of high − low, |high − previous close| and
 * |low − previous close| (TA-Lib's TRANGE from the second bar on).
 */
export function trueRange(high: number, low: number, previousClose: number): number {
  let range = high - low;
  const up = Math.abs(high - previousClose);
  if (up > range) range = up;
  const down = Math.abs(low - previousClose);
  if (down > range) range = down;
  return range;
}

/**
 * Validates the columns of a high/low/close indicator: same length, finite values, high ≥ low at
 * every index (the streaming forms refuse such a bar too). Returns the common length.
 */
export function assertHighLowClose(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
): number {
  return assertBarColumns({ high, low, close });
}
