// Memory check of the long-format loader (run by hand, not a test: it writes a large file):
//   npm run build -w @da-ki/sdk -w @da-ki/providers
//   npx tsx packages/providers/src/folder/measure-long-prices.ts [megabytes=200] [check|rank ...]
//   (MEASURE_RUNS=n runs each scenario n times, default 3: the peak varies by some 10 MB with
//   garbage-collection timing on a busy machine; the table shows the median run)
// Writes a long prices.csv of about that size to a temp folder, then measures, each in a fresh
// plain `node` process on the built packages (as a user runs `npx da-ki`, without tsx's own
// memory): "check" loads the folder and builds its report (what `da-ki check` does); "rank" also
// scores every symbol with `createAnalyzer(...).scoreAll()` (what `da-ki rank` does). Prints, per
// phase, the peak RSS so far and what `process.memoryUsage()` says the memory is.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DAY_MS = 86_400_000;
const root = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Writes the file in a separate Node process, so that the strings built for it do not count
 * towards any measured process. Rows: 2000 symbols × 1000 business days, round-robin.
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

/** One phase as the measured process saw it. */
interface Phase {
  phase: string;
  seconds: number;
  peakRss: number;
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/**
 * The measured program, an ES module run by plain `node` from the repository root so that
 * `@da-ki/*` resolve to the built packages. Prints its phases as JSON on stdout.
 */
const MEASURED = `
  import { FolderProvider } from '@da-ki/providers';
  import { createAnalyzer } from '@da-ki/sdk';
  const [dir, scenario] = process.argv.slice(1);
  const phases = [];
  const started = performance.now();
  const mark = (phase) => {
    const m = process.memoryUsage();
    phases.push({ phase, seconds: (performance.now() - started) / 1000, peakRss: process.resourceUsage().maxRSS * 1024,
      rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers });
  };
  mark('start');
  const provider = new FolderProvider({ dir, includeStale: true });
  const report = await provider.report();
  mark('loaded + report');
  let scored = 0;
  if (scenario === 'rank') {
    const analyzer = createAnalyzer({ market: provider, fundamentals: provider, news: provider, sectors: provider });
    const run = await analyzer.scoreAll({
      onProgress: (p) => { if (p.phase === 'fetch' && p.completed === p.total) mark('bars fetched'); },
    });
    scored = run.results.length;
    if (run.errors.length > 0) throw new Error('failed: ' + JSON.stringify(run.errors.slice(0, 3)));
    mark('scored');
  }
  const bars = report.symbols.reduce((sum, s) => sum + s.bars, 0);
  process.stdout.write(JSON.stringify({ symbols: report.symbols.length, bars, scored, phases }));
`;

function measure(
  dir: string,
  scenario: string,
): { symbols: number; bars: number; scored: number; phases: Phase[] } {
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', MEASURED, dir, scenario], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(output);
}

const megabytes = Number(process.argv[2] ?? 200);
const scenarios = process.argv.length > 3 ? process.argv.slice(3) : ['check', 'rank'];
const dir = mkdtempSync(join(tmpdir(), 'da-ki-long-'));
const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;
try {
  const path = join(dir, 'prices.csv');
  const rows = writeLongFile(path, megabytes);
  const size = statSync(path).size;
  console.log(`prices.csv: ${mb(size)}, ${rows} rows (node ${process.version}, built packages)`);
  const runs = Math.max(1, Number(process.env.MEASURE_RUNS ?? 3));
  for (const scenario of scenarios) {
    const peakOf = (r: ReturnType<typeof measure>) => Math.max(...r.phases.map((p) => p.peakRss));
    const results = Array.from({ length: runs }, () => measure(dir, scenario)).sort(
      (a, b) => peakOf(a) - peakOf(b),
    );
    const result = results[Math.floor((runs - 1) / 2)] as ReturnType<typeof measure>;
    const peak = peakOf(result);
    console.log(
      `\n${scenario}: ${result.symbols} symbols, ${result.bars} bars${scenario === 'rank' ? `, ${result.scored} scored` : ''}; ` +
        `median peak RSS ${mb(peak)} of ${runs} runs (${results.map((r) => mb(peakOf(r))).join(', ')}), ${peak < size ? 'below' : 'ABOVE'} the file size`,
    );
    console.log('phase              time    peak RSS  RSS now  heap used  external  array buffers');
    for (const p of result.phases) {
      console.log(
        `${p.phase.padEnd(17)} ${`${p.seconds.toFixed(1)} s`.padStart(6)}  ${mb(p.peakRss).padStart(8)}  ${mb(p.rss).padStart(7)}  ${mb(p.heapUsed).padStart(9)}  ${mb(p.external).padStart(8)}  ${mb(p.arrayBuffers).padStart(13)}`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
