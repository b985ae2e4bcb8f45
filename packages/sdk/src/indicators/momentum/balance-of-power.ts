import { type BarColumns, fusedCheckLength, isBadRange, isNotFinite, rejectBarColumns } from '../bar-args.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import type { IndicatorState } from '../state.js';

class BopKernel extends Kernel {
  constructor() {
    super(1);
  }

  step(open: number, high: number, low: number, close: number): void {
    const range = high - low;
    this.out[0] = range === 0 ? 0 : (close - open) / range;
  }
}

/**
 * Balance of power (Livshits): `(close − open) / (high − low)` per bar, in [−1, 1] for consistent
 * bars; 0 for a bar without range (as TA-Lib's `BOP`). Defined from index 0. `options.out`: a
 * column to write into and return instead of allocating one (see {@link ColumnOutput}).
 */
export function balanceOfPower(
  open: ArrayLike<number>,
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  options: ColumnOutput = {},
): Float64Array {
  const columns = { open, high, low, close } as BarColumns;
  const n = fusedCheckLength(columns);
  const out = outputColumn(options?.out, 'out', n, 0, { open, high, low, close });
  // The kernel's arithmetic over the columns directly, the bar checks in the same pass. One test
  // covers them for a valid bar: `range ≥ 0` fails for high < low and NaN; `range + move` is not
  // finite when any of the four values is not (or the sum overflows, which the exact checks then
  // let through).
  for (let i = 0; i < n; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    const range = h - l;
    const move = (close[i] as number) - (open[i] as number);
    const both = range + move;
    if (!(range >= 0) || both - both !== 0) {
      if (isBadRange(h, l) || isNotFinite(open[i] as number) || isNotFinite(close[i] as number))
        rejectBarColumns(columns);
    }
    out[i] = range === 0 ? 0 : move / range;
  }
  return out;
}

/** Streaming {@link balanceOfPower} over `{ open, high, low, close }`. */
export class BalanceOfPower extends KernelIndicator<
  { open: number; high: number; low: number; close: number },
  number
> {
  readonly type = 'BalanceOfPower';

  constructor() {
    super(new BopKernel(), { inputs: ['open', 'high', 'low', 'close'], outputs: 'value' }, {}, 0);
  }

  /** Restores an indicator from {@link BalanceOfPower.toJSON}. */
  static fromJSON(state: IndicatorState): BalanceOfPower {
    return new BalanceOfPower().resume(state);
  }
}
