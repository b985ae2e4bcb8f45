import { assertBarColumns, checkCloseVolume } from '../bar-args.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import { assertStateType, decodeNumber, encodeNumber, type IndicatorState } from '../state.js';
import { StreamingIndicator } from '../streaming.js';

/** What {@link OBV} reads from a bar. */
export interface ObvInput {
  /** Closing price. */
  close: number;
  /** Traded volume, ≥ 0. */
  volume: number;
}

/** Volume signed by the direction of the close: up adds, down subtracts, unchanged adds nothing. */
function signedVolume(close: number, previousClose: number, volume: number): number {
  return close > previousClose ? volume : close < previousClose ? -volume : 0;
}

/**
 * On-Balance Volume (Granville), as TA-Lib's OBV and TTR's OBV: starts at the first bar's volume,
 * then adds the volume of each bar that closed higher than the previous one and subtracts the
 * volume of each bar that closed lower. Defined from index 0; a running total, so there is nothing
 * to converge (but its level depends on where the series starts: compare OBVs only from the same
 * start bar). trading-signals starts from 0 one bar later, i.e. its values are ours minus the
 * first volume. `options.out`: a column to write into and return instead of allocating one (see
 * {@link ColumnOutput}).
 */
export function obv(
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  options: ColumnOutput = {},
): Float64Array {
  const n = assertBarColumns({ close, volume });
  const out = outputColumn(options?.out, 'out', n, 0, { close, volume });
  if (n === 0) return out;
  let total = (volume[0] as number) + 0; // + 0 turns a −0 volume into 0 (JSON cannot keep −0)
  out[0] = total;
  for (let i = 1; i < n; i++) {
    total += signedVolume(close[i] as number, close[i - 1] as number, volume[i] as number);
    out[i] = total;
  }
  return out;
}

/** Streaming {@link obv}: O(1) per update; `replace` is exact. */
export class OBV extends StreamingIndicator<ObvInput, number> {
  readonly type = 'OBV';
  private total = Number.NaN;
  private previousClose = Number.NaN;
  private savedTotal = Number.NaN;
  private savedClose = Number.NaN;

  get isStable(): boolean {
    return this.updates > 0;
  }

  get value(): number {
    return this.total;
  }

  protected checkInput(bar: ObvInput): void {
    checkCloseVolume(bar);
  }

  protected saveUndo(): void {
    this.savedTotal = this.total;
    this.savedClose = this.previousClose;
  }

  protected undo(): void {
    this.total = this.savedTotal;
    this.previousClose = this.savedClose;
  }

  protected step(bar: ObvInput): number {
    this.total =
      this.updates === 1
        ? bar.volume + 0
        : this.total + signedVolume(bar.close, this.previousClose, bar.volume);
    this.previousClose = bar.close;
    return this.total;
  }

  toJSON(): IndicatorState {
    return {
      type: this.type,
      version: 1,
      params: {},
      data: {
        updates: this.updates,
        total: encodeNumber(this.total),
        previousClose: encodeNumber(this.previousClose),
        saved: [this.savedTotal, this.savedClose].map(encodeNumber),
      },
    };
  }

  /** Restores an indicator from {@link OBV.toJSON}. */
  static fromJSON(state: IndicatorState): OBV {
    assertStateType(state, 'OBV');
    const indicator = new OBV();
    const data = state.data;
    indicator.updates = Number(data.updates);
    indicator.total = decodeNumber(data.total);
    indicator.previousClose = decodeNumber(data.previousClose);
    const saved = (data.saved as unknown[]).map(decodeNumber);
    [indicator.savedTotal, indicator.savedClose] = saved as [number, number];
    return indicator;
  }
}
