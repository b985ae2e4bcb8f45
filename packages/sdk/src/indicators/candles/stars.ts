// Star patterns: a small candle gapping away from a long one, then a candle reversing into the first.
import { body, bodyGapDown, bodyGapUp, candleGapDown, candleGapUp, color } from './candle-shape.js';
import { type CandlePatternDefinition, maxPeriod, patternFunction } from './pattern.js';

export const MORNING_STAR: CandlePatternDefinition = {
  name: 'cdlMorningStar',
  talib: 'CDLMORNINGSTAR',
  title: 'Morning Star',
  settings: ['bodyLong', 'bodyShort'],
  penetration: 0.3,
  lookback: (s) => maxPeriod(s, 'bodyShort', 'bodyLong') + 2,
  at: (v, i, penetration) =>
    bodyGapDown(v, i - 1, i - 2) &&
    body(v, i - 2) > v.avg.bodyLong[i - 2] &&
    color(v, i - 2) === -1 &&
    body(v, i - 1) <= v.avg.bodyShort[i - 1] &&
    body(v, i) > v.avg.bodyShort[i] &&
    color(v, i) === 1 &&
    v.close[i] > v.close[i - 2] + body(v, i - 2) * penetration
      ? 100
      : 0,
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = MORNING_STAR.at(v, i, penetration);
  },
};

export const EVENING_STAR: CandlePatternDefinition = {
  name: 'cdlEveningStar',
  talib: 'CDLEVENINGSTAR',
  title: 'Evening Star',
  settings: ['bodyLong', 'bodyShort'],
  penetration: 0.3,
  lookback: (s) => maxPeriod(s, 'bodyShort', 'bodyLong') + 2,
  at: (v, i, penetration) =>
    bodyGapUp(v, i - 1, i - 2) &&
    body(v, i - 2) > v.avg.bodyLong[i - 2] &&
    color(v, i - 2) === 1 &&
    body(v, i - 1) <= v.avg.bodyShort[i - 1] &&
    body(v, i) > v.avg.bodyShort[i] &&
    color(v, i) === -1 &&
    v.close[i] < v.close[i - 2] - body(v, i - 2) * penetration
      ? -100
      : 0,
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = EVENING_STAR.at(v, i, penetration);
  },
};

export const MORNING_DOJI_STAR: CandlePatternDefinition = {
  name: 'cdlMorningDojiStar',
  talib: 'CDLMORNINGDOJISTAR',
  title: 'Morning Doji Star',
  settings: ['bodyLong', 'bodyDoji', 'bodyShort'],
  penetration: 0.3,
  lookback: (s) => maxPeriod(s, 'bodyDoji', 'bodyLong', 'bodyShort') + 2,
  at: (v, i, penetration) =>
    body(v, i - 1) <= v.avg.bodyDoji[i - 1] &&
    bodyGapDown(v, i - 1, i - 2) &&
    body(v, i - 2) > v.avg.bodyLong[i - 2] &&
    color(v, i - 2) === -1 &&
    body(v, i) > v.avg.bodyShort[i] &&
    color(v, i) === 1 &&
    v.close[i] > v.close[i - 2] + body(v, i - 2) * penetration
      ? 100
      : 0,
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = MORNING_DOJI_STAR.at(v, i, penetration);
  },
};

export const EVENING_DOJI_STAR: CandlePatternDefinition = {
  name: 'cdlEveningDojiStar',
  talib: 'CDLEVENINGDOJISTAR',
  title: 'Evening Doji Star',
  settings: ['bodyLong', 'bodyDoji', 'bodyShort'],
  penetration: 0.3,
  lookback: (s) => maxPeriod(s, 'bodyDoji', 'bodyLong', 'bodyShort') + 2,
  at: (v, i, penetration) =>
    body(v, i - 1) <= v.avg.bodyDoji[i - 1] &&
    bodyGapUp(v, i - 1, i - 2) &&
    body(v, i - 2) > v.avg.bodyLong[i - 2] &&
    color(v, i - 2) === 1 &&
    body(v, i) > v.avg.bodyShort[i] &&
    color(v, i) === -1 &&
    v.close[i] < v.close[i - 2] - body(v, i - 2) * penetration
      ? -100
      : 0,
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = EVENING_DOJI_STAR.at(v, i, penetration);
  },
};

export const ABANDONED_BABY: CandlePatternDefinition = {
  name: 'cdlAbandonedBaby',
  talib: 'CDLABANDONEDBABY',
  title: 'Abandoned Baby',
  settings: ['bodyLong', 'bodyDoji', 'bodyShort'],
  penetration: 0.3,
  lookback: (s) => maxPeriod(s, 'bodyDoji', 'bodyLong', 'bodyShort') + 2,
  at: (v, i, penetration) => {
    if (
      !(body(v, i - 1) <= v.avg.bodyDoji[i - 1]) ||
      !(body(v, i - 2) > v.avg.bodyLong[i - 2]) ||
      !(body(v, i) > v.avg.bodyShort[i])
    ) {
      return 0;
    }
    const first = color(v, i - 2);
    const last = color(v, i);
    // The doji's whole range (shadows included) gaps away from both neighbours.
    if (first === 1 && last === -1) {
      return v.close[i] < v.close[i - 2] - body(v, i - 2) * penetration &&
        candleGapUp(v, i - 1, i - 2) &&
        candleGapDown(v, i, i - 1)
        ? -100
        : 0;
    }
    if (first === -1 && last === 1) {
      return v.close[i] > v.close[i - 2] + body(v, i - 2) * penetration &&
        candleGapDown(v, i - 1, i - 2) &&
        candleGapUp(v, i, i - 1)
        ? 100
        : 0;
    }
    return 0;
  },
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = ABANDONED_BABY.at(v, i, penetration);
  },
};

export const TRISTAR: CandlePatternDefinition = {
  name: 'cdlTriStar',
  talib: 'CDLTRISTAR',
  title: 'Tristar Pattern',
  settings: ['bodyDoji'],
  lookback: (s) => s.bodyDoji.period + 2,
  at: (v, i) => {
    // TA-Lib judges all three dojis against the average before the first one.
    const doji = v.avg.bodyDoji[i - 2];
    if (!(body(v, i - 2) <= doji) || !(body(v, i - 1) <= doji) || !(body(v, i) <= doji)) return 0;
    let value = 0;
    if (
      bodyGapUp(v, i - 1, i - 2) &&
      Math.max(v.open[i], v.close[i]) < Math.max(v.open[i - 1], v.close[i - 1])
    ) {
      value = -100;
    }
    if (
      bodyGapDown(v, i - 1, i - 2) &&
      Math.min(v.open[i], v.close[i]) > Math.min(v.open[i - 1], v.close[i - 1])
    ) {
      value = 100;
    }
    return value;
  },
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = TRISTAR.at(v, i, penetration);
  },
};

/** Morning star: long black, a short body gapping down, a white candle closing into the first body. 100. */
export const cdlMorningStar = patternFunction(MORNING_STAR);
/** Evening star: long white, a short body gapping up, a black candle closing into the first body. −100. */
export const cdlEveningStar = patternFunction(EVENING_STAR);
/** Morning doji star: a morning star whose middle candle is a doji. 100. */
export const cdlMorningDojiStar = patternFunction(MORNING_DOJI_STAR);
/** Evening doji star: an evening star whose middle candle is a doji. −100. */
export const cdlEveningDojiStar = patternFunction(EVENING_DOJI_STAR);
/** Abandoned baby: a doji whose whole range gaps away from both neighbours. ±100 by the last candle. */
export const cdlAbandonedBaby = patternFunction(ABANDONED_BABY);
/** Tristar: three dojis, the middle one gapping away. ±100 (100 after a gap down). */
export const cdlTriStar = patternFunction(TRISTAR);
