import { InvalidArgumentError } from '../../data/errors.js';
import { assertPeriod } from '../args.js';
import { assertBarColumns, fusedCheckLength, rejectBarColumns } from '../bar-args.js';
import { chunkEnd } from '../batch-chunks.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Ema } from '../kernel-parts.js';
import { assertFiniteSum } from '../magnitude.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import type { IndicatorState } from '../state.js';
import { closeLocationValue } from './clv.js';
import type { VolumeBar } from './volume-bar.js';

/** Periods of {@link chaikinOscillator}. */
export interface ChaikinOscillatorOptions {
  /** Fast EMA period (default 3). */
  fast?: number;
  /** Slow EMA period (default 10). */
  slow?: number;
}

function resolve(options: ChaikinOscillatorOptions): Required<ChaikinOscillatorOptions> {
  const { fast = 3, slow = 10 } = options ?? {};
  assertPeriod('fast', fast);
  assertPeriod('slow', slow);
  if (fast >= slow) throw new InvalidArgumentError('fast', `must be less than slow, got ${fast} ≥ ${slow}`);
  return { fast, slow };
}

class ChaikinOscillatorKernel extends Kernel {
  private readonly fast: Ema;
  private readonly slow: Ema;
  private readonly s: Float64Array; // accumulation/distribution total

  constructor(private readonly o: Required<ChaikinOscillatorOptions>) {
    super(1);
    // TA-Lib's ADOSC seeds both EMAs with the first AD value.
    this.fast = new Ema(this, o.fast, undefined, 'first');
    this.slow = new Ema(this, o.slow, undefined, 'first');
    this.s = new Slots(this, 1).v;
  }

  step(high: number, low: number, close: number, volume: number): void {
    const i = this.tick();
    const ad = (this.s[0] as number) + closeLocationValue(high, low, close) * volume;
    assertFiniteSum('volume', ad, volume, i, 'the accumulation/distribution total');
    this.s[0] = ad;
    const fast = this.fast.next(ad);
    const slow = this.slow.next(ad);
    if (i >= this.o.slow - 1) this.out[0] = fast - slow;
  }
}

/**
 * Chaikin oscillator, as TA-Lib's `ADOSC`: `EMA(AD, fast) − EMA(AD, slow)` of the
 * accumulation/distribution line, both EMAs seeded with the first AD value (as trading-signals
 * and TradingView's `ta.ema`); output from index `slow − 1` (TA-Lib's lookback; TradingView also
 * draws the earlier, still-settling values). `options.out`: a column to write into and return
 * instead of allocating one (see {@link ColumnOutput}).
 */
export function chaikinOscillator(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  options: ChaikinOscillatorOptions & ColumnOutput = {},
): Float64Array {
  const o = resolve(options);
  const columns = { high, low, close, volume };
  const n = fusedCheckLength(columns);
  const out = outputColumn(options?.out, 'out', n, o.slow - 1, columns);
  // The kernel's arithmetic on locals (the A/D total, two first-value-seeded `Ema` parts), the bar
  // checks in the same pass as `accumulationDistribution`'s: the same bits, no kernel `step` per bar.
  // Its A/D loop repeats `accumulationDistribution`'s on purpose: one pass, instead of an A/D
  // column (another 8 MB per million bars) and a second pass over it. In chunks (see
  // batch-chunks.ts): one loop over the whole series flipped between compiled forms run to run.
  const state = new Float64Array(3); // the A/D total, the fast and the slow EMA
  for (let from = 0; from < n; ) {
    const to = chunkEnd(from, 0, n);
    chaikinOscillatorChunk(columns, out, from, to, state, o.fast, o.slow);
    from = to;
  }
  return out;
}

/** The four columns {@link chaikinOscillator} reads. */
interface ChaikinColumns {
  high: ArrayLike<number>;
  low: ArrayLike<number>;
  close: ArrayLike<number>;
  volume: ArrayLike<number>;
}

/** Bars `from` to `to − 1` of {@link chaikinOscillator}, carrying [ad, fast, slow] in `state`. */
function chaikinOscillatorChunk(
  columns: ChaikinColumns,
  out: Float64Array,
  from: number,
  to: number,
  state: Float64Array,
  fastPeriod: number,
  slowPeriod: number,
): void {
  const { high, low, close, volume } = columns;
  const fastAlpha = 2 / (fastPeriod + 1);
  const slowAlpha = 2 / (slowPeriod + 1);
  let ad = state[0] as number;
  let fast = state[1] as number;
  let slow = state[2] as number;
  for (let i = from; i < to; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    const v = volume[i] as number;
    // `!(h − l ≥ 0)` also catches high = low = ±Infinity, whose range is NaN and CLV 0.
    if (!(h - l >= 0) || v < 0) rejectBarColumns(columns);
    ad += closeLocationValue(h, l, close[i] as number) * v;
    if (ad - ad !== 0) {
      assertBarColumns(columns);
      assertFiniteSum('volume', ad, v, i, 'the accumulation/distribution total');
    }
    fast = i === 0 ? ad : (ad - fast) * fastAlpha + fast;
    slow = i === 0 ? ad : (ad - slow) * slowAlpha + slow;
    if (i >= slowPeriod - 1) out[i] = fast - slow;
  }
  state[0] = ad;
  state[1] = fast;
  state[2] = slow;
}

/** Streaming {@link chaikinOscillator} over `{ high, low, close, volume }`: O(1) per update. */
export class ChaikinOscillator extends KernelIndicator<VolumeBar, number> {
  readonly type = 'ChaikinOscillator';

  constructor(options: ChaikinOscillatorOptions = {}) {
    const o = resolve(options);
    super(
      new ChaikinOscillatorKernel(o),
      { inputs: ['high', 'low', 'close', 'volume'], outputs: 'value' },
      { ...o },
      o.slow - 1,
    );
  }

  /** Restores an indicator from {@link ChaikinOscillator.toJSON}. */
  static fromJSON(state: IndicatorState): ChaikinOscillator {
    return new ChaikinOscillator({ fast: Number(state.params.fast), slow: Number(state.params.slow) }).resume(
      state,
    );
  }
}
