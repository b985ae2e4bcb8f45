import { assertPeriod, warmUpArray } from '../args.js';
import { assertBarColumns } from '../bar-args.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { WindowSum } from '../kernel-parts.js';
import { SUM_SCALE } from '../magnitude.js';
import { addCompensated } from '../rolling-sum.js';
import type { IndicatorState } from '../state.js';
import { closeLocationValue } from './clv.js';
import type { VolumeBar } from './volume-bar.js';

// Module-local copies: under some loaders an imported binding read in a hot loop is a getter call.
const SCALE = SUM_SCALE;

class ChaikinMoneyFlowKernel extends Kernel {
  private readonly flow: WindowSum;
  private readonly volumes: WindowSum;

  constructor(period: number) {
    super(1);
    assertPeriod('period', period);
    this.flow = new WindowSum(this, period);
    this.volumes = new WindowSum(this, period);
  }

  step(high: number, low: number, close: number, volume: number): void {
    // Volumes scaled by 2^-64 (exact; the ratio is unchanged) so that their sum cannot overflow.
    const weight = volume * SCALE;
    const flow = this.flow.next(closeLocationValue(high, low, close) * weight);
    const volumes = this.volumes.next(weight);
    if (Number.isNaN(volumes)) return;
    // No volume in the window: no money flow either way.
    this.out[0] = volumes > 0 ? flow / volumes : 0;
  }
}

/**
 * Chaikin money flow: `Σ CLV · volume / Σ volume` over the last `n` bars (TTR's `CMF`, TradingView's
 * "CMF"), in [−1, 1]; 0 for a window without volume. First value at index `n − 1`.
 */
export function chaikinMoneyFlow(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  period = 20,
): Float64Array {
  assertPeriod('period', period);
  const n = assertBarColumns({ high, low, close, volume });
  // The kernel's two `WindowSum`s on a small state array in the one pass (`RollingSum`'s
  // arithmetic, see vortex), each flow recomputed from the columns where a sum needs it again (the
  // same bits): no column per sum. Volumes scaled by 2^-64 as in the kernel.
  const out = warmUpArray(n, period - 1);
  const sums = new Float64Array(4); // flow, volume: total and compensation each
  let flowNonZero = 0;
  let volumeNonZero = 0;
  let sinceResum = 0;
  for (let i = 0; i < n; i++) {
    const weight = (volume[i] as number) * SCALE;
    const flow = closeLocationValue(high[i] as number, low[i] as number, close[i] as number) * weight;
    addCompensated(sums, 0, flow);
    addCompensated(sums, 2, weight);
    if (flow !== 0) flowNonZero++;
    if (weight !== 0) volumeNonZero++;
    if (i >= period) {
      const k = i - period;
      const oldWeight = (volume[k] as number) * SCALE;
      const oldFlow = closeLocationValue(high[k] as number, low[k] as number, close[k] as number) * oldWeight;
      addCompensated(sums, 0, -oldFlow);
      addCompensated(sums, 2, -oldWeight);
      if (oldFlow !== 0) flowNonZero--;
      if (oldWeight !== 0) volumeNonZero--;
    }
    if (++sinceResum === period) {
      sinceResum = 0;
      sums.fill(0);
      for (let k = i - period + 1; k <= i; k++) {
        const w = (volume[k] as number) * SCALE;
        addCompensated(
          sums,
          0,
          closeLocationValue(high[k] as number, low[k] as number, close[k] as number) * w,
        );
        addCompensated(sums, 2, w);
      }
    }
    if (i < period - 1) continue;
    const flows = flowNonZero === 0 ? 0 : (sums[0] as number) + (sums[1] as number);
    const volumes = volumeNonZero === 0 ? 0 : (sums[2] as number) + (sums[3] as number);
    // No volume in the window: no money flow either way.
    out[i] = volumes > 0 ? flows / volumes : 0;
  }
  return out;
}

/** Streaming {@link chaikinMoneyFlow} over `{ high, low, close, volume }`: amortised O(1) per update. */
export class ChaikinMoneyFlow extends KernelIndicator<VolumeBar, number> {
  readonly type = 'ChaikinMoneyFlow';

  constructor(readonly period = 20) {
    super(
      new ChaikinMoneyFlowKernel(period),
      { inputs: ['high', 'low', 'close', 'volume'], outputs: 'value' },
      { period },
      period - 1,
    );
  }

  /** Restores an indicator from {@link ChaikinMoneyFlow.toJSON}. */
  static fromJSON(state: IndicatorState): ChaikinMoneyFlow {
    return new ChaikinMoneyFlow(Number(state.params.period)).resume(state);
  }
}
