import type { UniverseInput } from '../dataset/universe-dataset.js';
import { InsufficientHistoryError, type ShortHistory } from '../model/errors.js';

/**
 * Fewest daily bars a symbol needs for the ensemble to train on it or forecast it: the 33-bar
 * feature warm-up, the 30-bar horizon of the target, the embargo gap of another 30 bars, and a
 * few weeks left to train and test on. Longer horizons need more (see `StockPredictionEnsemble`).
 */
export const MIN_FORECAST_BARS = 120;

/** Inputs split into those long enough to forecast and those that are not. */
export interface HistoryPartition<T extends UniverseInput> {
  usable: T[];
  tooShort: ShortHistory[];
}

/**
 * Splits `inputs` by history length, so that a caller with a mixed universe (a command line, a
 * server) can forecast the long series and report the short ones instead of failing on them.
 */
export function partitionByHistory<T extends UniverseInput>(
  inputs: readonly T[],
  minimum = MIN_FORECAST_BARS,
): HistoryPartition<T> {
  const usable: T[] = [];
  const tooShort: ShortHistory[] = [];
  for (const input of inputs) {
    const bars = input.bars.close.length;
    if (bars < minimum) tooShort.push({ symbol: input.bars.symbol, bars });
    else usable.push(input);
  }
  return { usable, tooShort };
}

/** Throws {@link InsufficientHistoryError} naming every input with fewer than `minimum` bars. */
export function assertForecastableHistory(
  inputs: readonly UniverseInput[],
  minimum = MIN_FORECAST_BARS,
): void {
  const { tooShort } = partitionByHistory(inputs, minimum);
  if (tooShort.length > 0) throw new InsufficientHistoryError(minimum, tooShort);
}
