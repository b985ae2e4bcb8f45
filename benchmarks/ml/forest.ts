// Random forest benchmark: @da-ki/ml's histogram forest (scikit-learn's defaults) beside the old
// ml-random-forest backend (its former defaults in @da-ki/ml: 10 trees, depth 6, 2 000-row
// subsample) and scikit-learn's RandomForestRegressor() on the same rows, same run.
// Friedman #1 (1 500 train / 500 test, 10 features, noise sd 1) and 100 000 × 20 (Friedman #1 on
// the first 5 features, 15 noise features). Wall and CPU seconds of fit + predict on one core
// (workers: 0), plus the forest with every core; CPU seconds are what a busy machine cannot
// inflate much.
// Run: npx tsx benchmarks/ml/forest.ts          (scikit-learn column when /usr/bin/python3 has sklearn)
//      npx tsx benchmarks/ml/forest.ts --quick  (skips 100 000 × 20)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RandomForestRegression } from 'ml-random-forest';
import { RandomForestRegressor } from '../../packages/ml/src/index.js';
import { createRng } from '../../packages/sdk/src/index.js';
import { printTable } from '../table.js';

interface Data {
  X: Float64Array[];
  y: Float64Array;
}

/** Friedman #1: y = 10 sin(π x0 x1) + 20 (x2 − ½)² + 10 x3 + 5 x4 + N(0, 1); features U(0, 1). */
function friedman1(n: number, width: number, seed: number): Data {
  const rng = createRng(`friedman1:${seed}`);
  const X: Float64Array[] = [];
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = new Float64Array(width);
    for (let k = 0; k < width; k++) x[k] = rng.next();
    const [a, b, c, d, e] = x as unknown as [number, number, number, number, number];
    y[i] = 10 * Math.sin(Math.PI * a * b) + 20 * (c - 0.5) ** 2 + 10 * d + 5 * e + rng.normal();
    X.push(x);
  }
  return { X, y };
}

const rmse = (p: ArrayLike<number>, y: Float64Array) => {
  let ss = 0;
  for (let i = 0; i < y.length; i++) ss += ((p[i] as number) - (y[i] as number)) ** 2;
  return Math.sqrt(ss / y.length);
};

/** Wall seconds and CPU seconds of this process (every thread, so the workers' too). */
async function timed<T>(run: () => Promise<T> | T): Promise<{ value: T; seconds: number; cpu: number }> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = await run();
  const used = process.cpuUsage(cpu);
  return { value, seconds: (performance.now() - start) / 1000, cpu: (used.user + used.system) / 1e6 };
}

function oldBackend(train: Data, test: Data) {
  // @da-ki/ml 0.1's RandomForestRegressor: a 2 000-row subsample (first rows: the data are i.i.d.)
  const rows = Math.min(2000, train.X.length);
  const forest = new RandomForestRegression({
    nEstimators: 10,
    maxFeatures: 0.33 + 0.5 / (train.X[0] as Float64Array).length,
    replacement: false,
    seed: 1,
    useSampleBagging: true,
    noOOB: true,
    treeOptions: { maxDepth: 6, minNumSamples: 20 },
  });
  forest.train(
    train.X.slice(0, rows).map((r) => Array.from(r)),
    Array.from(train.y.subarray(0, rows)),
  );
  return rmse(forest.predict(test.X.map((r) => Array.from(r))), test.y);
}

function sklearn(train: Data, test: Data): { rmse: number; seconds: number; cpu: number } | string {
  const dir = mkdtempSync(join(tmpdir(), 'forest-bench-'));
  try {
    const write = (name: string, d: Data) => {
      const path = join(dir, name);
      writeFileSync(path, d.X.map((x, i) => `${Array.from(x).join(',')},${d.y[i]}`).join('\n'));
      return path;
    };
    const script = fileURLToPath(new URL('./forest_sklearn.py', import.meta.url));
    const out = execFileSync(
      '/usr/bin/python3',
      [script, write('train.csv', train), write('test.csv', test)],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    return JSON.parse(out) as { rmse: number; seconds: number; cpu: number };
  } catch (error) {
    return `not run (${(error as Error).message.split('\n')[0]})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const quick = process.argv.includes('--quick');
const sets: { name: string; train: Data; test: Data }[] = [
  { name: 'Friedman #1, 1 500 / 500 × 10', train: friedman1(1500, 10, 1), test: friedman1(500, 10, 2) },
];
if (!quick)
  sets.push({
    name: '100 000 / 10 000 × 20',
    train: friedman1(100_000, 20, 3),
    test: friedman1(10_000, 20, 4),
  });

console.log(
  `load average at start: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (${availableParallelism()} cores)`,
);
const rows: (string | number)[][] = [];
for (const set of sets) {
  const one = await timed(async () => {
    const model = new RandomForestRegressor({ workers: 0 });
    await model.fit(set.train.X, set.train.y);
    return rmse(await model.predict(set.test.X), set.test.y);
  });
  rows.push([
    set.name,
    '@da-ki/ml forest, defaults, 1 core',
    one.value.toFixed(3),
    one.seconds.toFixed(2),
    one.cpu.toFixed(2),
  ]);
  const all = await timed(async () => {
    const model = new RandomForestRegressor({ workers: availableParallelism() });
    await model.fit(set.train.X, set.train.y);
    return rmse(await model.predict(set.test.X), set.test.y);
  });
  rows.push([
    set.name,
    `@da-ki/ml forest, defaults, ${availableParallelism()} workers`,
    all.value.toFixed(3),
    all.seconds.toFixed(2),
    all.cpu.toFixed(2),
  ]);
  const old = await timed(() => oldBackend(set.train, set.test));
  rows.push([
    set.name,
    'old: ml-random-forest, 0.1 defaults',
    old.value.toFixed(3),
    old.seconds.toFixed(2),
    old.cpu.toFixed(2),
  ]);
  const sk = sklearn(set.train, set.test);
  rows.push(
    typeof sk === 'string'
      ? [set.name, 'scikit-learn RandomForestRegressor()', sk, '', '']
      : [
          set.name,
          'scikit-learn RandomForestRegressor(), n_jobs=1',
          sk.rmse.toFixed(3),
          sk.seconds.toFixed(2),
          sk.cpu.toFixed(2),
        ],
  );
}
printTable(['data', 'model', 'test RMSE', 'fit + predict, wall s', 'CPU s'], rows);
console.log(
  `load average at end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
