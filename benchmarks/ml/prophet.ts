// Prophet beside ARIMA and the naive forecasts on real series (../shared/data): DAX 1991–1998 and
// gold 1985–1989 (34 missing days). Log prices, 30 trading days ahead, an origin every 60 days
// from day 520, every model refitted on everything up to each origin. Also times one fit.
// Run: npx tsx benchmarks/ml/prophet.ts
import { loadavg } from 'node:os';
import { ProphetForecaster } from '../../packages/ml/src/index.js';
import {
  loadEuStockCloses,
  loadGold,
  weekdayTimestamps,
} from '../../packages/ml/src/testing/reference-series.js';
import { rollingOrigin } from '../../packages/ml/src/testing/rolling-origin.js';
import { printTable } from '../table.js';

console.log(
  `load average at start: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
const dax = loadEuStockCloses().DAX;
const gold = loadGold();
const series = [
  { name: 'DAX', ts: weekdayTimestamps('1991-07-01', dax.length), values: dax },
  { name: 'gold (34 missing)', ts: weekdayTimestamps('1985-01-01', gold.length), values: gold },
];
const rows: (string | number)[][] = [];
for (const s of series) {
  for (const score of rollingOrigin(s.ts, s.values, { h: 30, firstOrigin: 520, every: 60 })) {
    rows.push([
      s.name,
      score.model,
      score.origins,
      score.mae.toFixed(4),
      score.maeAtHorizon.toFixed(4),
      score.coverage === null ? '—' : `${(100 * score.coverage).toFixed(1)} %`,
    ]);
  }
}
printTable(
  ['series', 'model', 'origins', 'MAE (log), steps 1–30', 'MAE at step 30', '80 % interval coverage'],
  rows,
);

const logs = Float64Array.from(dax, Math.log);
const ts = series[0]?.ts as Float64Array;
for (const n of [252, 1860]) {
  const start = performance.now();
  const runs = n === 252 ? 20 : 3;
  for (let r = 0; r < runs; r++) new ProphetForecaster().fit(ts.subarray(0, n), logs.subarray(0, n));
  console.log(`Prophet fit on ${n} DAX days: ${((performance.now() - start) / runs).toFixed(1)} ms`);
}
console.log(
  `load average at end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
