import { assertPeriod } from '../args.js';
import { fusedCheckLength, isBadRange, isNotFinite, rejectBarColumns } from '../bar-args.js';
import { chunkEnd } from '../batch-chunks.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { WindowSum } from '../kernel-parts.js';
import { SUM_SCALE } from '../magnitude.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import type { IndicatorState } from '../state.js';
import { closeLocationValue } from './clv.js';
import type { VolumeBar } from './volume-bar.js';

// Module-local copies: under some loaders an imported binding read in a hot loop is a getter call.
const SCALE = SUM_SCALE;

/**
 * The rounding error of `next = total + value`: `RollingSum`'s compensation term. Neumaier's form
 * there (`|total| ≥ |value| ? total − next + value : value − next + total`) and Knuth's TwoSum here
 * both give the exact error of a finite sum, so the same value; TwoSum has no data-dependent
 * branch, which mispredicted on flows of either sign (a third of the loop's time).
 */
function roundOff(total: number, value: number, next: number): number {
  const back = next - total;
  return total - (next - back) + (value - back);
}

/** `RollingSum`'s re-summation of a full window held in push order: total, compensation to `out`. */
function resum(window: Float64Array, out: Float64Array): void {
  let total = 0;
  let compensation = 0;
  for (let k = 0; k < window.length; k++) {
    const value = window[k] as number;
    const next = total + value;
    compensation += roundOff(total, value, next);
    total = next;
  }
  out[0] = total;
  out[1] = compensation;
}

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
    // Gated by the warm-up, not by NaN (as in the batch).
    if (!this.volumes.isFull) return;
    // No volume in the window: no money flow either way.
    this.out[0] = volumes > 0 ? flow / volumes : 0;
  }
}

/**
 * The blocks of bars `from` (a block start: a multiple of `period`) to `to` (a block end or the
 * series' end); `state` is [flow total, compensation, volume total, compensation, non-zero flows,
 * non-zero volumes], the rings hold the previous block.
 */
function moneyFlowBlocks(
  columns: {
    high: ArrayLike<number>;
    low: ArrayLike<number>;
    close: ArrayLike<number>;
    volume: ArrayLike<number>;
  },
  out: Float64Array,
  from: number,
  to: number,
  period: number,
  state: Float64Array,
  flows: Float64Array,
  weights: Float64Array,
  resummed: Float64Array,
): void {
  const { high, low, close, volume } = columns;
  let flowTotal = state[0] as number;
  let flowCompensation = state[1] as number;
  let volumeTotal = state[2] as number;
  let volumeCompensation = state[3] as number;
  let flowNonZero = state[4] as number;
  let volumeNonZero = state[5] as number;
  let slot = 0; // ring slot of bar i: i mod period, where the flow of bar i − period sits
  let i = from;
  for (let resumAt = from + period - 1; i < to; resumAt += period) {
    // Bars before the re-summation bar: add the new flow and weight, subtract the leaving ones
    // (none in the first block, whose bars are all before the first value).
    const stop = Math.min(resumAt, to);
    for (; i < stop; i++) {
      const h = high[i] as number;
      const l = low[i] as number;
      const c = close[i] as number;
      const v = volume[i] as number;
      if (isBadRange(h, l) || isNotFinite(c) || !(v >= 0) || isNotFinite(v)) rejectBarColumns(columns);
      const weight = v * SCALE;
      const flow = closeLocationValue(h, l, c) * weight;
      let next = flowTotal + flow;
      flowCompensation += roundOff(flowTotal, flow, next);
      flowTotal = next;
      next = volumeTotal + weight;
      volumeCompensation += roundOff(volumeTotal, weight, next);
      volumeTotal = next;
      if (flow !== 0) flowNonZero++;
      if (weight !== 0) volumeNonZero++;
      if (i >= period) {
        const oldFlow = -(flows[slot] as number);
        const oldWeight = -(weights[slot] as number);
        next = flowTotal + oldFlow;
        flowCompensation += roundOff(flowTotal, oldFlow, next);
        flowTotal = next;
        next = volumeTotal + oldWeight;
        volumeCompensation += roundOff(volumeTotal, oldWeight, next);
        volumeTotal = next;
        if (oldFlow !== 0) flowNonZero--;
        if (oldWeight !== 0) volumeNonZero--;
        const flowSum = flowNonZero === 0 ? 0 : flowTotal + flowCompensation;
        const volumeSum = volumeNonZero === 0 ? 0 : volumeTotal + volumeCompensation;
        // No volume in the window: no money flow either way.
        out[i] = volumeSum > 0 ? flowSum / volumeSum : 0;
      }
      flows[slot] = flow;
      weights[slot] = weight;
      slot++;
    }
    if (i === to) break;
    // The re-summation bar (i = resumAt, slot = period − 1): the window's new sums replace the
    // running ones, so only the counts of non-zero values follow the push.
    const h = high[i] as number;
    const l = low[i] as number;
    const c = close[i] as number;
    const v = volume[i] as number;
    if (isBadRange(h, l) || isNotFinite(c) || !(v >= 0) || isNotFinite(v)) rejectBarColumns(columns);
    const weight = v * SCALE;
    const flow = closeLocationValue(h, l, c) * weight;
    if (flow !== 0) flowNonZero++;
    if (weight !== 0) volumeNonZero++;
    if (i >= period) {
      if ((flows[slot] as number) !== 0) flowNonZero--;
      if ((weights[slot] as number) !== 0) volumeNonZero--;
    }
    flows[slot] = flow;
    weights[slot] = weight;
    slot = 0;
    // The window is in the rings in push order (slot 0 oldest): re-summed oldest first.
    resum(flows, resummed);
    flowTotal = resummed[0] as number;
    flowCompensation = resummed[1] as number;
    resum(weights, resummed);
    volumeTotal = resummed[0] as number;
    volumeCompensation = resummed[1] as number;
    const flowSum = flowNonZero === 0 ? 0 : flowTotal + flowCompensation;
    const volumeSum = volumeNonZero === 0 ? 0 : volumeTotal + volumeCompensation;
    out[i] = volumeSum > 0 ? flowSum / volumeSum : 0;
    i++;
  }
  state[0] = flowTotal;
  state[1] = flowCompensation;
  state[2] = volumeTotal;
  state[3] = volumeCompensation;
  state[4] = flowNonZero;
  state[5] = volumeNonZero;
}

/**
 * Chaikin money flow: `Σ CLV · volume / Σ volume` over the last `n` bars (TTR's `CMF`, TradingView's
 * "CMF"), in [−1, 1]; 0 for a window without volume. First value at index `n − 1`.
 * `options.out`: a column to write into and return instead of allocating one (see
 * {@link ColumnOutput}).
 */
export function chaikinMoneyFlow(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  period = 20,
  options: ColumnOutput = {},
): Float64Array {
  assertPeriod('period', period);
  const columns = { high, low, close, volume };
  const n = fusedCheckLength(columns);
  // The kernel's two `WindowSum`s on locals in the one pass (`RollingSum`'s arithmetic, see
  // vortex: the same bits), the bar checks in the same pass. The window's flows and weights sit in
  // `period`-long rings, so each bar computes its CLV (a division) once; the bars run in blocks
  // that end at a re-summation, so the per-bar loop holds no inner loop. Volumes scaled by 2^-64 as
  // in the kernel.
  const out = outputColumn(options?.out, 'out', n, period - 1, columns);
  const flows = new Float64Array(period);
  const weights = new Float64Array(period);
  const resummed = new Float64Array(2);
  const state = new Float64Array(6);
  // Whole blocks per call of moneyFlowBlocks, chunk by chunk (see batch-chunks.ts: one loop over
  // the whole series ran in OSR code that boxed the sums: about three young GCs per 1 M-bar call).
  for (let from = 0; from < n; ) {
    const size = chunkEnd(from, 0, n) - from;
    const to = Math.min(n, from + Math.ceil(size / period) * period);
    moneyFlowBlocks(columns, out, from, to, period, state, flows, weights, resummed);
    from = to;
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
