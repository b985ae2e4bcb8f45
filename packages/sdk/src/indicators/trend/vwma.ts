import { assertPeriod } from '../args.js';
import { type BarColumns, fusedCheckLength, rejectBarColumns } from '../bar-args.js';
import { Kernel } from '../kernel.js';
import { type BarField, checkBar, KernelIndicator } from '../kernel-indicator.js';
import { Sma, WindowSum } from '../kernel-parts.js';
import { SUM_SCALE, SUM_UNSCALE } from '../magnitude.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import type { IndicatorState } from '../state.js';

// Module-local copies: under some loaders an imported binding read in a hot loop is a getter call.
const SCALE = SUM_SCALE;
const UNSCALE = SUM_UNSCALE;
const FIELDS: readonly BarField[] = ['close', 'volume'];

class VwmaKernel extends Kernel {
  private readonly weighted: WindowSum;
  private readonly volumes: WindowSum;
  private readonly plain: Sma;

  constructor(period: number) {
    super(1);
    assertPeriod('period', period);
    this.weighted = new WindowSum(this, period);
    this.volumes = new WindowSum(this, period);
    this.plain = new Sma(this, period);
  }

  step(close: number, volume: number): void {
    // Volumes scaled by 2^-64 (exact; the ratio is unchanged) so large prices cannot overflow.
    const weight = volume * SCALE;
    const weighted = this.weighted.next(close * weight);
    const volumes = this.volumes.next(weight);
    const plain = this.plain.next(close);
    if (Number.isNaN(volumes)) return;
    this.out[0] = volumes > 0 ? weighted / volumes : plain;
  }
}

/**
 * Volume-weighted moving average of the last `period` closes: `Σ close · volume / Σ volume`
 * (TTR's `VWMA`, TradingView's `ta.vwma`). First value at index `period − 1`. A window without any
 * volume gives the plain SMA of its closes (equal weights), never NaN.
 * `options.out`: a column to write into and return instead of allocating one (see
 * {@link ColumnOutput}).
 */
export function vwma(
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  period: number,
  options: ColumnOutput = {},
): Float64Array {
  assertPeriod('period', period);
  const columns = { close, volume };
  const n = fusedCheckLength(columns);
  const out = outputColumn(options?.out, 'out', n, period - 1, columns);
  vwmaLoop(close, volume, n, period, out, columns);
  return out;
}

/**
 * The kernel's parts on locals in one pass, one column written: its two `WindowSum`s are
 * `windowSums`' arithmetic (Neumaier's compensated additions, an exact re-summation every `period`
 * pushes, exact 0 through a count of non-zero values), the evicted products recomputed from the
 * columns (the same bits), and its `Sma` is `movingMean`'s; the bars are checked in the same pass.
 * Volumes scaled by 2^-64 as in the kernel. Apart from `vwma` so that its entry needs no type
 * feedback (V8 records none for a first call's set-up; the optimised code would deopt on it and
 * later calls run on-stack-replaced code).
 */
function vwmaLoop(
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  n: number,
  period: number,
  out: Float64Array,
  columns: BarColumns,
): void {
  let weightedTotal = 0;
  let weightedCompensation = 0;
  let weightedNonZero = 0;
  let volumeTotal = 0;
  let volumeCompensation = 0;
  let volumeNonZero = 0;
  let sinceResum = 0; // both sums take a value per bar: one schedule of re-summations
  let plain = 0; // movingMean's sum of scaled closes
  for (let i = 0; i < n; i++) {
    const c = close[i] as number;
    const v = volume[i] as number;
    // NaN, ±Infinity (x − x is NaN) or a negative volume: the full check names column and index.
    if (c - c !== 0 || v - v !== 0 || v < 0) rejectBarColumns(columns);
    const weight = v * SCALE;
    const weighted = c * weight;
    let next = weightedTotal + weighted;
    let larger = Math.abs(weightedTotal) >= Math.abs(weighted);
    // Selects, not two expressions: a branch seen only in the first bars of a first call would
    // have no type feedback, and the optimised loop would deopt on it in the next call.
    weightedCompensation += (larger ? weightedTotal : weighted) - next + (larger ? weighted : weightedTotal);
    weightedTotal = next;
    if (weighted !== 0) weightedNonZero++;
    next = volumeTotal + weight;
    larger = Math.abs(volumeTotal) >= Math.abs(weight);
    volumeCompensation += (larger ? volumeTotal : weight) - next + (larger ? weight : volumeTotal);
    volumeTotal = next;
    if (weight !== 0) volumeNonZero++;
    plain += c * SCALE;
    if (i >= period) {
      const oldClose = close[i - period] as number;
      const oldWeight = (volume[i - period] as number) * SCALE;
      const minusWeighted = -(oldClose * oldWeight);
      next = weightedTotal + minusWeighted;
      larger = Math.abs(weightedTotal) >= Math.abs(minusWeighted);
      weightedCompensation +=
        (larger ? weightedTotal : minusWeighted) - next + (larger ? minusWeighted : weightedTotal);
      weightedTotal = next;
      if (minusWeighted !== 0) weightedNonZero--;
      const minusWeight = -oldWeight;
      next = volumeTotal + minusWeight;
      larger = Math.abs(volumeTotal) >= Math.abs(minusWeight);
      volumeCompensation +=
        (larger ? volumeTotal : minusWeight) - next + (larger ? minusWeight : volumeTotal);
      volumeTotal = next;
      if (minusWeight !== 0) volumeNonZero--;
      plain -= oldClose * SCALE;
    }
    if (++sinceResum === period) {
      weightedTotal = 0;
      weightedCompensation = 0;
      volumeTotal = 0;
      volumeCompensation = 0;
      sinceResum = 0;
      for (let k = i - period + 1; k <= i; k++) {
        const held = (volume[k] as number) * SCALE;
        const heldWeighted = (close[k] as number) * held;
        next = weightedTotal + heldWeighted;
        larger = Math.abs(weightedTotal) >= Math.abs(heldWeighted);
        weightedCompensation +=
          (larger ? weightedTotal : heldWeighted) - next + (larger ? heldWeighted : weightedTotal);
        weightedTotal = next;
        next = volumeTotal + held;
        larger = Math.abs(volumeTotal) >= Math.abs(held);
        volumeCompensation += (larger ? volumeTotal : held) - next + (larger ? held : volumeTotal);
        volumeTotal = next;
      }
    }
    if (i < period - 1) continue;
    const volumes = volumeNonZero === 0 ? 0 : volumeTotal + volumeCompensation;
    const weightedSum = weightedNonZero === 0 ? 0 : weightedTotal + weightedCompensation;
    out[i] = volumes > 0 ? weightedSum / volumes : (plain / period) * UNSCALE;
  }
}

/** Streaming {@link vwma} over `{ close, volume }`: amortised O(1) per update. */
export class VWMA extends KernelIndicator<{ close: number; volume: number }, number> {
  readonly type = 'VWMA';

  constructor(readonly period: number) {
    super(new VwmaKernel(period), { inputs: FIELDS, outputs: 'value' }, { period }, period - 1);
  }

  /**
   * `checkBar`'s rules for these two fields as plain tests (its loop over the field names was a
   * quarter of an update); a bar that fails them goes to `checkBar` for its error.
   */
  protected override checkInput(bar: { close: number; volume: number }): void {
    const close = bar?.close;
    const volume = bar?.volume;
    if (
      typeof close === 'number' &&
      typeof volume === 'number' &&
      close - close === 0 &&
      volume - volume === 0
    ) {
      if (volume >= 0) return;
    }
    checkBar(bar, FIELDS);
  }

  /** Restores an indicator from {@link VWMA.toJSON}. */
  static fromJSON(state: IndicatorState): VWMA {
    return new VWMA(Number(state.params.period)).resume(state);
  }
}
