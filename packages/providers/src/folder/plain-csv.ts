import { isAscii } from 'node:buffer';
import type { RecordHandler } from './read-records.js';

const QUOTE = 0x22;
const CARRIAGE_RETURN = 0x0d;
const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/** A plain CSV file (see {@link plainCsv}): its text, and the ASCII bytes it was decoded from (same offsets). */
export interface PlainCsv {
  text: string;
  bytes: Uint8Array;
  /** Whether some lines have quoted fields (each of the simple form `"…"`, see {@link splitQuotedLine}). */
  quoted: boolean;
}

/**
 * The text of a CSV file when it is "plain" — ASCII, line breaks that are all `\n` or all
 * `\r\n`, and quotes only around whole fields of one line (`"Acme wins contract, shares up"`,
 * `""` for a quote inside) — else `undefined`. Price files and the tables a folder's tools write
 * almost always are, and for them {@link forEachPlainRecord} gives the records csv-parse would
 * give (as configured in `forEachRecord`: `bom`, `trim`, `relax_column_count`, no empty-line
 * skipping, for `delimiter`), several times faster. Anything else (non-ASCII text such as
 * `Eröffnung`, a lone `\r`, mixed line breaks, a quote inside a field or a quoted field spanning
 * lines) is left to csv-parse, whose rules for those cases are not worth re-deriving.
 */
export function plainCsv(bytes: Buffer, delimiter: string): PlainCsv | undefined {
  const bom = bytes.length >= 3 && UTF8_BOM.every((b, k) => bytes[k] === b);
  const body = bom ? bytes.subarray(3) : bytes;
  if (!isAscii(body)) return undefined;
  // ASCII: latin1 decodes it exactly as UTF-8 would, without validating multi-byte sequences.
  const text = body.toString('latin1');
  // Searched in the bytes (native memchr); a search through the whole string for a character it
  // does not contain costs several ns a character, as much as splitting the file.
  if (body.includes(CARRIAGE_RETURN) && !crlfOnly(text)) return undefined;
  const quoted = body.includes(QUOTE);
  if (quoted && !simpleQuotes(text, delimiter)) return undefined;
  return { text, bytes: body, quoted };
}

/** Whether every line with a quote splits by {@link splitQuotedLine}. */
function simpleQuotes(text: string, delimiter: string): boolean {
  for (let quote = text.indexOf('"'); quote >= 0; ) {
    const start = text.lastIndexOf('\n', quote) + 1;
    let end = text.indexOf('\n', quote);
    if (end < 0) end = text.length;
    const next = end + 1;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    if (!splitQuotedLine(text, start, end, delimiter)) return false;
    quote = next < text.length ? text.indexOf('"', next) : -1;
  }
  return true;
}

/**
 * The fields of a line with quotes, as csv-parse reads them, when each field is either unquoted
 * without any quote (trimmed) or exactly `"…"` from delimiter to delimiter (its content as is,
 * `""` read as `"`); `undefined` for any other use of quotes.
 */
function splitQuotedLine(text: string, start: number, end: number, delimiter: string): string[] | undefined {
  const record: string[] = [];
  const separator = delimiter.charCodeAt(0);
  for (let at = start; ; ) {
    if (at < end && text.charCodeAt(at) === 34) {
      let value = '';
      for (let from = at + 1; ; ) {
        const quote = text.indexOf('"', from);
        if (quote < 0 || quote >= end) return undefined; // not closed on this line
        if (quote + 1 < end && text.charCodeAt(quote + 1) === 34) {
          value += text.slice(from, quote + 1); // `""`: one quote
          from = quote + 2;
          continue;
        }
        value += text.slice(from, quote);
        at = quote + 1;
        break;
      }
      record.push(value);
      if (at === end) return record;
      if (text.charCodeAt(at) !== separator) return undefined; // text after the closing quote
      at++;
      continue;
    }
    let stop = text.indexOf(delimiter, at);
    if (stop < 0 || stop > end) stop = end;
    const quote = text.indexOf('"', at);
    if (quote >= 0 && quote < stop) return undefined; // a quote inside an unquoted field
    record.push(trimmed(text, at, stop));
    if (stop === end) return record;
    at = stop + 1;
  }
}

/**
 * Whether every `\r` is the start of a `\r\n` and every `\n` the end of one. csv-parse takes
 * the first line break it meets as the record delimiter; with any other break in the file it
 * would treat the strays as field characters, which this fast path does not imitate.
 */
function crlfOnly(text: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf('\n', from);
    if (at < 0) break;
    if (at === 0 || text.charCodeAt(at - 1) !== 13) return false;
    from = at + 1;
  }
  // Each `\n` is preceded by a `\r`; no `\r` may stand anywhere else.
  let carriageReturns = 0;
  for (let at = text.indexOf('\r'); at >= 0; at = text.indexOf('\r', at + 1)) {
    if (text.charCodeAt(at + 1) !== 10) return false;
    carriageReturns++;
  }
  return carriageReturns > 0;
}

/** `delimiterAt` after lines read in place: not searched for yet. */
const UNKNOWN = -2;

/**
 * Reads one line of a plain file in place (`bytes[start, end)`, without its line break),
 * returning `false` to have it split into a record for `onRecord` as usual. A reader must give
 * exactly what `onRecord` would make of the line's record, and decline anything else.
 */
export type PlainLineReader = (bytes: Uint8Array, start: number, end: number, line: number) => boolean;

/**
 * Where a record handler puts its {@link PlainLineReader} once it knows the file's layout (after
 * the header): lines of a plain file are then offered to it before being split into fields,
 * which saves a string per field on the millions of rows of a folder's price files.
 */
export interface LineReaderSlot {
  read?: PlainLineReader;
}

/**
 * Calls `onRecord` for each record of a text accepted by {@link plainCsv}, with its 1-based
 * line, as `forEachRecord` does over csv-parse: fields split at `delimiter` and trimmed of ASCII
 * white space, empty lines (and lines of only spaces) counted but not passed on, nothing after
 * `onRecord` returns `false`. An error thrown by `onRecord` ends the read as is. Lines that
 * `slot`'s reader accepts are not passed to `onRecord`. `linesBefore` numbers the lines of a piece
 * of a larger file (the lines of the pieces before it). Returns `false` when `onRecord` stopped
 * the read, `true` when every line was read.
 */
export function forEachPlainRecord(
  { text, bytes, quoted }: PlainCsv,
  delimiter: string,
  onRecord: RecordHandler,
  slot?: LineReaderSlot,
  linesBefore = 0,
): boolean {
  // The text is all `\n` or all `\r\n` (see plainCsv): its first line break tells which.
  const firstBreak = text.indexOf('\n');
  const crlf = firstBreak > 0 && text.charCodeAt(firstBreak - 1) === 13;
  const n = text.length;
  // The next delimiter at or after the current field, found by indexOf (native, far faster than a
  // loop over characters) and kept until passed, so no stretch of text is searched twice — a file
  // of one column would otherwise be searched to its end on every line.
  let delimiterAt = text.indexOf(delimiter);
  let quoteAt = quoted ? text.indexOf('"') : -1;
  let line = linesBefore;
  for (let start = 0; start < n; ) {
    let end = text.indexOf('\n', start);
    const next = end < 0 ? n : end + 1;
    if (end < 0) end = n;
    else if (crlf) end--; // the `\r` of `\r\n`
    line++;
    if (slot?.read?.(bytes, start, end, line)) {
      start = next;
      // The line was read in place: where the next delimiter is, is found when next needed.
      delimiterAt = UNKNOWN;
      if (quoteAt >= 0 && quoteAt < next) quoteAt = text.indexOf('"', next);
      continue;
    }
    if (quoteAt >= 0 && quoteAt < end) {
      // Checked by plainCsv: the line splits.
      const record = splitQuotedLine(text, start, end, delimiter) as string[];
      start = next;
      delimiterAt = UNKNOWN;
      quoteAt = text.indexOf('"', next);
      if (record.length === 1 && record[0] === '') continue;
      if (onRecord(record, line) === false) return false;
      continue;
    }
    if (delimiterAt === UNKNOWN || (delimiterAt >= 0 && delimiterAt < start))
      delimiterAt = text.indexOf(delimiter, start);
    const record: string[] = [];
    let field = start;
    while (delimiterAt >= 0 && delimiterAt < end) {
      record.push(trimmed(text, field, delimiterAt));
      field = delimiterAt + 1;
      delimiterAt = text.indexOf(delimiter, field);
    }
    record.push(trimmed(text, field, end));
    start = next;
    if (record.length === 1 && record[0] === '') continue;
    if (onRecord(record, line) === false) return false;
  }
  return true;
}

/** `text.slice(from, to)` without leading and trailing white space (csv-parse's `trim` on ASCII). */
function trimmed(text: string, from: number, to: number): string {
  if (from === to) return '';
  // Space, tab, \v, \f: all at or below 32; \n and \r cannot occur inside a plain record.
  if (text.charCodeAt(from) > 32 && text.charCodeAt(to - 1) > 32) return text.slice(from, to);
  return text.slice(from, to).trim();
}
