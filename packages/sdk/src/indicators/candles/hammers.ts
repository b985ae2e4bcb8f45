// Small body at one end of a long shadow, judged against the previous candle (hammer family).
import { body, bodyGapDown, bodyGapUp, lowerShadow, upperShadow } from './candle-shape.js';
import type { CandleView } from './candle-view.js';
import { type CandlePatternDefinition, maxPeriod, patternFunction } from './pattern.js';

/** Short body, long lower shadow, (almost) no upper shadow. */
function hammerShape(v: CandleView, i: number): boolean {
  return (
    upperShadow(v, i) < v.avg.shadowVeryShort[i] &&
    body(v, i) < v.avg.bodyShort[i] &&
    lowerShadow(v, i) > v.avg.shadowLong[i]
  );
}

/** Short body, long upper shadow, (almost) no lower shadow. */
function invertedShape(v: CandleView, i: number): boolean {
  return (
    lowerShadow(v, i) < v.avg.shadowVeryShort[i] &&
    body(v, i) < v.avg.bodyShort[i] &&
    upperShadow(v, i) > v.avg.shadowLong[i]
  );
}

export const HAMMER: CandlePatternDefinition = {
  name: 'cdlHammer',
  talib: 'CDLHAMMER',
  title: 'Hammer',
  settings: ['bodyShort', 'shadowLong', 'shadowVeryShort', 'near'],
  lookback: (s) => maxPeriod(s, 'bodyShort', 'shadowLong', 'shadowVeryShort', 'near') + 1,
  // Body near or below the previous candle's low.
  at: (v, i) =>
    hammerShape(v, i) && Math.min(v.close[i], v.open[i]) <= v.low[i - 1] + v.avg.near[i - 1] ? 100 : 0,
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = HAMMER.at(v, i, penetration);
  },
};

export const HANGING_MAN: CandlePatternDefinition = {
  name: 'cdlHangingMan',
  talib: 'CDLHANGINGMAN',
  title: 'Hanging Man',
  settings: ['bodyShort', 'shadowLong', 'shadowVeryShort', 'near'],
  lookback: (s) => maxPeriod(s, 'bodyShort', 'shadowLong', 'shadowVeryShort', 'near') + 1,
  // Body near or above the previous candle's high.
  at: (v, i) =>
    hammerShape(v, i) && Math.min(v.close[i], v.open[i]) >= v.high[i - 1] - v.avg.near[i - 1] ? -100 : 0,
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = HANGING_MAN.at(v, i, penetration);
  },
};

export const INVERTED_HAMMER: CandlePatternDefinition = {
  name: 'cdlInvertedHammer',
  talib: 'CDLINVERTEDHAMMER',
  title: 'Inverted Hammer',
  settings: ['bodyShort', 'shadowLong', 'shadowVeryShort'],
  lookback: (s) => maxPeriod(s, 'bodyShort', 'shadowLong', 'shadowVeryShort') + 1,
  at: (v, i) => (bodyGapDown(v, i, i - 1) && invertedShape(v, i) ? 100 : 0),
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = INVERTED_HAMMER.at(v, i, penetration);
  },
};

export const SHOOTING_STAR: CandlePatternDefinition = {
  name: 'cdlShootingStar',
  talib: 'CDLSHOOTINGSTAR',
  title: 'Shooting Star',
  settings: ['bodyShort', 'shadowLong', 'shadowVeryShort'],
  lookback: (s) => maxPeriod(s, 'bodyShort', 'shadowLong', 'shadowVeryShort') + 1,
  at: (v, i) => (bodyGapUp(v, i, i - 1) && invertedShape(v, i) ? -100 : 0),
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = SHOOTING_STAR.at(v, i, penetration);
  },
};

/** Hammer: small body near the prior low, long lower shadow, no upper shadow. Always 100. */
export const cdlHammer = patternFunction(HAMMER);
/** Hanging man: the hammer's shape near the prior high. Always −100. */
export const cdlHangingMan = patternFunction(HANGING_MAN);
/** Inverted hammer: small body gapping below the prior body, long upper shadow. Always 100. */
export const cdlInvertedHammer = patternFunction(INVERTED_HAMMER);
/** Shooting star: small body gapping above the prior body, long upper shadow. Always −100. */
export const cdlShootingStar = patternFunction(SHOOTING_STAR);
