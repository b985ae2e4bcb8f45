import { assertFiniteSeries } from './args.js';
import { assertBarColumns, type BarColumns } from './bar-args.js';
import { type Kernel, runKernel } from './kernel.js';

/** Runs a one-input kernel over a validated series; returns its outputs. */
export function runOnSeries(kernel: Kernel, values: ArrayLike<number>, name = 'values'): Float64Array[] {
  assertFiniteSeries(name, values);
  return runKernel(kernel, [values], values.length);
}

/** Bar columns a kernel reads, by name. */
export interface KernelColumns extends BarColumns {
  open?: ArrayLike<number>;
}

/**
 * Validates bar columns (finite, equal lengths, high ≥ low, volume ≥ 0; errors name the column
 * and index) and runs a kernel over them, passing the columns to `step` in the order given by
 * `order`; returns the kernel's outputs.
 */
export function runOnBars(
  kernel: Kernel,
  columns: KernelColumns,
  order: readonly (keyof KernelColumns)[],
): Float64Array[] {
  // assertBarColumns checks every column it is given (open included) for finiteness and length.
  const length = assertBarColumns(columns);
  const picked = order.map((name) => columns[name] as ArrayLike<number>);
  return runKernel(kernel, picked, length);
}
