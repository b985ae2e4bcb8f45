/**
 * Guards against overflow at extreme magnitudes (prices near 1e300, products of price and volume
 * beyond 1.8e308): sums are scaled by a power of two, which is exact, and what cannot be scaled
 * throws {@link IndicatorOverflowError} — never a silent NaN or Infinity.
 */

/**
 * An input whose magnitude would overflow an indicator's arithmetic. A `RangeError`, so it can be
 * told apart from a malformed argument; names the input, the index and the value.
 */
export class IndicatorOverflowError extends RangeError {
  override name = 'IndicatorOverflowError';
  /** Name of the input, e.g. `values` or `volume`. */
  readonly argument: string;
  /** Index of the offending value (streaming: the count of inputs before it). */
  readonly index: number | undefined;
  /** The offending value. */
  readonly value: number;

  constructor(argument: string, value: number, reason: string, index?: number) {
    super(`\`${argument}\`${index === undefined ? '' : ` at index ${index}`} = ${value}: ${reason}`);
    this.argument = argument;
    this.index = index;
    this.value = value;
  }
}

/**
 * Window sums add values times 2^-64 and multiply the result back: scaling by a power of two is
 * exact (the same bits as an unscaled sum) for every value above 2^-958 ≈ 1e-288, and a sum of
 * values up to `Number.MAX_VALUE` can then only overflow after 2^64 of them.
 */
export const SUM_SCALE = 2 ** -64;
/** Inverse of {@link SUM_SCALE}. */
export const SUM_UNSCALE = 2 ** 64;

/**
 * Largest magnitude the rolling variance accepts for a window of `period`: squared deviations of
 * values up to 2^500 / period, summed `period` times and multiplied by `period`, stay below 2^1023.
 * (A power-of-two scale cannot help here: the squares of small deviations would underflow.)
 */
export function varianceLimit(period: number): number {
  return 2 ** 500 / period;
}

/** Throws {@link IndicatorOverflowError} at the first value beyond {@link varianceLimit}. */
export function assertVarianceMagnitudes(name: string, values: ArrayLike<number>, period: number): void {
  const limit = varianceLimit(period);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v > limit || v < -limit) failVariance(name, v, limit, i);
  }
}

/** Streaming form of {@link assertVarianceMagnitudes} for one value. */
export function checkVarianceMagnitude(name: string, value: number, period: number, index: number): void {
  const limit = varianceLimit(period);
  if (value > limit || value < -limit) failVariance(name, value, limit, index);
}

function failVariance(name: string, value: number, limit: number, index: number): never {
  throw new IndicatorOverflowError(
    name,
    value,
    `magnitude above ${limit.toPrecision(3)}, where the squared deviations of the window overflow`,
    index,
  );
}

/** Throws {@link IndicatorOverflowError} unless a computed sum is finite (its inputs were). */
export function assertFiniteSum(name: string, sum: number, value: number, index: number, what: string): void {
  if (!Number.isFinite(sum)) {
    throw new IndicatorOverflowError(name, value, `${what} overflows the largest double`, index);
  }
}
