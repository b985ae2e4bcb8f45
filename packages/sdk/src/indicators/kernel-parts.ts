// Reusable pieces of kernel state: moving averages, window sums and extremes, each registering its
// parts with the kernel that owns it, so that undo and JSON come for free and batch and streaming
// forms run the very same arithmetic.
import { InvalidArgumentError } from '../data/errors.js';
import { type Kernel, Slots, type StatePart, Window } from './kernel.js';
import { checkVarianceMagnitude, SUM_SCALE, SUM_UNSCALE } from './magnitude.js';
import { RollingExtreme } from './rolling-extreme.js';
import { RollingSum } from './rolling-sum.js';
import { trueRange } from './volatility/true-range.js';
import { DIRECT_WINDOW_LIMIT, m2OfRing } from './volatility/window-m2.js';
import { WindowVariance } from './volatility/window-variance.js';

// Module-local copies: under some loaders an imported binding read in a hot loop is a getter call.
const SCALE = SUM_SCALE;
const UNSCALE = SUM_UNSCALE;

/** How an exponential average starts: TA-Lib/TTR's SMA of the first `n` values, or the first value. */
export type EmaSeed = 'sma' | 'first';

/**
 * Exponential average `v ← (x − v) · α + v` (TA-Lib's operation order). Seeded with the mean of
 * the first `period` inputs (then defined from the `period`-th input on, bit-identical to `ema`),
 * or with the first input (TradingView's `ta.ema`, defined from the first input).
 */
export class Ema {
  private readonly s: Float64Array; // count, sum, value

  constructor(
    kernel: Kernel,
    readonly period: number,
    private readonly alpha = 2 / (period + 1),
    private readonly seed: EmaSeed = 'sma',
  ) {
    this.s = new Slots(kernel, 3).v;
    this.s[2] = Number.NaN;
  }

  /** Adds an input; returns the average (NaN during the warm-up). */
  next(x: number): number {
    const s = this.s;
    const count = (s[0] as number) + 1;
    s[0] = count;
    if (this.seed === 'first') {
      const v = count === 1 ? x : (x - (s[2] as number)) * this.alpha + (s[2] as number);
      s[2] = v;
      return v;
    }
    if (count < this.period) {
      s[1] = (s[1] as number) + x;
      return Number.NaN;
    }
    const v =
      count === this.period
        ? ((s[1] as number) + x) / this.period
        : (x - (s[2] as number)) * this.alpha + (s[2] as number);
    s[2] = v;
    return v;
  }

  /** The latest average. */
  get value(): number {
    return this.s[2] as number;
  }

  /**
   * True once the warm-up is over (an average is returned from then on, NaN only if the
   * arithmetic overflowed): what a later stage must test, not whether the value is NaN.
   */
  get isReady(): boolean {
    return this.count >= (this.seed === 'first' ? 1 : this.period);
  }

  /** Inputs taken so far. */
  get count(): number {
    return this.s[0] as number;
  }
}

/**
 * Wilder's average (α = 1/period) in TA-Lib's operation order `(v · (n − 1) + x) / n`, seeded with
 * the mean of the first `period` inputs: as the existing `atr` and `rsi`.
 */
export class Wilder {
  private readonly s: Float64Array; // count, sum, value

  constructor(
    kernel: Kernel,
    readonly period: number,
  ) {
    this.s = new Slots(kernel, 3).v;
    this.s[2] = Number.NaN;
  }

  /** Adds an input; returns the average (NaN before the `period`-th input). */
  next(x: number): number {
    const s = this.s;
    const count = (s[0] as number) + 1;
    s[0] = count;
    const n = this.period;
    if (count < n) {
      s[1] = (s[1] as number) + x;
      return Number.NaN;
    }
    const v = count === n ? ((s[1] as number) + x) / n : ((s[2] as number) * (n - 1) + x) / n;
    s[2] = v;
    return v;
  }

  /** True once the warm-up is over (an average is returned from then on, NaN only on overflow). */
  get isReady(): boolean {
    return (this.s[0] as number) >= this.period;
  }
}

/** Simple moving average, the same operations as `sma` (a running sum scaled by 2^-64). */
export class Sma {
  private readonly window: Window;
  private readonly s: Float64Array; // sum

  constructor(
    kernel: Kernel,
    readonly period: number,
  ) {
    this.window = kernel.own(new Window(period));
    this.s = new Slots(kernel, 1).v;
  }

  /** Adds an input; returns the mean of the last `period` (NaN until that many). */
  next(x: number): number {
    const s = this.s;
    s[0] = (s[0] as number) + x * SCALE;
    const evicted = this.window.push(x);
    if (!Number.isNaN(evicted)) s[0] = (s[0] as number) - evicted * SCALE;
    return this.window.isFull ? ((s[0] as number) / this.period) * UNSCALE : Number.NaN;
  }
}

/** Linearly weighted moving average, the same operations as `wma` (TA-Lib's O(1) update). */
export class Wma {
  private readonly window: Window;
  private readonly s: Float64Array; // weighted, sum
  private readonly divisor: number;

  constructor(
    kernel: Kernel,
    readonly period: number,
  ) {
    this.window = kernel.own(new Window(period));
    this.s = new Slots(kernel, 2).v;
    this.divisor = (period * (period + 1)) / 2;
  }

  /** Adds an input; returns the weighted mean of the last `period` (NaN until that many). */
  next(x: number): number {
    const s = this.s;
    const held = this.window.length;
    const leaving = this.window.push(x);
    if (held < this.period) {
      s[0] = (s[0] as number) + x * (held + 1);
      s[1] = (s[1] as number) + x;
      return held + 1 === this.period ? (s[0] as number) / this.divisor : Number.NaN;
    }
    s[0] = (s[0] as number) - (s[1] as number) + x * this.period;
    s[1] = (s[1] as number) + x - leaving;
    return (s[0] as number) / this.divisor;
  }

  /** True once `period` inputs are held: the mean is defined from then on (NaN only on overflow). */
  get isFull(): boolean {
    return this.window.isFull;
  }
}

/** The input `lag` steps back (NaN until there is one). */
export class Lag {
  private readonly window: Window;

  constructor(
    kernel: Kernel,
    readonly lag: number,
  ) {
    this.window = kernel.own(new Window(lag + 1));
  }

  /** Adds an input; returns the input `lag` steps before it. */
  next(x: number): number {
    this.window.push(x);
    return this.window.isFull ? this.window.ago(this.lag) : Number.NaN;
  }

  /** True once an input `lag` steps back exists (it may itself be NaN). */
  get isFull(): boolean {
    return this.window.isFull;
  }
}

/**
 * Sum of the last `period` inputs with `RollingSum`'s guarantees (compensated, re-summed every
 * `period` pushes, exactly 0 when the window holds only zeros).
 */
export class WindowSum implements StatePart {
  private sum: RollingSum;
  private pushed = false;

  constructor(
    kernel: Kernel,
    readonly period: number,
  ) {
    this.sum = new RollingSum(period);
    kernel.own(this);
  }

  /** Adds an input; returns the sum of the last `period` (NaN until that many). */
  next(x: number): number {
    this.sum.push(x);
    this.pushed = true;
    return this.sum.length === this.period ? this.sum.sum : Number.NaN;
  }

  /** True once `period` inputs are held: the sum is defined from then on (NaN only on overflow). */
  get isFull(): boolean {
    return this.sum.length === this.period;
  }

  mark(): void {
    this.pushed = false;
  }

  undo(): void {
    if (this.pushed) this.sum.undoPush();
    this.pushed = false;
  }

  toJSON(): unknown {
    return { sum: this.sum.toJSON(), pushed: this.pushed };
  }

  load(json: unknown): void {
    const data = json as { sum: Record<string, unknown>; pushed: boolean };
    this.sum = RollingSum.fromJSON(data.sum);
    this.pushed = Boolean(data.pushed);
  }
}

/** Highest or lowest of the last `period` inputs (monotonic deque; ties go to the newest). */
export class Extreme implements StatePart {
  private extreme: RollingExtreme;
  private pushed = false;

  constructor(
    kernel: Kernel,
    readonly period: number,
    kind: 'max' | 'min',
  ) {
    this.extreme = new RollingExtreme(period, kind);
    kernel.own(this);
  }

  /** Adds an input; returns the extreme of the inputs held (of fewer than `period` at first). */
  next(x: number): number {
    this.pushed = true;
    return this.extreme.push(x);
  }

  /** Inputs since the extreme: 0 when the newest input is it. */
  get age(): number {
    return this.extreme.pushCount - 1 - this.extreme.extremeIndex;
  }

  mark(): void {
    this.pushed = false;
  }

  undo(): void {
    if (this.pushed) this.extreme.undoPush();
    this.pushed = false;
  }

  toJSON(): unknown {
    return { extreme: this.extreme.toJSON(), pushed: this.pushed };
  }

  load(json: unknown): void {
    const data = json as { extreme: Record<string, unknown>; pushed: boolean };
    this.extreme = RollingExtreme.fromJSON(data.extreme);
    this.pushed = Boolean(data.pushed);
  }
}

/**
 * Σ (x − mean)² of the last `period` inputs, with `WindowVariance`'s stability (the arithmetic of
 * `rollingStd` and `bollingerBands`).
 */
export class Variance implements StatePart {
  private readonly window: Window;
  private moments: WindowVariance;
  private saved: WindowVariance;
  // Short windows: two passes over the window (the arithmetic of `rollingStd`), else O(1) moments.
  private readonly direct: boolean;

  constructor(
    kernel: Kernel,
    readonly period: number,
  ) {
    this.direct = period <= DIRECT_WINDOW_LIMIT;
    this.window = kernel.own(new Window(period));
    this.moments = new WindowVariance(period);
    this.saved = new WindowVariance(period);
    kernel.own(this);
  }

  /**
   * Adds an input; returns Σ (x − mean)² of the last `period` (NaN until that many). Throws
   * `IndicatorOverflowError` (naming `name`) for a magnitude whose squares would overflow.
   */
  next(x: number, name = 'values', index = Number.NaN): number {
    checkVarianceMagnitude(name, x, this.period, index);
    const leaving = this.window.push(x);
    if (this.direct) return this.window.isFull ? m2OfRing(this.window, this.period) : Number.NaN;
    this.moments.push(x, leaving);
    return this.window.isFull ? this.moments.sumOfSquares(this.period) : Number.NaN;
  }

  mark(): void {
    if (!this.direct) this.saved.copyFrom(this.moments);
  }

  undo(): void {
    if (!this.direct) this.moments.copyFrom(this.saved);
  }

  toJSON(): unknown {
    return { moments: this.moments.toJSON(), saved: this.saved.toJSON() };
  }

  load(json: unknown): void {
    const data = json as { moments: Record<string, unknown>; saved: Record<string, unknown> };
    this.moments = WindowVariance.fromJSON(data.moments);
    this.saved = WindowVariance.fromJSON(data.saved);
  }
}

/**
 * Which library's numbers an indicator reproduces where they differ (see the table in
 * docs/indicators.md). For the ATR: `'talib'` and `'ttr'` give the first bar no true range (first
 * ATR at index n, the mean of TR[1..n]); `'tradingview'` takes high − low as the first bar's true
 * range (`ta.atr`: first ATR at index n − 1, the mean of TR[0..n−1]).
 */
export type Convention = 'talib' | 'ttr' | 'tradingview';

/** Codes of {@link Convention} for numeric indicator state. */
export const CONVENTIONS: readonly Convention[] = ['talib', 'ttr', 'tradingview'];

/** Index of a convention in {@link CONVENTIONS}, throwing on anything else. */
export function conventionCode(convention: Convention, allowed: readonly Convention[] = CONVENTIONS): number {
  if (!allowed.includes(convention))
    throw new InvalidArgumentError(
      'convention',
      `must be ${allowed.map((c) => `'${c}'`).join(' or ')}, got ${String(convention)}`,
    );
  return CONVENTIONS.indexOf(convention);
}

/** Average true range (Wilder) in the chosen convention's first-bar handling. */
export class TrueRangeAverage {
  private readonly average: Wilder;
  private readonly s: Float64Array; // previous close

  constructor(
    kernel: Kernel,
    readonly period: number,
    private readonly tradingView: boolean,
  ) {
    this.average = new Wilder(kernel, period);
    this.s = new Slots(kernel, 1, Number.NaN).v;
  }

  /** Index of the first ATR value. */
  static firstIndex(period: number, convention: Convention): number {
    return convention === 'tradingview' ? period - 1 : period;
  }

  /** Adds a bar; returns the ATR (NaN during the warm-up). */
  next(high: number, low: number, close: number): number {
    const previous = this.s[0] as number;
    this.s[0] = close;
    if (Number.isNaN(previous)) return this.tradingView ? this.average.next(high - low) : Number.NaN;
    return this.average.next(trueRange(high, low, previous));
  }

  /** True once the warm-up is over (the ATR is NaN from then on only on overflow). */
  get isReady(): boolean {
    return this.average.isReady;
  }
}

/**
 * Wilder's RSI of a series, the arithmetic of `rsi`: average gain and loss SMA-seeded over the first
 * `period` changes, then `(avg · (n − 1) + x) / n`; `100 · G / (G + L)`, 50 when nothing moved.
 */
export class RsiPart {
  private readonly gains: Wilder;
  private readonly losses: Wilder;
  private readonly s: Float64Array; // previous input

  constructor(kernel: Kernel, period: number) {
    this.gains = new Wilder(kernel, period);
    this.losses = new Wilder(kernel, period);
    this.s = new Slots(kernel, 1, Number.NaN).v;
  }

  /** Adds an input; returns the RSI (NaN before `period` changes). */
  next(x: number): number {
    const previous = this.s[0] as number;
    this.s[0] = x;
    if (Number.isNaN(previous)) return Number.NaN;
    const change = x - previous;
    const gain = this.gains.next(Math.max(change, 0));
    const loss = this.losses.next(Math.max(-change, 0));
    if (Number.isNaN(gain)) return Number.NaN;
    const total = gain + loss;
    return total === 0 ? 50 : 100 * (gain / total);
  }
}
