/** A cell of a text table. */
export type Cell = string | number | null | undefined;

/**
 * A plain-text table: a header, a rule, and rows whose columns are padded to their widest cell.
 * A column is right-aligned, header included, when all its cells are numbers or when `align` has
 * an `r` at its index (for numbers already formatted as text).
 */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  align?: string,
): string {
  const text = (cell: Cell) => (cell === null || cell === undefined ? '' : String(cell));
  const right = header.map(
    (_, k) => align?.[k] === 'r' || (rows.length > 0 && rows.every((row) => typeof row[k] === 'number')),
  );
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((row) => text(row[k]).length)));
  const line = (cells: readonly Cell[]) =>
    cells
      .map((cell, k) =>
        right[k] ? text(cell).padStart(widths[k] as number) : text(cell).padEnd(widths[k] as number),
      )
      .join('  ')
      .trimEnd();
  return `${[line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')}\n`;
}
