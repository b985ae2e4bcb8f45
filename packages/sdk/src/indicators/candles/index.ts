/**
 * Candlestick patterns: TA-Lib's 61 `CDL*` functions as `cdl*` batch functions over
 * `(open, high, low, close)`, `detectCandlePatterns` for many at once, and the streaming
 * `CandlePatternScanner`. Pattern definitions and the candle view stay internal.
 */

export {
  CANDLE_SETTING_NAMES,
  type CandleRangeType,
  type CandleSetting,
  type CandleSettingName,
  type CandleSettings,
  type CandleSettingsOverrides,
  DEFAULT_CANDLE_SETTINGS,
  resolveCandleSettings,
} from './candle-settings.js';
export type { CandleView } from './candle-view.js';
export {
  cdl2Crows,
  cdl3BlackCrows,
  cdl3WhiteSoldiers,
  cdlAdvanceBlock,
  cdlIdentical3Crows,
  cdlStalledPattern,
  cdlUpsideGap2Crows,
} from './crows-soldiers.js';
export {
  cdlDoji,
  cdlDragonflyDoji,
  cdlGravestoneDoji,
  cdlLongLeggedDoji,
  cdlRickshawMan,
  cdlTakuri,
} from './doji.js';
export {
  cdlBreakaway,
  cdlConcealBabySwallow,
  cdlLadderBottom,
  cdlMatHold,
  cdlRiseFall3Methods,
} from './five-candle.js';
export {
  cdlGapSideSideWhite,
  cdlTasukiGap,
  cdlXSideGap3Methods,
} from './gaps.js';
export {
  cdlHammer,
  cdlHangingMan,
  cdlInvertedHammer,
  cdlShootingStar,
} from './hammers.js';
export {
  cdlHikkake,
  cdlHikkakeMod,
} from './hikkake.js';
export {
  cdlDarkCloudCover,
  cdlInNeck,
  cdlOnNeck,
  cdlPiercing,
  cdlSeparatingLines,
  cdlThrusting,
} from './lines.js';
export type { CandlePatternDefinition, CandlePatternFunction, CandlePatternOptions } from './pattern.js';
export {
  CANDLE_PATTERNS,
  type CandlePatternName,
  candlePattern,
  type DetectCandlePatternsOptions,
  detectCandlePatterns,
} from './registry.js';
export {
  type CandleInput,
  type CandlePatternHit,
  CandlePatternScanner,
  type CandlePatternScannerOptions,
} from './scanner.js';
export {
  cdlBeltHold,
  cdlClosingMarubozu,
  cdlHighWave,
  cdlLongLine,
  cdlMarubozu,
  cdlShortLine,
  cdlSpinningTop,
} from './single-candle.js';
export {
  cdlAbandonedBaby,
  cdlEveningDojiStar,
  cdlEveningStar,
  cdlMorningDojiStar,
  cdlMorningStar,
  cdlTriStar,
} from './stars.js';
export {
  cdl3Inside,
  cdl3LineStrike,
  cdl3Outside,
  cdl3StarsInSouth,
  cdlStickSandwich,
  cdlUnique3River,
} from './three-candle.js';
export {
  cdlCounterattack,
  cdlDojiStar,
  cdlEngulfing,
  cdlHarami,
  cdlHaramiCross,
  cdlHomingPigeon,
  cdlKicking,
  cdlKickingByLength,
  cdlMatchingLow,
} from './two-candle.js';
