import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import type { ColumnOutput } from '../output.js';
import { runOnBars } from '../series-kernel.js';
import type { IndicatorState } from '../state.js';

class WilliamsAdKernel extends Kernel {
  private readonly s: Float64Array; // previous close, running total

  constructor() {
    super(1);
    this.s = new Slots(this, 2, Number.NaN).v;
  }

  step(high: number, low: number, close: number): void {
    const s = this.s;
    const previous = s[0] as number;
    s[0] = close;
    if (Number.isNaN(previous)) return;
    let move = 0;
    if (close > previous) move = close - Math.min(low, previous);
    else if (close < previous) move = close - Math.max(high, previous);
    const total = Number.isNaN(s[1] as number) ? move : (s[1] as number) + move;
    s[1] = total;
    this.out[0] = total;
  }
}

/**
 * Williams accumulation/distribution (TTR's `williamsAD`): a running total that adds
 * `close − true low` on an up close, `close − true high` on a down close (true high/low include the
 * previous close) and nothing on an unchanged close. The first bar has no previous close: first
 * value at index 1. Like OBV, its level depends on where it starts; its changes do not.
 * `options.out`: a column to write into and return instead of allocating one (see
 * {@link ColumnOutput}).
 */
export function williamsAD(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  options: ColumnOutput = {},
): Float64Array {
  return runOnBars(
    new WilliamsAdKernel(),
    { high, low, close },
    ['high', 'low', 'close'],
    [['out', options?.out]],
  )[0] as Float64Array;
}

/** Streaming {@link williamsAD} over `{ high, low, close }`: O(1) per update. */
export class WilliamsAD extends KernelIndicator<{ high: number; low: number; close: number }, number> {
  readonly type = 'WilliamsAD';

  constructor() {
    super(new WilliamsAdKernel(), { inputs: ['high', 'low', 'close'], outputs: 'value' }, {}, 1);
  }

  /** Restores an indicator from {@link WilliamsAD.toJSON}. */
  static fromJSON(state: IndicatorState): WilliamsAD {
    return new WilliamsAD().resume(state);
  }
}
