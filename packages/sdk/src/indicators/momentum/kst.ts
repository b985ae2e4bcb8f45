import { InvalidArgumentError } from '../../data/errors.js';
import { assertFiniteSeries, assertPeriod, fusedSeriesLength } from '../args.js';
import { chunkEnd } from '../batch-chunks.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { CONVENTIONS, type Convention, conventionCode, Lag, Sma } from '../kernel-parts.js';
import { SUM_SCALE as SCALE, SUM_UNSCALE as UNSCALE } from '../magnitude.js';
import { type ColumnsOutput, outputColumns } from '../output.js';
import type { IndicatorState } from '../state.js';

/** Options of {@link kst}. */
export interface KstOptions {
  /** The four rate-of-change periods (default [10, 15, 20, 30]). */
  rocPeriods?: readonly [number, number, number, number];
  /** The four SMA periods over them (default [10, 10, 10, 15]). */
  smaPeriods?: readonly [number, number, number, number];
  /** Signal-line SMA period (default 9). */
  signal?: number;
  /**
   * `'tradingview'` (default): percentage rates of change `100 · (x/x[n] − 1)`, as Pring,
   * TradingView and trading-signals; `'ttr'`: TTR's `KST`, whose `ROC` default is the log return
   * `100 · ln(x/x[n])`.
   */
  convention?: Convention;
}

/** Columns of {@link kst}. */
export interface KstSeries {
  /** Σ w_k · SMA(ROC_k), weights 1, 2, 3, 4. */
  kst: Float64Array;
  /** SMA of the KST line. */
  signal: Float64Array;
}

/** One value of the streaming {@link KST}. */
export interface KstValue {
  kst: number;
  signal: number;
}

interface ResolvedKst {
  rocPeriods: readonly number[];
  smaPeriods: readonly number[];
  signal: number;
  convention: Convention;
}

function resolve(options: KstOptions): ResolvedKst {
  const { rocPeriods = [10, 15, 20, 30], smaPeriods = [10, 10, 10, 15], signal = 9 } = options ?? {};
  const convention = options?.convention ?? 'tradingview';
  conventionCode(convention, ['ttr', 'tradingview']);
  if (rocPeriods.length !== 4) throw new InvalidArgumentError('rocPeriods', 'must hold four periods');
  if (smaPeriods.length !== 4) throw new InvalidArgumentError('smaPeriods', 'must hold four periods');
  rocPeriods.forEach((n) => {
    assertPeriod('rocPeriods', n);
  });
  smaPeriods.forEach((n) => {
    assertPeriod('smaPeriods', n);
  });
  assertPeriod('signal', signal);
  return { rocPeriods: [...rocPeriods], smaPeriods: [...smaPeriods], signal, convention };
}

function firstIndex(o: ResolvedKst): number {
  let first = 0;
  for (let k = 0; k < 4; k++)
    first = Math.max(first, (o.rocPeriods[k] as number) + (o.smaPeriods[k] as number) - 1);
  return first + o.signal - 1;
}

class KstKernel extends Kernel {
  private readonly lags: Lag[];
  private readonly averages: Sma[];
  private readonly smooth: Sma;
  private readonly logarithmic: boolean;

  constructor(o: ResolvedKst) {
    super(2);
    this.lags = o.rocPeriods.map((n) => new Lag(this, n));
    this.averages = o.smaPeriods.map((n) => new Sma(this, n));
    this.smooth = new Sma(this, o.signal);
    this.logarithmic = o.convention === 'ttr';
  }

  step(x: number): void {
    let total = 0;
    for (let k = 0; k < 4; k++) {
      const old = (this.lags[k] as Lag).next(x);
      if (Number.isNaN(old)) {
        total = Number.NaN;
        continue;
      }
      // A zero base gives 0, as `roc` does.
      const rate = old === 0 ? 0 : this.logarithmic ? Math.log(x / old) : x / old - 1;
      total += (k + 1) * (this.averages[k] as Sma).next(rate);
    }
    if (Number.isNaN(total)) return;
    const line = 100 * total;
    this.out[0] = line;
    this.out[1] = this.smooth.next(line);
  }
}

/** KST's rate of change at `i` (`i` ≥ `lag`): `x/old − 1`, or `ln(x/old)`, or 0 on a zero base (as `roc`). */
function rate(values: ArrayLike<number>, i: number, lag: number, logarithmic: boolean): number {
  const x = values[i] as number;
  const old = values[i - lag] as number;
  return old === 0 ? 0 : logarithmic ? Math.log(x / old) : x / old - 1;
}

/**
 * Bars `from` to `to` of `kst`: `state` holds the four rate sums, the signal's sum, the number of
 * lines pushed to the signal and the ring's head; `periods` the four lags, the four SMA periods,
 * the signal period and the first KST index.
 */
function kstRun(
  values: ArrayLike<number>,
  line: Float64Array,
  signal: Float64Array,
  from: number,
  to: number,
  state: Float64Array,
  ring: Float64Array,
  periods: Int32Array,
  logarithmic: boolean,
): void {
  const r0 = periods[0] as number;
  const r1 = periods[1] as number;
  const r2 = periods[2] as number;
  const r3 = periods[3] as number;
  const m0 = periods[4] as number;
  const m1 = periods[5] as number;
  const m2 = periods[6] as number;
  const m3 = periods[7] as number;
  const q = periods[8] as number;
  const first = periods[9] as number;
  let s0 = state[0] as number;
  let s1 = state[1] as number;
  let s2 = state[2] as number;
  let s3 = state[3] as number;
  let sl = state[4] as number;
  let pushed = state[5] as number;
  let head = state[6] as number;
  for (let i = from; i < to; i++) {
    const x = values[i] as number;
    if (x - x !== 0) assertFiniteSeries('values', values); // NaN or ±Infinity: the error names the index
    // Each `Sma` part's running sum (`movingMean`'s operations): the newest rate in, the rate
    // `period` bars before out, recomputed from the input rather than kept in a window.
    if (i >= r0) {
      s0 += rate(values, i, r0, logarithmic) * SCALE;
      if (i >= r0 + m0) s0 -= rate(values, i - m0, r0, logarithmic) * SCALE;
    }
    if (i >= r1) {
      s1 += rate(values, i, r1, logarithmic) * SCALE;
      if (i >= r1 + m1) s1 -= rate(values, i - m1, r1, logarithmic) * SCALE;
    }
    if (i >= r2) {
      s2 += rate(values, i, r2, logarithmic) * SCALE;
      if (i >= r2 + m2) s2 -= rate(values, i - m2, r2, logarithmic) * SCALE;
    }
    if (i >= r3) {
      s3 += rate(values, i, r3, logarithmic) * SCALE;
      if (i >= r3 + m3) s3 -= rate(values, i - m3, r3, logarithmic) * SCALE;
    }
    if (i < first) continue;
    // The weighted total in the kernel's order.
    let total = 0;
    total += 1 * ((s0 / m0) * UNSCALE);
    total += 2 * ((s1 / m1) * UNSCALE);
    total += 3 * ((s2 / m2) * UNSCALE);
    total += 4 * ((s3 / m3) * UNSCALE);
    if (Number.isNaN(total)) {
      // Only after an overflow (a NaN sum stays NaN): the kernel's outputs stay as they were.
      line[i] = line[i - 1] as number;
      signal[i] = signal[i - 1] as number;
      continue;
    }
    const value = 100 * total;
    line[i] = value;
    // The signal's `Sma` over the lines pushed (a bar with a NaN total pushes none), in a ring.
    sl += value * SCALE;
    if (pushed >= q) sl -= (ring[head] as number) * SCALE;
    ring[head] = value;
    head = head + 1 === q ? 0 : head + 1;
    pushed++;
    signal[i] = pushed >= q ? (sl / q) * UNSCALE : Number.NaN;
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
  state[4] = sl;
  state[5] = pushed;
  state[6] = head;
}

/**
 * Know Sure Thing (Pring): `100 · Σ_k w_k · SMA(ROC(x, r_k), s_k)` with weights 1, 2, 3, 4 over four
 * smoothed rates of change (defaults r = 10, 15, 20, 30; s = 10, 10, 10, 15), and its SMA as
 * signal (9). First KST where all four are defined (index 44 with the defaults), signal
 * `signal − 1` later. Note: each SMA starts only when its ROC exists, so `kst` is NaN until then.
 * `options.out`: either of the `kst` and `signal` columns to write into and return instead of
 * allocating them (see {@link ColumnsOutput}).
 */
export function kst(
  values: ArrayLike<number>,
  options: KstOptions & ColumnsOutput<KstSeries> = {},
): KstSeries {
  const o = resolve(options);
  const n = fusedSeriesLength('values', values);
  // The kernel's parts in one pass over the input: each `Lag` a shifted read, each `Sma` a running
  // sum with `movingMean`'s operations, the weighted total in the kernel's order: the same bits
  // without a kernel `step` per bar and without a column per rate or average. In chunks (see
  // batch-chunks.ts).
  const first = firstIndex(o) - o.signal + 1;
  const periods = Int32Array.of(...o.rocPeriods, ...o.smaPeriods, o.signal, first);
  const { kst: line, signal } = outputColumns(
    options?.out,
    KST_NAMES,
    n,
    { kst: first, signal: first + o.signal - 1 },
    { values },
  );
  const state = new Float64Array(7);
  const ring = new Float64Array(o.signal);
  const logarithmic = o.convention === 'ttr';
  for (let from = 0; from < n; ) {
    const to = chunkEnd(from, 0, n);
    kstRun(values, line, signal, from, to, state, ring, periods, logarithmic);
    from = to;
  }
  return { kst: line, signal };
}

const KST_NAMES = ['kst', 'signal'] as const;

/** Streaming {@link kst}: O(1) per update. */
export class KST extends KernelIndicator<number, KstValue> {
  readonly type = 'KST';

  constructor(options: KstOptions = {}) {
    const o = resolve(options);
    const [r1, r2, r3, r4] = o.rocPeriods as [number, number, number, number];
    const [s1, s2, s3, s4] = o.smaPeriods as [number, number, number, number];
    super(
      new KstKernel(o),
      { inputs: 'value', outputs: ['kst', 'signal'] },
      { r1, r2, r3, r4, s1, s2, s3, s4, signal: o.signal, convention: conventionCode(o.convention) },
      firstIndex(o),
    );
  }

  /** Restores an indicator from {@link KST.toJSON}. */
  static fromJSON(state: IndicatorState): KST {
    const p = state.params;
    return new KST({
      rocPeriods: [Number(p.r1), Number(p.r2), Number(p.r3), Number(p.r4)],
      smaPeriods: [Number(p.s1), Number(p.s2), Number(p.s3), Number(p.s4)],
      signal: Number(p.signal),
      convention: CONVENTIONS[Number(p.convention)] as Convention,
    }).resume(state);
  }
}
