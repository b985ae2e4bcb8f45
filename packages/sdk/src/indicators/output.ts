import { InvalidArgumentError } from '../data/errors.js';
import { warmUpArray } from './args.js';

/**
 * Batch option of a one-column indicator: the column to write into instead of allocating one.
 *
 * Writing a fresh 1 M-value `Float64Array` costs the operating system one page fault per 4 KiB on
 * first touch — 3–30 ms per million values on the VMs we measure, often more than the indicator's
 * own arithmetic. A caller that computes the same indicator again and again (a screener over many
 * symbols, a backtest sweep) can keep one column per output and pass it back every time: the
 * function writes every slot (`NaN` over the warm-up), returns that same array, and allocates no
 * output memory.
 */
export interface ColumnOutput {
  /**
   * Written in place and returned: a `Float64Array` of the input's length that shares no memory
   * with an input (the function would read values it has already overwritten). Its previous
   * contents do not matter: every slot is written.
   */
  out?: Float64Array;
}

/**
 * Batch option of an indicator with several output columns (`TSeries` is its result type, e.g.
 * `{ upper, middle, lower }`): any of them may be given, to write into instead of allocating; the
 * others are allocated as usual. The same rules as {@link ColumnOutput}'s `out` apply to each,
 * and two outputs may not share memory.
 */
export interface ColumnsOutput<TSeries> {
  /** Columns to write into, by output name. */
  out?: { readonly [K in keyof TSeries]?: Float64Array };
}

/** Named arrays a caller's output column must not overlap (the function's inputs, its other outputs). */
export type ColumnsInUse = Readonly<Record<string, ArrayLike<number> | undefined>>;

/**
 * The output column of a batch function: the caller's `out` (checked, `NaN` written over its first
 * `warmUp` slots) or a new `Float64Array` with `NaN` there. Either way the batch loop must write
 * every slot from `warmUp` on. `name` names the option in errors (`out`, `out.upper`); `inUse` are
 * the arrays it may not share memory with, by the names the caller knows them by.
 */
export function outputColumn(
  out: Float64Array | undefined,
  name: string,
  length: number,
  warmUp: number,
  inUse: ColumnsInUse,
): Float64Array {
  if (out === undefined) return warmUpArray(length, warmUp);
  checkOutput(out, Float64Array, name, length, inUse);
  return out.fill(Number.NaN, 0, Math.min(Math.max(warmUp, 0), length));
}

/**
 * The output columns of a multi-output batch function, by name: each the caller's `out[name]`
 * (checked as by {@link outputColumn}, and against the other outputs) or a new column, with `NaN`
 * over its warm-up (one count for all, or one per name). An `out` key that is not an output
 * (a misspelt `uper`) is refused rather than ignored.
 */
export function outputColumns<K extends string>(
  out: { readonly [P in K]?: Float64Array } | undefined,
  names: readonly K[],
  length: number,
  warmUp: number | Readonly<Record<K, number>>,
  inputs: ColumnsInUse,
): Record<K, Float64Array> {
  assertOutputNames(out, names);
  const inUse: Record<string, ArrayLike<number> | undefined> = { ...inputs };
  const columns = {} as Record<K, Float64Array>;
  for (const name of names) {
    const skip = typeof warmUp === 'number' ? warmUp : warmUp[name];
    const column = outputColumn(out?.[name], `out.${name}`, length, skip, inUse);
    columns[name] = column;
    inUse[`out.${name}`] = column;
  }
  return columns;
}

/**
 * Throws unless `out` is undefined or an object whose keys are all among `names` (for functions
 * that hand their columns to a kernel runner instead of {@link outputColumns}).
 */
export function assertOutputNames(out: object | undefined, names: readonly string[]): void {
  if (out === undefined) return;
  if (out === null || typeof out !== 'object' || ArrayBuffer.isView(out)) {
    throw new InvalidArgumentError(
      'out',
      `must be an object of columns (${names.join(', ')}), got ${describe(out)}`,
    );
  }
  for (const key of Object.keys(out)) {
    if (!names.includes(key)) {
      throw new InvalidArgumentError(`out.${key}`, `is not an output; the outputs are ${names.join(', ')}`);
    }
  }
}

/**
 * Checks a caller's output array: the right type, the input's length, no memory shared with the
 * arrays in `inUse`.
 */
export function checkOutput(
  out: unknown,
  type: typeof Float64Array | typeof Int32Array,
  name: string,
  length: number,
  inUse: ColumnsInUse,
): void {
  if (!(out instanceof type)) {
    throw new InvalidArgumentError(name, `must be ${withArticle(type.name)}, got ${describe(out)}`);
  }
  if (out.length !== length) {
    throw new InvalidArgumentError(name, `has length ${out.length} but the input has length ${length}`);
  }
  for (const [other, values] of Object.entries(inUse)) {
    if (values !== undefined && sharesMemory(out, values)) {
      throw new InvalidArgumentError(name, `shares memory with \`${other}\`: pass a separate array`);
    }
  }
}

/** Whether two views overlap in one buffer (plain arrays share memory with nothing). */
function sharesMemory(a: ArrayBufferView, b: ArrayLike<number>): boolean {
  if (!ArrayBuffer.isView(b) || a.buffer !== b.buffer) return false;
  return a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return (value as object).constructor?.name ?? 'an object';
}

function withArticle(typeName: string): string {
  return `${/^[AEIOU]/.test(typeName) ? 'an' : 'a'} ${typeName}`;
}
