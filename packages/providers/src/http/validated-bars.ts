import { DataValidationError, type RawBarColumns, type ValidatedBarSeries, validateBars } from '@da-ki/sdk';
import { InvalidResponseError } from '../errors/index.js';

/**
 * Runs the SDK's `validateBars` on bars decoded from a provider response and returns the series.
 * A bar no real series contains (non-positive price, high below low, two bars on one day) means
 * the provider sent bad data: it becomes an {@link InvalidResponseError} naming the column and row,
 * with the `DataValidationError` as cause.
 */
export function validatedSeries(columns: RawBarColumns, provider: string): ValidatedBarSeries {
  try {
    return validateBars(columns).series;
  } catch (error) {
    if (!(error instanceof DataValidationError)) throw error;
    const path = error.index === undefined ? [error.field] : [error.field, error.index];
    throw new InvalidResponseError({
      provider,
      symbol: columns.symbol,
      cause: error,
      path,
      reason: error.message,
    });
  }
}
