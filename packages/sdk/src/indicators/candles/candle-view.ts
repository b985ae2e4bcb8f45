import { assertFiniteSeries, assertSameLength } from '../args.js';
import {
  CANDLE_SETTING_NAMES,
  type CandleRangeType,
  type CandleSetting,
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

const EMPTY = new Float64Array(0);

function asFloat64(name: string, values: ArrayLike<number>): Float64Array {
  assertFiniteSeries(name, values);
  return values instanceof Float64Array ? values : Float64Array.from(values);
}

/**
 * Validates the four columns (finite, equal lengths; errors name the column and index) and
 * computes the averages of the `needed` settings once, for every rule that reads them.
 */
export function buildCandleView(
  open: ArrayLike<number>,
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  settings: CandleSettings,
  needed: ReadonlySet<CandleSettingName>,
): CandleView {
  assertSameLength({ open, high, low, close });
  const view = {
    open: asFloat64('open', open),
    high: asFloat64('high', high),
    low: asFloat64('low', low),
    close: asFloat64('close', close),
    avg: {} as Record<CandleSettingName, Float64Array>,
  };
  // Settings that differ only in their factor (bodyLong, bodyVeryLong and bodyShort; near, far and
  // equal; …) share one pass over the candles.
  const means = new Map<string, Float64Array>();
  for (const name of CANDLE_SETTING_NAMES) {
    if (!needed.has(name)) {
      view.avg[name] = EMPTY;
      continue;
    }
    const setting = settings[name];
    const key = `${setting.rangeType}/${setting.period}`;
    let mean = means.get(key);
    if (mean === undefined) {
      mean = rangeMeans(view, setting.rangeType, setting.period);
      means.set(key, mean);
    }
    view.avg[name] = scaleMeans(setting, mean);
  }
  return view;
}

/**
 * `out[j]` = the mean `rangeType` of the `period` candles before `j` (NaN where fewer exist; the
 * candle's own range when `period` is 0). The running sum is updated as TA-Lib updates it
 * (`sum += new − oldest`), and the streaming scanner repeats the same operations, so both see
 * bit-identical averages.
 */
export function rangeMeans(
  view: Pick<CandleView, 'open' | 'high' | 'low' | 'close'>,
  rangeType: CandleRangeType,
  period: number,
): Float64Array {
  const { open, high, low, close } = view;
  const n = open.length;
  const out = new Float64Array(n);
  const ranges = new Float64Array(n);
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const range = candleRange(
      rangeType,
      open[j] as number,
      high[j] as number,
      low[j] as number,
      close[j] as number,
    );
    ranges[j] = range;
    out[j] = j < period ? Number.NaN : period !== 0 ? sum / period : range;
    sum += j >= period ? range - (ranges[j - period] as number) : range;
  }
  return out;
}

/** A setting's averages from the means of its range type and period (`settingAverage`'s operations). */
function scaleMeans(setting: Readonly<CandleSetting>, means: Float64Array): Float64Array {
  const out = new Float64Array(means.length);
  const divisor = setting.rangeType === 'shadows' ? 2 : 1;
  for (let j = 0; j < means.length; j++) out[j] = (setting.factor * (means[j] as number)) / divisor;
  return out;
}
