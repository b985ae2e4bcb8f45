import { assertFiniteSeries, assertPeriod } from '../args.js';
import { chunkEnd } from '../batch-chunks.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Extreme, Sma } from '../kernel-parts.js';
import { SUM_SCALE, SUM_UNSCALE } from '../magnitude.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import type { IndicatorState } from '../state.js';

// Module-local copies: under some loaders an imported binding read in a hot loop is a getter call.
const SCALE = SUM_SCALE;
const UNSCALE = SUM_UNSCALE;

class UlcerKernel extends Kernel {
  private readonly highest: Extreme;
  private readonly squares: Sma;

  constructor(private readonly period: number) {
    super(1);
    assertPeriod('period', period);
    this.highest = new Extreme(this, period, 'max');
    this.squares = new Sma(this, period);
  }

  step(x: number): void {
    const i = this.tick();
    const high = this.highest.next(x);
    if (i < this.period - 1) return;
    // Drawdown in percent from the window's high; a zero high has no drawdown.
    const drawdown = high === 0 ? 0 : (100 * (x - high)) / high;
    const mean = this.squares.next(drawdown * drawdown);
    // The running sum can leave a rounding residue below 0 once only zero drawdowns remain. From
    // the first full window on, every bar writes its value: a sum that overflowed gives NaN, as the
    // batch function does, not the last finite value held.
    if (i >= 2 * this.period - 2) this.out[0] = Math.sqrt(Math.max(mean, 0));
  }
}

/**
 * Ulcer index (Martin): the root mean square over `n` bars of the percentage drawdown from the
 * highest value of the last `n` bars, `sqrt(SMA((100 · (x − HH)/HH)², n))` (TradingView's and
 * StockCharts' definition). First value at index `2n − 2`. `options.out`: a column to write into
 * and return instead of allocating one (see {@link ColumnOutput}).
 */
export function ulcerIndex(values: ArrayLike<number>, period = 14, options: ColumnOutput = {}): Float64Array {
  assertPeriod('period', period);
  assertFiniteSeries('values', values);
  // The kernel's parts on locals in one pass, in chunks (see batch-chunks.ts): the window high by
  // the monotonic deque of `windowExtremes`, the mean of squared drawdowns by the `Sma` part's
  // operations over a ring of the last `period` squares — the same bits, without a kernel `step`
  // per bar or a column per stage (each fresh column costs its page faults).
  const n = values.length;
  const out = outputColumn(options?.out, 'out', n, 2 * period - 2, { values });
  if (n < period) return out;
  const deque = new Int32Array(period);
  const squares = new Float64Array(period);
  const at = new Float64Array(4);
  for (let from = 0; from < n; ) {
    const to = chunkEnd(from, 0, n);
    ulcerRun(values, out, from, to, period, deque, squares, at);
    from = to;
  }
  return out;
}

/**
 * Bars `from` to `to` of {@link ulcerIndex}. `deque` holds the indices of the window's candidates
 * for its high (front = the high), `squares` the last `period` squared drawdowns (slot k mod
 * period for the k-th), `at` the carried state: [sum of scaled squares, deque front, deque size,
 * next square's slot].
 */
function ulcerRun(
  values: ArrayLike<number>,
  out: Float64Array,
  from: number,
  to: number,
  period: number,
  deque: Int32Array,
  squares: Float64Array,
  at: Float64Array,
): void {
  let sum = at[0] as number;
  let front = at[1] as number;
  let size = at[2] as number;
  let ring = at[3] as number;
  for (let i = from; i < to; i++) {
    const x = values[i] as number;
    if (size > 0 && (deque[front] as number) <= i - period) {
      front = front + 1 === period ? 0 : front + 1;
      size--;
    }
    while (size > 0) {
      let back = front + size - 1;
      if (back >= period) back -= period;
      if ((values[deque[back] as number] as number) > x) break;
      size--;
    }
    let slot = front + size;
    if (slot >= period) slot -= period;
    deque[slot] = i;
    size++;
    if (i < period - 1) continue;
    const high = values[deque[front] as number] as number;
    // Drawdown in percent from the window's high; a zero high has no drawdown.
    const drawdown = high === 0 ? 0 : (100 * (x - high)) / high;
    const square = drawdown * drawdown;
    // The k-th square (from 0) replaces the one pushed `period` squares before it.
    const k = i - period + 1;
    sum += square * SCALE;
    if (k >= period) sum -= (squares[ring] as number) * SCALE;
    squares[ring] = square;
    ring = ring + 1 === period ? 0 : ring + 1;
    // The running sum can leave a rounding residue below 0 once only zero drawdowns remain.
    if (k >= period - 1) out[i] = Math.sqrt(Math.max((sum / period) * UNSCALE, 0));
  }
  at[0] = sum;
  at[1] = front;
  at[2] = size;
  at[3] = ring;
}

/** Streaming {@link ulcerIndex}: amortised O(1) per update. */
export class UlcerIndex extends KernelIndicator<number, number> {
  readonly type = 'UlcerIndex';

  constructor(readonly period = 14) {
    super(new UlcerKernel(period), { inputs: 'value', outputs: 'value' }, { period }, 2 * period - 2);
  }

  /** Restores an indicator from {@link UlcerIndex.toJSON}. */
  static fromJSON(state: IndicatorState): UlcerIndex {
    return new UlcerIndex(Number(state.params.period)).resume(state);
  }
}
