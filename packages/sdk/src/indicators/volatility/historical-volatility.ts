import { InvalidArgumentError } from '../../data/errors.js';
import { assertFiniteNumber, assertPeriod } from '../args.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Variance, WindowSum } from '../kernel-parts.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import { runOnBars } from '../series-kernel.js';
import type { IndicatorState } from '../state.js';
import { DIRECT_WINDOW_LIMIT, m2OfArray } from './window-m2.js';

/** The estimators of {@link historicalVolatility}. */
export type VolatilityEstimator = 'close' | 'parkinson' | 'garmanKlass' | 'rogersSatchell' | 'yangZhang';

const ESTIMATORS: readonly VolatilityEstimator[] = [
  'close',
  'parkinson',
  'garmanKlass',
  'rogersSatchell',
  'yangZhang',
];

/** Options of {@link historicalVolatility}. */
export interface HistoricalVolatilityOptions {
  /** Estimator (default `'close'`). */
  estimator?: VolatilityEstimator;
  /** Window in bars (default 10, as TTR; ≥ 3 for `'close'`, ≥ 2 otherwise). */
  period?: number;
  /** Bars per year the variance is scaled by (default 252; TTR's default is 260). */
  annualization?: number;
}

/** OHLC columns (only `close` for the close-to-close estimator). */
export interface OhlcColumns {
  open?: ArrayLike<number>;
  high?: ArrayLike<number>;
  low?: ArrayLike<number>;
  close: ArrayLike<number>;
}

function resolve(options: HistoricalVolatilityOptions): Required<HistoricalVolatilityOptions> {
  const { estimator = 'close', period = 10, annualization = 252 } = options ?? {};
  if (!ESTIMATORS.includes(estimator))
    throw new InvalidArgumentError(
      'estimator',
      `must be one of ${ESTIMATORS.join(', ')}, got ${String(estimator)}`,
    );
  assertPeriod('period', period, estimator === 'close' ? 3 : 2);
  assertFiniteNumber('annualization', annualization);
  if (annualization <= 0)
    throw new InvalidArgumentError('annualization', `must be above 0, got ${annualization}`);
  return { estimator, period, annualization };
}

function firstIndex(o: Required<HistoricalVolatilityOptions>): number {
  return o.estimator === 'yangZhang' ? o.period : o.period - 1;
}

/** ln(h/c)·ln(h/o) + ln(l/c)·ln(l/o): Rogers–Satchell's drift-free variance of one bar. */
function rogersSatchellTerm(open: number, high: number, low: number, close: number): number {
  return Math.log(high / close) * Math.log(high / open) + Math.log(low / close) * Math.log(low / open);
}

const TWO_LN2_MINUS_1 = 2 * Math.log(2) - 1;

/**
 * ln(price / base) of two positive prices, for a window's variance. Prices whose ratio leaves the
 * range of a double (above ~1.8e308 or below ~5e-324: 1e-300 after 1.7e308) have no finite log
 * return, and its square would overflow the variance: refused, naming `field` (and the index, in
 * batch) instead of an overflow error about an internal value.
 */
function logReturn(price: number, base: number, field: string, index?: number): number {
  const r = Math.log(price / base);
  if (r - r !== 0) {
    const at = index === undefined ? '' : ` at index ${index}`;
    throw new InvalidArgumentError(
      field,
      `${price}${at} is ${price / base === 0 ? 'too small' : 'too large'} against ${base} before it: ` +
        'their ratio is outside the range of a double, so there is no log return',
    );
  }
  return r;
}

function notPositive(field: string, value: number, index?: number): never {
  const at = index === undefined ? '' : ` at index ${index}`;
  throw new InvalidArgumentError(
    field,
    `must be above 0 (volatility takes logs of prices), got ${value}${at}`,
  );
}

/** Every value of the columns above 0, or an error naming the column and index. */
function assertPositiveColumns(columns: Record<string, ArrayLike<number> | undefined>): void {
  for (const [name, column] of Object.entries(columns)) {
    if (column == null || typeof column.length !== 'number') continue; // the usual checks name it
    for (let i = 0; i < column.length; i++) {
      const v = column[i] as number;
      if (typeof v === 'number' && v <= 0) notPositive(`bars.${name}`, v, i);
    }
  }
}

class VolatilityKernel extends Kernel {
  private readonly sum: WindowSum;
  private readonly overnight: Variance | undefined;
  private readonly intraday: Variance | undefined;
  private readonly returns: Variance | undefined;
  private readonly s: Float64Array; // previous close
  private readonly k: number; // Yang–Zhang's weight

  constructor(private readonly o: Required<HistoricalVolatilityOptions>) {
    super(1);
    const n = o.period;
    this.sum = new WindowSum(this, n);
    if (o.estimator === 'close') this.returns = new Variance(this, n - 1);
    if (o.estimator === 'yangZhang') {
      this.overnight = new Variance(this, n);
      this.intraday = new Variance(this, n);
    }
    this.s = new Slots(this, 1, Number.NaN).v;
    this.k = 0.34 / (1.34 + (n + 1) / (n - 1));
  }

  step(open: number, high: number, low: number, close: number): void {
    // Logs of prices: a price of 0 or below has none (it would end as -Infinity or a silent NaN).
    if (!(close > 0)) notPositive('bar.close', close);
    if (this.o.estimator !== 'close' && !(open > 0 && high > 0 && low > 0))
      notPositive(open > 0 ? (high > 0 ? 'bar.low' : 'bar.high') : 'bar.open', Math.min(open, high, low));
    const previous = this.s[0] as number;
    this.s[0] = close;
    const { estimator, period: n, annualization: N } = this.o;
    let variance = Number.NaN;
    switch (estimator) {
      case 'close': {
        if (Number.isNaN(previous)) return;
        const m2 = (this.returns as Variance).next(logReturn(close, previous, 'bar.close'));
        variance = (N * m2) / (n - 2);
        break;
      }
      case 'parkinson': {
        const range = Math.log(high / low);
        variance = (N / (4 * n * Math.LN2)) * this.sum.next(range * range);
        break;
      }
      case 'garmanKlass': {
        const range = Math.log(high / low);
        const body = Math.log(close / open);
        variance = (N / n) * this.sum.next(0.5 * range * range - TWO_LN2_MINUS_1 * body * body);
        break;
      }
      case 'rogersSatchell':
        variance = (N / n) * this.sum.next(rogersSatchellTerm(open, high, low, close));
        break;
      case 'yangZhang': {
        const drift = this.sum.next(rogersSatchellTerm(open, high, low, close));
        const intraday = (this.intraday as Variance).next(logReturn(close, open, 'bar.close'));
        if (Number.isNaN(previous)) return;
        const overnight = (this.overnight as Variance).next(logReturn(open, previous, 'bar.open'));
        const k = this.k;
        variance = (N * overnight) / (n - 1) + k * ((N * intraday) / (n - 1)) + (1 - k) * ((N / n) * drift);
        break;
      }
    }
    // Garman–Klass terms can be negative on single bars; a window that sums below 0 is 0.
    if (!Number.isNaN(variance)) this.out[0] = Math.sqrt(Math.max(variance, 0));
  }
}

/**
 * The close-to-close estimator over whole columns: the kernel's arithmetic (the log returns'
 * window M2 by `m2OfArray`, which the kernel's `Variance` runs on a copy of its ring, oldest
 * first: the same bits) without a kernel step per bar. For finite closes and a returns window
 * short enough for the direct pass; otherwise undefined, and the kernel's path runs (and reports
 * a value that is not a finite number as every indicator does). A close of 0 or below is refused
 * here with its index. Writes into `into` (the caller's `out`, checked here) if given.
 */
function closeToClose(
  close: ArrayLike<number>,
  { period: n, annualization: N }: Required<HistoricalVolatilityOptions>,
  into: Float64Array | undefined,
): Float64Array | undefined {
  if (close == null || typeof close.length !== 'number' || n - 1 > DIRECT_WINDOW_LIMIT) return undefined;
  const length = close.length;
  const returns = new Float64Array(Math.max(length - 1, 0));
  for (let i = 0; i < length; i++) {
    const c = close[i] as number;
    if (c <= 0) notPositive('bars.close', c, i);
    // Not a finite number: the kernel's path reports it as every indicator does.
    if (typeof c !== 'number' || !(c < Number.POSITIVE_INFINITY)) return undefined;
    if (i > 0) returns[i - 1] = logReturn(c, close[i - 1] as number, 'bars.close', i);
  }
  const out = outputColumn(into, 'out', length, n - 1, { close });
  for (let i = n - 1; i < length; i++) {
    const variance = (N * m2OfArray(returns, i - 1, n - 1)) / (n - 2);
    out[i] = Math.sqrt(Math.max(variance, 0));
  }
  return out;
}

/**
 * Annualised historical volatility over a rolling window of `period` bars, by one of five
 * estimators, as R TTR's `volatility(OHLC, n, calc, N)` (N = `annualization`):
 * - `'close'`: `sqrt(N) · sd(ln(cᵢ/cᵢ₋₁))` of the last n − 1 log returns (sample sd);
 * - `'parkinson'`: `sqrt(N / (4n ln 2) · Σ ln(h/l)²)`;
 * - `'garmanKlass'`: `sqrt(N/n · Σ (½ ln(h/l)² − (2 ln 2 − 1) ln(c/o)²))`;
 * - `'rogersSatchell'`: `sqrt(N/n · Σ (ln(h/c) ln(h/o) + ln(l/c) ln(l/o)))`;
 * - `'yangZhang'`: `sqrt(σ²_overnight + k σ²_open-close + (1 − k) σ²_RS)` with the sample variances
 *   of ln(o/c₋₁) and ln(c/o) over n bars and `k = 0.34 / (1.34 + (n + 1)/(n − 1))`.
 * Prices must be positive. First value at index `period − 1` (Yang–Zhang: `period`).
 * `options.out`: a column to write into and return instead of allocating one (see
 * {@link ColumnOutput}).
 */
export function historicalVolatility(
  bars: OhlcColumns,
  options: HistoricalVolatilityOptions & ColumnOutput = {},
): Float64Array {
  const o = resolve(options);
  const into = options?.out;
  if (bars == null || typeof bars !== 'object')
    throw new InvalidArgumentError('bars', 'must be an object of columns');
  const { open, high, low, close } = bars;
  if (o.estimator === 'close') {
    const fast = closeToClose(close, o, into);
    if (fast) return fast;
  }
  const kernel = new VolatilityKernel(o);
  if (o.estimator === 'close') {
    assertPositiveColumns({ close });
    return runOnBars(
      kernel,
      { close },
      ['close', 'close', 'close', 'close'],
      [['out', into]],
    )[0] as Float64Array;
  }
  for (const [name, column] of Object.entries({ open, high, low })) {
    if (column === undefined)
      throw new InvalidArgumentError(`bars.${name}`, `is needed by the ${o.estimator} estimator`);
  }
  assertPositiveColumns({ open, high, low, close });
  return runOnBars(
    kernel,
    { open, high, low, close },
    ['open', 'high', 'low', 'close'],
    [['out', into]],
  )[0] as Float64Array;
}

/**
 * Streaming {@link historicalVolatility} over bars `{ open, high, low, close }` (`{ close }` is
 * enough for the close-to-close estimator).
 */
export class HistoricalVolatility extends KernelIndicator<
  { open?: number; high?: number; low?: number; close: number },
  number
> {
  readonly type = 'HistoricalVolatility';

  constructor(options: HistoricalVolatilityOptions = {}) {
    const o = resolve(options);
    super(
      new VolatilityKernel(o),
      {
        // The close-to-close estimator reads only the close (passed in every position).
        inputs:
          o.estimator === 'close' ? ['close', 'close', 'close', 'close'] : ['open', 'high', 'low', 'close'],
        outputs: 'value',
      },
      { estimator: ESTIMATORS.indexOf(o.estimator), period: o.period, annualization: o.annualization },
      firstIndex(o),
    );
  }

  /** Restores an indicator from {@link HistoricalVolatility.toJSON}. */
  static fromJSON(state: IndicatorState): HistoricalVolatility {
    const { estimator, period, annualization } = state.params;
    return new HistoricalVolatility({
      estimator: ESTIMATORS[Number(estimator)] as VolatilityEstimator,
      period: Number(period),
      annualization: Number(annualization),
    }).resume(state);
  }
}
