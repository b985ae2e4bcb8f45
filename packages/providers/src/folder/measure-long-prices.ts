// Memory check of the long-format loader (run by hand, not a test: it writes a large file):
//   npx tsx packages/providers/src/folder/measure-long-prices.ts [megabytes=200]
// Writes a long prices.csv of about that size to a temp folder, loads it with FolderProvider and
// prints the file size, the bars read and the peak RSS. The loader streams the file and keeps
// Float64Array chunks per symbol, so the peak stays below the file's size.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FolderProvider } from './folder-provider.js';

const DAY_MS = 86_400_000;

/**
 * Writes the file in a separate Node process, so that the strings built for it do not count
 * towards this process's peak RSS. Rows: 2000 symbols × 1000 business days, round-robin.
 */
function writeLongFile(path: string, megabytes: number): number {
  const script = `
    const fs = require('node:fs');
    const [path, megabytes] = [process.argv[1], Number(process.argv[2])];
    const fd = fs.openSync(path, 'w');
    fs.writeSync(fd, 'symbol,date,open,high,low,close,volume\\n');
    let bytes = 0, rows = 0;
    for (let s = 0; bytes < megabytes * 1e6; s++) {
      const symbol = 'S' + String(s % 2000).padStart(4, '0');
      let close = 50 + (s % 97);
      let day = Date.UTC(2000, 0, 3) / ${DAY_MS} + Math.floor(s / 2000) * 1500;
      let chunk = '';
      for (let i = 0; i < 1000; i++, day++) {
        while ((day + 4) % 7 === 0 || (day + 4) % 7 === 6) day++;
        close = Math.round(close * (1 + 0.01 * Math.sin(i * 0.7 + s)) * 10000) / 10000;
        const date = new Date(day * ${DAY_MS}).toISOString().slice(0, 10);
        chunk += symbol + ',' + date + ',' + close + ',' + (close * 1.01).toFixed(4) + ',' + (close * 0.99).toFixed(4) + ',' + close + ',' + (100000 + i) + '\\n';
        rows++;
      }
      bytes += chunk.length;
      fs.writeSync(fd, chunk);
    }
    fs.closeSync(fd);
    process.stdout.write(String(rows));
  `;
  return Number(
    execFileSync(process.execPath, ['-e', script, path, String(megabytes)], { encoding: 'utf8' }),
  );
}

const megabytes = Number(process.argv[2] ?? 200);
const dir = mkdtempSync(join(tmpdir(), 'da-ki-long-'));
try {
  const path = join(dir, 'prices.csv');
  const rows = writeLongFile(path, megabytes);
  const size = statSync(path).size;
  const before = process.resourceUsage().maxRSS * 1024;
  const started = performance.now();
  const provider = new FolderProvider({ dir, includeStale: true });
  const report = await provider.report();
  const seconds = (performance.now() - started) / 1000;
  const peak = process.resourceUsage().maxRSS * 1024;
  const bars = report.symbols.reduce((sum, s) => sum + s.bars, 0);
  const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;
  console.log(
    `file ${mb(size)}, ${rows} rows written, ${report.symbols.length} symbols, ${bars} bars read in ${seconds.toFixed(1)} s`,
  );
  console.log(
    `peak RSS ${mb(peak)} (before loading: ${mb(before)}) — ${peak < size ? 'below' : 'ABOVE'} the file size`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
