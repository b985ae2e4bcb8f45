import { InvalidArgumentError } from '@da-ki/sdk';

function assertPaired(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  predictedName = 'predicted',
): void {
  if (actual.length === 0) throw new InvalidArgumentError('actual', 'must not be empty');
  if (predicted.length !== actual.length) {
    throw new InvalidArgumentError(
      predictedName,
      `has ${predicted.length} values but actual has ${actual.length}`,
    );
  }
  for (let i = 0; i < actual.length; i++) {
    if (!Number.isFinite(actual[i] as number)) throw new InvalidArgumentError('actual', `is ${actual[i]}`, i);
    if (!Number.isFinite(predicted[i] as number))
      throw new InvalidArgumentError(predictedName, `is ${predicted[i]}`, i);
  }
}

/** Root mean squared error. */
export function rmse(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  assertPaired(actual, predicted);
  let ss = 0;
  for (let i = 0; i < actual.length; i++) ss += ((actual[i] as number) - (predicted[i] as number)) ** 2;
  return Math.sqrt(ss / actual.length);
}

/** Mean absolute error. */
export function mae(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  assertPaired(actual, predicted);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs((actual[i] as number) - (predicted[i] as number));
  return sum / actual.length;
}

/**
 * Mean absolute percentage error as a fraction (0.05 = 5 %): mean of |a − p| / |a|. Undefined
 * where an actual value is 0, so such input is rejected rather than turned into Infinity.
 */
export function mape(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  assertPaired(actual, predicted);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] as number;
    if (a === 0) throw new InvalidArgumentError('actual', 'is 0: MAPE is undefined there', i);
    sum += Math.abs(a - (predicted[i] as number)) / Math.abs(a);
  }
  return sum / actual.length;
}

/**
 * MAPE of the price forecasts implied by log-return forecasts: the predicted price is
 * P₀·e^p and the realised one P₀·e^a, so the error is |e^(p − a) − 1| whatever P₀.
 */
export function priceMapeFromLogReturns(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  assertPaired(actual, predicted);
  let sum = 0;
  for (let i = 0; i < actual.length; i++)
    sum += Math.abs(Math.exp((predicted[i] as number) - (actual[i] as number)) - 1);
  return sum / actual.length;
}

/**
 * Share of rows where the forecast has the sign of the outcome, among rows where both are
 * non-zero; `null` when there are none (a forecast of exactly 0 calls no direction).
 */
export function directionalAccuracy(actual: ArrayLike<number>, predicted: ArrayLike<number>): number | null {
  assertPaired(actual, predicted);
  let called = 0;
  let right = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = Math.sign(actual[i] as number);
    const p = Math.sign(predicted[i] as number);
    if (a === 0 || p === 0) continue;
    called++;
    if (a === p) right++;
  }
  return called === 0 ? null : right / called;
}

/** Share of outcomes inside their interval [lower, upper] (bounds included). */
export function intervalCoverage(
  actual: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
): number {
  assertPaired(actual, lower, 'lower');
  assertPaired(actual, upper, 'upper');
  let inside = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] as number;
    if ((lower[i] as number) > (upper[i] as number))
      throw new InvalidArgumentError('lower', 'is above upper', i);
    if (a >= (lower[i] as number) && a <= (upper[i] as number)) inside++;
  }
  return inside / actual.length;
}
