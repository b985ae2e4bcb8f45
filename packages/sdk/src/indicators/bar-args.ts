import { InvalidArgumentError } from '../data/errors.js';
import { assertFiniteSeries, assertSameLength } from './args.js';
import type { BarInput } from './streaming.js';

/** Columns of a bar series that an OHLCV indicator reads (only the ones it needs). */
export interface BarColumns {
  high?: ArrayLike<number>;
  low?: ArrayLike<number>;
  close?: ArrayLike<number>;
  volume?: ArrayLike<number>;
}

/** A bar with the volume that volume indicators (MFI, VWAP) need. */
export interface VolumeBarInput extends BarInput {
  /** Traded volume, ≥ 0. */
  volume: number;
}

/** Which consistency rules an indicator relies on beyond finite values. */
export interface BarRules {
  /**
   * Require `low ≤ close ≤ high`: oscillators that place the close inside the bar's range
   * (stochastic, Williams %R) leave their documented range otherwise.
   */
  closeWithinRange?: boolean;
}

/** The rules of oscillators that place the close inside the bar's range. */
export const CLOSE_WITHIN_RANGE: Readonly<BarRules> = Object.freeze({ closeWithinRange: true });

/**
 * Validates the columns of a batch OHLCV indicator: finite values, equal lengths, `high ≥ low`,
 * `volume ≥ 0` and, on request, `low ≤ close ≤ high` — what `validateBars` guarantees for real
 * series. Returns the common length. Errors name the column and the index.
 */
export function assertBarColumns(columns: BarColumns, rules: BarRules = {}): number {
  const present: Record<string, ArrayLike<number>> = {};
  for (const [name, values] of Object.entries(columns)) {
    if (values === undefined) continue;
    assertFiniteSeries(name, values);
    present[name] = values;
  }
  const length = assertSameLength(present);
  const { high, low, close, volume } = columns;
  // One tight loop per rule: these run over every bar of every batch call.
  if (high && low) assertNotBelow(high, low, length);
  if (volume) assertNonNegativeVolume(volume, length);
  if (rules.closeWithinRange && high && low && close) assertCloseWithin(close, high, low, length);
  return length;
}

/**
 * The common length of bar columns for a batch loop that checks the bars inside its own pass (one
 * pass over the columns instead of one per rule). O(1) when every column is a `Float64Array` (its
 * elements are numbers) of one length; any other input gets the full {@link assertBarColumns}
 * first. The loop must still catch non-finite values, `high < low` and negative volumes, and then
 * call {@link rejectBarColumns}, which throws the error that names the column and the index.
 */
export function fusedCheckLength(columns: BarColumns): number {
  let length = -1;
  for (const values of Object.values(columns)) {
    if (values === undefined) continue;
    if (!(values instanceof Float64Array) || (length !== -1 && values.length !== length))
      return assertBarColumns(columns);
    length = values.length;
  }
  return length === -1 ? assertBarColumns(columns) : length;
}

/**
 * Throws {@link assertBarColumns}' error for columns a fused batch loop found a bad bar in (see
 * {@link fusedCheckLength}).
 */
export function rejectBarColumns(columns: BarColumns, rules: BarRules = {}): never {
  assertBarColumns(columns, rules);
  // Only reached if the loop's test and assertBarColumns disagree: a bug, never bad input.
  throw new Error('a fused bar check rejected columns that assertBarColumns accepts');
}

/** For fused checks: true unless `low ≤ high` with both finite (NaN fails `≤`; x − x is NaN for ±Infinity). */
export function isBadRange(high: number, low: number): boolean {
  return !(low <= high) || high - high !== 0 || low - low !== 0;
}

/** For fused checks: true for NaN and ±Infinity. */
export function isNotFinite(value: number): boolean {
  return value - value !== 0;
}

// Each loop only finds the offending index; the message is built outside it (a template string
// inside the loop keeps V8 from optimising it: 40× slower on a million bars).
function assertNotBelow(high: ArrayLike<number>, low: ArrayLike<number>, length: number): void {
  for (let i = 0; i < length; i++) {
    if ((high[i] as number) < (low[i] as number)) failAt('high', i, 'is below `low`', high[i], low[i]);
  }
}

function assertNonNegativeVolume(volume: ArrayLike<number>, length: number): void {
  for (let i = 0; i < length; i++) {
    if ((volume[i] as number) < 0) failAt('volume', i, 'must not be negative', volume[i]);
  }
}

function assertCloseWithin(
  close: ArrayLike<number>,
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  length: number,
): void {
  for (let i = 0; i < length; i++) {
    const c = close[i] as number;
    if (c > (high[i] as number)) failAt('close', i, 'is above `high`', c, high[i]);
    if (c < (low[i] as number)) failAt('close', i, 'is below `low`', c, low[i]);
  }
}

function failAt(argument: string, index: number, reason: string, value: unknown, bound?: unknown): never {
  const detail = bound === undefined ? `got ${value}` : `${value} vs ${bound}`;
  throw new InvalidArgumentError(argument, `${reason} (${detail})`, index);
}

// Streaming checks run once per update: plain comparisons, and strings only when failing.

function assertBarObject(bar: unknown): void {
  if (bar == null || typeof bar !== 'object') throw new InvalidArgumentError('bar', 'must be an object');
}

function assertFiniteField(field: string, value: number): void {
  if (!Number.isFinite(value))
    throw new InvalidArgumentError(`bar.${field}`, `must be a finite number, got ${value}`);
}

/**
 * Validates one streaming bar for an indicator reading high, low and close, with the rules of
 * {@link assertBarColumns}: finite fields, `high ≥ low`, and on request `low ≤ close ≤ high`.
 */
export function checkHighLowClose(bar: BarInput, rules: BarRules = {}): void {
  assertBarObject(bar);
  const { high, low, close } = bar;
  assertFiniteField('high', high);
  assertFiniteField('low', low);
  assertFiniteField('close', close);
  if (high < low) throw new InvalidArgumentError('bar.high', `is below bar.low (${high} < ${low})`);
  if (rules.closeWithinRange) {
    if (close > high) throw new InvalidArgumentError('bar.close', `is above bar.high (${close} > ${high})`);
    if (close < low) throw new InvalidArgumentError('bar.close', `is below bar.low (${close} < ${low})`);
  }
}

/** Validates one streaming bar for a volume indicator reading high, low, close and volume (≥ 0). */
export function checkHighLowCloseVolume(bar: VolumeBarInput): void {
  checkHighLowClose(bar);
  checkVolume(bar.volume);
}

/** Validates one streaming `{ close, volume }` input (finite close, finite volume ≥ 0). */
export function checkCloseVolume(bar: { close: number; volume: number }): void {
  assertBarObject(bar);
  assertFiniteField('close', bar.close);
  checkVolume(bar.volume);
}

function checkVolume(volume: number): void {
  assertFiniteField('volume', volume);
  if (volume < 0) throw new InvalidArgumentError('bar.volume', `must not be negative, got ${volume}`);
}

/**
 * Typical price (high + low + close) / 3, written once so batch and streaming round alike. The sum
 * is taken of quarters (exact for values above 2^-1020), so prices near `Number.MAX_VALUE` do not
 * overflow; the result has the same bits as the plain formula.
 */
export function typicalPrice(high: number, low: number, close: number): number {
  return ((high * 0.25 + low * 0.25 + close * 0.25) / 3) * 4;
}
