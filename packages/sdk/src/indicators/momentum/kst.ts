import { InvalidArgumentError } from '../../data/errors.js';
import { assertFiniteSeries, assertPeriod, warmUpArray } from '../args.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { CONVENTIONS, type Convention, conventionCode, Lag, Sma } from '../kernel-parts.js';
import type { IndicatorState } from '../state.js';
import { movingMean } from '../trend/sma.js';

/** Options of {@link kst}. */
export interface KstOptions {
  /** The four rate-of-change periods (default [10, 15, 20, 30]). */
  rocPeriods?: readonly [number, number, number, number];
  /** The four SMA periods over them (default [10, 10, 10, 15]). */
  smaPeriods?: readonly [number, number, number, number];
  /** Signal-line SMA period (default 9). */
  signal?: number;
  /**
   * `'tradingview'` (default): percentage rates of change `100 · (x/x[n] − 1)`, as Pring,
   * TradingView and trading-signals; `'ttr'`: TTR's `KST`, whose `ROC` default is the log return
   * `100 · ln(x/x[n])`.
   */
  convention?: Convention;
}

/** Columns of {@link kst}. */
export interface KstSeries {
  /** Σ w_k · SMA(ROC_k), weights 1, 2, 3, 4. */
  kst: Float64Array;
  /** SMA of the KST line. */
  signal: Float64Array;
}

/** One value of the streaming {@link KST}. */
export interface KstValue {
  kst: number;
  signal: number;
}

interface ResolvedKst {
  rocPeriods: readonly number[];
  smaPeriods: readonly number[];
  signal: number;
  convention: Convention;
}

function resolve(options: KstOptions): ResolvedKst {
  const { rocPeriods = [10, 15, 20, 30], smaPeriods = [10, 10, 10, 15], signal = 9 } = options ?? {};
  const convention = options?.convention ?? 'tradingview';
  conventionCode(convention, ['ttr', 'tradingview']);
  if (rocPeriods.length !== 4) throw new InvalidArgumentError('rocPeriods', 'must hold four periods');
  if (smaPeriods.length !== 4) throw new InvalidArgumentError('smaPeriods', 'must hold four periods');
  rocPeriods.forEach((n) => {
    assertPeriod('rocPeriods', n);
  });
  smaPeriods.forEach((n) => {
    assertPeriod('smaPeriods', n);
  });
  assertPeriod('signal', signal);
  return { rocPeriods: [...rocPeriods], smaPeriods: [...smaPeriods], signal, convention };
}

function firstIndex(o: ResolvedKst): number {
  let first = 0;
  for (let k = 0; k < 4; k++)
    first = Math.max(first, (o.rocPeriods[k] as number) + (o.smaPeriods[k] as number) - 1);
  return first + o.signal - 1;
}

class KstKernel extends Kernel {
  private readonly lags: Lag[];
  private readonly averages: Sma[];
  private readonly smooth: Sma;
  private readonly logarithmic: boolean;

  constructor(o: ResolvedKst) {
    super(2);
    this.lags = o.rocPeriods.map((n) => new Lag(this, n));
    this.averages = o.smaPeriods.map((n) => new Sma(this, n));
    this.smooth = new Sma(this, o.signal);
    this.logarithmic = o.convention === 'ttr';
  }

  step(x: number): void {
    let total = 0;
    for (let k = 0; k < 4; k++) {
      const old = (this.lags[k] as Lag).next(x);
      if (Number.isNaN(old)) {
        total = Number.NaN;
        continue;
      }
      // A zero base gives 0, as `roc` does.
      const rate = old === 0 ? 0 : this.logarithmic ? Math.log(x / old) : x / old - 1;
      total += (k + 1) * (this.averages[k] as Sma).next(rate);
    }
    if (Number.isNaN(total)) return;
    const line = 100 * total;
    this.out[0] = line;
    this.out[1] = this.smooth.next(line);
  }
}

/**
 * Know Sure Thing (Pring): `100 · Σ_k w_k · SMA(ROC(x, r_k), s_k)` with weights 1, 2, 3, 4 over four
 * smoothed rates of change (defaults r = 10, 15, 20, 30; s = 10, 10, 10, 15), and its SMA as
 * signal (9). First KST where all four are defined (index 44 with the defaults), signal
 * `signal − 1` later. Note: each SMA starts only when its ROC exists, so `kst` is NaN until then.
 */
export function kst(values: ArrayLike<number>, options: KstOptions = {}): KstSeries {
  const o = resolve(options);
  assertFiniteSeries('values', values);
  const n = values.length;
  // The kernel's parts in batch form: each `Lag` a shifted read, each `Sma` by `movingMean` over the rates
  // from the index its lag is defined (the `Sma` part's operations), the weighted total in the
  // kernel's order: the same bits without a kernel `step` per bar.
  const logarithmic = o.convention === 'ttr';
  const averages: Float64Array[] = [];
  let first = 0;
  for (let k = 0; k < 4; k++) {
    const lag = o.rocPeriods[k] as number;
    const period = o.smaPeriods[k] as number;
    const average = warmUpArray(n, lag + period - 1);
    if (n > lag) {
      const rates = new Float64Array(n - lag);
      for (let i = lag; i < n; i++) {
        const x = values[i] as number;
        const old = values[i - lag] as number;
        // A zero base gives 0, as `roc` does.
        rates[i - lag] = old === 0 ? 0 : logarithmic ? Math.log(x / old) : x / old - 1;
      }
      average.set(movingMean(rates, period), lag);
    }
    averages.push(average);
    first = Math.max(first, lag + period - 1);
  }
  const [a0, a1, a2, a3] = averages as [Float64Array, Float64Array, Float64Array, Float64Array];
  const line = warmUpArray(n, first);
  for (let i = first; i < n; i++) {
    let total = 0;
    total += 1 * (a0[i] as number);
    total += 2 * (a1[i] as number);
    total += 3 * (a2[i] as number);
    total += 4 * (a3[i] as number);
    line[i] = 100 * total;
  }
  const signal = warmUpArray(n, first + o.signal - 1);
  if (n > first) signal.set(movingMean(line.subarray(first), o.signal), first);
  return { kst: line, signal };
}

/** Streaming {@link kst}: O(1) per update. */
export class KST extends KernelIndicator<number, KstValue> {
  readonly type = 'KST';

  constructor(options: KstOptions = {}) {
    const o = resolve(options);
    const [r1, r2, r3, r4] = o.rocPeriods as [number, number, number, number];
    const [s1, s2, s3, s4] = o.smaPeriods as [number, number, number, number];
    super(
      new KstKernel(o),
      { inputs: 'value', outputs: ['kst', 'signal'] },
      { r1, r2, r3, r4, s1, s2, s3, s4, signal: o.signal, convention: conventionCode(o.convention) },
      firstIndex(o),
    );
  }

  /** Restores an indicator from {@link KST.toJSON}. */
  static fromJSON(state: IndicatorState): KST {
    const p = state.params;
    return new KST({
      rocPeriods: [Number(p.r1), Number(p.r2), Number(p.r3), Number(p.r4)],
      smaPeriods: [Number(p.s1), Number(p.s2), Number(p.s3), Number(p.s4)],
      signal: Number(p.signal),
      convention: CONVENTIONS[Number(p.convention)] as Convention,
    }).resume(state);
  }
}
