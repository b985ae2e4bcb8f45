// Shared by the benchmarks: a median and a plain-text table.

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Prints rows under a header, columns padded to their widest cell (numbers right-aligned). */
export function printTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): void {
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((row) => String(row[k] ?? '').length)));
  const line = (cells: readonly (string | number)[]) =>
    cells
      .map((cell, k) =>
        typeof cell === 'number'
          ? String(cell).padStart(widths[k] as number)
          : String(cell).padEnd(widths[k] as number),
      )
      .join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}
