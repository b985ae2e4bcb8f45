import { InvalidArgumentError } from '../../data/errors.js';
import { assertPeriod } from '../args.js';
import { type ColumnsOutput, outputColumns } from '../output.js';
import { assertStateType, decodeNumber, encodeNumber, type IndicatorState } from '../state.js';
import { type BarInput, checkBarInput, StreamingIndicator } from '../streaming.js';
import { assertHighLowClose, trueRange } from '../volatility/true-range.js';

/** Columns of {@link adx}, each of the input's length. */
export interface AdxSeries {
  /** Average directional index, 0–100; first value at index `2·period − 1`. */
  adx: Float64Array;
  /** +DI, 0–100; first value at index `period`. */
  plusDI: Float64Array;
  /** −DI, 0–100; first value at index `period`. */
  minusDI: Float64Array;
}

/** One value of the streaming {@link ADX}. */
export interface AdxValue {
  /** NaN before index `2·period − 1`. */
  adx: number;
  /** NaN before index `period`. */
  plusDI: number;
  /** NaN before index `period`. */
  minusDI: number;
}

/**
 * The running state of Wilder's directional movement system, exactly as TA-Lib's ADX/PLUS_DI/
 * MINUS_DI compute it; one `next` per bar, shared by the batch and the streaming form so that both
 * run the same arithmetic.
 */
class DirectionalState {
  index = -1;
  previousHigh = Number.NaN;
  previousLow = Number.NaN;
  previousClose = Number.NaN;
  /** Wilder-smoothed sums (not averages, as TA-Lib: DI is their ratio) of +DM, −DM and TR. */
  plusDM = 0;
  minusDM = 0;
  range = 0;
  sumDX = 0;
  plusDI = Number.NaN;
  minusDI = Number.NaN;
  adx = Number.NaN;

  constructor(readonly period: number) {}

  next(high: number, low: number, close: number): void {
    const period = this.period;
    const index = ++this.index;
    if (index > 0) {
      const up = high - this.previousHigh;
      const down = this.previousLow - low;
      // Wilder's rule: only the larger outside move counts, and only if positive (ties count neither).
      const minusMove = down > 0 && up < down ? down : 0;
      const plusMove = up > 0 && up > down ? up : 0;
      const range = trueRange(high, low, this.previousClose);
      if (index < period) {
        // TA-Lib seeds with the plain sum of the first period − 1 one-bar values ...
        this.plusDM += plusMove;
        this.minusDM += minusMove;
        this.range += range;
      } else {
        // ... then smooths: S − S/period + today's value, from bar `period` on.
        this.plusDM = this.plusDM - this.plusDM / period + plusMove;
        this.minusDM = this.minusDM - this.minusDM / period + minusMove;
        this.range = this.range - this.range / period + range;
        this.directionalIndex(index);
      }
    }
    this.previousHigh = high;
    this.previousLow = low;
    this.previousClose = close;
  }

  private directionalIndex(index: number): void {
    const period = this.period;
    // No range at all (a flat stretch): DI 0, as TA-Lib's PLUS_DI / MINUS_DI.
    const hasRange = this.range !== 0;
    this.plusDI = hasRange ? 100 * (this.plusDM / this.range) : 0;
    this.minusDI = hasRange ? 100 * (this.minusDM / this.range) : 0;
    const sumDI = this.plusDI + this.minusDI;
    // DX is undefined without directional movement: as TA-Lib, it then adds nothing to the seed
    // sum and leaves ADX unchanged.
    const hasDX = sumDI !== 0;
    const dx = hasDX ? 100 * (Math.abs(this.minusDI - this.plusDI) / sumDI) : 0;
    const lastSeedIndex = 2 * period - 1;
    if (index < lastSeedIndex) {
      this.sumDX += dx;
    } else if (index === lastSeedIndex) {
      this.adx = (this.sumDX + dx) / period;
    } else if (hasDX) {
      this.adx = (this.adx * (period - 1) + dx) / period;
    }
  }

  copyFrom(other: DirectionalState): void {
    this.index = other.index;
    this.previousHigh = other.previousHigh;
    this.previousLow = other.previousLow;
    this.previousClose = other.previousClose;
    this.plusDM = other.plusDM;
    this.minusDM = other.minusDM;
    this.range = other.range;
    this.sumDX = other.sumDX;
    this.plusDI = other.plusDI;
    this.minusDI = other.minusDI;
    this.adx = other.adx;
  }

  toJSON(): (number | null | string)[] {
    return [
      this.index,
      this.previousHigh,
      this.previousLow,
      this.previousClose,
      this.plusDM,
      this.minusDM,
      this.range,
      this.sumDX,
      this.plusDI,
      this.minusDI,
      this.adx,
    ].map(encodeNumber);
  }

  static fromJSON(period: number, json: unknown): DirectionalState {
    const state = new DirectionalState(period);
    if (!Array.isArray(json) || json.length !== 11) {
      throw new InvalidArgumentError('state', 'expected the 11 numbers of an ADX state');
    }
    const v = json.map(decodeNumber);
    [
      state.index,
      state.previousHigh,
      state.previousLow,
      state.previousClose,
      state.plusDM,
      state.minusDM,
      state.range,
      state.sumDX,
      state.plusDI,
      state.minusDI,
      state.adx,
    ] = v as [number, number, number, number, number, number, number, number, number, number, number];
    return state;
  }
}

/**
 * Wilder's average directional index with +DI and −DI, as TA-Lib (ADX, PLUS_DI, MINUS_DI):
 * - +DM = high − previous high and −DM = previous low − low, keeping only the larger, if positive;
 *   TR = true range. No values for the first bar.
 * - Smoothed sums: the plain sum of bars 1..period−1, then `S − S/period + value` from bar `period`.
 * - +DI = 100 · +DM_s / TR_s, −DI likewise (0 when TR_s = 0); first at index `period`.
 * - DX = 100 · |+DI − −DI| / (+DI + −DI); ADX = mean of the first `period` DX (bars
 *   `period..2·period−1`), then Wilder smoothing `(adx · (period − 1) + DX) / period`.
 *   First ADX at index `2·period − 1`.
 *
 * `options.out`: any of the three columns to write into and return instead of allocating them
 * (see {@link ColumnsOutput}).
 */
export function adx(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period = 14,
  options: ColumnsOutput<AdxSeries> = {},
): AdxSeries {
  assertPeriod('period', period);
  const n = assertHighLowClose(high, low, close);
  // No warm-up to fill: the loop writes every slot (the state's NaN before each line starts).
  const {
    adx: adxLine,
    plusDI,
    minusDI,
  } = outputColumns(options?.out, ADX_NAMES, n, 0, { high, low, close });
  const state = new DirectionalState(period);
  for (let i = 0; i < n; i++) {
    state.next(high[i] as number, low[i] as number, close[i] as number);
    adxLine[i] = state.adx;
    plusDI[i] = state.plusDI;
    minusDI[i] = state.minusDI;
  }
  return { adx: adxLine, plusDI, minusDI };
}

const ADX_NAMES = ['adx', 'plusDI', 'minusDI'] as const;

/** Streaming {@link adx} over bars `{ high, low, close }`: O(1) per update, same numbers as the batch. */
export class ADX extends StreamingIndicator<BarInput, AdxValue> {
  readonly type = 'ADX';
  private state: DirectionalState;
  private saved: DirectionalState;

  constructor(readonly period = 14) {
    super();
    assertPeriod('period', period);
    this.state = new DirectionalState(period);
    this.saved = new DirectionalState(period);
  }

  /** True once ADX (and so +DI and −DI) is defined. */
  get isStable(): boolean {
    return this.updates >= 2 * this.period;
  }

  get value(): AdxValue {
    return { adx: this.state.adx, plusDI: this.state.plusDI, minusDI: this.state.minusDI };
  }

  protected checkInput(bar: BarInput): void {
    checkBarInput(bar, ['high', 'low', 'close']);
  }

  protected saveUndo(): void {
    this.saved.copyFrom(this.state);
  }

  protected undo(): void {
    this.state.copyFrom(this.saved);
  }

  protected step(bar: BarInput): AdxValue {
    this.state.next(bar.high, bar.low, bar.close);
    return this.value;
  }

  toJSON(): IndicatorState {
    return {
      type: this.type,
      version: 1,
      params: { period: this.period },
      data: { updates: this.updates, state: this.state.toJSON(), saved: this.saved.toJSON() },
    };
  }

  /** Restores an indicator from {@link ADX.toJSON}. */
  static fromJSON(state: IndicatorState): ADX {
    assertStateType(state, 'ADX');
    const indicator = new ADX(Number(state.params.period));
    indicator.updates = Number(state.data.updates);
    indicator.state = DirectionalState.fromJSON(indicator.period, state.data.state);
    indicator.saved = DirectionalState.fromJSON(indicator.period, state.data.saved);
    return indicator;
  }
}
