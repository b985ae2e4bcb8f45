import { InvalidResponseError } from '../errors/index.js';

/** Where in which file a CSV problem was found. */
export interface CsvLocation {
  /** Provider name (the `source`). */
  provider: string;
  /** Symbol the file holds. */
  symbol: string;
  /** File name, e.g. `MSFT.csv`. */
  file: string;
  /** 1-based line number in the file (the header is line 1); absent for whole-file problems. */
  line?: number;
  /** Column name as written in the header, when one column is at fault. */
  column?: string;
  cause?: unknown;
}

/**
 * A CSV file that cannot be read as bars: missing column, a value that is not a number or date,
 * a malformed record, or bars that fail `validateBars`. The message starts with file and line,
 * e.g. `MSFT.csv line 17: close "abc" is not a number`.
 */
export class CsvFormatError extends InvalidResponseError {
  override name = 'CsvFormatError';
  /** File name, e.g. `MSFT.csv`. */
  readonly file: string;
  /** 1-based line number, when the problem is on one line. */
  readonly line: number | undefined;
  /** Column at fault, when there is one. */
  readonly column: string | undefined;

  constructor(reason: string, location: CsvLocation) {
    const where = location.line === undefined ? location.file : `${location.file} line ${location.line}`;
    super({
      provider: location.provider,
      symbol: location.symbol,
      cause: location.cause,
      path: [location.file, ...(location.line === undefined ? [] : [location.line])],
      reason: `${where}: ${reason}`,
    });
    // A file is not a "response": the message is the file, line and reason alone.
    this.message = `${location.provider} (${location.symbol}): ${where}: ${reason}`;
    this.file = location.file;
    this.line = location.line;
    this.column = location.column;
  }
}
