import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { FileHash } from './fingerprint.js';

/**
 * Files up to this size are read whole (one `read`, no stream machinery: a folder of thousands of
 * per-symbol files is read several times faster); larger ones — a long `prices.csv` of hundreds
 * of MB — are streamed, so that they are never held in memory.
 */
export const WHOLE_FILE_BYTES = 8 * 1024 * 1024;

/** A CSV file opened for reading: its bytes when small, else the path to stream it from. */
export interface CsvInput {
  path: string;
  /** The whole file (files up to {@link WHOLE_FILE_BYTES}). */
  bytes: Buffer | undefined;
  /** For a streamed file: told every chunk read, and the end of the file. */
  hashing?: StreamHashing;
}

/** Hashes a streamed file's chunks as the parser reads them, so it need not be read again for the fingerprint. */
export interface StreamHashing {
  update(chunk: Buffer): void;
  /** Called once the last byte was read (not when the read stopped early). */
  end(): void;
}

/**
 * Opens a CSV file: a small one is read whole; a large one is left to stream. With `onHashed`,
 * the SHA-256 of the content read (with the size and modification time it had when opened) is
 * reported — at once for a small file, at the end of the stream for a large one — so the folder's
 * fingerprint is made from the very bytes that were parsed, without reading any file twice.
 */
export async function openCsvInput(path: string, onHashed?: (hash: FileHash) => void): Promise<CsvInput> {
  const handle = await open(path, 'r');
  let mtime: bigint;
  try {
    const info = await handle.stat({ bigint: true });
    mtime = info.mtimeNs;
    if (info.size <= BigInt(WHOLE_FILE_BYTES)) {
      const bytes = await handle.readFile();
      onHashed?.({
        size: BigInt(bytes.length),
        mtime,
        hash: createHash('sha256').update(bytes).digest('hex'),
      });
      return { path, bytes };
    }
  } finally {
    await handle.close();
  }
  if (!onHashed) return { path, bytes: undefined };
  const hash = createHash('sha256');
  let size = 0n;
  return {
    path,
    bytes: undefined,
    hashing: {
      update(chunk) {
        hash.update(chunk);
        size += BigInt(chunk.length);
      },
      end() {
        onHashed({ size, mtime, hash: hash.digest('hex') });
      },
    },
  };
}
