// Benchmark: candlestick-pattern throughput (bars per second), DA-KI against technicalindicators.
// Run: npx tsx benchmarks/candles/run.ts
//
// One seeded random walk of 1 000 000 OHLC bars (the input of benchmarks/indicators). DA-KI scans
// the whole series with its batch functions; technicalindicators (TI) only answers "is there a
// pattern on the last candles?", so scanning a series with it means one call per bar on that bar's
// window of the last 5 candles (the window is sliced inside the timed loop, as a user would). TI
// runs on as many bars as fit in about RUN_BUDGET_MS (a prefix of the same series, reported as
// bars/s). tulind (Tulip's C) has no candlestick functions, so it has no column. Each case runs in
// its own worker thread (a fresh V8 isolate), as in benchmarks/indicators.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import * as TI from 'technicalindicators';
import * as daki from '../../packages/sdk/src/index.js';
import { median, printTable } from '../table.js';

const BARS = 1_000_000;
const SEED = 42;
const OUR_RUNS = 5;
const PEER_RUNS = 3;
const RUN_BUDGET_MS = 300;
const CALIBRATION_BARS = 2_000;
const WINDOW = 5;

function randomWalk(length: number, seed: number) {
  const rng = daki.createRng(seed);
  const open = new Float64Array(length);
  const high = new Float64Array(length);
  const low = new Float64Array(length);
  const close = new Float64Array(length);
  let price = 100;
  for (let i = 0; i < length; i++) {
    const o = price * Math.exp(0.002 * rng.normal());
    price = o * Math.exp(0.01 * rng.normal());
    open[i] = o;
    close[i] = price;
    high[i] = Math.max(o, price) * (1 + 0.004 * Math.abs(rng.normal()));
    low[i] = Math.min(o, price) * (1 - 0.004 * Math.abs(rng.normal()));
  }
  return { open, high, low, close };
}

type Columns = ReturnType<typeof randomWalk>;
type TiData = { open: number[]; high: number[]; low: number[]; close: number[] };
type TiPattern = (data: TiData) => boolean;

/** Keeps results alive so that no engine can skip the work. */
let sink = 0;

function timeOnce(work: () => unknown): number {
  const start = performance.now();
  const result = work();
  sink += result == null ? 0 : 1;
  return performance.now() - start;
}

/** CPU time of the whole process (this worker does all the work meanwhile), in ms. */
function cpuMs(work: () => unknown): number {
  const start = process.cpuUsage();
  sink += work() == null ? 0 : 1;
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** DA-KI over all bars: one warm-up run, then the median of OUR_RUNS (wall clock and CPU time). */
function ourRate(work: () => unknown): { rate: number; cpuMs: number } {
  timeOnce(work);
  const rate = BARS / (median(Array.from({ length: OUR_RUNS }, () => timeOnce(work))) / 1000);
  return { rate, cpuMs: median(Array.from({ length: OUR_RUNS }, () => cpuMs(work))) };
}

/** TI scanning the first `n` bars, one call per bar and pattern on the bar's 5-candle window. */
function tiScan(all: TiData, patterns: readonly TiPattern[], n: number): () => number {
  return () => {
    let found = 0;
    for (let i = WINDOW - 1; i < n; i++) {
      const from = i - WINDOW + 1;
      const window = {
        open: all.open.slice(from, i + 1),
        high: all.high.slice(from, i + 1),
        low: all.low.slice(from, i + 1),
        close: all.close.slice(from, i + 1),
      };
      for (const pattern of patterns) if (pattern(window)) found++;
    }
    return found;
  };
}

/** TI's rate on as many bars as fit in the budget. */
function tiRate(all: TiData, patterns: readonly TiPattern[]): number {
  timeOnce(tiScan(all, patterns, CALIBRATION_BARS));
  const perBar = timeOnce(tiScan(all, patterns, CALIBRATION_BARS)) / CALIBRATION_BARS;
  const n = Math.max(CALIBRATION_BARS, Math.min(BARS, Math.round(RUN_BUDGET_MS / Math.max(perBar, 1e-9))));
  const times = Array.from({ length: PEER_RUNS }, () => timeOnce(tiScan(all, patterns, n)));
  return n / (median(times) / 1000);
}

interface Case {
  name: string;
  ours: (c: Columns) => () => unknown;
  ti?: readonly TiPattern[];
}

// TI's patterns with a TA-Lib counterpart. TI splits most of them into a bullish and a bearish
// function; both are called, as DA-KI's one function reports both directions.
const CASES: Case[] = [
  {
    name: 'all 61 patterns (detectCandlePatterns)',
    ours: (c) => () => daki.detectCandlePatterns(c.open, c.high, c.low, c.close),
    ti: [TI.bullish, TI.bearish],
  },
  {
    name: 'all 61 patterns into reused columns (out)',
    ours: (c) => {
      // One column per pattern, kept across calls (written on the untimed warm-up call first).
      const out = Object.fromEntries(
        daki.CANDLE_PATTERNS.map((def) => [def.name, new Int32Array(c.close.length)]),
      );
      return () => daki.detectCandlePatterns(c.open, c.high, c.low, c.close, { out });
    },
  },
  {
    name: 'all 61 cdl* functions, one call each',
    ours: (c) => () => {
      let last: unknown;
      for (const def of daki.CANDLE_PATTERNS) {
        last = daki.detectCandlePatterns(c.open, c.high, c.low, c.close, { patterns: [def.name] });
      }
      return last;
    },
  },
  {
    name: 'CandlePatternScanner.update, all 61',
    ours: (c) => () => {
      const scanner = new daki.CandlePatternScanner();
      let hits = 0;
      for (let i = 0; i < BARS; i++) {
        hits += scanner.update({
          open: c.open[i] as number,
          high: c.high[i] as number,
          low: c.low[i] as number,
          close: c.close[i] as number,
        }).length;
      }
      return hits;
    },
  },
  { name: 'cdlDoji', ours: (c) => () => daki.cdlDoji(c.open, c.high, c.low, c.close), ti: [TI.doji] },
  {
    name: 'cdlDragonflyDoji',
    ours: (c) => () => daki.cdlDragonflyDoji(c.open, c.high, c.low, c.close),
    ti: [TI.dragonflydoji],
  },
  {
    name: 'cdlGravestoneDoji',
    ours: (c) => () => daki.cdlGravestoneDoji(c.open, c.high, c.low, c.close),
    ti: [TI.gravestonedoji],
  },
  {
    name: 'cdlEngulfing',
    ours: (c) => () => daki.cdlEngulfing(c.open, c.high, c.low, c.close),
    ti: [TI.bullishengulfingpattern, TI.bearishengulfingpattern],
  },
  {
    name: 'cdlHarami',
    ours: (c) => () => daki.cdlHarami(c.open, c.high, c.low, c.close),
    ti: [TI.bullishharami, TI.bearishharami],
  },
  {
    name: 'cdlHaramiCross',
    ours: (c) => () => daki.cdlHaramiCross(c.open, c.high, c.low, c.close),
    ti: [TI.bullishharamicross, TI.bearishharamicross],
  },
  {
    name: 'cdlMarubozu',
    ours: (c) => () => daki.cdlMarubozu(c.open, c.high, c.low, c.close),
    ti: [TI.bullishmarubozu, TI.bearishmarubozu],
  },
  {
    name: 'cdlSpinningTop',
    ours: (c) => () => daki.cdlSpinningTop(c.open, c.high, c.low, c.close),
    ti: [TI.bullishspinningtop, TI.bearishspinningtop],
  },
  {
    name: 'cdlHammer',
    ours: (c) => () => daki.cdlHammer(c.open, c.high, c.low, c.close),
    ti: [TI.hammerpattern],
  },
  {
    name: 'cdlShootingStar',
    ours: (c) => () => daki.cdlShootingStar(c.open, c.high, c.low, c.close),
    ti: [TI.shootingstar],
  },
  {
    name: 'cdlPiercing',
    ours: (c) => () => daki.cdlPiercing(c.open, c.high, c.low, c.close),
    ti: [TI.piercingline],
  },
  {
    name: 'cdlDarkCloudCover',
    ours: (c) => () => daki.cdlDarkCloudCover(c.open, c.high, c.low, c.close),
    ti: [TI.darkcloudcover],
  },
  {
    name: 'cdlMorningStar',
    ours: (c) => () => daki.cdlMorningStar(c.open, c.high, c.low, c.close),
    ti: [TI.morningstar],
  },
  {
    name: 'cdlEveningStar',
    ours: (c) => () => daki.cdlEveningStar(c.open, c.high, c.low, c.close),
    ti: [TI.eveningstar],
  },
  {
    name: 'cdlMorningDojiStar',
    ours: (c) => () => daki.cdlMorningDojiStar(c.open, c.high, c.low, c.close),
    ti: [TI.morningdojistar],
  },
  {
    name: 'cdlEveningDojiStar',
    ours: (c) => () => daki.cdlEveningDojiStar(c.open, c.high, c.low, c.close),
    ti: [TI.eveningdojistar],
  },
  {
    name: 'cdlAbandonedBaby',
    ours: (c) => () => daki.cdlAbandonedBaby(c.open, c.high, c.low, c.close),
    ti: [TI.abandonedbaby],
  },
  {
    name: 'cdl3BlackCrows',
    ours: (c) => () => daki.cdl3BlackCrows(c.open, c.high, c.low, c.close),
    ti: [TI.threeblackcrows],
  },
  {
    name: 'cdl3WhiteSoldiers',
    ours: (c) => () => daki.cdl3WhiteSoldiers(c.open, c.high, c.low, c.close),
    ti: [TI.threewhitesoldiers],
  },
  {
    name: 'cdlTasukiGap',
    ours: (c) => () => daki.cdlTasukiGap(c.open, c.high, c.low, c.close),
    ti: [TI.downsidetasukigap],
  },
];

interface Result {
  name: string;
  ours: number;
  oursCpuMs: number;
  ti: number | undefined;
}

function measure(index: number): Result {
  const c = randomWalk(BARS, SEED);
  const spec = CASES[index] as Case;
  const { rate: ours, cpuMs: oursCpuMs } = ourRate(spec.ours(c));
  let ti: number | undefined;
  if (spec.ti !== undefined) {
    const all: TiData = {
      open: Array.from(c.open),
      high: Array.from(c.high),
      low: Array.from(c.low),
      close: Array.from(c.close),
    };
    ti = tiRate(all, spec.ti);
  }
  return { name: spec.name, ours, oursCpuMs, ti };
}

function runInWorker(index: number): Promise<Result> {
  // The worker re-imports this file through tsx (a plain Worker would not load TypeScript).
  const boot =
    `import('tsx/esm/api').then(({ register }) => { register(); ` +
    `return import(${JSON.stringify(import.meta.url)}); })`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(boot, { eval: true, workerData: { index } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`worker for case ${index} exited with code ${code}`));
    });
  });
}

const millions = (rate: number) => Math.round(rate / 1e3) / 1e3;

async function main(): Promise<void> {
  // `--only=<substring>` runs the cases whose name contains it (e.g. `--only="all 61"`).
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const results: Result[] = [];
  for (let k = 0; k < CASES.length; k++) {
    if (only === undefined || (CASES[k] as Case).name.includes(only)) results.push(await runInWorker(k));
  }
  console.log(
    `Candlestick patterns over ${BARS.toLocaleString('en')} bars, million bars/s (TI: per-bar calls on 5-candle windows)\n`,
  );
  printTable(
    ['case', 'DA-KI', 'ms / 1 M bars', 'CPU ms / 1 M bars', 'TI', '× TI'],
    results.map((r) => [
      r.name,
      millions(r.ours),
      Math.round((BARS / r.ours) * 1000),
      Math.round(r.oursCpuMs),
      r.ti === undefined ? '—' : millions(r.ti),
      r.ti === undefined ? '—' : `${(r.ours / r.ti).toFixed(0)}×`,
    ]),
  );
  console.log('\ntulind: no candlestick functions (Tulip Indicators has none), so no column.');
}

if (isMainThread) {
  await main();
} else {
  parentPort?.postMessage(measure((workerData as { index: number }).index));
  if (sink < 0) console.log(sink);
}
