import { open } from 'node:fs/promises';
import type { CsvInput } from './csv-input.js';
import type { FileSettings } from './folder-config.js';

/** How a file separates fields and writes decimals. */
export interface CsvDialect {
  delimiter: ',' | ';' | '\t';
  decimalComma: boolean;
}

const SAMPLE_BYTES = 64 * 1024;

/**
 * The dialect of a file: `delimiter` and `decimal` from da-ki.json when set, else detected from
 * its first 64 KB. The delimiter is the candidate that splits the header into the most fields
 * and every sampled line into the same count; a decimal comma is only possible when the
 * delimiter is not a comma, and is assumed when numbers like `12,5` or `1.234,56` appear.
 * A file already read whole is sampled from its bytes, not opened again.
 */
export async function detectDialect(input: CsvInput | string, settings: FileSettings): Promise<CsvDialect> {
  const bytes = typeof input === 'string' ? undefined : input.bytes;
  const sample =
    bytes === undefined
      ? await readSample(typeof input === 'string' ? input : input.path)
      : bytes.subarray(0, SAMPLE_BYTES).toString('utf8');
  const lines = sampleLines(sample, sample.length >= SAMPLE_BYTES);
  const delimiter = (settings.delimiter as CsvDialect['delimiter'] | undefined) ?? guessDelimiter(lines);
  const decimalComma =
    settings.decimal !== undefined
      ? settings.decimal === ','
      : delimiter !== ',' && looksDecimalComma(lines, delimiter);
  return { delimiter, decimalComma };
}

/** Lines the detection looks at: the header and the next 49 (see guessDelimiter, looksDecimalComma). */
const LINES_USED = 50;

/**
 * The non-blank lines of the sample (split at `\n` or `\r\n`), at least the first
 * {@link LINES_USED} of them; when the sample was `cut` at its size and ends within those, its
 * last line is dropped (it may be cut off). Collecting only what is used keeps a folder of
 * thousands of files from splitting every file's sample into hundreds of strings.
 */
function sampleLines(sample: string, cut: boolean): string[] {
  const lines: string[] = [];
  for (let from = 0; lines.length <= LINES_USED; ) {
    const at = sample.indexOf('\n', from);
    let line = sample.slice(from, at < 0 ? sample.length : at);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() !== '') lines.push(line);
    if (at < 0) {
      if (cut) lines.pop();
      break;
    }
    from = at + 1;
  }
  return lines;
}

async function readSample(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

function countOutsideQuotes(line: string, char: string): number {
  // Char codes, not `for…of` (a string iterator step per character, for up to 60 lines of every
  // file of a folder); a surrogate half is never the quote or a delimiter, so counts are the same.
  const wanted = char.charCodeAt(0);
  let count = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === wanted && !quoted) count++;
  }
  return count;
}

function guessDelimiter(lines: readonly string[]): CsvDialect['delimiter'] {
  const header = lines[0] ?? '';
  let best: CsvDialect['delimiter'] = ',';
  let bestCount = 0;
  for (const candidate of [';', '\t', ','] as const) {
    const count = countOutsideQuotes(header, candidate);
    if (count === 0) continue;
    const consistent = lines.slice(1, 20).every((line) => countOutsideQuotes(line, candidate) === count);
    if (consistent && count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

function looksDecimalComma(lines: readonly string[], delimiter: string): boolean {
  for (const line of lines.slice(1, 50)) {
    for (const field of line.split(delimiter)) {
      if (/^"?[+-]?(\d{1,3}(\.\d{3})+|\d+),\d+"?$/.test(field.trim())) return true;
    }
  }
  return false;
}
