import { assertFiniteSeries, assertSameLength } from '../args.js';
import { giveBackScratch, takeScratch } from '../scratch-columns.js';
import {
  CANDLE_SETTING_NAMES,
  type CandleRangeType,
  type CandleSettingName,
  type CandleSettings,
  candleRange,
} from './candle-settings.js';

/**
 * Candles as the pattern rules read them: the four price columns and, per candle setting, the
 * average each candle is compared with (`avg.bodyLong[j]` = what "long body" means at candle `j`).
 * Settings a rule does not use hold an empty array.
 */
export interface CandleView {
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly avg: Readonly<Record<CandleSettingName, Float64Array>>;
}

/** A view over whole columns, whose averages are scratch columns to give back ({@link releaseCandleView}). */
export interface BuiltCandleView extends CandleView {
  readonly scratch: Float64Array[];
}

const EMPTY = new Float64Array(0);

function asFloat64(name: string, values: ArrayLike<number>): Float64Array {
  assertFiniteSeries(name, values);
  return values instanceof Float64Array ? values : Float64Array.from(values);
}

/**
 * Validates the four columns (finite, equal lengths; errors name the column and index) and
 * computes the averages of the `needed` settings once, for every rule that reads them. The
 * averages are scratch columns (see scratch-columns.ts): the caller scans, then gives them back
 * with {@link releaseCandleView} and drops the view.
 */
export function buildCandleView(
  open: ArrayLike<number>,
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  settings: CandleSettings,
  needed: ReadonlySet<CandleSettingName>,
): BuiltCandleView {
  assertSameLength({ open, high, low, close });
  const view = {
    open: asFloat64('open', open),
    high: asFloat64('high', high),
    low: asFloat64('low', low),
    close: asFloat64('close', close),
    avg: {} as Record<CandleSettingName, Float64Array>,
    scratch: [] as Float64Array[],
  };
  // Settings that differ only in their factor (bodyLong, bodyVeryLong and bodyShort; near, far and
  // equal; …) share one pass over the candles, and settings with the same factor share one column.
  // Every column here is fresh memory (a page fault per 4 KiB on first write, 3–30 ms per million
  // values on the VMs we measure), so each is allocated only where no existing one can serve.
  const groups = new Map<string, CandleSettingName[]>();
  for (const name of CANDLE_SETTING_NAMES) {
    view.avg[name] = EMPTY;
    if (!needed.has(name)) continue;
    const { rangeType, period } = settings[name];
    const key = `${rangeType}/${period}`;
    groups.set(key, [...(groups.get(key) ?? []), name]);
  }
  const column = (): Float64Array => {
    const taken = takeScratch(Float64Array, view.open.length);
    view.scratch.push(taken);
    return taken;
  };
  for (const names of groups.values()) {
    const first = settings[names[0] as CandleSettingName];
    const mean = rangeMeans(view, first.rangeType, first.period, column());
    const divisor = first.rangeType === 'shadows' ? 2 : 1;
    const factors = [...new Set(names.map((name) => settings[name].factor))];
    // A factor of 1 without halving leaves the means' own bits: that setting reads `mean` itself.
    // Otherwise the last factor scales `mean` in place once nothing else needs it unscaled.
    const keepsMean = divisor === 1 && factors.includes(1);
    const scaled = factors.filter((factor) => !(divisor === 1 && factor === 1));
    const byFactor = new Map<number, Float64Array>();
    scaled.forEach((factor, k) => {
      const inPlace = !keepsMean && k === scaled.length - 1;
      byFactor.set(factor, scaleMeans(factor, divisor, mean, inPlace ? mean : column()));
    });
    for (const name of names) view.avg[name] = byFactor.get(settings[name].factor) ?? mean;
  }
  return view;
}

/** Gives a view's averages back for the next view (the view must not be read afterwards). */
export function releaseCandleView(view: BuiltCandleView): void {
  giveBackScratch(...view.scratch);
}

/**
 * `out[j]` (every slot written) = the mean `rangeType` of the `period` candles before `j` (NaN
 * where fewer exist; the candle's own range when `period` is 0). The running sum is updated as TA-Lib updates it
 * (`sum += new − oldest`), and the streaming scanner repeats the same operations, so both see
 * bit-identical averages.
 */
export function rangeMeans(
  view: Pick<CandleView, 'open' | 'high' | 'low' | 'close'>,
  rangeType: CandleRangeType,
  period: number,
  out: Float64Array = new Float64Array(view.open.length),
): Float64Array {
  const { open, high, low, close } = view;
  const n = open.length;
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const range = candleRange(
      rangeType,
      open[j] as number,
      high[j] as number,
      low[j] as number,
      close[j] as number,
    );
    out[j] = j < period ? Number.NaN : period !== 0 ? sum / period : range;
    if (j < period) {
      sum += range;
      continue;
    }
    // The range leaving the window, measured again (the same operations, the same bits) rather
    // than kept in a column of its own.
    const k = j - period;
    sum +=
      range -
      candleRange(rangeType, open[k] as number, high[k] as number, low[k] as number, close[k] as number);
  }
  return out;
}

/**
 * A setting's averages from the means of its range type and period, written into `out` (which may
 * be `means` itself): `settingAverage`'s operations, `(factor · mean) / divisor`.
 */
function scaleMeans(factor: number, divisor: number, means: Float64Array, out: Float64Array): Float64Array {
  for (let j = 0; j < means.length; j++) out[j] = (factor * (means[j] as number)) / divisor;
  return out;
}
