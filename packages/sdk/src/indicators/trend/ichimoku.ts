import { assertPeriod } from '../args.js';
import { assertBarColumns } from '../bar-args.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Extreme, Lag } from '../kernel-parts.js';
import { type ColumnsOutput, outputColumns } from '../output.js';
import { windowExtremes } from '../rolling-extreme.js';
import { giveBackScratch, takeScratch } from '../scratch-columns.js';
import type { IndicatorState } from '../state.js';

/** Options of {@link ichimoku}. */
export interface IchimokuOptions {
  /** Tenkan-sen (conversion line) window (default 9). */
  conversion?: number;
  /** Kijun-sen (base line) window (default 26). */
  base?: number;
  /** Senkou span B window (default 52). */
  span?: number;
  /** How many bars ahead the two spans are drawn (default 26). */
  displacement?: number;
}

/** Columns of {@link ichimoku}. */
export interface IchimokuSeries {
  /** Tenkan-sen: midpoint of the `conversion`-bar high and low; first at `conversion − 1`. */
  conversion: Float64Array;
  /** Kijun-sen: midpoint of the `base`-bar high and low; first at `base − 1`. */
  base: Float64Array;
  /** Senkou span A as drawn at this bar: (conversion + base) / 2 of `displacement` bars ago. */
  spanA: Float64Array;
  /** Senkou span B as drawn at this bar: the `span`-bar midpoint of `displacement` bars ago. */
  spanB: Float64Array;
}

/** One value of the streaming {@link Ichimoku}. */
export interface IchimokuValue {
  conversion: number;
  base: number;
  spanA: number;
  spanB: number;
}

function resolve(options: IchimokuOptions): Required<IchimokuOptions> {
  const { conversion = 9, base = 26, span = 52, displacement = 26 } = options ?? {};
  assertPeriod('conversion', conversion);
  assertPeriod('base', base);
  assertPeriod('span', span);
  assertPeriod('displacement', displacement, 0);
  return { conversion, base, span, displacement };
}

/** Index from which all four lines are defined. */
function firstIndex(o: Required<IchimokuOptions>): number {
  return Math.max(o.conversion, o.base, o.span) - 1 + o.displacement;
}

/** Highest high and lowest low of one window, as a midpoint. */
class Midpoint {
  private readonly high: Extreme;
  private readonly low: Extreme;

  constructor(kernel: Kernel, period: number) {
    this.high = new Extreme(kernel, period, 'max');
    this.low = new Extreme(kernel, period, 'min');
  }

  next(high: number, low: number, full: boolean): number {
    const h = this.high.next(high);
    const l = this.low.next(low);
    return full ? (h + l) / 2 : Number.NaN;
  }
}

/**
 * Batch `Midpoint`: (highest high + lowest low) / 2 of each full window of `period` into `out`
 * (every slot written, NaN before the first window is full). The extremes are scratch columns
 * (see scratch-columns.ts).
 */
function midpoints(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  period: number,
  out: Float64Array,
): Float64Array {
  const n = out.length;
  const highest = windowExtremes(high, period, 'max', 0, undefined, takeScratch(Float64Array, n));
  const lowest = windowExtremes(low, period, 'min', 0, undefined, takeScratch(Float64Array, n));
  const warmUp = Math.min(period - 1, n);
  out.fill(Number.NaN, 0, warmUp);
  for (let i = warmUp; i < n; i++) out[i] = ((highest[i] as number) + (lowest[i] as number)) / 2;
  giveBackScratch(highest, lowest);
  return out;
}

class IchimokuKernel extends Kernel {
  private readonly fast: Midpoint;
  private readonly slow: Midpoint;
  private readonly widest: Midpoint;
  private readonly leadA: Lag;
  private readonly leadB: Lag;

  constructor(private readonly o: Required<IchimokuOptions>) {
    super(4);
    this.fast = new Midpoint(this, o.conversion);
    this.slow = new Midpoint(this, o.base);
    this.widest = new Midpoint(this, o.span);
    this.leadA = new Lag(this, o.displacement);
    this.leadB = new Lag(this, o.displacement);
  }

  step(high: number, low: number): void {
    const i = this.tick();
    const o = this.o;
    const conversion = this.fast.next(high, low, i >= o.conversion - 1);
    const base = this.slow.next(high, low, i >= o.base - 1);
    const spanB = this.widest.next(high, low, i >= o.span - 1);
    const out = this.out;
    out[0] = conversion;
    out[1] = base;
    out[2] = this.leadA.next((conversion + base) / 2);
    out[3] = this.leadB.next(spanB);
  }
}

/**
 * Ichimoku Kinko Hyo (Hosoda): conversion line (tenkan-sen) and base line (kijun-sen) are the
 * midpoints of the highest high and lowest low over `conversion` and `base` bars; the leading spans
 * A = (conversion + base) / 2 and B = the `span`-bar midpoint are drawn `displacement` bars ahead,
 * so the value at index i is the one computed at `i − displacement` — what a chart shows at bar i.
 * TradingView's built-in draws the spans `displacement − 1` bars ahead: its 26 equals
 * `displacement: 25` here. The lagging span (chikou) is the close drawn `displacement` bars back;
 * it needs no computation and is not returned. All four lines are defined from index
 * `max(conversion, base, span) − 1 + displacement` (77 with the defaults). Every column, the
 * displaced spans included, has the input's length. `options.out`: any of the four columns to
 * write into and return instead of allocating them (see {@link ColumnsOutput}).
 */
export function ichimoku(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  options: IchimokuOptions & ColumnsOutput<IchimokuSeries> = {},
): IchimokuSeries {
  const o = resolve(options);
  const n = assertBarColumns({ high, low, close });
  const d = o.displacement;
  // The kernel's parts in batch form: each `Midpoint` by two `windowExtremes`, each `Lag` a shifted
  // read — the same values without a kernel `step` per bar. Every column is checked before any is
  // written (a bad `out` is refused with nothing written).
  const warmUps = { conversion: o.conversion - 1, base: o.base - 1, spanA: d, spanB: d };
  const { conversion, base, spanA, spanB } = outputColumns(options?.out, ICHIMOKU_NAMES, n, warmUps, {
    high,
    low,
    close,
  });
  midpoints(high, low, o.conversion, conversion);
  midpoints(high, low, o.base, base);
  const widest = midpoints(high, low, o.span, takeScratch(Float64Array, n));
  for (let i = d; i < n; i++) {
    spanA[i] = ((conversion[i - d] as number) + (base[i - d] as number)) / 2;
    spanB[i] = widest[i - d] as number;
  }
  giveBackScratch(widest);
  return { conversion, base, spanA, spanB };
}

const ICHIMOKU_NAMES = ['conversion', 'base', 'spanA', 'spanB'] as const;

/** Streaming {@link ichimoku} over `{ high, low, close }`: amortised O(1) per update. */
export class Ichimoku extends KernelIndicator<{ high: number; low: number; close: number }, IchimokuValue> {
  readonly type = 'Ichimoku';

  constructor(options: IchimokuOptions = {}) {
    const resolved = resolve(options);
    super(
      new IchimokuKernel(resolved),
      { inputs: ['high', 'low', 'close'], outputs: ['conversion', 'base', 'spanA', 'spanB'] },
      { ...resolved },
      firstIndex(resolved),
    );
  }

  /** Restores an indicator from {@link Ichimoku.toJSON}. */
  static fromJSON(state: IndicatorState): Ichimoku {
    const { conversion, base, span, displacement } = state.params;
    return new Ichimoku({
      conversion: Number(conversion),
      base: Number(base),
      span: Number(span),
      displacement: Number(displacement),
    }).resume(state);
  }
}
