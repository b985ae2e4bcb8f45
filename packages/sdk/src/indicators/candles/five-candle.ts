// Four- and five-candle patterns: breakaway, concealing baby swallow, ladder bottom, mat hold, three methods.
import { body, bodyGapDown, bodyGapUp, color, lowerShadow, upperShadow } from './candle-shape.js';
import { type CandlePatternDefinition, maxPeriod, patternFunction } from './pattern.js';

export const BREAKAWAY: CandlePatternDefinition = {
  name: 'cdlBreakaway',
  talib: 'CDLBREAKAWAY',
  title: 'Breakaway',
  settings: ['bodyLong'],
  lookback: (s) => s.bodyLong.period + 4,
  at: (v, i) => {
    const { open: o, high: h, low: l, close: c } = v;
    const first = color(v, i - 4);
    // The gap after the first candle is rare: checked first.
    if (!bodyGapUp(v, i - 3, i - 4) && !bodyGapDown(v, i - 3, i - 4)) return 0;
    if (
      !(body(v, i - 4) > v.avg.bodyLong[i - 4]) ||
      first !== color(v, i - 3) ||
      color(v, i - 3) !== color(v, i - 1) ||
      color(v, i - 1) !== -color(v, i)
    ) {
      return 0;
    }
    const broken =
      first === -1
        ? bodyGapDown(v, i - 3, i - 4) &&
          h[i - 2] < h[i - 3] &&
          l[i - 2] < l[i - 3] &&
          h[i - 1] < h[i - 2] &&
          l[i - 1] < l[i - 2] &&
          c[i] > o[i - 3] &&
          c[i] < c[i - 4]
        : bodyGapUp(v, i - 3, i - 4) &&
          h[i - 2] > h[i - 3] &&
          l[i - 2] > l[i - 3] &&
          h[i - 1] > h[i - 2] &&
          l[i - 1] > l[i - 2] &&
          c[i] < o[i - 3] &&
          c[i] > c[i - 4];
    return broken ? color(v, i) * 100 : 0;
  },
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = BREAKAWAY.at(v, i, penetration);
  },
};

export const CONCEALING_BABY_SWALLOW: CandlePatternDefinition = {
  name: 'cdlConcealBabySwallow',
  talib: 'CDLCONCEALBABYSWALL',
  title: 'Concealing Baby Swallow',
  settings: ['shadowVeryShort'],
  lookback: (s) => s.shadowVeryShort.period + 3,
  at: (v, i) => {
    const veryShort = v.avg.shadowVeryShort;
    return color(v, i - 3) === -1 &&
      color(v, i - 2) === -1 &&
      color(v, i - 1) === -1 &&
      color(v, i) === -1 &&
      lowerShadow(v, i - 3) < veryShort[i - 3] &&
      upperShadow(v, i - 3) < veryShort[i - 3] &&
      lowerShadow(v, i - 2) < veryShort[i - 2] &&
      upperShadow(v, i - 2) < veryShort[i - 2] &&
      bodyGapDown(v, i - 1, i - 2) &&
      upperShadow(v, i - 1) > veryShort[i - 1] &&
      v.high[i - 1] > v.close[i - 2] &&
      v.high[i] > v.high[i - 1] &&
      v.low[i] < v.low[i - 1]
      ? 100
      : 0;
  },
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = CONCEALING_BABY_SWALLOW.at(v, i, penetration);
  },
};

export const LADDER_BOTTOM: CandlePatternDefinition = {
  name: 'cdlLadderBottom',
  talib: 'CDLLADDERBOTTOM',
  title: 'Ladder Bottom',
  settings: ['shadowVeryShort'],
  lookback: (s) => s.shadowVeryShort.period + 4,
  at: (v, i) => {
    const { open: o, close: c } = v;
    return color(v, i - 4) === -1 &&
      color(v, i - 3) === -1 &&
      color(v, i - 2) === -1 &&
      o[i - 4] > o[i - 3] &&
      o[i - 3] > o[i - 2] &&
      c[i - 4] > c[i - 3] &&
      c[i - 3] > c[i - 2] &&
      color(v, i - 1) === -1 &&
      upperShadow(v, i - 1) > v.avg.shadowVeryShort[i - 1] &&
      color(v, i) === 1 &&
      o[i] > o[i - 1] &&
      c[i] > v.high[i - 1]
      ? 100
      : 0;
  },
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = LADDER_BOTTOM.at(v, i, penetration);
  },
};

export const MAT_HOLD: CandlePatternDefinition = {
  name: 'cdlMatHold',
  talib: 'CDLMATHOLD',
  title: 'Mat Hold',
  settings: ['bodyLong', 'bodyShort'],
  penetration: 0.5,
  lookback: (s) => maxPeriod(s, 'bodyShort', 'bodyLong') + 4,
  at: (v, i, penetration) => {
    const { open: o, high: h, close: c } = v;
    const short = v.avg.bodyShort;
    // Lowest allowed reaction: the pullback may not go deeper than `penetration` of the first body.
    const floor = c[i - 4] - body(v, i - 4) * penetration;
    const bottom2 = Math.min(o[i - 2], c[i - 2]);
    const bottom1 = Math.min(o[i - 1], c[i - 1]);
    return bodyGapUp(v, i - 3, i - 4) &&
      body(v, i - 4) > v.avg.bodyLong[i - 4] &&
      body(v, i - 3) < short[i - 3] &&
      body(v, i - 2) < short[i - 2] &&
      body(v, i - 1) < short[i - 1] &&
      color(v, i - 4) === 1 &&
      color(v, i - 3) === -1 &&
      color(v, i) === 1 &&
      bottom2 < c[i - 4] &&
      bottom1 < c[i - 4] &&
      bottom2 > floor &&
      bottom1 > floor &&
      Math.max(c[i - 2], o[i - 2]) < o[i - 3] &&
      Math.max(c[i - 1], o[i - 1]) < Math.max(c[i - 2], o[i - 2]) &&
      o[i] > c[i - 1] &&
      c[i] > Math.max(Math.max(h[i - 3], h[i - 2]), h[i - 1])
      ? 100
      : 0;
  },
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = MAT_HOLD.at(v, i, penetration);
  },
};

export const RISING_FALLING_THREE_METHODS: CandlePatternDefinition = {
  name: 'cdlRiseFall3Methods',
  talib: 'CDLRISEFALL3METHODS',
  title: 'Rising/Falling Three Methods',
  settings: ['bodyLong', 'bodyShort'],
  lookback: (s) => maxPeriod(s, 'bodyShort', 'bodyLong') + 4,
  at: (v, i) => {
    const { open: o, high: h, low: l, close: c } = v;
    const short = v.avg.bodyShort;
    const long = v.avg.bodyLong;
    const trend = color(v, i - 4);
    if (
      !(body(v, i - 4) > long[i - 4]) ||
      !(body(v, i - 3) < short[i - 3]) ||
      !(body(v, i - 2) < short[i - 2]) ||
      !(body(v, i - 1) < short[i - 1]) ||
      !(body(v, i) > long[i]) ||
      trend !== -color(v, i - 3) ||
      color(v, i - 3) !== color(v, i - 2) ||
      color(v, i - 2) !== color(v, i - 1) ||
      color(v, i - 1) !== -color(v, i)
    ) {
      return 0;
    }
    // The three small candles stay within the first candle's range and drift against the trend;
    // comparisons are multiplied by the trend's sign so one rule serves both directions.
    for (let k = 3; k >= 1; k--) {
      if (!(Math.min(o[i - k], c[i - k]) < h[i - 4]) || !(Math.max(o[i - k], c[i - k]) > l[i - 4])) return 0;
    }
    return c[i - 2] * trend < c[i - 3] * trend &&
      c[i - 1] * trend < c[i - 2] * trend &&
      o[i] * trend > c[i - 1] * trend &&
      c[i] * trend > c[i - 4] * trend
      ? 100 * trend
      : 0;
  },
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = RISING_FALLING_THREE_METHODS.at(v, i, penetration);
  },
};

/** Breakaway: a long candle, a gap, three candles running on, then a reversal closing in the gap. ±100 by the last. */
export const cdlBreakaway = patternFunction(BREAKAWAY);
/** Concealing baby swallow: two black marubozu, a gapping black candle, one engulfing it. 100. */
export const cdlConcealBabySwallow = patternFunction(CONCEALING_BABY_SWALLOW);
/** Ladder bottom: three declining black candles, a black candle with an upper shadow, a white breakout. 100. */
export const cdlLadderBottom = patternFunction(LADDER_BOTTOM);
/** Mat hold: long white, a small gap-up black, two small reactions holding above the floor, a white breakout. 100. */
export const cdlMatHold = patternFunction(MAT_HOLD);
/** Rising/falling three methods: a long candle, three small counter-moves inside it, a long continuation. ±100. */
export const cdlRiseFall3Methods = patternFunction(RISING_FALLING_THREE_METHODS);
