import { isAscii } from 'node:buffer';
import { open } from 'node:fs/promises';
import type { CsvDialect } from './csv-dialect.js';
import type { CsvInput } from './csv-input.js';
import { forEachPlainRecord, type LineReaderSlot, type PlainCsv, plainCsv } from './plain-csv.js';
import type { RecordHandler } from './read-records.js';

/**
 * Bytes read at a time from a large file: pieces of about this size are parsed one by one. Small
 * enough that a piece's text is an ordinary young-generation string (Node makes strings of about
 * 1 MB and more external, outside the heap the collector watches, and they piled up: 230 MB peak
 * RSS on a 200 MB file with 1 MB pieces, 190 MB with 128 KB ones).
 */
export const LARGE_FILE_PIECE_BYTES = 128 * 1024;

const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const QUOTE = 0x22;

/**
 * The file in pieces that each end at a line break (the last may not): the bytes after a piece's
 * last `\n` are carried into the next. One buffer is reused for every piece (a piece is valid only
 * until the next is asked for), so a file of hundreds of MB leaves no trail of freed buffers for
 * the garbage collector; it grows only for a line longer than itself. `onRead` sees every chunk
 * exactly as read (for the fingerprint's hash).
 */
async function* linePieces(
  path: string,
  pieceBytes: number,
  onRead?: (chunk: Buffer) => void,
): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  try {
    let buffer = Buffer.allocUnsafe(pieceBytes);
    let carried = 0;
    for (;;) {
      if (carried === buffer.length) {
        // A line longer than the buffer: make room for the rest of it.
        const larger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(larger, 0, 0, carried);
        buffer = larger;
      }
      const { bytesRead } = await handle.read(buffer, carried, buffer.length - carried, null);
      if (bytesRead === 0) break;
      onRead?.(buffer.subarray(carried, carried + bytesRead));
      const filled = carried + bytesRead;
      const lastBreak = buffer.lastIndexOf(LINE_FEED, filled - 1);
      if (lastBreak < 0) {
        carried = filled;
        continue;
      }
      yield buffer.subarray(0, lastBreak + 1);
      // The start of the next line moves to the front; the piece just parsed is overwritten.
      buffer.copy(buffer, 0, lastBreak + 1, filled);
      carried = filled - lastBreak - 1;
    }
    if (carried > 0) yield buffer.subarray(0, carried);
  } finally {
    await handle.close();
  }
}

/** Line breaks in a piece (each piece but the last ends with one). */
function lineBreaks(piece: Buffer): number {
  let count = 0;
  for (let at = piece.indexOf(LINE_FEED); at >= 0; at = piece.indexOf(LINE_FEED, at + 1)) count++;
  return count;
}

/**
 * Whether a whole large file is plain (see `plainCsv`) — checked piece by piece, so that records
 * are handed out only once the fast path is known to give what csv-parse would for every line:
 * ASCII everywhere, one kind of line break throughout, quotes only around whole fields of a line.
 * Cheap for the usual price file: a native ASCII check per piece; the text-level checks run only on
 * pieces with a carriage return or a quote.
 */
async function isPlainFile(path: string, delimiter: string, pieceBytes: number): Promise<boolean> {
  let crlf: boolean | undefined;
  let first = true;
  for await (const piece of linePieces(path, pieceBytes)) {
    // A byte-order mark counts only at the very start (anywhere else it is content for csv-parse).
    const needsText = piece.includes(CARRIAGE_RETURN) || piece.includes(QUOTE) || first;
    if (needsText ? plainCsv(piece, delimiter) === undefined : !isAscii(piece)) return false;
    if (!first && piece[0] === 0xef) return false;
    if (piece.includes(LINE_FEED)) {
      const pieceCrlf = piece.includes(CARRIAGE_RETURN);
      if (crlf !== undefined && crlf !== pieceCrlf) return false;
      crlf = pieceCrlf;
    }
    first = false;
  }
  return true;
}

/**
 * The records of a large plain CSV file (one too big to read whole), through the fast path piece
 * by piece: the same records and lines as csv-parse, but price rows are read in place (no string
 * per field), which keeps a long `prices.csv` of hundreds of MB from filling the heap with garbage.
 * Returns `false`, having handed out nothing, when the file is not plain (csv-parse then reads it);
 * `true` once it was read (to the end, or until `onRecord` stopped it).
 */
export async function forEachLargePlainRecord(
  source: CsvInput,
  dialect: CsvDialect,
  onRecord: RecordHandler,
  slot?: LineReaderSlot,
  pieceBytes = LARGE_FILE_PIECE_BYTES,
): Promise<boolean> {
  if (!(await isPlainFile(source.path, dialect.delimiter, pieceBytes))) return false;
  const hashing = source.hashing;
  let lines = 0;
  let first = true;
  for await (const piece of linePieces(
    source.path,
    pieceBytes,
    hashing && ((chunk) => hashing.update(chunk)),
  )) {
    // The first piece may start with a byte-order mark, which plainCsv removes.
    const plain: PlainCsv = first
      ? (plainCsv(piece, dialect.delimiter) as PlainCsv)
      : { text: piece.toString('latin1'), bytes: piece, quoted: piece.includes(QUOTE) };
    first = false;
    if (!forEachPlainRecord(plain, dialect.delimiter, onRecord, slot, lines)) return true;
    lines += lineBreaks(piece);
  }
  hashing?.end();
  return true;
}
