import { InvalidArgumentError } from '../../data/errors.js';
import { assertFiniteNumber, assertFiniteSeries, assertPeriod, fusedSeriesLength } from '../args.js';
import {
  assertVarianceMagnitudes,
  checkVarianceMagnitude,
  SUM_SCALE,
  SUM_UNSCALE,
  varianceLimit,
} from '../magnitude.js';
import { type ColumnsOutput, outputColumns } from '../output.js';
import { RingBuffer } from '../ring-buffer.js';
import { assertStateType, decodeNumber, encodeNumber, type IndicatorState } from '../state.js';
import { checkFiniteInput, StreamingIndicator } from '../streaming.js';
import { DIRECT_WINDOW_LIMIT, m2OfArray, m2OfRing } from './window-m2.js';
import { WindowVariance } from './window-variance.js';

// Module-local copies: under some loaders an imported binding read in a hot loop is a getter call.
const SCALE = SUM_SCALE;
const UNSCALE = SUM_UNSCALE;

/** Parameters of {@link bollingerBands}. */
export interface BollingerBandsOptions {
  /** Window length (default 20). */
  period?: number;
  /** Width of the bands in standard deviations (default 2; finite, ≥ 0). */
  stdDev?: number;
}

/** Columns of {@link bollingerBands}, each of the input's length. */
export interface BollingerBandsSeries {
  /** middle + stdDev · σ. */
  upper: Float64Array;
  /** SMA of the window. */
  middle: Float64Array;
  /** middle − stdDev · σ. */
  lower: Float64Array;
}

/** One value of the streaming {@link BollingerBands}. */
export interface BollingerBandsValue {
  upper: number;
  middle: number;
  lower: number;
}

function resolveOptions(options: BollingerBandsOptions): Required<BollingerBandsOptions> {
  const { period = 20, stdDev = 2 } = options ?? {};
  assertPeriod('period', period);
  assertFiniteNumber('stdDev', stdDev);
  if (stdDev < 0) throw new InvalidArgumentError('stdDev', `must be at least 0, got ${stdDev}`);
  return { period, stdDev };
}

/**
 * Bollinger Bands: `middle` = SMA of the last `period` values (bit-identical to `sma`), `upper` /
 * `lower` = middle ± stdDev · σ with σ the *population* standard deviation of the window (divisor
 * `period`), as Bollinger, TA-Lib and TTR define it. First value at index `period − 1`.
 * σ is computed stably (see `WindowVariance`), not from running sums of x and x². Values beyond
 * ±2^500 / period (≈ 1.6e149 for 20) throw `IndicatorOverflowError`: their squares would overflow.
 * `options.out`: any of the three columns to write into and return instead of allocating them
 * (see {@link ColumnsOutput}).
 */
export function bollingerBands(
  values: ArrayLike<number>,
  options: BollingerBandsOptions & ColumnsOutput<BollingerBandsSeries> = {},
): BollingerBandsSeries {
  const { period, stdDev } = resolveOptions(options);
  const n = fusedSeriesLength('values', values);
  const { upper, middle, lower } = outputColumns(options?.out, BAND_NAMES, n, period - 1, { values });
  bandsPass(values, n, period, stdDev, BANDS, upper, middle, lower);
  return { upper, middle, lower };
}

const BAND_NAMES = ['upper', 'middle', 'lower'] as const;

/** What {@link bandsPass} writes: the three bands, or one column derived from them. */
export const BANDS = 0;
export const PERCENT_B = 1;
export const BANDWIDTH = 2;

/**
 * The batch pass of {@link bollingerBands} and of the %B and bandwidth functions: the bands of each
 * window, written as `upper`, `middle`, `lower` (`BANDS`) or reduced to %B or bandwidth in `upper`
 * (the other two columns are then not written). One loop for all three, so a derived column is
 * computed from exactly the bands' bits; the branch on `output` costs nothing measurable next to the
 * window's sum of squares.
 */
export function bandsPass(
  values: ArrayLike<number>,
  n: number,
  period: number,
  stdDev: number,
  output: typeof BANDS | typeof PERCENT_B | typeof BANDWIDTH,
  upper: Float64Array,
  middle: Float64Array,
  lower: Float64Array,
): void {
  const limit = varianceLimit(period);
  const moments = new WindowVariance(period);
  const direct = period <= DIRECT_WINDOW_LIMIT;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i] as number;
    // The finiteness and magnitude checks in this pass (NaN fails both comparisons); the two
    // assertions then throw the error that names the index.
    if (!(x <= limit && x >= -limit)) {
      assertFiniteSeries('values', values);
      assertVarianceMagnitudes('values', values, period);
    }
    // Running sum in `sma`'s operation order, so `middle` equals `sma(values, period)` exactly.
    sum += x * SCALE;
    let leaving = Number.NaN;
    if (i >= period) {
      leaving = values[i - period] as number;
      sum -= leaving * SCALE;
    }
    if (!direct) moments.push(x, leaving);
    if (i >= period - 1) {
      const mean = (sum / period) * UNSCALE;
      const m2 = direct ? m2OfArray(values, i, period) : moments.sumOfSquares(period);
      const width = stdDev * Math.sqrt(m2 / period);
      const top = mean + width;
      const bottom = mean - width;
      if (output === BANDS) {
        upper[i] = top;
        middle[i] = mean;
        lower[i] = bottom;
      } else if (output === PERCENT_B) {
        // Bands of no width: the value sits in their middle.
        upper[i] = top === bottom ? 0.5 : (x - bottom) / (top - bottom);
      } else {
        // A zero middle band gives 0 instead of ±Infinity.
        upper[i] = mean === 0 ? 0 : (top - bottom) / mean;
      }
    }
  }
}

/**
 * Streaming {@link bollingerBands}: same numbers as the batch function; O(period) per update up
 * to 64 (two passes over the window), O(1) beyond.
 */
export class BollingerBands extends StreamingIndicator<number, BollingerBandsValue> {
  readonly type = 'BollingerBands';
  readonly period: number;
  readonly stdDev: number;
  private window: RingBuffer;
  private moments: WindowVariance;
  private savedMoments: WindowVariance;
  private sum = 0;
  private previousSum = 0;
  private readonly direct: boolean;
  private m2 = Number.NaN; // of the current window, once full

  constructor(options: BollingerBandsOptions = {}) {
    super();
    const { period, stdDev } = resolveOptions(options);
    this.period = period;
    this.stdDev = stdDev;
    this.direct = period <= DIRECT_WINDOW_LIMIT;
    this.window = new RingBuffer(period);
    this.moments = new WindowVariance(period);
    this.savedMoments = new WindowVariance(period);
  }

  get isStable(): boolean {
    return this.updates >= this.period;
  }

  get value(): BollingerBandsValue {
    if (!this.isStable) return { upper: Number.NaN, middle: Number.NaN, lower: Number.NaN };
    const mean = (this.sum / this.period) * UNSCALE;
    const width = this.stdDev * Math.sqrt(this.m2 / this.period);
    return { upper: mean + width, middle: mean, lower: mean - width };
  }

  /** Recomputes the window's M2 from the state (after a step, an undo or a restore). */
  private refresh(): void {
    if (!this.window.isFull) this.m2 = Number.NaN;
    else this.m2 = this.direct ? m2OfRing(this.window, this.period) : this.moments.sumOfSquares(this.period);
  }

  protected checkInput(value: number): void {
    checkFiniteInput('value', value);
    checkVarianceMagnitude('value', value, this.period, this.updates);
  }

  protected saveUndo(): void {
    this.previousSum = this.sum;
    if (!this.direct) this.savedMoments.copyFrom(this.moments);
  }

  protected undo(): void {
    this.sum = this.previousSum;
    if (!this.direct) this.moments.copyFrom(this.savedMoments);
    this.window.undoPush();
    this.refresh();
  }

  protected step(value: number): BollingerBandsValue {
    this.sum += value * SCALE;
    const leaving = this.window.push(value);
    if (!Number.isNaN(leaving)) this.sum -= leaving * SCALE;
    if (!this.direct) this.moments.push(value, leaving);
    this.refresh();
    return this.value;
  }

  toJSON(): IndicatorState {
    return {
      type: this.type,
      version: 1,
      params: { period: this.period, stdDev: this.stdDev },
      data: {
        updates: this.updates,
        sum: encodeNumber(this.sum),
        previousSum: encodeNumber(this.previousSum),
        moments: this.moments.toJSON(),
        savedMoments: this.savedMoments.toJSON(),
        window: this.window.toJSON(),
      },
    };
  }

  /** Restores an indicator from {@link BollingerBands.toJSON}. */
  static fromJSON(state: IndicatorState): BollingerBands {
    assertStateType(state, 'BollingerBands');
    const indicator = new BollingerBands({
      period: Number(state.params.period),
      stdDev: Number(state.params.stdDev),
    });
    const data = state.data;
    indicator.updates = Number(data.updates);
    indicator.sum = decodeNumber(data.sum);
    indicator.previousSum = decodeNumber(data.previousSum);
    indicator.moments = WindowVariance.fromJSON(data.moments as Record<string, unknown>);
    indicator.savedMoments = WindowVariance.fromJSON(data.savedMoments as Record<string, unknown>);
    indicator.window = RingBuffer.fromJSON(data.window as Record<string, unknown>);
    indicator.refresh();
    return indicator;
  }
}
