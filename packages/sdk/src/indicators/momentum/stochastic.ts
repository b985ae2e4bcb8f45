import { assertPeriod } from '../args.js';
import { assertBarColumns, CLOSE_WITHIN_RANGE, checkHighLowClose } from '../bar-args.js';
import { type ColumnsOutput, outputColumns } from '../output.js';
import { RollingExtreme } from '../rolling-extreme.js';
import { RollingSum } from '../rolling-sum.js';
import { assertStateType, decodeNumber, encodeNumber, type IndicatorState } from '../state.js';
import { type BarInput, StreamingIndicator } from '../streaming.js';

/** Periods of {@link stochastic}. */
export interface StochasticOptions {
  /** Look-back of the highest high and lowest low (default 14). */
  kPeriod?: number;
  /** SMA period of %D over %K (default 3). */
  dPeriod?: number;
  /** SMA period that smooths fast %K into the returned %K (default 1: fast stochastic; 3: slow). */
  kSmoothing?: number;
}

/** Output columns of {@link stochastic}. */
export interface StochasticResult {
  /** %K in [0, 100] (fast %K, or its `kSmoothing`-bar SMA). */
  k: Float64Array;
  /** %D in [0, 100]: the `dPeriod`-bar SMA of %K. */
  d: Float64Array;
}

/** One bar's output of {@link Stochastic}. */
export interface StochasticValue {
  /** %K (NaN during warm-up). */
  k: number;
  /** %D (NaN during warm-up). */
  d: number;
}

/**
 * Fast %K: where the close sits in the range of the last `kPeriod` bars, 0 at the lowest low,
 * 100 at the highest high. A flat range (highest = lowest) gives 50, the neutral middle — a DA-KI
 * convention (TA-Lib and trading-signals give 0 there). Dividing before scaling keeps it in [0, 100].
 */
function stochasticPosition(close: number, highest: number, lowest: number): number {
  const range = highest - lowest;
  return range === 0 ? 50 : 100 * ((close - lowest) / range);
}

interface StochasticPeriods {
  kPeriod: number;
  dPeriod: number;
  kSmoothing: number;
}

function resolvePeriods(options: StochasticOptions): StochasticPeriods {
  const { kPeriod = 14, dPeriod = 3, kSmoothing = 1 } = options ?? {};
  assertPeriod('kPeriod', kPeriod);
  assertPeriod('dPeriod', dPeriod);
  assertPeriod('kSmoothing', kSmoothing);
  return { kPeriod, dPeriod, kSmoothing };
}

/** Mean of a window of percentages; the clamp only absorbs rounding residue at 0 and 100. */
function meanPercent(sum: number, period: number): number {
  return Math.max(0, Math.min(100, sum / period));
}

/**
 * The stochastic's state machine, shared by the batch function and the streaming class so that
 * both give bit-identical numbers.
 */
class StochasticCore {
  highest: RollingExtreme;
  lowest: RollingExtreme;
  kSum: RollingSum;
  dSum: RollingSum;
  k = Number.NaN;
  d = Number.NaN;
  private previousK = Number.NaN;
  private previousD = Number.NaN;

  constructor(readonly periods: StochasticPeriods) {
    this.highest = new RollingExtreme(periods.kPeriod, 'max');
    this.lowest = new RollingExtreme(periods.kPeriod, 'min');
    this.kSum = new RollingSum(periods.kSmoothing);
    this.dSum = new RollingSum(periods.dPeriod);
  }

  /** Index (0-based) of the first %K. */
  get firstK(): number {
    return this.periods.kPeriod + this.periods.kSmoothing - 2;
  }

  /** Index (0-based) of the first %D. */
  get firstD(): number {
    return this.firstK + this.periods.dPeriod - 1;
  }

  /** Consumes bar number `index` (0-based). */
  advance(index: number, high: number, low: number, close: number): void {
    this.previousK = this.k;
    this.previousD = this.d;
    const highest = this.highest.push(high);
    const lowest = this.lowest.push(low);
    if (index < this.periods.kPeriod - 1) return;
    const fastK = stochasticPosition(close, highest, lowest);
    if (this.periods.kSmoothing === 1) {
      // The fast stochastic: %K is fast %K itself (a 1-bar mean would give the same number).
      this.k = fastK;
    } else {
      this.kSum.push(fastK);
      if (index < this.firstK) return;
      this.k = meanPercent(this.kSum.sum, this.periods.kSmoothing);
    }
    this.dSum.push(this.k);
    if (index >= this.firstD) this.d = meanPercent(this.dSum.sum, this.periods.dPeriod);
  }

  /** Reverts `advance(index, …)` (the latest one). */
  retreat(index: number): void {
    this.k = this.previousK;
    this.d = this.previousD;
    this.highest.undoPush();
    this.lowest.undoPush();
    if (index >= this.periods.kPeriod - 1 && this.periods.kSmoothing > 1) this.kSum.undoPush();
    if (index >= this.firstK) this.dSum.undoPush();
  }

  toJSON(): Record<string, unknown> {
    return {
      highest: this.highest.toJSON(),
      lowest: this.lowest.toJSON(),
      kSum: this.kSum.toJSON(),
      dSum: this.dSum.toJSON(),
      outputs: [this.k, this.d, this.previousK, this.previousD].map(encodeNumber),
    };
  }

  static fromJSON(periods: StochasticPeriods, data: Record<string, unknown>): StochasticCore {
    const core = new StochasticCore(periods);
    core.highest = RollingExtreme.fromJSON(data.highest as Record<string, unknown>);
    core.lowest = RollingExtreme.fromJSON(data.lowest as Record<string, unknown>);
    core.kSum = RollingSum.fromJSON(data.kSum as Record<string, unknown>);
    core.dSum = RollingSum.fromJSON(data.dSum as Record<string, unknown>);
    [core.k, core.d, core.previousK, core.previousD] = (data.outputs as unknown[]).map(decodeNumber) as [
      number,
      number,
      number,
      number,
    ];
    return core;
  }
}

/**
 * Stochastic oscillator (Lane), as TA-Lib's STOCH/STOCHF with SMA smoothing: fast %K =
 * `100 · (close − lowest low) / (highest high − lowest low)` over `kPeriod` bars; %K is the
 * `kSmoothing`-bar SMA of fast %K (1 = fast stochastic, 3 = the classic slow one); %D is the
 * `dPeriod`-bar SMA of %K. First %K at index `kPeriod + kSmoothing − 2`, first %D at
 * `kPeriod + kSmoothing + dPeriod − 3`; exact from then on (no recursive smoothing). A flat range
 * gives %K = 50. Highest/lowest use monotonic deques (amortised O(1) per bar).
 * Bars must satisfy `low ≤ close ≤ high`. `options.out`: either of the `k` and `d` columns to write
 * into and return instead of allocating them (see {@link ColumnsOutput}).
 */
export function stochastic(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  options: StochasticOptions & ColumnsOutput<StochasticResult> = {},
): StochasticResult {
  const periods = resolvePeriods(options);
  const n = assertBarColumns({ high, low, close }, CLOSE_WITHIN_RANGE);
  const core = new StochasticCore(periods);
  // The loop writes every slot (the core's NaN before each output's first value).
  const first = { k: core.firstK, d: core.firstD };
  const { k, d } = outputColumns(options?.out, STOCHASTIC_NAMES, n, first, { high, low, close });
  for (let i = 0; i < n; i++) {
    core.advance(i, high[i] as number, low[i] as number, close[i] as number);
    k[i] = core.k;
    d[i] = core.d;
  }
  return { k, d };
}

const STOCHASTIC_NAMES = ['k', 'd'] as const;

/** Streaming {@link stochastic}: amortised O(1) per update; `replace` is exact (O(kPeriod)). */
export class Stochastic extends StreamingIndicator<BarInput, StochasticValue> {
  readonly type = 'Stochastic';
  readonly kPeriod: number;
  readonly dPeriod: number;
  readonly kSmoothing: number;
  private core: StochasticCore;

  constructor(options: StochasticOptions = {}) {
    super();
    const periods = resolvePeriods(options);
    this.kPeriod = periods.kPeriod;
    this.dPeriod = periods.dPeriod;
    this.kSmoothing = periods.kSmoothing;
    this.core = new StochasticCore(periods);
  }

  /** True once %D (and so %K) is defined. */
  get isStable(): boolean {
    return this.updates > this.core.firstD;
  }

  get value(): StochasticValue {
    return { k: this.core.k, d: this.core.d };
  }

  protected checkInput(bar: BarInput): void {
    checkHighLowClose(bar, CLOSE_WITHIN_RANGE);
  }

  protected saveUndo(): void {
    // The core's parts remember their own previous state on every push.
  }

  protected undo(): void {
    this.core.retreat(this.updates - 1);
  }

  protected step(bar: BarInput): StochasticValue {
    this.core.advance(this.updates - 1, bar.high, bar.low, bar.close);
    return this.value;
  }

  toJSON(): IndicatorState {
    return {
      type: this.type,
      version: 1,
      params: { kPeriod: this.kPeriod, dPeriod: this.dPeriod, kSmoothing: this.kSmoothing },
      data: { updates: this.updates, core: this.core.toJSON() },
    };
  }

  /** Restores an indicator from {@link Stochastic.toJSON}. */
  static fromJSON(state: IndicatorState): Stochastic {
    assertStateType(state, 'Stochastic');
    const { kPeriod, dPeriod, kSmoothing } = state.params;
    const indicator = new Stochastic({ kPeriod, dPeriod, kSmoothing });
    indicator.updates = Number(state.data.updates);
    indicator.core = StochasticCore.fromJSON(
      indicator.core.periods,
      state.data.core as Record<string, unknown>,
    );
    return indicator;
  }
}
