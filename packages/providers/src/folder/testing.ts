// Test kit: data folders written to temp dirs, removed after the test file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const created: string[] = [];

/** Writes `files` (relative path → content) into a new temp folder and returns its path. */
export function writeFolder(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'da-ki-folder-'));
  created.push(dir);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  return dir;
}

/** Removes every folder made by {@link writeFolder} (call in afterAll). */
export function removeFolders(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** `n` daily OHLCV rows on consecutive weekdays from `start`, a gentle random walk (deterministic). */
export function ohlcvRows(
  start: string,
  n: number,
  options: { base?: number; step?: number } = {},
): string[] {
  const rows: string[] = [];
  let day = Date.parse(`${start}T00:00:00Z`);
  let close = options.base ?? 100;
  for (let i = 0; i < n; i++) {
    while ([0, 6].includes(new Date(day).getUTCDay())) day += 86_400_000;
    close = Math.round(close * (1 + (options.step ?? 0.001) * Math.sin(i * 1.7)) * 100) / 100;
    const date = new Date(day).toISOString().slice(0, 10);
    rows.push(
      `${date},${close},${(close * 1.01).toFixed(2)},${(close * 0.99).toFixed(2)},${close},${1000 + i}`,
    );
    day += 86_400_000;
  }
  return rows;
}

/** A `date,open,high,low,close,volume` file of {@link ohlcvRows}. */
export function ohlcvFile(start: string, n: number, options: { base?: number; step?: number } = {}): string {
  return `date,open,high,low,close,volume\n${ohlcvRows(start, n, options).join('\n')}\n`;
}
