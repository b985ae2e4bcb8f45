// The main job on embedded defaults: score the synthetic 467-stock universe and print the ranking.
// Run: npm start   (or: npx tsx examples/rank-universe.ts [count])
import { SyntheticMarketProvider } from '@da-ki/providers';
import { type AnalyzerProgress, createAnalyzer, type ScoreResult } from '@da-ki/sdk';

const count = Number(process.argv[2] ?? 20);
const provider = new SyntheticMarketProvider({ seed: 42 });
const analyzer = createAnalyzer({ market: provider, fundamentals: provider, news: provider });

const showProgress = (p: AnalyzerProgress): void => {
  if (!process.stderr.isTTY || p.phase !== 'fetch') return;
  process.stderr.write(
    `\rloading ${p.completed}/${p.total} symbols${p.failed ? ` (${p.failed} failed)` : ''}   `,
  );
  if (p.completed === p.total) process.stderr.write('\n');
};

const run = await analyzer.scoreAll({ onProgress: showProgress });
const fixed = (value: number, digits = 1) => value.toFixed(digits).padStart(5);

console.log(`\nDA-KI growth ranking — ${run.results.length} stocks (synthetic data, seed 42)\n`);
console.log(
  [
    'rank'.padStart(4),
    'symbol'.padEnd(6),
    'sector'.padEnd(24),
    'score',
    'grade',
    ' perf',
    ' fund',
    ' sent',
    ' sect',
    '  mom',
    'risk'.padEnd(6),
    'conf',
    ' why',
  ].join(' '),
);
for (const r of run.results.slice(0, count) as ScoreResult[]) {
  console.log(
    [
      String(r.rank).padStart(4),
      r.symbol.padEnd(6),
      r.sector.slice(0, 24).padEnd(24),
      fixed(r.score),
      r.grades.overall.padEnd(5),
      fixed(r.factors.performance, 0),
      fixed(r.factors.fundamental, 0),
      fixed(r.factors.sentiment, 0),
      fixed(r.factors.sector, 0),
      fixed(r.factors.momentum, 0),
      r.riskLevel.padEnd(6),
      String(r.confidenceLevel).padEnd(4),
      r.explanations[0] ?? '',
    ].join(' '),
  );
}
console.log(
  `\nscored ${run.results.length} symbols (${run.errors.length} failed): ` +
    `fetch ${run.timings.fetchMs.toFixed(0)} ms, scoring ${run.timings.scoreMs.toFixed(1)} ms`,
);
for (const error of run.errors) console.log(`  ${error.symbol}: ${error.name}: ${error.message}`);
