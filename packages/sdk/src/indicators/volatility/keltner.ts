import { InvalidArgumentError } from '../../data/errors.js';
import { assertFiniteNumber, assertPeriod } from '../args.js';
import { fusedCheckLength, isBadRange, isNotFinite, rejectBarColumns } from '../bar-args.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { CONVENTIONS, type Convention, conventionCode, Ema, TrueRangeAverage } from '../kernel-parts.js';
import { type ColumnsOutput, outputColumns } from '../output.js';
import type { IndicatorState } from '../state.js';
import { trueRange } from './true-range.js';

/** Options of {@link keltner}. */
export interface KeltnerOptions {
  /** EMA period of the middle line (default 20). */
  period?: number;
  /** Band width in ATRs (default 2; ≥ 0). */
  multiplier?: number;
  /** ATR period (default 10). */
  atrPeriod?: number;
  /**
   * `'talib'` (default) or `'ttr'`: SMA-seeded EMA and the ATR of `atr` (no first true range);
   * `'tradingview'`: `ta.ema` seeded with the first close and `ta.atr` (high − low first range).
   */
  convention?: Convention;
}

/** Columns of {@link keltner} and {@link donchian}. */
export interface ChannelSeries {
  upper: Float64Array;
  middle: Float64Array;
  lower: Float64Array;
}

/** The output names of {@link keltner} and {@link donchian}, in their columns' order. */
export const CHANNEL_NAMES = ['upper', 'middle', 'lower'] as const;

/** One value of a streaming channel ({@link Keltner}, {@link Donchian}). */
export interface ChannelValue {
  upper: number;
  middle: number;
  lower: number;
}

function resolve(options: KeltnerOptions): Required<KeltnerOptions> {
  const { period = 20, multiplier = 2, atrPeriod = 10, convention = 'talib' } = options ?? {};
  assertPeriod('period', period);
  assertPeriod('atrPeriod', atrPeriod);
  assertFiniteNumber('multiplier', multiplier);
  if (multiplier < 0) throw new InvalidArgumentError('multiplier', `must be at least 0, got ${multiplier}`);
  conventionCode(convention);
  return { period, multiplier, atrPeriod, convention };
}

function firstIndex(o: Required<KeltnerOptions>): number {
  const emaFirst = o.convention === 'tradingview' ? 0 : o.period - 1;
  return Math.max(emaFirst, TrueRangeAverage.firstIndex(o.atrPeriod, o.convention));
}

class KeltnerKernel extends Kernel {
  private readonly average: Ema;
  private readonly atr: TrueRangeAverage;

  constructor(
    private readonly multiplier: number,
    o: Required<KeltnerOptions>,
  ) {
    super(3);
    const tradingView = o.convention === 'tradingview';
    this.average = new Ema(this, o.period, undefined, tradingView ? 'first' : 'sma');
    this.atr = new TrueRangeAverage(this, o.atrPeriod, tradingView);
  }

  step(high: number, low: number, close: number): void {
    const middle = this.average.next(close);
    const atr = this.atr.next(high, low, close);
    // Gated by the warm-ups, not by NaN: averages that overflowed give NaN bands, as in the batch.
    if (!this.average.isReady || !this.atr.isReady) return;
    const width = this.multiplier * atr;
    this.out[0] = middle + width;
    this.out[1] = middle;
    this.out[2] = middle - width;
  }
}

/**
 * Keltner channels as TradingView draws them: `middle` = EMA(close, period), bands
 * `middle ± multiplier · ATR(atrPeriod)` (defaults 20, 2, 10). TTR's `keltnerChannels` centres on
 * the typical price with one period for both; pass the typical price as `close` and equal periods
 * to get it. First values where both the EMA and the ATR exist: `max(period − 1, atrPeriod)`
 * (`'tradingview'`: `atrPeriod − 1`). `options.out`: any of the three columns to write into and
 * return instead of allocating them (see {@link ColumnsOutput}).
 */
export function keltner(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  options: KeltnerOptions & ColumnsOutput<ChannelSeries> = {},
): ChannelSeries {
  const o = resolve(options);
  const columns = { high, low, close };
  const n = fusedCheckLength(columns);
  // The kernel's arithmetic on locals (an `Ema` part on the close, a `TrueRangeAverage`: Wilder's
  // average of the true range): the same bits, no kernel `step` per bar; the bar checks in the same
  // pass. Once both averages are seeded, a loop without their start-up branches.
  const first = firstIndex(o);
  const { upper, middle, lower } = outputColumns(options?.out, CHANNEL_NAMES, n, first, columns);
  // Built before the loops: a literal first met after an on-stack-replaced loop deoptimises it.
  const channel = { upper, middle, lower };
  const tradingView = o.convention === 'tradingview';
  const { period, atrPeriod, multiplier } = o;
  const alpha = 2 / (period + 1);
  const atrKeep = atrPeriod - 1;
  // The first bar on which both averages follow their recurrences.
  const seeded = Math.min(n, Math.max(tradingView ? 1 : period, tradingView ? atrPeriod : atrPeriod + 1));
  let emaSum = 0;
  let ema = Number.NaN;
  let rangeCount = 0;
  let rangeSum = 0;
  let atr = Number.NaN;
  let i = 0;
  for (; i < seeded; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    const c = close[i] as number;
    if (isBadRange(h, l) || isNotFinite(c)) rejectBarColumns(columns);
    const count = i + 1;
    if (tradingView) ema = i === 0 ? c : (c - ema) * alpha + ema;
    else if (count < period) emaSum += c;
    else ema = count === period ? (emaSum + c) / period : (c - ema) * alpha + ema;
    // TradingView takes high − low as the first bar's true range; TA-Lib and TTR start at the second bar.
    if (i > 0 || tradingView) {
      const range = i === 0 ? h - l : trueRange(h, l, close[i - 1] as number);
      if (++rangeCount < atrPeriod) rangeSum += range;
      else
        atr = rangeCount === atrPeriod ? (rangeSum + range) / atrPeriod : (atr * atrKeep + range) / atrPeriod;
    }
    if (i < first) continue;
    const width = multiplier * atr;
    upper[i] = ema + width;
    middle[i] = ema;
    lower[i] = ema - width;
  }
  for (; i < n; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    const c = close[i] as number;
    if (isBadRange(h, l) || isNotFinite(c)) rejectBarColumns(columns);
    ema = (c - ema) * alpha + ema;
    atr = (atr * atrKeep + trueRange(h, l, close[i - 1] as number)) / atrPeriod;
    const width = multiplier * atr;
    upper[i] = ema + width;
    middle[i] = ema;
    lower[i] = ema - width;
  }
  return channel;
}

/** Streaming {@link keltner} over `{ high, low, close }`: O(1) per update. */
export class Keltner extends KernelIndicator<{ high: number; low: number; close: number }, ChannelValue> {
  readonly type = 'Keltner';

  constructor(options: KeltnerOptions = {}) {
    const o = resolve(options);
    super(
      new KeltnerKernel(o.multiplier, o),
      { inputs: ['high', 'low', 'close'], outputs: ['upper', 'middle', 'lower'] },
      {
        period: o.period,
        multiplier: o.multiplier,
        atrPeriod: o.atrPeriod,
        convention: conventionCode(o.convention),
      },
      firstIndex(o),
    );
  }

  /** Restores an indicator from {@link Keltner.toJSON}. */
  static fromJSON(state: IndicatorState): Keltner {
    const { period, multiplier, atrPeriod, convention } = state.params;
    return new Keltner({
      period: Number(period),
      multiplier: Number(multiplier),
      atrPeriod: Number(atrPeriod),
      convention: CONVENTIONS[Number(convention)] as Convention,
    }).resume(state);
  }
}
