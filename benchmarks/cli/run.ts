// Benchmark: the `da-ki` command line end to end, as a user runs it — a child process per run.
// Run: npm run build:cli && npx tsx benchmarks/cli/run.ts   (a few minutes; writes ~1 GB to a temp dir)
// (a) `da-ki rank` on a 467-symbol folder written by `da-ki synthetic` (aim < 1 s, < 300 MB peak RSS),
// (b) on 10 000 symbols (aim < 10 s), (c) `da-ki check` on a ~200 MB long-format prices.csv
// (aim: peak RSS below the file's size). Wall time includes Node's start-up and module loading.
import { spawn } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '../../packages/sdk/src/index.js';
import { median, printTable } from '../table.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'packages/cli/dist/bin.js');
const probe = fileURLToPath(new URL('./rss-probe.mjs', import.meta.url));
if (!existsSync(bin)) {
  console.error(
    `${bin} is missing: run "npm run build:cli" first (the benchmark measures the built command).`,
  );
  process.exit(1);
}

interface Measured {
  wallMs: number;
  cpuMs: number;
  peakRssBytes: number;
}

/** Runs `da-ki <args>` once as a child process: wall time from spawn to exit; CPU time and peak RSS from the probe. */
function daKi(args: string[], work: string): Promise<Measured> {
  const probeFile = join(work, `probe-${process.hrtime.bigint()}.json`);
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['--import', probe, bin, ...args], {
      cwd: root,
      env: { ...process.env, DA_KI_PROBE_FILE: probeFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stdout.resume(); // the result is read (as a pipe reader would) and dropped
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - start;
      if (code !== 0) return reject(new Error(`da-ki ${args.join(' ')} exited with ${code}:\n${stderr}`));
      resolve({
        wallMs,
        ...(JSON.parse(readFileSync(probeFile, 'utf8')) as { cpuMs: number; peakRssBytes: number }),
      });
    });
  });
}

/** Wall time, CPU time and peak RSS of each run of one case. */
interface Runs {
  wall: number[];
  cpu: number[];
  rss: number[];
}

async function repeat(runs: number, args: string[], work: string): Promise<Runs> {
  const result: Runs = { wall: [], cpu: [], rss: [] };
  for (let k = 0; k < runs; k++) {
    const m = await daKi(args, work);
    result.wall.push(m.wallMs);
    result.cpu.push(m.cpuMs);
    result.rss.push(m.peakRssBytes);
  }
  return result;
}

/**
 * A long-format prices.csv of about `targetBytes`: symbol,date,open,high,low,close,volume, random
 * walks on weekdays, written as a stream so the generator itself stays small. Also a universe.csv.
 */
async function writeLongPrices(
  dir: string,
  targetBytes: number,
  days: number,
): Promise<{ bytes: number; symbols: number; rows: number }> {
  mkdirSync(dir, { recursive: true });
  const out = createWriteStream(join(dir, 'prices.csv'));
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  const dates: string[] = [];
  for (let t = Date.UTC(2020, 0, 1); dates.length < days; t += 86_400_000) {
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) dates.push(new Date(t).toISOString().slice(0, 10));
  }
  const header = 'symbol,date,open,high,low,close,volume\n';
  await write(header);
  let bytes = header.length;
  let symbols = 0;
  let rows = 0;
  const universe = ['symbol,name,sector'];
  const sectors = ['Technology', 'Financials', 'Health Care', 'Industrials', 'Energy', 'Utilities'];
  while (bytes < targetBytes) {
    const symbol = `L${String(symbols).padStart(5, '0')}`;
    universe.push(`${symbol},Long file ${symbols},${sectors[symbols % sectors.length]}`);
    const rng = createRng(symbol);
    let price = 20 + rng.next() * 200;
    let chunk = '';
    for (const date of dates) {
      const open = price;
      price *= Math.exp(0.0002 + 0.018 * rng.normal());
      const high = Math.max(open, price) * (1 + 0.005 * rng.next());
      const low = Math.min(open, price) * (1 - 0.005 * rng.next());
      const volume = Math.round(1e5 + 1e6 * rng.next());
      chunk += `${symbol},${date},${open.toFixed(4)},${high.toFixed(4)},${low.toFixed(4)},${price.toFixed(4)},${volume}\n`;
    }
    await write(chunk);
    bytes += chunk.length;
    rows += dates.length;
    symbols++;
  }
  await new Promise<void>((resolve) => out.end(resolve));
  writeFileSync(join(dir, 'universe.csv'), `${universe.join('\n')}\n`);
  return { bytes: statSync(join(dir, 'prices.csv')).size, symbols, rows };
}

const MB = 1024 * 1024;
/** Runs per case (the large cases take a minute each on a loaded 2-core machine). */
const RUNS_467 = Number(process.env.RUNS_467 ?? 5);
const RUNS_LARGE = Number(process.env.RUNS_LARGE ?? 3);
const work = mkdtempSync(join(tmpdir(), 'da-ki-bench-cli-'));
const rows: (string | number)[][] = [];
const row = (name: string, symbols: number, m: Runs, aim: string, met: boolean) =>
  rows.push([
    name,
    symbols,
    median(m.wall).toFixed(0),
    median(m.cpu).toFixed(0),
    Math.max(...m.wall).toFixed(0),
    (Math.max(...m.rss) / MB).toFixed(0),
    aim,
    met ? 'met' : 'NOT met',
  ]);

try {
  // (a) 467 symbols, two years of daily bars
  const small = join(work, 'synthetic-467');
  const writeSmall = await repeat(
    1,
    ['synthetic', small, '--symbols', '467', '--seed', '42', '--years', '2'],
    work,
  );
  row('da-ki synthetic (467 symbols, 2 years)', 467, writeSmall, '—', true);
  await daKi(['rank', small, '--format', 'json'], work); // warm the file cache
  const rank467 = await repeat(RUNS_467, ['rank', small, '--format', 'json'], work);
  row(
    '(a) da-ki rank --format json',
    467,
    rank467,
    '< 1 s, < 300 MB',
    median(rank467.wall) < 1000 && Math.max(...rank467.rss) < 300 * MB,
  );

  // (b) 10 000 symbols, two years
  const big = join(work, 'synthetic-10000');
  const writeBig = await repeat(
    1,
    ['synthetic', big, '--symbols', '10000', '--seed', '42', '--years', '2'],
    work,
  );
  row('da-ki synthetic (10 000 symbols, 2 years)', 10_000, writeBig, '—', true);
  rmSync(small, { recursive: true, force: true });
  const rank10k = await repeat(RUNS_LARGE, ['rank', big, '--format', 'json'], work);
  row('(b) da-ki rank --format json', 10_000, rank10k, '< 10 s', median(rank10k.wall) < 10_000);
  rmSync(big, { recursive: true, force: true });

  // (c) a ~200 MB long-format prices.csv
  const long = join(work, 'long-200mb');
  const file = await writeLongPrices(long, 200 * MB, 504);
  const check = await repeat(RUNS_LARGE, ['check', long, '--format', 'json'], work);
  row(
    `(c) da-ki check, prices.csv of ${(file.bytes / MB).toFixed(0)} MB (${(file.rows / 1e6).toFixed(1)} M rows)`,
    file.symbols,
    check,
    `peak RSS < ${(file.bytes / MB).toFixed(0)} MB`,
    Math.max(...check.rss) < file.bytes,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(`\nda-ki command line, end to end (a child process per run), Node ${process.version}\n`);
printTable(['case', 'symbols', 'p50 ms', 'p50 cpu ms', 'max ms', 'peak RSS MB', 'aim', ''], rows);
console.log(
  `\nload average at the end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')} on ${availableParallelism()} cores`,
);
