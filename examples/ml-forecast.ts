// Forecast with @da-ki/ml: train the stacked ensemble on a synthetic universe, read its honest
// walk-forward report, forecast every symbol, and backtest the forecasts as a ranking score.
// Run: npx tsx examples/ml-forecast.ts   (about half a minute on 2 cores)
import {
  backtestScores,
  formatBacktestTable,
  formatMetricsTable,
  ModelPerformanceTracker,
  pricePanelFromBars,
  StockPredictionEnsemble,
  scorePanelFromRows,
} from '@da-ki/ml';
import { SyntheticMarketProvider } from '@da-ki/providers';

const provider = new SyntheticMarketProvider({ seed: 7, symbols: 80 });
const symbols = await provider.listSymbols();
const bars = await Promise.all(symbols.map((s) => provider.getBars(s.symbol)));
const inputs = bars.map((series) => ({ bars: series }));

// Hold out the last 30 bars so that the forecasts can be checked against what happened.
const horizon = 30;
const history = inputs.map(({ bars: b }) => ({
  bars: {
    ...b,
    ...Object.fromEntries(
      (['timestamps', 'open', 'high', 'low', 'close', 'volume'] as const).map((f) => [
        f,
        b[f].slice(0, -horizon),
      ]),
    ),
  },
}));

const ensemble = new StockPredictionEnsemble({
  horizon,
  // lighter than the defaults, so the example runs quickly
  models: [
    { kind: 'xgboost', options: { rounds: 60 } },
    { kind: 'randomForest', options: { nEstimators: 5, maxSamples: 1000 } },
    { kind: 'lstm', options: { timesteps: 10, hiddenSize: 6, epochs: 3 } },
  ],
  onProgress: (p) => process.stderr.write(`\rtraining: ${p.completed}/${p.total} tasks on ${p.mode}   `),
});
const report = await ensemble.fit(history);
process.stderr.write('\n');

// What was validated: with 474 bars the default plan (495 bars) does not fit, so it is derived.
const { validation } = report;
console.log(
  `Walk-forward: ${validation.splits} splits of ${validation.testSize} test dates after ${validation.trainSize} training dates ` +
    `and a ${validation.gap}-date gap (${validation.derived ? 'derived from the data length' : 'the defaults'}); ` +
    `${validation.scoredSplits} splits, ${validation.rowsScored} symbol-dates scored; stacking: ${validation.stacking}\n`,
);
console.log('Out of fold — every model beside the naive baselines, on the same rows:');
console.log(formatMetricsTable(report.metrics));
console.log('\nStacking weights (non-negative, fitted on out-of-fold predictions):', ensemble.weights);

const predictions = await ensemble.predict(history);
const best = [...predictions].sort((a, b) => b.expectedReturn - a.expectedReturn).slice(0, 5);
console.log('\nHighest expected 30-day returns:');
for (const p of best) {
  console.log(
    `${p.symbol.padEnd(6)} ${p.currentPrice.toFixed(2)} → ${p.predictedPrice.toFixed(2)} ` +
      `(${(p.expectedReturn * 100).toFixed(1)} %), ${p.interval.level * 100} % interval ` +
      `${p.interval.lower.toFixed(2)}–${p.interval.upper.toFixed(2)}, P(direction) ${p.confidenceLevel.toFixed(2)}`,
  );
}

// What happened over the held-out 30 bars.
const tracker = new ModelPerformanceTracker();
for (const p of predictions) {
  const actual = bars.find((b) => b.symbol === p.symbol)?.close.at(-1);
  if (actual === undefined) continue;
  tracker.record({
    symbol: p.symbol,
    predicted: p.predictedPrice,
    actual,
    reference: p.currentPrice,
    lower: p.interval.lower,
    upper: p.interval.upper,
  });
}
console.log('\nHeld-out check of the live forecasts:', tracker.summarise());

// The same forecasts, out of fold, as a ranking score.
const oof = report.oof;
const scores = scorePanelFromRows({
  symbols: oof.symbols,
  dates: oof.dates,
  scores: oof.predictions.ensemble as Float64Array,
});
console.log(
  `\n${formatBacktestTable(backtestScores(scores, pricePanelFromBars(history.map((h) => h.bars)), { horizon, topK: 10 }), 'ensemble')}`,
);
