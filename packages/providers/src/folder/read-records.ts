import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import type { CsvDialect } from './csv-dialect.js';

/** One record of a CSV file and the 1-based line it ended on. */
export interface CsvRecord {
  record: string[];
  line: number;
}

/** A CSV file the parser could not read past (unclosed quote, binary content, I/O error). */
export class CsvReadError extends Error {
  override name = 'CsvReadError';
  constructor(
    message: string,
    readonly line: number | undefined,
  ) {
    super(message);
  }
}

/**
 * Streams the records of a CSV file (csv-parse over a read stream: the file is never held as
 * one string). Records with a different field count are passed on for the caller to judge
 * (`relax_column_count`), so that one bad row can be reported with its line instead of ending
 * the read; parser failures become a {@link CsvReadError} naming the line.
 */
export async function* readRecords(path: string, dialect: CsvDialect): AsyncGenerator<CsvRecord> {
  const input = createReadStream(path);
  const parser = parse({
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    delimiter: dialect.delimiter,
    info: true,
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      yield { record, line: info.lines };
    }
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new CsvReadError((error as Error).message, typeof line === 'number' ? line : undefined);
  } finally {
    input.destroy();
    parser.destroy();
  }
}
