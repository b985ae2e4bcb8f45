import { InvalidArgumentError } from '../../data/errors.js';
import { assertPeriod } from '../args.js';
import { fusedCheckLength, isBadRange, rejectBarColumns } from '../bar-args.js';
import { chunkEnd } from '../batch-chunks.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Sma } from '../kernel-parts.js';
import { SUM_SCALE, SUM_UNSCALE } from '../magnitude.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import type { IndicatorState } from '../state.js';

// Module-local copies: under some loaders an imported binding read in a hot loop is a getter call.
const SCALE = SUM_SCALE;
const UNSCALE = SUM_UNSCALE;

/** Periods of {@link awesomeOscillator}. */
export interface AwesomeOscillatorOptions {
  /** Fast SMA period (default 5). */
  fast?: number;
  /** Slow SMA period (default 34). */
  slow?: number;
}

function resolve(options: AwesomeOscillatorOptions): Required<AwesomeOscillatorOptions> {
  const { fast = 5, slow = 34 } = options ?? {};
  assertPeriod('fast', fast);
  assertPeriod('slow', slow);
  if (fast >= slow) throw new InvalidArgumentError('fast', `must be less than slow, got ${fast} ≥ ${slow}`);
  return { fast, slow };
}

class AwesomeKernel extends Kernel {
  private readonly fast: Sma;
  private readonly slow: Sma;

  constructor(o: Required<AwesomeOscillatorOptions>) {
    super(1);
    this.fast = new Sma(this, o.fast);
    this.slow = new Sma(this, o.slow);
  }

  step(high: number, low: number): void {
    const median = (high + low) / 2;
    const fast = this.fast.next(median);
    const slow = this.slow.next(median);
    if (!Number.isNaN(slow)) this.out[0] = fast - slow;
  }
}

/**
 * Bars `from` to `to` of {@link awesomeOscillator}: the two `Sma` parts' arithmetic on locals (each
 * adds the scaled median, then subtracts the one leaving its window, recomputed from the columns:
 * the same bits), the bar checks in the same pass. `state` holds [fast sum, slow sum].
 */
function awesomeRun(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  out: Float64Array,
  from: number,
  to: number,
  state: Float64Array,
  fast: number,
  slow: number,
  columns: { high: ArrayLike<number>; low: ArrayLike<number> },
): void {
  let fastSum = state[0] as number;
  let slowSum = state[1] as number;
  for (let i = from; i < to; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    if (isBadRange(h, l)) rejectBarColumns(columns);
    const median = (h + l) / 2;
    fastSum += median * SCALE;
    if (i >= fast) fastSum -= (((high[i - fast] as number) + (low[i - fast] as number)) / 2) * SCALE;
    slowSum += median * SCALE;
    if (i >= slow) slowSum -= (((high[i - slow] as number) + (low[i - slow] as number)) / 2) * SCALE;
    if (i >= slow - 1) out[i] = (fastSum / fast) * UNSCALE - (slowSum / slow) * UNSCALE;
  }
  state[0] = fastSum;
  state[1] = slowSum;
}

/**
 * Awesome oscillator (Williams): `SMA(median, fast) − SMA(median, slow)` of the median price
 * `(high + low) / 2` (TradingView's "AO", trading-signals' `AO`, technicalindicators'
 * `AwesomeOscillator`). First value at index `slow − 1`. `options.out`: a column to write into and
 * return instead of allocating one (see {@link ColumnOutput}).
 */
export function awesomeOscillator(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  options: AwesomeOscillatorOptions & ColumnOutput = {},
): Float64Array {
  const { fast, slow } = resolve(options);
  const columns = { high, low };
  const n = fusedCheckLength(columns);
  // The kernel's arithmetic in one pass, no kernel `step` per bar; in chunks (see batch-chunks.ts).
  const out = outputColumn(options?.out, 'out', n, slow - 1, columns);
  const state = new Float64Array(2);
  for (let from = 0; from < n; ) {
    const to = chunkEnd(from, 0, n);
    awesomeRun(high, low, out, from, to, state, fast, slow, columns);
    from = to;
  }
  return out;
}

/** Streaming {@link awesomeOscillator} over `{ high, low }`: O(1) per update. */
export class AwesomeOscillator extends KernelIndicator<{ high: number; low: number }, number> {
  readonly type = 'AwesomeOscillator';

  constructor(options: AwesomeOscillatorOptions = {}) {
    const o = resolve(options);
    super(new AwesomeKernel(o), { inputs: ['high', 'low'], outputs: 'value' }, { ...o }, o.slow - 1);
  }

  /** Restores an indicator from {@link AwesomeOscillator.toJSON}. */
  static fromJSON(state: IndicatorState): AwesomeOscillator {
    return new AwesomeOscillator({ fast: Number(state.params.fast), slow: Number(state.params.slow) }).resume(
      state,
    );
  }
}
