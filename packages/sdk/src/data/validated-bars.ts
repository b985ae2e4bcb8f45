import type { BarSeries } from './schemas.js';

/** Type-only brand: exists in declarations, never at run time (the registry below is the proof). */
declare const validatedBarsBrand: unique symbol;

/**
 * A {@link BarSeries} that `validateBars` has checked and normalised: ascending unique finite
 * timestamps, positive finite prices with low ≤ open, close ≤ high, non-negative finite volume,
 * every column a `Float64Array` of one length. The analyzer, the scoring engine and `@da-ki/ml`
 * take such a series as it is; any other series they validate first.
 *
 * Treat it as immutable: its columns may share memory with the arrays it was validated from, and
 * a value written into them afterwards is not checked again.
 */
export type ValidatedBarSeries = BarSeries & { readonly [validatedBarsBrand]: true };

/**
 * The series `validateBars` produced. A registry rather than a property: a property would be copied
 * by `{ ...series, close: other }` and vouch for columns nobody checked. Kept on `globalThis` under
 * a registered symbol so that the ESM and CommonJS builds of this package (both loaded in one
 * process) recognise each other's series; only code that means to can reach it.
 */
const registryKey = Symbol.for('@da-ki/sdk/validated-bar-series');
const shared = globalThis as { [registryKey]?: WeakSet<object> };
const registry = (shared[registryKey] ??= new WeakSet<object>());

/** True when `value` is a series returned by `validateBars` (or sliced from one by `sliceBarsByTime`). */
export function isValidatedBars(value: unknown): value is ValidatedBarSeries {
  return typeof value === 'object' && value !== null && registry.has(value);
}

/** Records a series as validated. Internal: only code that has checked every row may call it. */
export function markValidated(series: BarSeries): ValidatedBarSeries {
  registry.add(series);
  return series as ValidatedBarSeries;
}
