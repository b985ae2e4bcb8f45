import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import type { CsvDialect } from './csv-dialect.js';
import type { CsvInput } from './csv-input.js';
import { forEachLargePlainRecord } from './large-plain-csv.js';
import { forEachPlainRecord, type LineReaderSlot, plainCsv } from './plain-csv.js';

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

/** Called per record with its 1-based line (the line it ends on); return `false` to stop reading. */
export type RecordHandler = (record: string[], line: number) => boolean | undefined;

/**
 * Passes the records of a CSV file to `onRecord`. A plain file — ASCII, quotes only around whole
 * fields, one kind of line break — is split by {@link forEachPlainRecord}, which gives the same
 * records and lines as csv-parse: whole when it was read whole (see `openCsvInput`), else piece by
 * piece (never held as one string). Every other file goes through csv-parse, a large one streamed.
 * `slot` lets the handler read lines of a plain file in place (see {@link LineReaderSlot});
 * csv-parse's records all go to `onRecord`.
 */
export async function forEachRecord(
  input: CsvInput | string,
  dialect: CsvDialect,
  onRecord: RecordHandler,
  slot?: LineReaderSlot,
): Promise<void> {
  const source: CsvInput = typeof input === 'string' ? { path: input, bytes: undefined } : input;
  if (source.bytes !== undefined) {
    const plain = plainCsv(source.bytes, dialect.delimiter);
    if (plain !== undefined) {
      forEachPlainRecord(plain, dialect.delimiter, onRecord, slot);
      return;
    }
  } else {
    try {
      if (await forEachLargePlainRecord(source, dialect, onRecord, slot)) return;
    } catch (error) {
      // An error of the handler ends the read as is; one of the file system becomes a read error.
      if ((error as NodeJS.ErrnoException).syscall !== undefined) {
        throw new CsvReadError((error as Error).message, undefined);
      }
      throw error;
    }
  }
  return parseRecords(source, dialect, onRecord);
}

/**
 * The records of a CSV file through csv-parse, from its bytes or streamed from disk. Records are
 * handed over synchronously as the parser produces them — no promise per record, which would
 * dominate the time of a multi-million-row file. Records with a different field count are passed
 * on for the caller to judge (`relax_column_count`), so one bad row can be reported with its
 * line; parser failures become a {@link CsvReadError} naming the line, and an error thrown by
 * `onRecord` ends the read as is.
 */
export function parseRecords(source: CsvInput, dialect: CsvDialect, onRecord: RecordHandler): Promise<void> {
  return new Promise((resolve, reject) => {
    const bytes = source.bytes;
    const input =
      bytes === undefined ? createReadStream(source.path, { highWaterMark: 256 * 1024 }) : undefined;
    // No `info: true`: csv-parse builds an info object per record, which triples the time of a
    // large file. Lines are counted here instead: one per record, plus the line breaks inside
    // quoted fields; empty lines arrive as a single empty field and are counted, not passed on.
    const parser = parse({
      bom: true,
      trim: true,
      skip_empty_lines: false,
      relax_column_count: true,
      delimiter: dialect.delimiter,
    });
    let line = 0;
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      input?.destroy();
      parser.destroy();
      if (error === undefined) resolve();
      else reject(error);
    };
    if (input && source.hashing) {
      const hashing = source.hashing;
      input.on('data', (chunk) => hashing.update(chunk as Buffer));
      input.on('end', () => hashing.end());
    }
    input?.on('error', (error) => finish(new CsvReadError(error.message, undefined)));
    parser.on('error', (error) => {
      const at = (error as { lines?: number }).lines;
      finish(new CsvReadError(error.message, typeof at === 'number' ? at : undefined));
    });
    parser.on('readable', () => {
      try {
        let record: string[] | null;
        while (!settled && (record = parser.read()) !== null) {
          line++;
          for (const field of record) {
            for (let at = field.indexOf('\n'); at >= 0; at = field.indexOf('\n', at + 1)) line++;
          }
          if (record.length === 1 && record[0] === '') continue;
          if (onRecord(record, line) === false) finish();
        }
      } catch (error) {
        finish(error);
      }
    });
    parser.on('end', () => finish());
    if (input) input.pipe(parser);
    else parser.end(bytes);
  });
}
