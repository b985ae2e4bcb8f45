import { assertPeriod } from '../args.js';
import { assertBarColumns } from '../bar-args.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { WindowSum } from '../kernel-parts.js';
import { SUM_SCALE } from '../magnitude.js';
import { windowSums } from '../rolling-sum.js';
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
  // The kernel's two `WindowSum`s by `windowSums` over the flows and scaled volumes (the same
  // bits), instead of a kernel `step` per bar. Volumes scaled by 2^-64 as in the kernel.
  const flows = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const weight = (volume[i] as number) * SCALE;
    weights[i] = weight;
    flows[i] = closeLocationValue(high[i] as number, low[i] as number, close[i] as number) * weight;
  }
  const out = windowSums(flows, period);
  const volumes = windowSums(weights, period);
  // No volume in the window: no money flow either way.
  for (let i = period - 1; i < n; i++) {
    const total = volumes[i] as number;
    out[i] = total > 0 ? (out[i] as number) / total : 0;
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
