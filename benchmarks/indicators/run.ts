// Benchmark: indicator throughput (bars per second), DA-KI against technicalindicators, trading-signals
// and Tulip Indicators (tulind: C through a Node binding, the native reference).
// Run: npx tsx benchmarks/indicators/run.ts [--only=core|breadth|<name substring>]
//
// One seeded random walk of 1 000 000 OHLCV bars. For each indicator: DA-KI's batch function and its
// streaming `update`, technicalindicators' `calculate` (batch) and `nextValue` (streaming), and
// trading-signals' `add` (it has no separate batch form). DA-KI always runs on all 1 M bars; the
// peers run on as many bars as fit in about RUN_BUDGET_MS (a prefix of the same series, reported
// as bars/s, so the rates compare directly). Every figure is the median of several runs.
// Each indicator is measured in its own worker thread (a fresh V8 isolate, same seeded input), so
// that the JIT state left by one indicator or library does not slow down the next: the numbers do
// not depend on the order of the table (see README.md for what changes when one process streams
// many indicator types).
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import * as daki from '@da-ki/sdk';
import * as TI from 'technicalindicators';
import * as TS from 'trading-signals';
import { median, printTable } from '../table.js';
import {
  type BenchData,
  breadthCases,
  type Case,
  loadTulind,
  type Prepare,
  type Reused,
} from './breadth-cases.js';

const BARS = 1_000_000;
const SEED = 42;
const OUR_RUNS = 5;
const PEER_RUNS = 3;
const RUN_BUDGET_MS = 300;
const CALIBRATION_BARS = 20_000;

interface Bar {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** A seeded random walk with consistent bars (low ≤ open, close ≤ high) and integer volumes. */
function randomWalk(length: number, seed: number) {
  const rng = daki.createRng(seed);
  const open = new Float64Array(length);
  const high = new Float64Array(length);
  const low = new Float64Array(length);
  const close = new Float64Array(length);
  const volume = new Float64Array(length);
  let price = 100;
  for (let i = 0; i < length; i++) {
    const o = price * Math.exp(0.002 * rng.normal());
    price = o * Math.exp(0.01 * rng.normal());
    open[i] = o;
    close[i] = price;
    high[i] = Math.max(o, price) * (1 + 0.004 * Math.abs(rng.normal()));
    low[i] = Math.min(o, price) * (1 - 0.004 * Math.abs(rng.normal()));
    volume[i] = rng.int(100_000, 10_000_000);
  }
  return { open, high, low, close, volume };
}

/** Columns, the same bars as objects (streaming APIs), plain arrays (technicalindicators, tulind). */
type Data = BenchData;

function buildData(length: number): Data {
  const columns = randomWalk(length, SEED);
  const bars: Bar[] = Array.from({ length }, (_, i) => ({
    open: columns.open[i] as number,
    high: columns.high[i] as number,
    low: columns.low[i] as number,
    close: columns.close[i] as number,
    volume: columns.volume[i] as number,
  }));
  const arrays = {
    open: Array.from(columns.open),
    high: Array.from(columns.high),
    low: Array.from(columns.low),
    close: Array.from(columns.close),
    volume: Array.from(columns.volume),
  };
  return { columns, bars, arrays };
}

/** Keeps results alive so that no engine can skip the work. */
let sink = 0;
function consume(value: unknown): void {
  if (typeof value === 'number') sink += Number.isNaN(value) ? 0 : 1;
  else if (value != null) sink += 1;
}

function timeOnce(work: () => unknown): number {
  const start = performance.now();
  consume(work());
  return performance.now() - start;
}

/** Bars per second over `n` bars: one warm-up run, then the median of `runs`. */
function rate(prepare: Prepare, n: number, runs: number): number {
  timeOnce(prepare(Math.min(n, CALIBRATION_BARS)));
  const times = Array.from({ length: runs }, () => timeOnce(prepare(n)));
  return n / (median(times) / 1000);
}

/** A peer's rate on as many bars as fit in the run budget (at least the calibration size). */
function peerRate(prepare: Prepare): { rate: number; bars: number } {
  timeOnce(prepare(CALIBRATION_BARS));
  const perBar = timeOnce(prepare(CALIBRATION_BARS)) / CALIBRATION_BARS;
  const n = Math.max(CALIBRATION_BARS, Math.min(BARS, Math.round(RUN_BUDGET_MS / Math.max(perBar, 1e-9))));
  return { rate: rate(prepare, n, PEER_RUNS), bars: n };
}

// Helpers that build the timed work.
const stream =
  <I>(create: () => { update(input: I): unknown }, inputs: (n: number) => I[]): Prepare =>
  (n) => {
    const xs = inputs(n);
    return () => {
      const indicator = create();
      let last: unknown;
      for (let i = 0; i < xs.length; i++) last = indicator.update(xs[i] as I);
      return last;
    };
  };
const tsStream =
  <I>(create: () => { add(input: I): unknown }, inputs: (n: number) => I[]): Prepare =>
  (n) => {
    const xs = inputs(n);
    return () => {
      const indicator = create();
      let last: unknown;
      for (let i = 0; i < xs.length; i++) last = indicator.add(xs[i] as I);
      return last;
    };
  };
const tiStream =
  <I>(create: () => { nextValue(input: I): unknown }, inputs: (n: number) => I[]): Prepare =>
  (n) => {
    const xs = inputs(n);
    return () => {
      const indicator = create();
      let last: unknown;
      for (let i = 0; i < xs.length; i++) last = indicator.nextValue(xs[i] as I);
      return last;
    };
  };
// technicalindicators' typings declare some streaming inputs too narrowly (e.g. ADX takes a number);
// at runtime every OHLC indicator's nextValue takes a candle object.
type TiStreaming = { nextValue(input: unknown): unknown };
const tiCandle = (indicator: unknown): TiStreaming => indicator as TiStreaming;

/** The measured cases over `d` (the main thread builds them on empty data, only for their names). */
function buildCases(d: Data): Case[] {
  return [
    ...coreCases(d).map((c) => ({ ...c, group: 'core' })),
    ...breadthCases(d).map((c) => ({ ...c, group: 'breadth' })),
  ];
}

/** The indicators of the first round (issue 7): aims there are ≥ 10× technicalindicators. */
function coreCases(d: Data): Case[] {
  const { columns, bars, arrays } = d;
  const closesOf = (n: number): number[] => arrays.close.slice(0, n);
  const barsOf = (n: number): Bar[] => bars.slice(0, n);
  const cols = (n: number) => ({
    high: columns.high.subarray(0, n),
    low: columns.low.subarray(0, n),
    close: columns.close.subarray(0, n),
    volume: columns.volume.subarray(0, n),
  });
  const tiCols = (n: number) => ({
    high: arrays.high.slice(0, n),
    low: arrays.low.slice(0, n),
    close: arrays.close.slice(0, n),
    volume: arrays.volume.slice(0, n),
  });

  return [
    {
      name: 'SMA(20)',
      aim: true,
      batch: (n, o) => () => daki.sma(columns.close.subarray(0, n), 20, { out: o?.out }),
      stream: stream(() => new daki.SMA(20), closesOf),
      tiBatch: (n) => {
        const values = closesOf(n);
        return () => TI.SMA.calculate({ period: 20, values });
      },
      tiStream: tiStream(() => new TI.SMA({ period: 20, values: [] }), closesOf),
      tsStream: tsStream(() => new TS.SMA(20), closesOf),
    },
    {
      name: 'EMA(20)',
      aim: true,
      batch: (n, o) => () => daki.ema(columns.close.subarray(0, n), 20, { out: o?.out }),
      stream: stream(() => new daki.EMA(20), closesOf),
      tiBatch: (n) => {
        const values = closesOf(n);
        return () => TI.EMA.calculate({ period: 20, values });
      },
      tiStream: tiStream(() => new TI.EMA({ period: 20, values: [] }), closesOf),
      tsStream: tsStream(() => new TS.EMA(20), closesOf),
    },
    {
      name: 'WMA(20)',
      aim: false,
      batch: (n, o) => () => daki.wma(columns.close.subarray(0, n), 20, { out: o?.out }),
      stream: stream(() => new daki.WMA(20), closesOf),
      tiBatch: (n) => {
        const values = closesOf(n);
        return () => TI.WMA.calculate({ period: 20, values });
      },
      tiStream: tiStream(() => new TI.WMA({ period: 20, values: [] }), closesOf),
      tsStream: tsStream(() => new TS.WMA(20), closesOf),
    },
    {
      name: 'RSI(14)',
      aim: true,
      batch: (n, o) => () => daki.rsi(columns.close.subarray(0, n), 14, { out: o?.out }),
      stream: stream(() => new daki.RSI(14), closesOf),
      tiBatch: (n) => {
        const values = closesOf(n);
        return () => TI.RSI.calculate({ period: 14, values });
      },
      tiStream: tiStream(() => new TI.RSI({ period: 14, values: [] }), closesOf),
      tsStream: tsStream(() => new TS.RSI(14), closesOf),
    },
    {
      name: 'MACD(12,26,9)',
      aim: true,
      batch: (n, o) => () =>
        daki.macd(columns.close.subarray(0, n), { fast: 12, slow: 26, signal: 9, out: o }),
      stream: stream(() => new daki.MACD({ fast: 12, slow: 26, signal: 9 }), closesOf),
      tiBatch: (n) => {
        const values = closesOf(n);
        return () =>
          TI.MACD.calculate({
            values,
            fastPeriod: 12,
            slowPeriod: 26,
            signalPeriod: 9,
            SimpleMAOscillator: false,
            SimpleMASignal: false,
          });
      },
      tiStream: tiStream(
        () =>
          new TI.MACD({
            values: [],
            fastPeriod: 12,
            slowPeriod: 26,
            signalPeriod: 9,
            SimpleMAOscillator: false,
            SimpleMASignal: false,
          }),
        closesOf,
      ),
      tsStream: tsStream(() => new TS.MACD(new TS.EMA(12), new TS.EMA(26), new TS.EMA(9)), closesOf),
    },
    {
      name: 'Bollinger(20,2)',
      aim: true,
      batch: (n, o) => () =>
        daki.bollingerBands(columns.close.subarray(0, n), { period: 20, stdDev: 2, out: o }),
      stream: stream(() => new daki.BollingerBands({ period: 20, stdDev: 2 }), closesOf),
      tiBatch: (n) => {
        const values = closesOf(n);
        return () => TI.BollingerBands.calculate({ period: 20, stdDev: 2, values });
      },
      tiStream: tiStream(() => new TI.BollingerBands({ period: 20, stdDev: 2, values: [] }), closesOf),
      tsStream: tsStream(() => new TS.BollingerBands(20, 2), closesOf),
    },
    {
      // technicalindicators' SD is the population sd (DA-KI's rollingStd is the sample sd);
      // trading-signals has no rolling standard deviation.
      name: 'rollingStd(20)',
      aim: false,
      batch: (n, o) => () => daki.rollingStd(columns.close.subarray(0, n), 20, { out: o?.out }),
      stream: stream(() => new daki.RollingStd(20), closesOf),
      tiBatch: (n) => {
        const values = closesOf(n);
        return () => TI.SD.calculate({ period: 20, values });
      },
      tiStream: tiStream(() => new TI.SD({ period: 20, values: [] }), closesOf),
    },
    {
      name: 'ROC(10)',
      aim: false,
      batch: (n, o) => () => daki.roc(columns.close.subarray(0, n), 10, { out: o?.out }),
      stream: stream(() => new daki.ROC(10), closesOf),
      tiBatch: (n) => {
        const values = closesOf(n);
        return () => TI.ROC.calculate({ period: 10, values });
      },
      tiStream: tiStream(() => new TI.ROC({ period: 10, values: [] }), closesOf),
      tsStream: tsStream(() => new TS.ROC(10), closesOf),
    },
    {
      name: 'ATR(14)',
      aim: false,
      batch: (n, o) => () => {
        const c = cols(n);
        return daki.atr(c.high, c.low, c.close, 14, { out: o?.out });
      },
      stream: stream(() => new daki.ATR(14), barsOf),
      tiBatch: (n) => {
        const c = tiCols(n);
        return () => TI.ATR.calculate({ ...c, period: 14 });
      },
      tiStream: tiStream(() => tiCandle(new TI.ATR({ high: [], low: [], close: [], period: 14 })), barsOf),
      tsStream: tsStream(() => new TS.ATR(14), barsOf),
    },
    {
      name: 'ADX(14)',
      aim: false,
      batch: (n, o) => () => {
        const c = cols(n);
        return daki.adx(c.high, c.low, c.close, 14, { out: o });
      },
      stream: stream(() => new daki.ADX(14), barsOf),
      tiBatch: (n) => {
        const c = tiCols(n);
        return () => TI.ADX.calculate({ ...c, period: 14 });
      },
      tiStream: tiStream(() => tiCandle(new TI.ADX({ high: [], low: [], close: [], period: 14 })), barsOf),
      tsStream: tsStream(() => new TS.ADX(14), barsOf),
    },
    {
      name: 'Stochastic(14,3)',
      aim: false,
      batch: (n, o) => () => {
        const c = cols(n);
        return daki.stochastic(c.high, c.low, c.close, { kPeriod: 14, dPeriod: 3, out: o });
      },
      stream: stream(() => new daki.Stochastic({ kPeriod: 14, dPeriod: 3 }), barsOf),
      tiBatch: (n) => {
        const c = tiCols(n);
        return () => TI.Stochastic.calculate({ ...c, period: 14, signalPeriod: 3 });
      },
      tiStream: tiStream(
        () => tiCandle(new TI.Stochastic({ high: [], low: [], close: [], period: 14, signalPeriod: 3 })),
        barsOf,
      ),
      tsStream: tsStream(
        () => new TS.StochasticOscillator({ kPeriod: 14, dPeriod: 3, kSlowingPeriod: 1 }),
        barsOf,
      ),
    },
    {
      name: 'Williams %R(14)',
      aim: false,
      batch: (n, o) => () => {
        const c = cols(n);
        return daki.williamsR(c.high, c.low, c.close, 14, { out: o?.out });
      },
      stream: stream(() => new daki.WilliamsR(14), barsOf),
      tiBatch: (n) => {
        const c = tiCols(n);
        return () => TI.WilliamsR.calculate({ ...c, period: 14 });
      },
      tiStream: tiStream(
        () => tiCandle(new TI.WilliamsR({ high: [], low: [], close: [], period: 14 })),
        barsOf,
      ),
      tsStream: tsStream(() => new TS.WilliamsR(14), barsOf),
    },
    {
      name: 'CCI(20)',
      aim: false,
      batch: (n, o) => () => {
        const c = cols(n);
        return daki.cci(c.high, c.low, c.close, 20, { out: o?.out });
      },
      stream: stream(() => new daki.CCI(20), barsOf),
      tiBatch: (n) => {
        const c = tiCols(n);
        return () => TI.CCI.calculate({ ...c, period: 20 });
      },
      tiStream: tiStream(() => tiCandle(new TI.CCI({ high: [], low: [], close: [], period: 20 })), barsOf),
      tsStream: tsStream(() => new TS.CCI(20), barsOf),
    },
    {
      name: 'MFI(14)',
      aim: false,
      batch: (n, o) => () => {
        const c = cols(n);
        return daki.mfi(c.high, c.low, c.close, c.volume, 14, { out: o?.out });
      },
      stream: stream(() => new daki.MFI(14), barsOf),
      tiBatch: (n) => {
        const c = tiCols(n);
        return () => TI.MFI.calculate({ ...c, period: 14 });
      },
      tiStream: tiStream(
        () => tiCandle(new TI.MFI({ high: [], low: [], close: [], volume: [], period: 14 })),
        barsOf,
      ),
      tsStream: tsStream(() => new TS.MFI(14), barsOf),
    },
    {
      name: 'OBV',
      aim: false,
      batch: (n, o) => () =>
        daki.obv(columns.close.subarray(0, n), columns.volume.subarray(0, n), { out: o?.out }),
      stream: stream(() => new daki.OBV(), barsOf),
      tiBatch: (n) => {
        const c = tiCols(n);
        return () => TI.OBV.calculate({ close: c.close, volume: c.volume });
      },
      tiStream: tiStream(() => tiCandle(new TI.OBV({ close: [], volume: [] })), barsOf),
      tsStream: tsStream(() => new TS.OBV(2), barsOf),
    },
    {
      name: 'VWAP (cumulative)',
      aim: false,
      batch: (n, o) => () => {
        const c = cols(n);
        return daki.vwap(c.high, c.low, c.close, c.volume, undefined, { out: o?.out });
      },
      stream: stream(() => new daki.VWAP(), barsOf),
      tiBatch: (n) => {
        const c = tiCols(n);
        return () => TI.VWAP.calculate(c);
      },
      tiStream: tiStream(() => tiCandle(new TI.VWAP({ high: [], low: [], close: [], volume: [] })), barsOf),
      tsStream: tsStream(() => new TS.VWAP(), barsOf),
    },
  ];
}

/**
 * Columns by output name, each a `Float64Array` of `n` created on first access and the same array
 * on every later one: DA-KI's `out` option, as a caller who keeps one set of columns passes it.
 */
function reusedColumns(n: number): Reused {
  const columns: Record<string, Float64Array> = {};
  return new Proxy(columns, {
    get: (target, name) => {
      if (typeof name !== 'string') return undefined;
      target[name] ??= new Float64Array(n);
      return target[name];
    },
  });
}

/** Rates (bars/s) measured for one case. */
interface Measured {
  /** DA-KI's batch function, fresh output columns on every call. */
  batch: number;
  /** The same, writing into the same columns on every call (its `out` option). */
  into: number;
  stream: number;
  tiBatch?: number;
  tiStream?: number;
  tsStream?: number;
  tuBatch?: number;
}

function measure(c: Case): Measured {
  // One set of reused columns per series length; an untimed call at full length creates them.
  const reused = new Map<number, Reused>();
  const into: Prepare = (n) => {
    if (!reused.has(n)) reused.set(n, reusedColumns(n));
    return c.batch(n, reused.get(n));
  };
  timeOnce(into(BARS));
  return {
    batch: rate((n) => c.batch(n, undefined), BARS, OUR_RUNS),
    into: rate(into, BARS, OUR_RUNS),
    stream: rate(c.stream, BARS, OUR_RUNS),
    tiBatch: c.tiBatch && peerRate(c.tiBatch).rate,
    tiStream: c.tiStream && peerRate(c.tiStream).rate,
    tsStream: c.tsStream && peerRate(c.tsStream).rate,
    // tulind runs its C loop over all bars at once: measured on the full million, as DA-KI.
    tuBatch: c.tuBatch && loadTulind() ? rate(c.tuBatch, BARS, PEER_RUNS) : undefined,
  };
}

/** Runs case `index` in a fresh worker thread (tsx registered there too) and returns its rates. */
function measureInWorker(index: number): Promise<Measured> {
  const boot =
    `import('tsx/esm/api').then(({ register }) => { register(); ` +
    `return import(${JSON.stringify(import.meta.url)}); })`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(boot, { eval: true, workerData: { index } });
    worker.once('message', (result: Measured) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`worker for case ${index} exited with code ${code}`));
    });
  });
}

const million = (bps: number): number => Math.round(bps / 1e4) / 100;
const ratio = (ours: number, theirs: number | undefined): string =>
  theirs === undefined ? '—' : `${(ours / theirs).toFixed(ours / theirs >= 100 ? 0 : 1)}×`;

/** Which cases to run: `--only=core`, `--only=breadth`, or a substring of case names. */
function selected(cases: (Case & { group?: string })[]): number[] {
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  return cases
    .map((c, index) => ({ c, index }))
    .filter(({ c }) => !only || c.group === only || c.name.toLowerCase().includes(only.toLowerCase()))
    .map(({ index }) => index);
}

/**
 * What this machine charges for fresh output memory: writing a new `BARS`-value Float64Array (its
 * pages faulted in on first write) against writing one already touched. Every batch function
 * returns fresh columns, so on a VM with costly page faults this, not the arithmetic, bounds the
 * indicators of one cheap expression per bar; the line makes runs on different machines comparable.
 */
function freshMemoryCost(): string {
  const fresh: number[] = [];
  const reused: number[] = [];
  for (let run = 0; run < 5; run++) {
    let start = performance.now();
    const column = new Float64Array(BARS);
    column.fill(1);
    fresh.push(performance.now() - start);
    start = performance.now();
    column.fill(2);
    reused.push(performance.now() - start);
  }
  const pages = (BARS * Float64Array.BYTES_PER_ELEMENT) / 4096;
  const perPageUs = ((median(fresh) - median(reused)) * 1000) / pages;
  return (
    `Fresh output memory here: a new ${BARS.toLocaleString('en')}-value Float64Array written in ` +
    `${median(fresh).toFixed(2)} ms, an already written one in ${median(reused).toFixed(2)} ms ` +
    `(≈ ${perPageUs.toFixed(1)} µs per 4 KiB page fault, ${((median(fresh) * 1e6) / BARS).toFixed(1)} ns per output value).`
  );
}

async function main(): Promise<void> {
  const started = performance.now();
  console.log(
    `Indicator throughput, million bars/s: median of ${OUR_RUNS} runs for DA-KI and tulind on ` +
      `${BARS.toLocaleString('en')} bars, of ${PEER_RUNS} for TI and TS on up to as many; ` +
      `each indicator in a fresh worker. Node ${process.version}.`,
  );
  console.log(`${freshMemoryCost()}\n`);
  const cases = buildCases(buildData(0)) as (Case & { group?: string })[];
  const rows: (string | number)[][] = [];
  const missed = { into: [] as string[], fresh: [] as string[] };
  for (const index of selected(cases)) {
    const c = cases[index] as Case & { group?: string };
    const m = await measureInWorker(index);
    // Batch ratios as "fresh columns / reused columns".
    const both = (theirs: number | undefined): string =>
      theirs === undefined ? '—' : `${ratio(m.batch, theirs)} / ${ratio(m.into, theirs)}`;
    rows.push([
      c.name,
      million(m.batch),
      million(m.into),
      m.tiBatch ? million(m.tiBatch) : '—',
      both(m.tiBatch),
      million(m.stream),
      m.tiStream ? million(m.tiStream) : '—',
      ratio(m.stream, m.tiStream),
      m.tsStream ? million(m.tsStream) : '—',
      both(m.tsStream),
      ratio(m.stream, m.tsStream),
      m.tuBatch ? million(m.tuBatch) : '—',
      both(m.tuBatch),
    ]);
    if (!c.aim) continue;
    if (c.group === 'core' && m.tiStream && m.stream < 10 * m.tiStream) {
      missed.into.push(`${c.name} streaming vs TI`);
      missed.fresh.push(`${c.name} streaming vs TI`);
    }
    for (const [form, ours] of [
      ['into', m.into],
      ['fresh', m.batch],
    ] as const) {
      if (m.tiBatch && ours < 10 * m.tiBatch) missed[form].push(`${c.name} batch vs TI`);
      if (c.group === 'breadth' && m.tsStream && ours < 3 * m.tsStream)
        missed[form].push(`${c.name} batch vs TS`);
      if (m.tuBatch && ours < m.tuBatch) missed[form].push(`${c.name} batch vs tulind`);
    }
  }
  printTable(
    [
      'indicator',
      'DA-KI batch',
      'DA-KI into',
      'TI batch',
      'batch × TI',
      'DA-KI stream',
      'TI stream',
      'stream × TI',
      'TS add',
      'batch × TS',
      'stream × TS',
      'tulind',
      'batch × tulind',
    ],
    rows,
  );
  console.log(
    '\nDA-KI batch = fresh output columns on every call; DA-KI into = the same columns on every call (`out`); ' +
      'batch ratios are "fresh / into". TI = technicalindicators 3 (calculate / nextValue); TS = trading-signals 8 ' +
      '(add: it has no batch form); tulind = Tulip Indicators 0.8 (C, one call over the whole series, inputs ' +
      'converted from JS arrays).',
  );
  const aims =
    'the aims (≥ 10× technicalindicators, ≥ 3× trading-signals for the new indicators, ahead of tulind)';
  console.log(
    missed.into.length === 0
      ? `Writing into reused columns, ${aims} are met.`
      : `Writing into reused columns, ${aims} are missed on: ${missed.into.join(', ')}.`,
  );
  console.log(
    missed.fresh.length === 0
      ? 'With fresh columns on every call they are met too.'
      : `With fresh columns on every call (page faults included) they are missed on: ${missed.fresh.join(', ')}.`,
  );
  console.log(`Total ${((performance.now() - started) / 1000).toFixed(0)} s.`);
}

if (isMainThread) {
  await main();
} else {
  const { index } = workerData as { index: number };
  const c = buildCases(buildData(BARS))[index] as Case;
  const result = measure(c);
  if (sink < 0) console.log(sink); // never true: keeps the sink observable
  parentPort?.postMessage(result);
}
