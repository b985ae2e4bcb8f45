// Test kit: the TTR reference columns written by packages/sdk/test/reference/ttr-reference.R.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const TTR_DIR = fileURLToPath(new URL('../../../test/reference/ttr/', import.meta.url));

/** Columns of one TTR reference file (`dax` or `msft`) by name; NA is NaN. */
export function loadTtrReference(series: 'dax' | 'msft'): Map<string, number[]> {
  const [header, ...rows] = readFileSync(`${TTR_DIR}${series}.csv`, 'utf8').trim().split(/\r?\n/);
  const names = (header as string).split(',');
  const columns = new Map<string, number[]>(names.map((name) => [name, []]));
  for (const row of rows) {
    row.split(',').forEach((field, k) => {
      columns.get(names[k] as string)?.push(field === '' ? Number.NaN : Number(field));
    });
  }
  return columns;
}

/** One column of a TTR reference file; throws if the script did not write it. */
export function ttrColumn(columns: Map<string, number[]>, name: string): number[] {
  const column = columns.get(name);
  if (!column) throw new Error(`TTR reference column ${name} is missing: rerun ttr-reference.R`);
  return column;
}

/** The column shifted `by` places later (NaN-filled): TTR's look-ahead outputs in causal alignment. */
export function shiftLater(values: readonly number[], by: number): number[] {
  return values.map((_, i) => (i >= by ? (values[i - by] as number) : Number.NaN));
}
