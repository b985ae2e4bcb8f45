import { assertPeriod, warmUpArray } from '../args.js';
import { fusedCheckLength, isBadRange, rejectBarColumns } from '../bar-args.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Ema, Lag } from '../kernel-parts.js';
import type { IndicatorState } from '../state.js';

/** Periods of {@link chaikinVolatility}. */
export interface ChaikinVolatilityOptions {
  /** EMA period of the high − low range (default 10). */
  period?: number;
  /** Rate-of-change distance (default 10). */
  rocPeriod?: number;
}

function resolve(options: ChaikinVolatilityOptions): Required<ChaikinVolatilityOptions> {
  const { period = 10, rocPeriod = 10 } = options ?? {};
  assertPeriod('period', period);
  assertPeriod('rocPeriod', rocPeriod);
  return { period, rocPeriod };
}

class ChaikinVolatilityKernel extends Kernel {
  private readonly average: Ema;
  private readonly past: Lag;

  constructor(o: Required<ChaikinVolatilityOptions>) {
    super(1);
    this.average = new Ema(this, o.period);
    this.past = new Lag(this, o.rocPeriod);
  }

  step(high: number, low: number): void {
    const average = this.average.next(high - low);
    if (Number.isNaN(average)) return;
    const old = this.past.next(average);
    if (Number.isNaN(old)) return;
    // A zero old range gives 0, as `roc` does, instead of ±Infinity.
    this.out[0] = old === 0 ? 0 : (average / old - 1) * 100;
  }
}

/**
 * Chaikin volatility: the rate of change, in percent, of the EMA of the high − low range,
 * `100 · (ema[i] / ema[i − rocPeriod] − 1)` (TTR's `chaikinVolatility` gives the same as a
 * fraction). EMA SMA-seeded; first value at index `period − 1 + rocPeriod`.
 */
export function chaikinVolatility(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  options: ChaikinVolatilityOptions = {},
): Float64Array {
  const { period, rocPeriod } = resolve(options);
  const columns = { high, low };
  const n = fusedCheckLength(columns);
  const out = warmUpArray(n, period - 1 + rocPeriod);
  // The kernel's arithmetic (an `Ema` part, then a lag over its values) on locals, the lag a ring
  // of `rocPeriod` averages, the bar checks in the same pass: the same bits as the streaming class.
  const alpha = 2 / (period + 1);
  const past = new Float64Array(rocPeriod);
  let slot = 0; // of the ring: the average `rocPeriod` bars ago, overwritten by the newest
  let sum = 0;
  let average = Number.NaN;
  for (let i = 0; i < n; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    if (isBadRange(h, l)) rejectBarColumns(columns);
    const x = h - l;
    const count = i + 1;
    if (count < period) {
      sum += x;
      continue;
    }
    average = count === period ? (sum + x) / period : (x - average) * alpha + average;
    const old = past[slot] as number;
    past[slot] = average;
    slot = slot + 1 === rocPeriod ? 0 : slot + 1;
    // A zero old range gives 0, as `roc` does, instead of ±Infinity.
    if (i >= period - 1 + rocPeriod) out[i] = old === 0 ? 0 : (average / old - 1) * 100;
  }
  return out;
}

/** Streaming {@link chaikinVolatility} over `{ high, low }`: O(1) per update. */
export class ChaikinVolatility extends KernelIndicator<{ high: number; low: number }, number> {
  readonly type = 'ChaikinVolatility';

  constructor(options: ChaikinVolatilityOptions = {}) {
    const o = resolve(options);
    super(
      new ChaikinVolatilityKernel(o),
      { inputs: ['high', 'low'], outputs: 'value' },
      { ...o },
      o.period - 1 + o.rocPeriod,
    );
  }

  /** Restores an indicator from {@link ChaikinVolatility.toJSON}. */
  static fromJSON(state: IndicatorState): ChaikinVolatility {
    return new ChaikinVolatility({
      period: Number(state.params.period),
      rocPeriod: Number(state.params.rocPeriod),
    }).resume(state);
  }
}
