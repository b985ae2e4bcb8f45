import { createReadStream } from 'node:fs';
import type { RawBarColumns } from '@da-ki/sdk';
import { parse } from 'csv-parse';
import { CsvFormatError, type CsvLocation } from './csv-format-error.js';
import { type CsvLayout, detectLayout } from './csv-layout.js';
import { businessDay, describeDateProblem, isMissing, parseDate, parseDecimal } from './parse-values.js';

/** How to read one file. */
export interface ReadBarFileOptions {
  provider: string;
  symbol: string;
  /** Path of the file. */
  path: string;
  /** File name used in messages, e.g. `MSFT.csv`. */
  file: string;
  /** Scale open, high, low and close by `Adj Close / Close` when the file has an `Adj Close` column. */
  adjust: boolean;
  /** Column holding the close of a closes-only file. */
  closeColumn?: string;
  /** First business day of a closes-only file without dates (epoch ms). */
  startDate: number;
}

/** Rows of a file, not yet validated, with the line each came from. */
export interface BarFileRows {
  columns: RawBarColumns;
  /** 1-based line of each row in `columns`. */
  lines: number[];
  /** Rows skipped because a value was missing (`null`, empty, `NA`). */
  skippedRows: number;
}

/** One bar as read: timestamp, open, high, low, close, volume; `undefined` where the file had no value. */
type RowValues = [
  number | undefined,
  number | undefined,
  number | undefined,
  number | undefined,
  number | undefined,
  number | undefined,
];

interface RecordWithInfo {
  record: string[];
  info: { lines: number };
}

/**
 * Streams a CSV file (csv-parse over `fs.createReadStream`, so a large file is never held as one
 * string) into bar columns. Rows with a missing value — Yahoo writes `null` on holidays, R leaves
 * the field empty — are skipped and counted; a value that is neither missing nor a number or date
 * throws a {@link CsvFormatError} naming file, line and column.
 */
export async function readBarFile(options: ReadBarFileOptions): Promise<BarFileRows> {
  const locate = (line: number | undefined, column?: string, cause?: unknown): CsvLocation => ({
    provider: options.provider,
    symbol: options.symbol,
    file: options.file,
    line,
    column,
    cause,
  });
  const input = createReadStream(options.path);
  const parser = parse({ bom: true, trim: true, skip_empty_lines: true, info: true });
  // pipe() does not forward read errors (a missing or unreadable file): end the parse with them.
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);

  const columns: number[][] = [[], [], [], [], [], []];
  const lines: number[] = [];
  let header: string[] | undefined;
  let layout: CsvLayout | undefined;
  let skippedRows = 0;
  let dataRows = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<RecordWithInfo>) {
      if (!header || !layout) {
        const detected = detectLayout(record, { closeColumn: options.closeColumn });
        if ('missing' in detected) {
          const missing = detected.missing.map((name) => `"${name}"`).join(', ');
          throw new CsvFormatError(
            `missing column ${missing} (header: ${record.join(',')})`,
            locate(info.lines),
          );
        }
        header = record;
        layout = detected.layout;
        continue;
      }
      const reader = cellReader(
        record,
        header,
        (reason, column) => new CsvFormatError(reason, locate(info.lines, column)),
      );
      const row = readRow(reader, layout, options, dataRows++);
      if (row.some((value) => value === undefined)) {
        skippedRows++;
        continue;
      }
      for (const [k, value] of row.entries()) columns[k]?.push(value as number);
      lines.push(info.lines);
    }
  } catch (error) {
    input.destroy();
    if (error instanceof CsvFormatError) throw error;
    // csv-parse's own errors (unclosed quote, wrong field count) carry the line in `lines`.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('CSV_')) {
      throw new CsvFormatError(
        (error as Error).message,
        locate((error as { lines?: number }).lines, undefined, error),
      );
    }
    throw error;
  }
  if (!header) throw new CsvFormatError('file is empty (no header row)', locate(undefined));
  const [timestamps, open, high, low, close, volume] = columns as [
    number[],
    number[],
    number[],
    number[],
    number[],
    number[],
  ];
  return {
    columns: { symbol: options.symbol, source: options.provider, timestamps, open, high, low, close, volume },
    lines,
    skippedRows,
  };
}

interface CellReader {
  number(index: number, field: string): number | undefined;
  date(index: number): number | undefined;
  rowIndex(index: number): number;
}

function cellReader(
  record: readonly string[],
  header: readonly string[],
  fail: (reason: string, column: string | undefined) => CsvFormatError,
): CellReader {
  const cell = (index: number): string => record[index] ?? '';
  return {
    number(index, field) {
      const text = cell(index);
      if (isMissing(text)) return undefined;
      const value = parseDecimal(text);
      if (value === undefined) throw fail(`${field} ${JSON.stringify(text)} is not a number`, header[index]);
      return value;
    },
    date(index) {
      const text = cell(index);
      if (isMissing(text)) return undefined;
      const value = parseDate(text);
      if (value === undefined) {
        throw fail(`date ${describeDateProblem(text)}`, header[index]);
      }
      return value;
    },
    rowIndex(index) {
      const text = cell(index);
      if (!/^\d+$/.test(text)) throw fail(`index ${JSON.stringify(text)} is not a row number`, header[index]);
      return Number(text);
    },
  };
}

function readRow(
  read: CellReader,
  layout: CsvLayout,
  options: ReadBarFileOptions,
  rowNumber: number,
): RowValues {
  if (layout.kind === 'closes') {
    const close = read.number(layout.close, 'close');
    const timestamp =
      layout.date !== undefined
        ? read.date(layout.date)
        : businessDay(
            options.startDate,
            layout.index === undefined ? rowNumber : read.rowIndex(layout.index),
          );
    // One price per day: no intraday range, no volume.
    return [timestamp, close, close, close, close, 0];
  }
  const timestamp = read.date(layout.date);
  const open = read.number(layout.open, 'open');
  const high = read.number(layout.high, 'high');
  const low = read.number(layout.low, 'low');
  const close = read.number(layout.close, 'close');
  const volume = read.number(layout.volume, 'volume');
  if (!options.adjust || layout.adjClose === undefined) return [timestamp, open, high, low, close, volume];
  const adjClose = read.number(layout.adjClose, 'adj close');
  if (adjClose === undefined) return [timestamp, undefined, undefined, undefined, undefined, volume];
  // A non-positive close cannot be adjusted: leave it for validateBars to reject with its line.
  if (close === undefined || close <= 0) return [timestamp, open, high, low, close, volume];
  // Yahoo's adjustment: the whole bar scaled by Adj Close / Close (dividends and splits). Scaling
  // every price by one factor keeps low <= open, close <= high exactly (rounding is monotone).
  const factor = adjClose / close;
  const scale = (value: number | undefined) => (value === undefined ? undefined : value * factor);
  return [timestamp, scale(open), scale(high), scale(low), scale(close), volume];
}
