import { open } from 'node:fs/promises';
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
 */
export async function detectDialect(path: string, settings: FileSettings): Promise<CsvDialect> {
  const sample = await readSample(path);
  const lines = sample.split(/\r?\n/).filter((line) => line.trim() !== '');
  // The last line may be cut off by the sample size.
  if (sample.length >= SAMPLE_BYTES) lines.pop();
  const delimiter = (settings.delimiter as CsvDialect['delimiter'] | undefined) ?? guessDelimiter(lines);
  const decimalComma =
    settings.decimal !== undefined
      ? settings.decimal === ','
      : delimiter !== ',' && looksDecimalComma(lines, delimiter);
  return { delimiter, decimalComma };
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
  let count = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === char && !quoted) count++;
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
