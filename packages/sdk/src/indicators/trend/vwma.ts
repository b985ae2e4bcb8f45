import { assertPeriod } from '../args.js';
import { assertBarColumns } from '../bar-args.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Sma, WindowSum } from '../kernel-parts.js';
import { SUM_SCALE } from '../magnitude.js';
import { windowSums } from '../rolling-sum.js';
import type { IndicatorState } from '../state.js';
import { movingMean } from './sma.js';

// Module-local copies: under some loaders an imported binding read in a hot loop is a getter call.
const SCALE = SUM_SCALE;

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
 */
export function vwma(close: ArrayLike<number>, volume: ArrayLike<number>, period: number): Float64Array {
  assertPeriod('period', period);
  const n = assertBarColumns({ close, volume });
  // The kernel's parts in batch form (`windowSums` for its `WindowSum`s, `movingMean` for its `Sma`): the
  // same bits without a kernel `step` per bar. Volumes scaled by 2^-64 as in the kernel.
  const weighted = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const weight = (volume[i] as number) * SCALE;
    weights[i] = weight;
    weighted[i] = (close[i] as number) * weight;
  }
  const out = windowSums(weighted, period);
  const volumes = windowSums(weights, period);
  const plain = movingMean(close, period);
  for (let i = period - 1; i < n; i++) {
    const total = volumes[i] as number;
    out[i] = total > 0 ? (out[i] as number) / total : (plain[i] as number);
  }
  return out;
}

/** Streaming {@link vwma} over `{ close, volume }`: amortised O(1) per update. */
export class VWMA extends KernelIndicator<{ close: number; volume: number }, number> {
  readonly type = 'VWMA';

  constructor(readonly period: number) {
    super(new VwmaKernel(period), { inputs: ['close', 'volume'], outputs: 'value' }, { period }, period - 1);
  }

  /** Restores an indicator from {@link VWMA.toJSON}. */
  static fromJSON(state: IndicatorState): VWMA {
    return new VWMA(Number(state.params.period)).resume(state);
  }
}
