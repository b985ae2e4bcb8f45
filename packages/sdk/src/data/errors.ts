/** Base class of every error DA-KI throws on purpose, so callers can catch them as one family. */
export class DaKiError extends Error {
  override name = 'DaKiError';
}

/** Where a bad value was found: enough for a user to find it in their own data. */
export interface DataIssueLocation {
  /** Symbol of the series, when known. */
  symbol?: string;
  /** Field name, e.g. `close` or `timestamps`. */
  field: string;
  /** Row index in the (sorted) series, when the problem is one row. */
  index?: number;
  /** The offending value. */
  value?: unknown;
}

/**
 * Market data that no real series contains (non-finite or non-positive prices, high below low,
 * negative volume, ...). The message names symbol, field and index.
 */
export class DataValidationError extends DaKiError {
  override name = 'DataValidationError';
  readonly symbol: string | undefined;
  readonly field: string;
  readonly index: number | undefined;
  readonly value: unknown;

  constructor(reason: string, location: DataIssueLocation) {
    super(`${describeLocation(location)}: ${reason}`);
    this.symbol = location.symbol;
    this.field = location.field;
    this.index = location.index;
    this.value = location.value;
  }
}

/** A function or constructor was called with an argument it cannot work with. */
export class InvalidArgumentError extends DaKiError {
  override name = 'InvalidArgumentError';
  readonly argument: string;
  readonly index: number | undefined;

  constructor(argument: string, reason: string, index?: number) {
    super(`Invalid argument \`${argument}\`${index === undefined ? '' : ` at index ${index}`}: ${reason}`);
    this.argument = argument;
    this.index = index;
  }
}

function describeLocation({ symbol, field, index, value }: DataIssueLocation): string {
  const parts = [symbol ? `${symbol}` : 'series', field];
  let text = parts.join('.');
  if (index !== undefined) text += `[${index}]`;
  if (value !== undefined) text += ` = ${formatValue(value)}`;
  return text;
}

function formatValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return Object.prototype.toString.call(value);
}
