import { InvalidArgumentError } from '@da-ki/sdk';

/**
 * Feature rows stored in one flat `Float64Array` (row-major), so a whole table crosses to a worker
 * thread as one buffer. `firstRowOf[i]` is the first row of row i's symbol: rows of a symbol are
 * contiguous and in time order, which is what sequence windows need.
 */
export interface FeatureTable {
  flat: Float64Array;
  width: number;
  firstRowOf: Int32Array;
}

/** Row views (no copy) of a table, for row-based models. */
export function tableRows(table: FeatureTable, rows: ArrayLike<number>): Float64Array[] {
  const { flat, width } = table;
  return Array.from(rows, (row) => flat.subarray(row * width, (row + 1) * width));
}

/**
 * For each of `rows`, the `timesteps` consecutive rows of the same symbol ending at it, laid end
 * to end, oldest first — the input of a sequence model. Rows with fewer predecessors repeat their
 * symbol's first row (edge padding), so every row gets a window.
 */
export function tableWindows(
  table: FeatureTable,
  rows: ArrayLike<number>,
  timesteps: number,
): Float64Array[] {
  if (!Number.isInteger(timesteps) || timesteps < 1)
    throw new InvalidArgumentError('timesteps', `must be a positive integer, got ${timesteps}`);
  const { flat, width, firstRowOf } = table;
  return Array.from(rows, (row) => {
    const first = firstRowOf[row] as number;
    const out = new Float64Array(timesteps * width);
    for (let k = 0; k < timesteps; k++) {
      const source = Math.max(first, row - (timesteps - 1 - k));
      out.set(flat.subarray(source * width, (source + 1) * width), k * width);
    }
    return out;
  });
}

/** Rows (`timesteps` = 0) or windows of a table. */
export function tableInputs(table: FeatureTable, rows: ArrayLike<number>, timesteps: number): Float64Array[] {
  return timesteps > 0 ? tableWindows(table, rows, timesteps) : tableRows(table, rows);
}
