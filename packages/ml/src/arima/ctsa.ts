import { dirname, join } from 'node:path';
import { ModelTrainingError } from '../model/errors.js';
import { nodeRequire } from '../util/node-require.js';

/** An ARMA(p, q) with mean, fitted by the `arima` package (ctsa, exact maximum likelihood). */
export interface CtsaArmaFit {
  /** AR coefficients φ₁…φp. */
  ar: number[];
  /** MA coefficients θ₁…θq in the convention x_t = … + e_t + θ₁e_{t−1} (R, statsmodels). */
  ma: number[];
  /** Mean of the series. */
  mean: number;
  /** Innovation variance σ². */
  sigma2: number;
  /** Maximised Gaussian log-likelihood. */
  logLik: number;
  /** −2 logLik + 2k, k counting the ARMA coefficients, the mean and σ² (as R's `arima`). */
  aic: number;
}

interface ArimaInstance {
  train(ts: number[]): ArimaInstance;
  destroy(): void;
}
type ArimaConstructor = new (options: Record<string, number | boolean>) => ArimaInstance;

let instance: { ARIMA: ArimaConstructor; output: string[] } | undefined;

/**
 * Our own instance of the package's WASM module, built from its files with a `print` hook: the
 * package keeps its module private and reports coefficients, σ², log-likelihood and AIC only in
 * its verbose summary, which would otherwise go to stdout. Its files are required by absolute
 * path because the package's `exports` map hides them.
 */
function ctsa(): { ARIMA: ArimaConstructor; output: string[] } {
  if (instance) return instance;
  const require = nodeRequire();
  const root = dirname(require.resolve('arima'));
  const factory = require(join(root, 'wasm', 'native-sync.js')) as (options: object) => object;
  const wasmBinary = require(join(root, 'wrapper', 'native.bin.js')) as Uint8Array;
  const load = require(join(root, 'load.js')) as (module: object) => ArimaConstructor;
  const output: string[] = [];
  const module = factory({
    wasmBinary,
    print: (line: string) => output.push(line),
    printErr: (line: string) => output.push(line),
  });
  instance = { ARIMA: load(module), output };
  return instance;
}

/**
 * Fits ARIMA(p, d, q) to `series` by exact maximum likelihood (ctsa's default method), reading
 * the estimates from the package's summary. With d = 0 ctsa estimates a mean; with d = 1 it
 * estimates none (the ARMA of the differences has mean 0, as R's `stats::arima` with d > 0).
 * Throws {@link ModelTrainingError} when ctsa reports anything but success or prints a
 * non-finite estimate.
 */
export function fitArmaWithCtsa(series: Float64Array, p: number, q: number, d: 0 | 1 = 0): CtsaArmaFit {
  const { ARIMA, output } = ctsa();
  output.length = 0;
  // BFGS (optimizer 5): same estimates as the default L-BFGS on our tests, about a third faster.
  const model = new ARIMA({ p, d, q, verbose: true, optimizer: 5 }).train(Array.from(series));
  model.destroy();
  return parseSummary(output.join('\n'), p, q);
}

/** Reads the verbose summary of a ctsa SARIMAX fit. Exported for tests. */
export function parseSummary(text: string, p: number, q: number): CtsaArmaFit {
  const label = `ARMA(${p}, ${q})`;
  const code = /Return Code\s*:\s*(-?\d+)/.exec(text)?.[1];
  if (code !== '1') {
    const message = /Exit Message\s*:\s*(.*)/.exec(text)?.[1]?.trim() ?? 'no summary printed';
    throw new ModelTrainingError('arima', `${label}: ctsa returned code ${code ?? '?'} (${message})`);
  }
  const number = (pattern: RegExp, what: string): number => {
    const value = Number(pattern.exec(text)?.[1]);
    if (!Number.isFinite(value))
      throw new ModelTrainingError('arima', `${label}: ctsa printed no finite ${what}`);
    return value;
  };
  const ar = Array.from({ length: p }, (_, i) =>
    number(new RegExp(`^AR${i + 1}\\s+(\\S+)`, 'm'), `AR${i + 1}`),
  );
  // ctsa writes the MA polynomial as (1 − θB); flip to the (1 + θB) convention of R and statsmodels.
  const ma = Array.from(
    { length: q },
    (_, j) => -number(new RegExp(`^MA${j + 1}\\s+(\\S+)`, 'm'), `MA${j + 1}`),
  );
  return {
    ar,
    ma,
    mean: number(/^MEAN\s+(\S+)/m, 'mean'),
    sigma2: number(/^SIGMA\^2\s+(\S+)/m, 'sigma^2'),
    logLik: number(/Log Likelihood\s*:\s*(\S+)/, 'log-likelihood'),
    aic: number(/AIC criterion\s*:\s*(\S+)/, 'AIC'),
  };
}
