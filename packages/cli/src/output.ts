import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CliUsageError } from './errors.js';
import type { CliIo } from './io.js';

/**
 * Delivers a command's result: to stdout, or with `--out FILE` to that file (its folder is
 * created), with a line on stderr saying where it went. Nothing else ever goes to stdout.
 */
export async function writeResult(io: CliIo, text: string, out: string | undefined): Promise<void> {
  if (out === undefined) {
    io.stdout.write(text);
    return;
  }
  const path = resolve(io.cwd ?? process.cwd(), out);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  } catch (error) {
    throw new CliUsageError(`--out ${out}: cannot write the file (${(error as Error).message})`, '--out');
  }
  io.stderr.write(`wrote ${out} (${Buffer.byteLength(text)} bytes)\n`);
}
