/** One CSV field per RFC 4180: quoted when it holds a comma, a quote or a line break. */
function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV document: header row and data rows, `\n` line ends, trailing newline. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
): string {
  return [header, ...rows]
    .map((row) => row.map(csvField).join(','))
    .join('\n')
    .concat('\n');
}
