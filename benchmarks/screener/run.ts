// Benchmark: the screener behind GET /api/stocks over a large universe — filtering and sorting the
// served run's summaries in memory per request (examples/nest-server/src/screener).
// Run: npx tsx benchmarks/screener/run.ts [symbols, default 5000]
// The universe is the synthetic one, scored by the SDK as the server scores it; market cap and
// 1-day change come from the same provider; a third of the stocks get no forecast (as while a
// model leaves symbols out), so forecast bounds and sorts meet missing values.

import { listStocksQuerySchema } from '../../examples/nest-server/src/contract/stock-requests.js';
import type { ScoredRun } from '../../examples/nest-server/src/scoring/score-run.js';
import { screenStocks } from '../../examples/nest-server/src/screener/screen.js';
import { buildStockTable } from '../../examples/nest-server/src/screener/stock-table.js';
import type { MarketFacts } from '../../examples/nest-server/src/stocks/stock-metrics.js';
import { SyntheticMarketProvider } from '../../packages/providers/src/index.js';
import { createAnalyzer } from '../../packages/sdk/src/index.js';
import { median, printTable } from '../table.js';

const SYMBOLS = Number(process.argv[2] ?? 5000);
const RUNS = 200;

const QUERIES = [
  'sort=rank',
  'sort=-score&page_size=200',
  'score_min=50&rsi_min=40&rsi_max=70&sort=-change_1d',
  'sector=Health%20Care,Energy&pe_min=0&pe_max=20&sort=-market_cap',
  'grade=A%2B,A,A-,B%2B&risk=low,medium&confidence=high&return_12m_min=10&pb_max=4&sort=-score',
  'forecast_return_min=0&sort=-forecast_return',
  'q=a&sort=name',
];

const provider = new SyntheticMarketProvider({ seed: 42, symbols: SYMBOLS });
const started = performance.now();
const scored = await createAnalyzer({ market: provider, fundamentals: provider, news: provider }).scoreAll();
const scoreSeconds = (performance.now() - started) / 1000;
const results = scored.results.map(({ lastClose, lastTimestamp: _t, ...rest }) => ({
  ...rest,
  currentPrice: lastClose ?? 0,
}));
const run = { results, bySymbol: new Map(results.map((r) => [r.symbol, r])) } as unknown as ScoredRun;
const facts = new Map<string, MarketFacts>();
for (const r of results) {
  const [bars, fundamentals] = await Promise.all([
    provider.getBars(r.symbol),
    provider.getFundamentals(r.symbol),
  ]);
  const n = bars.close.length;
  facts.set(r.symbol, {
    marketCap: fundamentals.marketCap ?? null,
    change1dPercent: ((bars.close[n - 1] as number) / (bars.close[n - 2] as number) - 1) * 100,
  });
}
let t = performance.now();
const table = buildStockTable(run, facts);
const buildMs = performance.now() - t;
const forecasts = new Map(results.map((r, i) => [r.symbol, i % 3 === 0 ? null : ((i * 37) % 41) - 20]));
const forecast = (symbol: string) => forecasts.get(symbol) ?? null;

const rows: (string | number)[][] = [];
for (const q of QUERIES) {
  const query = listStocksQuerySchema.parse(Object.fromEntries(new URLSearchParams(q)));
  for (let k = 0; k < 20; k++) screenStocks(table.rows, query, forecast); // warm-up: JIT
  const times: number[] = [];
  let kept = 0;
  for (let k = 0; k < RUNS; k++) {
    t = performance.now();
    kept = screenStocks(table.rows, query, forecast).length;
    times.push(performance.now() - t);
  }
  rows.push([q, kept, Number(median(times).toFixed(3)), Number(Math.max(...times).toFixed(3))]);
}
console.log(
  `${table.rows.length} stocks (scored in ${scoreSeconds.toFixed(1)} s; table built once per run in ${buildMs.toFixed(0)} ms)`,
);
printTable(['query', 'kept', 'median ms', 'max ms'], rows);
