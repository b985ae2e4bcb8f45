import { assertBarColumns, fusedCheckLength, rejectBarColumns } from '../bar-args.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { assertFiniteSum } from '../magnitude.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import type { IndicatorState } from '../state.js';
import { closeLocationValue } from './clv.js';
import type { VolumeBar } from './volume-bar.js';

class AccumulationKernel extends Kernel {
  private readonly s: Float64Array; // running total

  constructor() {
    super(1);
    this.s = new Slots(this, 1).v;
  }

  step(high: number, low: number, close: number, volume: number): void {
    const i = this.tick();
    const total = (this.s[0] as number) + closeLocationValue(high, low, close) * volume;
    assertFiniteSum('volume', total, volume, i, 'the accumulation/distribution total');
    this.s[0] = total;
    this.out[0] = total;
  }
}

/**
 * Accumulation/distribution line (Chaikin): the running total of `CLV · volume`, CLV the close
 * location value `((close − low) − (high − close)) / (high − low)` (0 for a bar without range) —
 * TA-Lib's `AD`, TTR's `chaikinAD`. Defined from index 0; like OBV, its level depends on where it
 * starts. `options.out`: a column to write into and return instead of allocating one (see
 * {@link ColumnOutput}).
 */
export function accumulationDistribution(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  options: ColumnOutput = {},
): Float64Array {
  const columns = { high, low, close, volume };
  const n = fusedCheckLength(columns);
  const out = outputColumn(options?.out, 'out', n, 0, columns);
  // The kernel's arithmetic over the columns directly (the same bits as the streaming class). The
  // checks ride along: a bad bar (high < low, negative volume) or a non-finite value, which makes
  // the total non-finite, goes to `rejectBarColumns`, whose error names the column and index; a
  // total that overflows with valid bars throws IndicatorOverflowError.
  let total = 0;
  for (let i = 0; i < n; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    const v = volume[i] as number;
    // `!(h − l ≥ 0)` also catches high = low = ±Infinity, whose range is NaN and CLV 0.
    if (!(h - l >= 0) || v < 0) rejectBarColumns(columns);
    total += closeLocationValue(h, l, close[i] as number) * v;
    if (total - total !== 0) {
      assertBarColumns(columns);
      assertFiniteSum('volume', total, v, i, 'the accumulation/distribution total');
    }
    out[i] = total;
  }
  return out;
}

/** Streaming {@link accumulationDistribution} over `{ high, low, close, volume }`: O(1) per update. */
export class AccumulationDistribution extends KernelIndicator<VolumeBar, number> {
  readonly type = 'AccumulationDistribution';

  constructor() {
    super(new AccumulationKernel(), { inputs: ['high', 'low', 'close', 'volume'], outputs: 'value' }, {}, 0);
  }

  /** Restores an indicator from {@link AccumulationDistribution.toJSON}. */
  static fromJSON(state: IndicatorState): AccumulationDistribution {
    return new AccumulationDistribution().resume(state);
  }
}
