import { InvalidArgumentError } from '../../data/errors.js';
import { checkOutput } from '../output.js';
import {
  type CandleSettingName,
  type CandleSettings,
  type CandleSettingsOverrides,
  resolveCandleSettings,
} from './candle-settings.js';
import { buildCandleView, type CandleView, releaseCandleView } from './candle-view.js';

/** Options of every `cdl*` function. */
export interface CandlePatternOptions {
  /** TA-Lib candle settings to override (the defaults are TA-Lib's). */
  settings?: CandleSettingsOverrides;
  /**
   * How far the last candle must reach into the first one's body, as a fraction of that body
   * (only the patterns that take it: abandoned baby, dark cloud cover, evening/morning (doji)
   * star, mat hold; TA-Lib's `optInPenetration`).
   */
  penetration?: number;
  /**
   * An `Int32Array` of the input's length, sharing no memory with an input, to write every value
   * into (0 where no pattern, the lookback included) and return instead of allocating one (why:
   * see `ColumnOutput`).
   */
  out?: Int32Array;
}

/**
 * A candlestick pattern as TA-Lib defines it. `at(view, i, penetration)` gives the pattern's value
 * at candle `i` (the pattern's last candle): −100 bearish, 100 bullish, 0 none (±200 for a confirmed
 * hikkake). It reads candles `i − lookback … i` only, which is what lets the scanner stream it.
 */
export interface CandlePatternDefinition {
  /** Function name, e.g. `cdlMorningStar`. */
  readonly name: string;
  /** TA-Lib's function, e.g. `CDLMORNINGSTAR`. */
  readonly talib: string;
  /** Human name, e.g. `Morning Star`. */
  readonly title: string;
  /** Candle settings the rule reads. */
  readonly settings: readonly CandleSettingName[];
  /** Default penetration for patterns that take one. */
  readonly penetration?: number;
  /** First index with a value (TA-Lib's lookback); earlier outputs are 0. */
  lookback(settings: CandleSettings): number;
  /**
   * Value at candle `i` (`i ≥ lookback`). The rules check a rare condition first where there is
   * one (a gap, equal prices, a doji): the conditions are pure comparisons joined by `&&`, so the
   * order does not change the value, but most conditions are coin flips on real candles, and a rare
   * first one spares the mispredicted branches of the rest (3× on the in-neck rule).
   */
  at(view: CandleView, i: number, penetration: number): number;
  /**
   * Fills `out[from …]` with `at` up to `out.length` (a caller may pass a shorter view of its column
   * to stop earlier); each pattern has its own loop so that `at` is inlined.
   */
  scan(view: CandleView, from: number, out: Int32Array, penetration: number): void;
  /**
   * Whether `scan` carries state from candle to candle beyond what it re-reads (the hikkakes'
   * "confirmed once"): such a scan must run over the whole series in one call, never from a block
   * boundary.
   */
  stateful?: true;
}

/**
 * Signature of every `cdl*` function. `options.out`: an `Int32Array` to write into and return
 * instead of allocating one (see {@link CandlePatternOptions.out}).
 */
export type CandlePatternFunction = (
  open: ArrayLike<number>,
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  options?: CandlePatternOptions,
) => Int32Array;

/** The penetration a pattern runs with: the option (validated) or the pattern's default. */
export function resolvePenetration(def: CandlePatternDefinition, penetration: number | undefined): number {
  if (penetration === undefined || def.penetration === undefined) return def.penetration ?? 0;
  if (typeof penetration !== 'number' || !Number.isFinite(penetration) || penetration < 0) {
    throw new InvalidArgumentError('penetration', `must be a finite number ≥ 0, got ${penetration}`);
  }
  return penetration;
}

/**
 * Fills every slot of `out` with the pattern's values over the whole view: zeros before the
 * lookback (written, so that a reused column's leftovers go), the pattern's values from there on.
 */
export function runPattern(
  def: CandlePatternDefinition,
  view: CandleView,
  settings: CandleSettings,
  penetration: number,
  out: Int32Array,
): Int32Array {
  const lookback = def.lookback(settings);
  out.fill(0, 0, lookback);
  def.scan(view, lookback, out, penetration);
  return out;
}

/** The batch `cdl*` function of a pattern definition. */
export function patternFunction(def: CandlePatternDefinition): CandlePatternFunction {
  return (open, high, low, close, options = {}) => {
    const settings = resolveCandleSettings(options.settings);
    const penetration = resolvePenetration(def, options.penetration);
    const view = buildCandleView(open, high, low, close, settings, new Set(def.settings));
    const n = view.open.length;
    const { out } = options;
    if (out !== undefined) checkOutput(out, Int32Array, 'out', n, { open, high, low, close });
    const result = runPattern(def, view, settings, penetration, out ?? new Int32Array(n));
    releaseCandleView(view);
    return result;
  };
}

/** `max` of the named settings' periods: the common part of TA-Lib's lookbacks. */
export function maxPeriod(settings: CandleSettings, ...names: CandleSettingName[]): number {
  let longest = 0;
  for (const name of names) longest = Math.max(longest, settings[name].period);
  return longest;
}
