import { assertPeriod } from '../args.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Extreme, RsiPart, Sma } from '../kernel-parts.js';
import { assertOutputNames, type ColumnsOutput } from '../output.js';
import { runOnSeries } from '../series-kernel.js';
import type { IndicatorState } from '../state.js';

/** Periods of {@link stochRsi}. */
export interface StochRsiOptions {
  /** RSI period (default 14). */
  rsiPeriod?: number;
  /** Window of the stochastic over the RSI (default 14). */
  stochPeriod?: number;
  /** SMA smoothing of %K (default 3; 1 gives TA-Lib's fast %K). */
  kPeriod?: number;
  /** SMA period of %D over %K (default 3). */
  dPeriod?: number;
}

/** Columns of {@link stochRsi}. */
export interface StochRsiSeries {
  /** Smoothed %K of the RSI, in [0, 100]. */
  k: Float64Array;
  /** SMA of %K, in [0, 100]. */
  d: Float64Array;
}

/** One value of the streaming {@link StochRSI}. */
export interface StochRsiValue {
  k: number;
  d: number;
}

function resolve(options: StochRsiOptions): Required<StochRsiOptions> {
  const { rsiPeriod = 14, stochPeriod = 14, kPeriod = 3, dPeriod = 3 } = options ?? {};
  assertPeriod('rsiPeriod', rsiPeriod);
  assertPeriod('stochPeriod', stochPeriod);
  assertPeriod('kPeriod', kPeriod);
  assertPeriod('dPeriod', dPeriod);
  return { rsiPeriod, stochPeriod, kPeriod, dPeriod };
}

function firstIndex(o: Required<StochRsiOptions>): number {
  return o.rsiPeriod + o.stochPeriod - 1 + o.kPeriod - 1 + o.dPeriod - 1;
}

class StochRsiKernel extends Kernel {
  private readonly rsi: RsiPart;
  private readonly highest: Extreme;
  private readonly lowest: Extreme;
  private readonly smoothK: Sma;
  private readonly smoothD: Sma;
  private readonly firstFastK: number;

  constructor(o: Required<StochRsiOptions>) {
    super(2);
    this.rsi = new RsiPart(this, o.rsiPeriod);
    this.highest = new Extreme(this, o.stochPeriod, 'max');
    this.lowest = new Extreme(this, o.stochPeriod, 'min');
    this.smoothK = new Sma(this, o.kPeriod);
    this.smoothD = new Sma(this, o.dPeriod);
    // The RSI starts at index rsiPeriod; its stochastic needs stochPeriod of them.
    this.firstFastK = o.rsiPeriod + o.stochPeriod - 1;
  }

  step(x: number): void {
    const i = this.tick();
    const rsi = this.rsi.next(x);
    if (Number.isNaN(rsi)) return;
    const high = this.highest.next(rsi);
    const low = this.lowest.next(rsi);
    if (i < this.firstFastK) return;
    const range = high - low;
    // A flat RSI window gives 50, as `stochastic` does for a flat price range.
    const fastK = range === 0 ? 50 : 100 * ((rsi - low) / range);
    const k = this.smoothK.next(fastK);
    if (Number.isNaN(k)) return;
    this.out[0] = k;
    this.out[1] = this.smoothD.next(k);
  }
}

/**
 * Stochastic RSI (Chande & Kroll): the stochastic `%K = 100 · (rsi − LL) / (HH − LL)` of the RSI
 * over `stochPeriod` values, smoothed by an SMA of `kPeriod`, and `%D` = SMA of `%K` over `dPeriod`
 * — TradingView's "Stoch RSI" (14, 14, 3, 3). `kPeriod: 1` gives TA-Lib's `STOCHRSI` (fastK,
 * fastD); TTR's `stoch(RSI(x))` gives fastK, fastD = our k and slowD = our d as fractions. A flat
 * RSI window gives 50. First `k` at `rsiPeriod + stochPeriod + kPeriod − 2`, `d` at
 * `+ dPeriod − 1` (30 and 32 with the defaults). `options.out`: either of the `k` and `d` columns to
 * write into and return instead of allocating them (see {@link ColumnsOutput}).
 */
export function stochRsi(
  values: ArrayLike<number>,
  options: StochRsiOptions & ColumnsOutput<StochRsiSeries> = {},
): StochRsiSeries {
  const out = options?.out;
  assertOutputNames(out, ['k', 'd']);
  const [k, d] = runOnSeries(new StochRsiKernel(resolve(options)), values, 'values', [
    ['out.k', out?.k],
    ['out.d', out?.d],
  ]) as [Float64Array, Float64Array];
  return { k, d };
}

/** Streaming {@link stochRsi}: amortised O(1) per update. */
export class StochRSI extends KernelIndicator<number, StochRsiValue> {
  readonly type = 'StochRSI';

  constructor(options: StochRsiOptions = {}) {
    const o = resolve(options);
    super(new StochRsiKernel(o), { inputs: 'value', outputs: ['k', 'd'] }, { ...o }, firstIndex(o));
  }

  /** Restores an indicator from {@link StochRSI.toJSON}. */
  static fromJSON(state: IndicatorState): StochRSI {
    const { rsiPeriod, stochPeriod, kPeriod, dPeriod } = state.params;
    return new StochRSI({
      rsiPeriod: Number(rsiPeriod),
      stochPeriod: Number(stochPeriod),
      kPeriod: Number(kPeriod),
      dPeriod: Number(dPeriod),
    }).resume(state);
  }
}
