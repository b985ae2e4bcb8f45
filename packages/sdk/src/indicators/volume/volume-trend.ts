import { assertFiniteNumber } from '../args.js';
import { Kernel, Slots } from '../kernel.js';
import { KernelIndicator } from '../kernel-indicator.js';
import { assertFiniteSum } from '../magnitude.js';
import type { ColumnOutput } from '../output.js';
import { runOnBars } from '../series-kernel.js';
import type { IndicatorState } from '../state.js';

/** Which bars move a volume index: those with less volume than the bar before, or more. */
type Side = 'negative' | 'positive';

/** Options of {@link negativeVolumeIndex} and {@link positiveVolumeIndex}. */
export interface VolumeIndexOptions {
  /** Value at the first bar (default 1000, as StockCharts and trading-signals). */
  start?: number;
}

/** Rate of change of the close, 0 for a zero previous close (as `roc`). */
function change(close: number, previous: number): number {
  return previous === 0 ? 0 : (close - previous) / previous;
}

class VolumePriceTrendKernel extends Kernel {
  private readonly s: Float64Array; // previous close, total

  constructor() {
    super(1);
    this.s = new Slots(this, 2, Number.NaN).v;
  }

  step(close: number, volume: number): void {
    const i = this.tick();
    const s = this.s;
    const previous = s[0] as number;
    s[0] = close;
    const total = Number.isNaN(previous) ? 0 : (s[1] as number) + volume * change(close, previous);
    assertFiniteSum('volume', total, volume, i, 'the volume-price trend');
    s[1] = total;
    this.out[0] = total;
  }
}

class VolumeIndexKernel extends Kernel {
  private readonly s: Float64Array; // previous close, previous volume, index

  constructor(
    private readonly side: Side,
    private readonly start: number,
  ) {
    super(1);
    this.s = new Slots(this, 3, Number.NaN).v;
  }

  step(close: number, volume: number): void {
    const s = this.s;
    const previousClose = s[0] as number;
    const previousVolume = s[1] as number;
    s[0] = close;
    s[1] = volume;
    let index = s[2] as number;
    if (Number.isNaN(previousClose)) index = this.start;
    else if (this.side === 'negative' ? volume < previousVolume : volume > previousVolume)
      index += change(close, previousClose) * index;
    s[2] = index;
    this.out[0] = index;
  }
}

/**
 * Volume-price trend: the running total of `volume · (close − previous close) / previous close`,
 * 0 at the first bar (TradingView's "PVT", trading-signals' `PVT` from the second bar). Defined
 * from index 0. `options.out`: a column to write into and return instead of allocating one (see
 * {@link ColumnOutput}).
 */
export function volumePriceTrend(
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  options: ColumnOutput = {},
): Float64Array {
  return runOnBars(
    new VolumePriceTrendKernel(),
    { close, volume },
    ['close', 'volume'],
    [['out', options?.out]],
  )[0] as Float64Array;
}

function volumeIndex(
  side: Side,
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  start: number,
  out?: Float64Array,
): Float64Array {
  assertFiniteNumber('start', start);
  return runOnBars(
    new VolumeIndexKernel(side, start),
    { close, volume },
    ['close', 'volume'],
    [['out', out]],
  )[0] as Float64Array;
}

/**
 * Negative volume index (Fosback): starts at `start` (1000) and moves by the close's rate of change
 * only on bars whose volume fell from the bar before — `nvi += ((close − prev) / prev) · nvi`
 * (trading-signals' `NVI`). Defined from index 0. `options.out`: a column to write into and
 * return instead of allocating one (see {@link ColumnOutput}).
 */
export function negativeVolumeIndex(
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  options: VolumeIndexOptions & ColumnOutput = {},
): Float64Array {
  return volumeIndex('negative', close, volume, options?.start ?? 1000, options?.out);
}

/**
 * Positive volume index: as {@link negativeVolumeIndex}, on bars whose volume rose.
 * `options.out`: a column to write into and return instead of allocating one (see
 * {@link ColumnOutput}).
 */
export function positiveVolumeIndex(
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  options: VolumeIndexOptions & ColumnOutput = {},
): Float64Array {
  return volumeIndex('positive', close, volume, options?.start ?? 1000, options?.out);
}

/** Streaming {@link volumePriceTrend} over `{ close, volume }`: O(1) per update. */
export class VolumePriceTrend extends KernelIndicator<{ close: number; volume: number }, number> {
  readonly type = 'VolumePriceTrend';

  constructor() {
    super(new VolumePriceTrendKernel(), { inputs: ['close', 'volume'], outputs: 'value' }, {}, 0);
  }

  /** Restores an indicator from {@link VolumePriceTrend.toJSON}. */
  static fromJSON(state: IndicatorState): VolumePriceTrend {
    return new VolumePriceTrend().resume(state);
  }
}

/** Streaming {@link negativeVolumeIndex} over `{ close, volume }`: O(1) per update. */
export class NegativeVolumeIndex extends KernelIndicator<{ close: number; volume: number }, number> {
  readonly type = 'NegativeVolumeIndex';

  constructor(options: VolumeIndexOptions = {}) {
    const start = options?.start ?? 1000;
    assertFiniteNumber('start', start);
    super(
      new VolumeIndexKernel('negative', start),
      { inputs: ['close', 'volume'], outputs: 'value' },
      { start },
      0,
    );
  }

  /** Restores an indicator from {@link NegativeVolumeIndex.toJSON}. */
  static fromJSON(state: IndicatorState): NegativeVolumeIndex {
    return new NegativeVolumeIndex({ start: Number(state.params.start) }).resume(state);
  }
}

/** Streaming {@link positiveVolumeIndex} over `{ close, volume }`: O(1) per update. */
export class PositiveVolumeIndex extends KernelIndicator<{ close: number; volume: number }, number> {
  readonly type = 'PositiveVolumeIndex';

  constructor(options: VolumeIndexOptions = {}) {
    const start = options?.start ?? 1000;
    assertFiniteNumber('start', start);
    super(
      new VolumeIndexKernel('positive', start),
      { inputs: ['close', 'volume'], outputs: 'value' },
      { start },
      0,
    );
  }

  /** Restores an indicator from {@link PositiveVolumeIndex.toJSON}. */
  static fromJSON(state: IndicatorState): PositiveVolumeIndex {
    return new PositiveVolumeIndex({ start: Number(state.params.start) }).resume(state);
  }
}
