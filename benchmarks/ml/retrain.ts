// The one-minute retrain: StockPredictionEnsemble.fit with its defaults (five base models, every
// core) on the 467-symbol synthetic universe, wall clock beside the machine's load, the CPU time
// of the process (all threads) and each model's task seconds. Progress (stage, done/total, ETA)
// goes to stderr.
// Run: npx tsx benchmarks/ml/retrain.ts
import { availableParallelism, loadavg } from 'node:os';
import { type EnsembleProgress, StockPredictionEnsemble } from '../../packages/ml/src/index.js';
import { SyntheticMarketProvider } from '../../packages/providers/src/index.js';
import { printTable } from '../table.js';

const provider = new SyntheticMarketProvider({ seed: 42, symbols: 467 });
const inputs = await Promise.all(
  (await provider.listSymbols()).map(async (s) => ({ bars: await provider.getBars(s.symbol) })),
);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const loadAtStart = load();
let shown = '';
const onProgress = (p: EnsembleProgress) => {
  const line = `${p.stage} ${p.done}/${p.total}${p.etaSeconds === null ? '' : `, ETA ${p.etaSeconds.toFixed(0)} s`}`;
  if (p.stage !== 'training' || p.done % 5 === 0 || p.done === p.total) {
    if (line !== shown) process.stderr.write(`  [${p.elapsedSeconds.toFixed(0)} s] ${line}\n`);
    shown = line;
  }
};
const cpu = process.cpuUsage();
const started = performance.now();
const report = await new StockPredictionEnsemble({ onProgress }).fit(inputs);
const wall = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);

console.log(
  `\n467 symbols × ${inputs[0]?.bars.close.length} bars, defaults, ${availableParallelism()} cores, ${report.mode}; load average ${loadAtStart} at start, ${load()} at end`,
);
printTable(
  ['model', 'task seconds (all splits + final)'],
  Object.entries(report.trainingSeconds).map(([model, seconds]) => [model, seconds.toFixed(1)]),
);
printTable(
  ['fit', 'seconds', 'aim'],
  [
    ['wall clock', wall.toFixed(1), '< 60'],
    ['CPU, all threads', ((used.user + used.system) / 1e6).toFixed(1), ''],
  ],
);
const row = (model: string) => report.metrics.find((m) => m.model === model);
console.log(
  `ensemble out-of-fold RMSE ${row('ensemble')?.rmse.toFixed(4)} (baseline:zero ${row('baseline:zero')?.rmse.toFixed(4)}), rank IC ${row('ensemble')?.rankIc?.mean.toFixed(4)}`,
);
