// Benchmark: the concept's headline target — score 467 stocks in under 5 s.
// Run: npx tsx benchmarks/score-467/run.ts
// (a) scoring alone, (b) end to end from an in-memory provider, (c) 10 000 symbols; 2 years of daily bars each.
import { SyntheticMarketProvider } from '../../packages/providers/src/index.js';
import { createAnalyzer, ScoringEngine, type StockSnapshot } from '../../packages/sdk/src/index.js';
import { median, printTable } from '../table.js';

const TARGET_MS = 5_000;

async function snapshotsFrom(provider: SyntheticMarketProvider): Promise<StockSnapshot[]> {
  const infos = await provider.listSymbols();
  return Promise.all(
    infos.map(async (info) => ({
      symbol: info.symbol,
      sector: info.sector,
      bars: await provider.getBars(info.symbol),
      fundamentals: await provider.getFundamentals(info.symbol),
      news: await provider.getNews(info.symbol),
    })),
  );
}

/** Wall and CPU milliseconds of each run (CPU time is steadier on a shared machine). */
interface Timing {
  wall: number[];
  cpu: number[];
}

function measure(run: () => unknown): { wall: number; cpu: number } {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  run();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

function timeScoring(snapshots: StockSnapshot[], runs: number): Timing {
  const engine = new ScoringEngine();
  for (let k = 0; k < 3; k++) engine.scoreUniverse(snapshots); // warm-up: JIT, lexicon parsing
  const timing: Timing = { wall: [], cpu: [] };
  for (let k = 0; k < runs; k++) {
    const { wall, cpu } = measure(() => engine.scoreUniverse(snapshots));
    timing.wall.push(wall);
    timing.cpu.push(cpu);
  }
  return timing;
}

const rows: (string | number)[][] = [];
const add = (name: string, symbols: number, timing: Timing, aim: string) => {
  const p50 = median(timing.wall);
  rows.push([
    name,
    symbols,
    p50.toFixed(1),
    median(timing.cpu).toFixed(1),
    Math.max(...timing.wall).toFixed(1),
    TARGET_MS,
    `${(TARGET_MS / p50).toFixed(0)}×`,
    aim,
  ]);
};

const universe = new SyntheticMarketProvider({ seed: 42 });
const generateStart = performance.now();
const snapshots = await snapshotsFrom(universe);
const generateMs = performance.now() - generateStart;
add('(a) scoring alone', snapshots.length, timeScoring(snapshots, 15), '< 50 ms');

const endToEnd: Timing = { wall: [], cpu: [] };
for (let run = 0; run < 5; run++) {
  // A fresh provider each run, so data generation is inside the measurement (nothing cached).
  const provider = new SyntheticMarketProvider({ seed: 42 });
  const analyzer = createAnalyzer({ market: provider, fundamentals: provider, news: provider });
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = await analyzer.scoreAll();
  endToEnd.wall.push(performance.now() - start);
  const cpu = process.cpuUsage(cpuStart);
  endToEnd.cpu.push((cpu.user + cpu.system) / 1000);
  if (result.errors.length > 0) throw new Error(`end-to-end run had ${result.errors.length} errors`);
}
add('(b) end to end (generate + validate + score)', snapshots.length, endToEnd, '—');

const big = new SyntheticMarketProvider({ seed: 42, symbols: 10_000 });
const bigSnapshots = await snapshotsFrom(big);
add('(c) scoring alone, 10 000 symbols', bigSnapshots.length, timeScoring(bigSnapshots, 5), '< 1 s');

console.log(
  `\nscore-467 — ${snapshots[0]?.bars.close.length} daily bars per symbol, one core, Node ${process.version}`,
);
console.log(`(generating the 467-symbol universe once took ${generateMs.toFixed(0)} ms)\n`);
printTable(['case', 'symbols', 'p50 ms', 'p50 cpu ms', 'max ms', 'target ms', 'headroom', 'aim'], rows);
