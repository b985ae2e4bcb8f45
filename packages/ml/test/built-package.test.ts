// The published bundles, not the sources: the ESM build once shipped a `require` shim that threw
// "Dynamic require of ml-xgboost is not supported". Runs after `npm test` has built the package.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const script = (load: string) => `
  ${load}
  const X = Array.from({ length: 60 }, (_, i) => Float64Array.from([i, i % 3]));
  const y = Float64Array.from(X, (r) => 2 * r[0]);
  const model = new XGBoostRegressor({ rounds: 20 });
  await model.fit(X, y);
  const [low, high] = await model.predict([X[5], X[50]]);
  console.log(JSON.stringify({ low, high }));
`;

describe.skipIf(!existsSync(`${dist}index.js`))('the built @da-ki/ml', () => {
  it.each([
    [
      'ESM',
      ['--input-type=module', '-e', script(`const { XGBoostRegressor } = await import('${dist}index.js');`)],
    ],
    [
      'CJS',
      ['-e', `(async () => { ${script(`const { XGBoostRegressor } = require('${dist}index.cjs');`)} })()`],
    ],
  ])('trains and predicts with XGBoost from the %s bundle', (_, args) => {
    const out = JSON.parse(
      execFileSync(process.execPath, args as string[], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .at(-1) as string,
    );
    expect(out.high).toBeGreaterThan(out.low);
    expect(Number.isFinite(out.low)).toBe(true);
  });
});

describe.skipIf(!existsSync(`${dist}index.js`))('the built @da-ki/ml ensemble', () => {
  it('trains on worker threads from the ESM bundle and predicts every symbol', () => {
    const providers = fileURLToPath(new URL('../../providers/dist/index.js', import.meta.url));
    const code = `
      const { SyntheticMarketProvider } = await import('${providers}');
      const { StockPredictionEnsemble } = await import('${dist}index.js');
      const provider = new SyntheticMarketProvider({ seed: 7, symbols: 12 });
      const inputs = await Promise.all((await provider.listSymbols()).map(async (s) => ({ bars: await provider.getBars(s.symbol) })));
      const ensemble = new StockPredictionEnsemble({
        models: [{ kind: 'xgboost', options: { rounds: 10 } }],
        arima: { maxP: 1, maxQ: 0, maxD: 1 },
        validation: { nSplits: 3 },
        workers: 1,
      });
      const report = await ensemble.fit(inputs);
      const predictions = await ensemble.predict(inputs);
      console.log(JSON.stringify({ mode: report.mode, reason: report.fallbackReason, count: predictions.length,
        finite: predictions.every((p) => Number.isFinite(p.predictedPrice)) }));
    `;
    const out = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .at(-1) as string,
    );
    expect(out).toEqual({ mode: 'workers', count: 12, finite: true });
  }, 120_000);
});
