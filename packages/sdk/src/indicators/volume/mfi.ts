import { assertPeriod } from '../args.js';
import { assertBarColumns, checkHighLowCloseVolume, typicalPrice, type VolumeBarInput } from '../bar-args.js';
import { assertFiniteSum, SUM_SCALE } from '../magnitude.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import { RollingSum } from '../rolling-sum.js';
import { assertStateType, decodeNumber, encodeNumber, type IndicatorState } from '../state.js';
import { StreamingIndicator } from '../streaming.js';

// Module-local copies: under some loaders an imported binding read in a hot loop is a getter call.
const SCALE = SUM_SCALE;

/**
 * MFI from the window's positive and negative money flow: `100 · (positive / (positive +
 * negative))`, in [0, 100] under rounding. No money flow at all (zero volume, or a typical price
 * that never changed) gives 50, the neutral value — a DA-KI convention shared with trading-signals;
 * TA-Lib gives 0 whenever the total is below 1.
 */
function mfiOf(positiveSum: number, negativeSum: number): number {
  // Both sums are of non-negative flows; the clamp only removes a rounding residue below 0.
  const positive = Math.max(0, positiveSum);
  const total = positive + Math.max(0, negativeSum);
  return total === 0 ? 50 : 100 * (positive / total);
}

/** The MFI state machine, shared by batch and streaming so that both round alike. */
class MfiCore {
  positive: RollingSum;
  negative: RollingSum;
  previousTypical = Number.NaN;
  private savedTypical = Number.NaN;

  constructor(readonly period: number) {
    this.positive = new RollingSum(period);
    this.negative = new RollingSum(period);
  }

  advance(index: number, high: number, low: number, close: number, volume: number): void {
    this.savedTypical = this.previousTypical;
    const typical = typicalPrice(high, low, close);
    if (index > 0) {
      // TA-Lib's convention: a bar whose typical price did not change adds to neither side.
      // Flows are scaled by 2^-64 (exact; the ratio is unchanged) so prices near 1e300 do not overflow.
      const flow = typical * (volume * SCALE);
      this.positive.push(typical > this.previousTypical ? flow : 0);
      this.negative.push(typical < this.previousTypical ? flow : 0);
    }
    this.previousTypical = typical;
  }

  retreat(index: number): void {
    this.previousTypical = this.savedTypical;
    if (index > 0) {
      this.positive.undoPush();
      this.negative.undoPush();
    }
  }

  get value(): number {
    return mfiOf(this.positive.sum, this.negative.sum);
  }

  /** Throws `IndicatorOverflowError` if the window sums overflowed at bar `index`. */
  assertFinite(index: number, volume: number): void {
    assertFiniteSum(
      'volume',
      this.positive.sum + this.negative.sum,
      volume,
      index,
      'the money flow (typical price × volume) of the window',
    );
  }

  toJSON(): Record<string, unknown> {
    return {
      positive: this.positive.toJSON(),
      negative: this.negative.toJSON(),
      previousTypical: encodeNumber(this.previousTypical),
      savedTypical: encodeNumber(this.savedTypical),
    };
  }

  static fromJSON(period: number, data: Record<string, unknown>): MfiCore {
    const core = new MfiCore(period);
    core.positive = RollingSum.fromJSON(data.positive as Record<string, unknown>);
    core.negative = RollingSum.fromJSON(data.negative as Record<string, unknown>);
    core.previousTypical = decodeNumber(data.previousTypical);
    core.savedTypical = decodeNumber(data.savedTypical);
    return core;
  }
}

/**
 * Money Flow Index (volume-weighted RSI), as TA-Lib's MFI: typical price `(high + low + close) / 3`,
 * raw money flow `typical · volume`, positive when the typical price rose from the previous bar,
 * negative when it fell, neither when unchanged; `MFI = 100 · positive / (positive + negative)`
 * over the last `period` flows (default 14). First value at index `period` (it needs `period`
 * changes), exact from then on (window sums, no recursive smoothing). No money flow gives 50.
 * `options.out`: a column to write into and return instead of allocating one (see
 * {@link ColumnOutput}).
 */
export function mfi(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  period = 14,
  options: ColumnOutput = {},
): Float64Array {
  assertPeriod('period', period);
  const n = assertBarColumns({ high, low, close, volume });
  const out = outputColumn(options?.out, 'out', n, period, { high, low, close, volume });
  const core = new MfiCore(period);
  for (let i = 0; i < n; i++) {
    core.advance(i, high[i] as number, low[i] as number, close[i] as number, volume[i] as number);
    core.assertFinite(i, volume[i] as number);
    if (i >= period) out[i] = core.value;
  }
  return out;
}

/** Streaming {@link mfi}: amortised O(1) per update, O(period) memory; `replace` is exact. */
export class MFI extends StreamingIndicator<VolumeBarInput, number> {
  readonly type = 'MFI';
  private core: MfiCore;

  constructor(readonly period = 14) {
    super();
    assertPeriod('period', period);
    this.core = new MfiCore(period);
  }

  get isStable(): boolean {
    return this.updates > this.period;
  }

  get value(): number {
    return this.isStable ? this.core.value : Number.NaN;
  }

  protected checkInput(bar: VolumeBarInput): void {
    checkHighLowCloseVolume(bar);
  }

  protected saveUndo(): void {
    // The core remembers its own previous state on every advance.
  }

  protected undo(): void {
    this.core.retreat(this.updates - 1);
  }

  protected step(bar: VolumeBarInput): number {
    const index = this.updates - 1;
    this.core.advance(index, bar.high, bar.low, bar.close, bar.volume);
    try {
      this.core.assertFinite(index, bar.volume);
    } catch (error) {
      // Leave the state as it was before this input.
      this.core.retreat(index);
      this.updates--;
      throw error;
    }
    return this.value;
  }

  toJSON(): IndicatorState {
    return {
      type: this.type,
      version: 1,
      params: { period: this.period },
      data: { updates: this.updates, core: this.core.toJSON() },
    };
  }

  /** Restores an indicator from {@link MFI.toJSON}. */
  static fromJSON(state: IndicatorState): MFI {
    assertStateType(state, 'MFI');
    const indicator = new MFI(Number(state.params.period));
    indicator.updates = Number(state.data.updates);
    indicator.core = MfiCore.fromJSON(indicator.period, state.data.core as Record<string, unknown>);
    return indicator;
  }
}
