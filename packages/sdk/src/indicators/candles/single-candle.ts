// One-candle shapes judged by body length and shadows (tops, lines, marubozu, belt hold).
import { body, color, lowerShadow, upperShadow } from './candle-shape.js';
import { type CandlePatternDefinition, maxPeriod, patternFunction } from './pattern.js';

export const SPINNING_TOP: CandlePatternDefinition = {
  name: 'cdlSpinningTop',
  talib: 'CDLSPINNINGTOP',
  title: 'Spinning Top',
  settings: ['bodyShort'],
  lookback: (s) => s.bodyShort.period,
  at: (v, i) => {
    const b = body(v, i);
    return b < v.avg.bodyShort[i] && upperShadow(v, i) > b && lowerShadow(v, i) > b ? color(v, i) * 100 : 0;
  },
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = SPINNING_TOP.at(v, i, penetration);
  },
};

export const HIGH_WAVE: CandlePatternDefinition = {
  name: 'cdlHighWave',
  talib: 'CDLHIGHWAVE',
  title: 'High-Wave Candle',
  settings: ['bodyShort', 'shadowVeryLong'],
  lookback: (s) => maxPeriod(s, 'bodyShort', 'shadowVeryLong'),
  at: (v, i) =>
    body(v, i) < v.avg.bodyShort[i] &&
    upperShadow(v, i) > v.avg.shadowVeryLong[i] &&
    lowerShadow(v, i) > v.avg.shadowVeryLong[i]
      ? color(v, i) * 100
      : 0,
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = HIGH_WAVE.at(v, i, penetration);
  },
};

export const LONG_LINE: CandlePatternDefinition = {
  name: 'cdlLongLine',
  talib: 'CDLLONGLINE',
  title: 'Long Line Candle',
  settings: ['bodyLong', 'shadowShort'],
  lookback: (s) => maxPeriod(s, 'bodyLong', 'shadowShort'),
  at: (v, i) =>
    upperShadow(v, i) < v.avg.shadowShort[i] &&
    lowerShadow(v, i) < v.avg.shadowShort[i] &&
    body(v, i) > v.avg.bodyLong[i]
      ? color(v, i) * 100
      : 0,
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = LONG_LINE.at(v, i, penetration);
  },
};

export const SHORT_LINE: CandlePatternDefinition = {
  name: 'cdlShortLine',
  talib: 'CDLSHORTLINE',
  title: 'Short Line Candle',
  settings: ['bodyShort', 'shadowShort'],
  lookback: (s) => maxPeriod(s, 'bodyShort', 'shadowShort'),
  at: (v, i) =>
    body(v, i) < v.avg.bodyShort[i] &&
    upperShadow(v, i) < v.avg.shadowShort[i] &&
    lowerShadow(v, i) < v.avg.shadowShort[i]
      ? color(v, i) * 100
      : 0,
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = SHORT_LINE.at(v, i, penetration);
  },
};

export const MARUBOZU: CandlePatternDefinition = {
  name: 'cdlMarubozu',
  talib: 'CDLMARUBOZU',
  title: 'Marubozu',
  settings: ['bodyLong', 'shadowVeryShort'],
  lookback: (s) => maxPeriod(s, 'bodyLong', 'shadowVeryShort'),
  at: (v, i) =>
    upperShadow(v, i) < v.avg.shadowVeryShort[i] &&
    lowerShadow(v, i) < v.avg.shadowVeryShort[i] &&
    body(v, i) > v.avg.bodyLong[i]
      ? color(v, i) * 100
      : 0,
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = MARUBOZU.at(v, i, penetration);
  },
};

export const CLOSING_MARUBOZU: CandlePatternDefinition = {
  name: 'cdlClosingMarubozu',
  talib: 'CDLCLOSINGMARUBOZU',
  title: 'Closing Marubozu',
  settings: ['bodyLong', 'shadowVeryShort'],
  lookback: (s) => maxPeriod(s, 'bodyLong', 'shadowVeryShort'),
  at: (v, i) => {
    if (!(body(v, i) > v.avg.bodyLong[i])) return 0;
    const white = color(v, i) === 1;
    // No shadow on the closing side.
    const closingShadow = white ? upperShadow(v, i) : lowerShadow(v, i);
    return closingShadow < v.avg.shadowVeryShort[i] ? color(v, i) * 100 : 0;
  },
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = CLOSING_MARUBOZU.at(v, i, penetration);
  },
};

export const BELT_HOLD: CandlePatternDefinition = {
  name: 'cdlBeltHold',
  talib: 'CDLBELTHOLD',
  title: 'Belt-hold',
  settings: ['bodyLong', 'shadowVeryShort'],
  lookback: (s) => maxPeriod(s, 'bodyLong', 'shadowVeryShort'),
  at: (v, i) => {
    if (!(body(v, i) > v.avg.bodyLong[i])) return 0;
    const white = color(v, i) === 1;
    // No shadow on the opening side.
    const openingShadow = white ? lowerShadow(v, i) : upperShadow(v, i);
    return openingShadow < v.avg.shadowVeryShort[i] ? color(v, i) * 100 : 0;
  },
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = BELT_HOLD.at(v, i, penetration);
  },
};

/** Spinning top: small body, both shadows longer than the body. ±100 by the candle's colour. */
export const cdlSpinningTop = patternFunction(SPINNING_TOP);
/** High-wave candle: small body, both shadows over twice the body. ±100 by the candle's colour. */
export const cdlHighWave = patternFunction(HIGH_WAVE);
/** Long line: long body, short shadows. ±100 by the candle's colour. */
export const cdlLongLine = patternFunction(LONG_LINE);
/** Short line: short body, short shadows. ±100 by the candle's colour. */
export const cdlShortLine = patternFunction(SHORT_LINE);
/** Marubozu: long body with (almost) no shadows. ±100 by the candle's colour. */
export const cdlMarubozu = patternFunction(MARUBOZU);
/** Closing marubozu: long body, no shadow at the closing end. ±100 by the candle's colour. */
export const cdlClosingMarubozu = patternFunction(CLOSING_MARUBOZU);
/** Belt-hold: long body opening on its extreme (no shadow at the opening end). ±100 by colour. */
export const cdlBeltHold = patternFunction(BELT_HOLD);
