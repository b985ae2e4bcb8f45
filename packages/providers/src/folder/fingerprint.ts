import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { mapWithConcurrency } from '@da-ki/sdk';

/** Relative paths of every file under `dir` (one level of sub-folders, as the format has), sorted. */
export async function listFolderFiles(dir: string): Promise<{ file: string; isDirectory: boolean }[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: { file: string; isDirectory: boolean }[] = [];
  for (const entry of entries) {
    if (entry.isDirectory()) {
      files.push({ file: entry.name, isDirectory: true });
      for (const inner of await readdir(join(dir, entry.name), { withFileTypes: true })) {
        files.push({ file: `${entry.name}/${inner.name}`, isDirectory: inner.isDirectory() });
      }
    } else {
      files.push({ file: entry.name, isDirectory: false });
    }
  }
  return files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** A file's content hash, with the size and modification time (ns) it had when it was read. */
export interface FileHash {
  size: bigint;
  mtime: bigint;
  hash: string;
}

/**
 * SHA-256 (hex) over every file's relative path, size and content. Content hashes are kept per
 * file and reused while its size and modification time (ns) are unchanged, so asking again is a
 * `stat` per file, not a re-read.
 */
export class FolderFingerprint {
  readonly #dir: string;
  readonly #cache = new Map<string, FileHash>();

  constructor(dir: string) {
    this.#dir = dir;
  }

  /**
   * The fingerprint of the folder as it is now. `read` gives hashes taken while the loader parsed
   * files (by relative path): those files are not read again, and the fingerprint describes the
   * very bytes that were parsed — had a file changed since, the next call sees its new
   * modification time and hashes it anew, so a change is never hidden.
   */
  async compute(read?: ReadonlyMap<string, FileHash>): Promise<string> {
    const files = (await listFolderFiles(this.#dir)).filter((f) => !f.isDirectory);
    // Concurrently: with thousands of files the time is waiting for the disk, not hashing.
    const lines = await mapWithConcurrency(files, 16, async ({ file }) => {
      const known = read?.get(file);
      if (known) {
        this.#cache.set(file, known);
        return `${file}\0${known.size}\0${known.hash}\n`;
      }
      const path = join(this.#dir, file);
      const info = await stat(path, { bigint: true });
      let cached = this.#cache.get(file);
      if (!cached || cached.size !== info.size || cached.mtime !== info.mtimeNs) {
        cached = { size: info.size, mtime: info.mtimeNs, hash: await hashFile(path) };
        this.#cache.set(file, cached);
      }
      return `${file}\0${info.size}\0${cached.hash}\n`;
    });
    const all = createHash('sha256');
    for (const line of lines) all.update(line);
    return all.digest('hex');
  }
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
