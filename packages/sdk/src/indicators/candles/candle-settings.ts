import { InvalidArgumentError } from '../../data/errors.js';

/** What a candle setting measures on a candle: its real body, its full range, or its two shadows. */
export type CandleRangeType = 'realBody' | 'highLow' | 'shadows';

/** TA-Lib's eleven candle settings (`TA_BodyLong` … `TA_Equal`), camel-cased. */
export type CandleSettingName =
  | 'bodyLong'
  | 'bodyVeryLong'
  | 'bodyShort'
  | 'bodyDoji'
  | 'shadowLong'
  | 'shadowVeryLong'
  | 'shadowShort'
  | 'shadowVeryShort'
  | 'near'
  | 'far'
  | 'equal';

/**
 * One candle setting: a candle's body or shadow is compared with `factor` × the average `rangeType`
 * of the `period` candles before it (halved for `shadows`, which adds two shadows). With `period` 0
 * the candle is compared with its own range.
 */
export interface CandleSetting {
  rangeType: CandleRangeType;
  period: number;
  factor: number;
}

/** All eleven settings. */
export type CandleSettings = Readonly<Record<CandleSettingName, Readonly<CandleSetting>>>;

/** Overrides of some settings, field by field (`{ bodyDoji: { factor: 0.05 } }`). */
export type CandleSettingsOverrides = Partial<Record<CandleSettingName, Partial<CandleSetting>>>;

/** Every setting name, in TA-Lib's order. */
export const CANDLE_SETTING_NAMES: readonly CandleSettingName[] = Object.freeze([
  'bodyLong',
  'bodyVeryLong',
  'bodyShort',
  'bodyDoji',
  'shadowLong',
  'shadowVeryLong',
  'shadowShort',
  'shadowVeryShort',
  'near',
  'far',
  'equal',
]);

function setting(rangeType: CandleRangeType, period: number, factor: number): Readonly<CandleSetting> {
  return Object.freeze({ rangeType, period, factor });
}

/**
 * TA-Lib's defaults (ta_global.c, `TA_RestoreCandleDefaultSettings`): e.g. a long body is longer
 * than the average body of the 10 previous candles, a doji body is at most 10 % of the average
 * high–low range of the 10 previous candles, and a long shadow is longer than the candle's own body.
 */
export const DEFAULT_CANDLE_SETTINGS: CandleSettings = Object.freeze({
  bodyLong: setting('realBody', 10, 1),
  bodyVeryLong: setting('realBody', 10, 3),
  bodyShort: setting('realBody', 10, 1),
  bodyDoji: setting('highLow', 10, 0.1),
  shadowLong: setting('realBody', 0, 1),
  shadowVeryLong: setting('realBody', 0, 2),
  shadowShort: setting('shadows', 10, 1),
  shadowVeryShort: setting('highLow', 10, 0.1),
  near: setting('highLow', 5, 0.2),
  far: setting('highLow', 5, 0.6),
  equal: setting('highLow', 5, 0.05),
});

const RANGE_TYPES: readonly CandleRangeType[] = ['realBody', 'highLow', 'shadows'];

/** The defaults with `overrides` applied, validated (integer period ≥ 0, finite factor ≥ 0). */
export function resolveCandleSettings(overrides?: CandleSettingsOverrides): CandleSettings {
  if (overrides === undefined) return DEFAULT_CANDLE_SETTINGS;
  if (overrides === null || typeof overrides !== 'object') {
    throw new InvalidArgumentError('settings', 'must be an object of candle settings');
  }
  const resolved = { ...DEFAULT_CANDLE_SETTINGS } as Record<CandleSettingName, Readonly<CandleSetting>>;
  for (const [name, override] of Object.entries(overrides)) {
    if (!(CANDLE_SETTING_NAMES as readonly string[]).includes(name)) {
      throw new InvalidArgumentError(
        `settings.${name}`,
        `is not a candle setting (one of ${CANDLE_SETTING_NAMES.join(', ')})`,
      );
    }
    if (override === undefined) continue;
    const merged = { ...DEFAULT_CANDLE_SETTINGS[name as CandleSettingName], ...override };
    assertSetting(name, merged);
    resolved[name as CandleSettingName] = setting(merged.rangeType, merged.period, merged.factor);
  }
  return Object.freeze(resolved);
}

function assertSetting(name: string, value: CandleSetting): void {
  if (!RANGE_TYPES.includes(value.rangeType)) {
    throw new InvalidArgumentError(
      `settings.${name}.rangeType`,
      `must be one of ${RANGE_TYPES.join(', ')}, got ${String(value.rangeType)}`,
    );
  }
  if (!Number.isInteger(value.period) || value.period < 0) {
    throw new InvalidArgumentError(`settings.${name}.period`, `must be an integer ≥ 0, got ${value.period}`);
  }
  if (typeof value.factor !== 'number' || !Number.isFinite(value.factor) || value.factor < 0) {
    throw new InvalidArgumentError(
      `settings.${name}.factor`,
      `must be a finite number ≥ 0, got ${value.factor}`,
    );
  }
}

/** The quantity a setting averages, measured on one candle. */
export function candleRange(
  rangeType: CandleRangeType,
  open: number,
  high: number,
  low: number,
  close: number,
): number {
  if (rangeType === 'realBody') return Math.abs(close - open);
  if (rangeType === 'highLow') return high - low;
  // Upper plus lower shadow, each taken as TA-Lib takes it (not range − body: that rounds differently).
  return close >= open ? high - close + (open - low) : high - open + (close - low);
}

/**
 * The average a setting compares with, as TA-Lib writes it: `factor × (sum / period)`, halved for
 * shadows; `sum` holds the `period` ranges before the candle. With `period` 0, `range` is the
 * candle's own.
 */
export function settingAverage(setting: Readonly<CandleSetting>, sum: number, range: number): number {
  const base = setting.period !== 0 ? sum / setting.period : range;
  return (setting.factor * base) / (setting.rangeType === 'shadows' ? 2 : 1);
}
