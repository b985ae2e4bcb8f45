import { InvalidArgumentError } from '../../data/errors.js';
import { assertFiniteNumber, assertPeriod, fusedSeriesLength } from '../args.js';
import { Kernel } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { Sma, Variance } from '../kernel-parts.js';
import { type ColumnOutput, outputColumn } from '../output.js';
import type { IndicatorState } from '../state.js';
import { BANDWIDTH, type BollingerBandsOptions, bandsPass, PERCENT_B } from './bollinger-bands.js';

function resolve(options: BollingerBandsOptions): Required<BollingerBandsOptions> {
  const { period = 20, stdDev = 2 } = options ?? {};
  assertPeriod('period', period);
  assertFiniteNumber('stdDev', stdDev);
  if (stdDev < 0) throw new InvalidArgumentError('stdDev', `must be at least 0, got ${stdDev}`);
  return { period, stdDev };
}

/** The bands of `bollingerBands` (same operations, so the same bits), reduced to %B or bandwidth. */
class BollingerDerivedKernel extends Kernel {
  private readonly mean: Sma;
  private readonly spread: Variance;

  constructor(
    private readonly o: Required<BollingerBandsOptions>,
    private readonly percentB: boolean,
  ) {
    super(1);
    this.mean = new Sma(this, o.period);
    this.spread = new Variance(this, o.period);
  }

  step(x: number): void {
    const i = this.tick();
    const m2 = this.spread.next(x, 'values', i);
    const mean = this.mean.next(x);
    if (Number.isNaN(m2)) return;
    const width = this.o.stdDev * Math.sqrt(m2 / this.o.period);
    const upper = mean + width;
    const lower = mean - width;
    if (this.percentB) {
      // Bands of no width: the value sits in their middle.
      this.out[0] = upper === lower ? 0.5 : (x - lower) / (upper - lower);
    } else {
      // A zero middle band gives 0 instead of ±Infinity.
      this.out[0] = mean === 0 ? 0 : (upper - lower) / mean;
    }
  }
}

/**
 * One column of %B or bandwidth from the bands' own batch pass (the streaming kernel gives the same
 * bits), written into the caller's `out` if given. In these modes `bandsPass` writes only its
 * `upper` column, so the one column stands in for `middle` and `lower` too (never written): no
 * scratch column.
 */
function derivedColumn(
  values: ArrayLike<number>,
  o: Required<BollingerBandsOptions>,
  output: typeof PERCENT_B | typeof BANDWIDTH,
  out: Float64Array | undefined,
): Float64Array {
  const n = fusedSeriesLength('values', values);
  const column = outputColumn(out, 'out', n, o.period - 1, { values });
  bandsPass(values, n, o.period, o.stdDev, output, column, column, column);
  return column;
}

/**
 * Bollinger %B: where the value sits within its bands, `(x − lower) / (upper − lower)`: 0 on the
 * lower band, 1 on the upper one (TTR's `BBands` `pctB`, TradingView's "%B"); 0.5 when the bands
 * have no width. Bands exactly as {@link bollingerBands}; first value at index `period − 1`.
 * `options.out`: a column to write into and return instead of allocating one (see
 * {@link ColumnOutput}).
 */
export function bollingerPercentB(
  values: ArrayLike<number>,
  options: BollingerBandsOptions & ColumnOutput = {},
): Float64Array {
  return derivedColumn(values, resolve(options), PERCENT_B, options?.out);
}

/**
 * Bollinger BandWidth: `(upper − lower) / middle`, the width of the bands relative to the middle
 * band (Bollinger's definition; TradingView's "BBW" is 100 × this). Bands exactly as
 * {@link bollingerBands}; first value at index `period − 1`. `options.out`: a column to write into
 * and return instead of allocating one (see {@link ColumnOutput}).
 */
export function bollingerBandwidth(
  values: ArrayLike<number>,
  options: BollingerBandsOptions & ColumnOutput = {},
): Float64Array {
  return derivedColumn(values, resolve(options), BANDWIDTH, options?.out);
}

/** Streaming {@link bollingerPercentB}: O(1) per update. */
export class BollingerPercentB extends KernelIndicator<number, number> {
  readonly type = 'BollingerPercentB';

  constructor(options: BollingerBandsOptions = {}) {
    const o = resolve(options);
    super(new BollingerDerivedKernel(o, true), { inputs: 'value', outputs: 'value' }, { ...o }, o.period - 1);
  }

  /** Restores an indicator from {@link BollingerPercentB.toJSON}. */
  static fromJSON(state: IndicatorState): BollingerPercentB {
    return new BollingerPercentB({
      period: Number(state.params.period),
      stdDev: Number(state.params.stdDev),
    }).resume(state);
  }
}

/** Streaming {@link bollingerBandwidth}: O(1) per update. */
export class BollingerBandwidth extends KernelIndicator<number, number> {
  readonly type = 'BollingerBandwidth';

  constructor(options: BollingerBandsOptions = {}) {
    const o = resolve(options);
    super(
      new BollingerDerivedKernel(o, false),
      { inputs: 'value', outputs: 'value' },
      { ...o },
      o.period - 1,
    );
  }

  /** Restores an indicator from {@link BollingerBandwidth.toJSON}. */
  static fromJSON(state: IndicatorState): BollingerBandwidth {
    return new BollingerBandwidth({
      period: Number(state.params.period),
      stdDev: Number(state.params.stdDev),
    }).resume(state);
  }
}
