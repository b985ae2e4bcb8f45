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
 * Volume-weighted typical price of the bars summed so far. Without volume there is nothing to
 * weight by, so the bar's own typical price stands in (never NaN or Infinity).
 */
function vwapOf(priceVolume: number, volume: number, typical: number): number {
  return volume > 0 ? priceVolume / volume : typical;
}

/**
 * The VWAP state machine, shared by batch and streaming: rolling window sums when a period is
 * given, running totals from the first bar otherwise.
 */
class VwapCore {
  priceVolume: RollingSum | undefined;
  volume: RollingSum | undefined;
  // Cumulative mode: running totals and their values before the latest bar (for `replace`).
  priceVolumeTotal = 0;
  volumeTotal = 0;
  savedPriceVolumeTotal = 0;
  savedVolumeTotal = 0;
  current = Number.NaN;
  savedCurrent = Number.NaN;

  constructor(readonly period: number | undefined) {
    if (period !== undefined) {
      this.priceVolume = new RollingSum(period);
      this.volume = new RollingSum(period);
    }
  }

  advance(high: number, low: number, close: number, volume: number): void {
    this.savedCurrent = this.current;
    const typical = typicalPrice(high, low, close);
    // Volumes are scaled by 2^-64 (exact; the ratio is unchanged) so prices near 1e300 do not overflow.
    const weight = volume * SCALE;
    if (this.priceVolume && this.volume) {
      this.priceVolume.push(typical * weight);
      this.volume.push(weight);
      if (this.volume.length === this.period) {
        this.current = vwapOf(this.priceVolume.sum, this.volume.sum, typical);
      }
    } else {
      this.savedPriceVolumeTotal = this.priceVolumeTotal;
      this.savedVolumeTotal = this.volumeTotal;
      this.priceVolumeTotal += typical * weight;
      this.volumeTotal += weight;
      this.current = vwapOf(this.priceVolumeTotal, this.volumeTotal, typical);
    }
  }

  /** Throws `IndicatorOverflowError` if the sums overflowed at bar `index`. */
  assertFinite(index: number, volume: number): void {
    const sum = this.priceVolume ? this.priceVolume.sum : this.priceVolumeTotal;
    assertFiniteSum('volume', sum, volume, index, 'the sum of typical price × volume');
  }

  retreat(): void {
    this.current = this.savedCurrent;
    if (this.priceVolume && this.volume) {
      this.priceVolume.undoPush();
      this.volume.undoPush();
    } else {
      this.priceVolumeTotal = this.savedPriceVolumeTotal;
      this.volumeTotal = this.savedVolumeTotal;
    }
  }

  toJSON(): Record<string, unknown> {
    return {
      priceVolume: this.priceVolume?.toJSON() ?? null,
      volume: this.volume?.toJSON() ?? null,
      totals: [this.priceVolumeTotal, this.volumeTotal].map(encodeNumber),
      savedTotals: [this.savedPriceVolumeTotal, this.savedVolumeTotal].map(encodeNumber),
      current: encodeNumber(this.current),
      savedCurrent: encodeNumber(this.savedCurrent),
    };
  }

  static fromJSON(period: number | undefined, data: Record<string, unknown>): VwapCore {
    const core = new VwapCore(period);
    if (period !== undefined) {
      core.priceVolume = RollingSum.fromJSON(data.priceVolume as Record<string, unknown>);
      core.volume = RollingSum.fromJSON(data.volume as Record<string, unknown>);
    }
    const pair = (value: unknown): [number, number] => {
      const [a, b] = (value as unknown[]).map(decodeNumber);
      return [a as number, b as number];
    };
    [core.priceVolumeTotal, core.volumeTotal] = pair(data.totals);
    [core.savedPriceVolumeTotal, core.savedVolumeTotal] = pair(data.savedTotals);
    core.current = decodeNumber(data.current);
    core.savedCurrent = decodeNumber(data.savedCurrent);
    return core;
  }
}

/**
 * Volume-weighted average price of the typical price `(high + low + close) / 3`.
 * - With `period`: the rolling `period`-bar VWAP, `Σ tp·volume / Σ volume` over the window, as
 *   TTR's `VWAP(price, volume, n)` with the typical price as `price`. First value at index
 *   `period − 1`, exact from then on.
 * - Without: cumulative from the first bar (defined from index 0) — the anchored/session VWAP that
 *   TradingView draws, anchored at the series' first bar. For a per-session VWAP, call it per
 *   session (or start a new {@link VWAP} at each session's first bar).
 * A window (or history) without any volume gives the bar's own typical price, never NaN.
 * `options.out`: a column to write into and return instead of allocating one (see
 * {@link ColumnOutput}); for the cumulative VWAP, pass `undefined` as `period`.
 */
export function vwap(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  period?: number,
  options: ColumnOutput = {},
): Float64Array {
  if (period !== undefined) assertPeriod('period', period);
  const n = assertBarColumns({ high, low, close, volume });
  // The loop writes every slot (NaN over a rolling window's warm-up, from the core).
  const out = outputColumn(options?.out, 'out', n, period === undefined ? 0 : period - 1, {
    high,
    low,
    close,
    volume,
  });
  const core = new VwapCore(period);
  for (let i = 0; i < n; i++) {
    core.advance(high[i] as number, low[i] as number, close[i] as number, volume[i] as number);
    core.assertFinite(i, volume[i] as number);
    out[i] = core.current;
  }
  return out;
}

/**
 * Streaming {@link vwap} (rolling when constructed with a period, cumulative without): amortised
 * O(1) per update; `replace` is exact.
 */
export class VWAP extends StreamingIndicator<VolumeBarInput, number> {
  readonly type = 'VWAP';
  private core: VwapCore;

  constructor(readonly period?: number) {
    super();
    if (period !== undefined) assertPeriod('period', period);
    this.core = new VwapCore(period);
  }

  get isStable(): boolean {
    return this.updates >= (this.period ?? 1);
  }

  get value(): number {
    return this.core.current;
  }

  protected checkInput(bar: VolumeBarInput): void {
    checkHighLowCloseVolume(bar);
  }

  protected saveUndo(): void {
    // The core remembers its own previous state on every advance.
  }

  protected undo(): void {
    this.core.retreat();
  }

  protected step(bar: VolumeBarInput): number {
    this.core.advance(bar.high, bar.low, bar.close, bar.volume);
    try {
      this.core.assertFinite(this.updates - 1, bar.volume);
    } catch (error) {
      // Leave the state as it was before this input.
      this.core.retreat();
      this.updates--;
      throw error;
    }
    return this.core.current;
  }

  toJSON(): IndicatorState {
    return {
      type: this.type,
      version: 1,
      params: this.period === undefined ? {} : { period: this.period },
      data: { updates: this.updates, core: this.core.toJSON() },
    };
  }

  /** Restores an indicator from {@link VWAP.toJSON}. */
  static fromJSON(state: IndicatorState): VWAP {
    assertStateType(state, 'VWAP');
    const period = state.params.period === undefined ? undefined : Number(state.params.period);
    const indicator = new VWAP(period);
    indicator.updates = Number(state.data.updates);
    indicator.core = VwapCore.fromJSON(period, state.data.core as Record<string, unknown>);
    return indicator;
  }
}
