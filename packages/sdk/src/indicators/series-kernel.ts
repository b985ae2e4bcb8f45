import { assertFiniteSeries } from './args.js';
import { assertBarColumns, type BarColumns } from './bar-args.js';
import { type Kernel, runKernel } from './kernel.js';
import { type ColumnsInUse, checkOutput } from './output.js';

/**
 * Caller's columns for a kernel's outputs, in the kernel's output order, each with the name of
 * its option (`out`, `out.k`) for errors; `undefined` where the caller gave none.
 */
export type KernelOutputs = readonly (readonly [name: string, column: Float64Array | undefined])[];

/** Runs a one-input kernel over a validated series; returns its outputs (the caller's where given). */
export function runOnSeries(
  kernel: Kernel,
  values: ArrayLike<number>,
  name = 'values',
  outputs: KernelOutputs = [],
): Float64Array[] {
  assertFiniteSeries(name, values);
  const length = values.length;
  return runKernel(kernel, [values], length, checkedOutputs(outputs, length, { [name]: values }));
}

/**
 * The caller's output columns, each checked (a `Float64Array` of `length` that overlaps no input
 * and no other output).
 */
export function checkedOutputs(
  outputs: KernelOutputs,
  length: number,
  inputs: ColumnsInUse,
): (Float64Array | undefined)[] {
  const inUse: Record<string, ArrayLike<number> | undefined> = { ...inputs };
  return outputs.map(([name, column]) => {
    if (column === undefined) return undefined;
    checkOutput(column, Float64Array, name, length, inUse);
    inUse[name] = column;
    return column;
  });
}

/** Bar columns a kernel reads, by name. */
export interface KernelColumns extends BarColumns {
  open?: ArrayLike<number>;
}

/**
 * Validates bar columns (finite, equal lengths, high ≥ low, volume ≥ 0; errors name the column
 * and index) and runs a kernel over them, passing the columns to `step` in the order given by
 * `order`; returns the kernel's outputs (the caller's columns where `outputs` has them).
 */
export function runOnBars(
  kernel: Kernel,
  columns: KernelColumns,
  order: readonly (keyof KernelColumns)[],
  outputs: KernelOutputs = [],
): Float64Array[] {
  // assertBarColumns checks every column it is given (open included) for finiteness and length.
  const length = assertBarColumns(columns);
  const picked = order.map((name) => columns[name] as ArrayLike<number>);
  return runKernel(kernel, picked, length, checkedOutputs(outputs, length, { ...columns }));
}
