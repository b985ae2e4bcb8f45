// Two-candle reversals: engulfing, harami, doji star, homing pigeon, matching low, counterattack, kicking.
import {
  body,
  bodyGapDown,
  bodyGapUp,
  candleGapDown,
  candleGapUp,
  color,
  lowerShadow,
  upperShadow,
} from './candle-shape.js';
import type { CandleView } from './candle-view.js';
import { type CandlePatternDefinition, maxPeriod, patternFunction } from './pattern.js';

export const ENGULFING: CandlePatternDefinition = {
  name: 'cdlEngulfing',
  talib: 'CDLENGULFING',
  title: 'Engulfing Pattern',
  settings: [],
  lookback: () => 2,
  at: (v, i) => {
    const { open: o, close: c } = v;
    const white = color(v, i);
    if (white === color(v, i - 1)) return 0;
    const engulfs = white === 1 ? c[i] > o[i - 1] && o[i] < c[i - 1] : o[i] > c[i - 1] && c[i] < o[i - 1];
    return engulfs ? white * 100 : 0;
  },
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = ENGULFING.at(v, i, penetration);
  },
};

/** Second body inside the first (strictly), the first body long. */
function haramiShape(v: CandleView, i: number): boolean {
  const { open: o, close: c } = v;
  return (
    Math.max(c[i], o[i]) < Math.max(c[i - 1], o[i - 1]) &&
    Math.min(c[i], o[i]) > Math.min(c[i - 1], o[i - 1]) &&
    body(v, i - 1) > v.avg.bodyLong[i - 1]
  );
}

export const HARAMI: CandlePatternDefinition = {
  name: 'cdlHarami',
  talib: 'CDLHARAMI',
  title: 'Harami Pattern',
  settings: ['bodyLong', 'bodyShort'],
  lookback: (s) => maxPeriod(s, 'bodyShort', 'bodyLong') + 1,
  at: (v, i) => (body(v, i) <= v.avg.bodyShort[i] && haramiShape(v, i) ? -color(v, i - 1) * 100 : 0),
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = HARAMI.at(v, i, penetration);
  },
};

export const HARAMI_CROSS: CandlePatternDefinition = {
  name: 'cdlHaramiCross',
  talib: 'CDLHARAMICROSS',
  title: 'Harami Cross Pattern',
  settings: ['bodyLong', 'bodyDoji'],
  lookback: (s) => maxPeriod(s, 'bodyDoji', 'bodyLong') + 1,
  at: (v, i) => (body(v, i) <= v.avg.bodyDoji[i] && haramiShape(v, i) ? -color(v, i - 1) * 100 : 0),
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = HARAMI_CROSS.at(v, i, penetration);
  },
};

export const DOJI_STAR: CandlePatternDefinition = {
  name: 'cdlDojiStar',
  talib: 'CDLDOJISTAR',
  title: 'Doji Star',
  settings: ['bodyLong', 'bodyDoji'],
  lookback: (s) => maxPeriod(s, 'bodyDoji', 'bodyLong') + 1,
  at: (v, i) => {
    if (!(body(v, i) <= v.avg.bodyDoji[i]) || !(body(v, i - 1) > v.avg.bodyLong[i - 1])) return 0;
    const first = color(v, i - 1);
    // The doji gaps away in the direction of the long candle.
    const gaps = first === 1 ? bodyGapUp(v, i, i - 1) : bodyGapDown(v, i, i - 1);
    return gaps ? -first * 100 : 0;
  },
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = DOJI_STAR.at(v, i, penetration);
  },
};

export const HOMING_PIGEON: CandlePatternDefinition = {
  name: 'cdlHomingPigeon',
  talib: 'CDLHOMINGPIGEON',
  title: 'Homing Pigeon',
  settings: ['bodyLong', 'bodyShort'],
  lookback: (s) => maxPeriod(s, 'bodyShort', 'bodyLong') + 1,
  at: (v, i) =>
    color(v, i - 1) === -1 &&
    color(v, i) === -1 &&
    body(v, i - 1) > v.avg.bodyLong[i - 1] &&
    body(v, i) <= v.avg.bodyShort[i] &&
    v.open[i] < v.open[i - 1] &&
    v.close[i] > v.close[i - 1]
      ? 100
      : 0,
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = HOMING_PIGEON.at(v, i, penetration);
  },
};

export const MATCHING_LOW: CandlePatternDefinition = {
  name: 'cdlMatchingLow',
  talib: 'CDLMATCHINGLOW',
  title: 'Matching Low',
  settings: ['equal'],
  lookback: (s) => s.equal.period + 1,
  at: (v, i) =>
    v.close[i] <= v.close[i - 1] + v.avg.equal[i - 1] &&
    v.close[i] >= v.close[i - 1] - v.avg.equal[i - 1] &&
    color(v, i - 1) === -1 &&
    color(v, i) === -1
      ? 100
      : 0,
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = MATCHING_LOW.at(v, i, penetration);
  },
};

export const COUNTERATTACK: CandlePatternDefinition = {
  name: 'cdlCounterattack',
  talib: 'CDLCOUNTERATTACK',
  title: 'Counterattack',
  settings: ['bodyLong', 'equal'],
  lookback: (s) => maxPeriod(s, 'equal', 'bodyLong') + 1,
  at: (v, i) =>
    v.close[i] <= v.close[i - 1] + v.avg.equal[i - 1] &&
    v.close[i] >= v.close[i - 1] - v.avg.equal[i - 1] &&
    color(v, i - 1) === -color(v, i) &&
    body(v, i - 1) > v.avg.bodyLong[i - 1] &&
    body(v, i) > v.avg.bodyLong[i]
      ? color(v, i) * 100
      : 0,
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = COUNTERATTACK.at(v, i, penetration);
  },
};

/** Two opposite marubozu with a gap between them, in the direction of the second. */
function kickingShape(v: CandleView, i: number): boolean {
  const veryShort = v.avg.shadowVeryShort;
  // A gap either way is implied by the rule below and rare: checked first.
  if (!candleGapUp(v, i, i - 1) && !candleGapDown(v, i, i - 1)) return false;
  if (
    color(v, i - 1) !== -color(v, i) ||
    !(body(v, i - 1) > v.avg.bodyLong[i - 1]) ||
    !(upperShadow(v, i - 1) < veryShort[i - 1]) ||
    !(lowerShadow(v, i - 1) < veryShort[i - 1]) ||
    !(body(v, i) > v.avg.bodyLong[i]) ||
    !(upperShadow(v, i) < veryShort[i]) ||
    !(lowerShadow(v, i) < veryShort[i])
  ) {
    return false;
  }
  return color(v, i - 1) === -1 ? candleGapUp(v, i, i - 1) : candleGapDown(v, i, i - 1);
}

export const KICKING: CandlePatternDefinition = {
  name: 'cdlKicking',
  talib: 'CDLKICKING',
  title: 'Kicking',
  settings: ['bodyLong', 'shadowVeryShort'],
  lookback: (s) => maxPeriod(s, 'shadowVeryShort', 'bodyLong') + 1,
  at: (v, i) => (kickingShape(v, i) ? color(v, i) * 100 : 0),
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = KICKING.at(v, i, penetration);
  },
};

export const KICKING_BY_LENGTH: CandlePatternDefinition = {
  name: 'cdlKickingByLength',
  talib: 'CDLKICKINGBYLENGTH',
  title: 'Kicking - bull/bear determined by the longer marubozu',
  settings: ['bodyLong', 'shadowVeryShort'],
  lookback: (s) => maxPeriod(s, 'shadowVeryShort', 'bodyLong') + 1,
  at: (v, i) => (kickingShape(v, i) ? color(v, body(v, i) > body(v, i - 1) ? i : i - 1) * 100 : 0),
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = KICKING_BY_LENGTH.at(v, i, penetration);
  },
};

/** Engulfing: the second body engulfs the first, opposite colour. ±100 by the second candle's colour. */
export const cdlEngulfing = patternFunction(ENGULFING);
/** Harami: a short body inside the previous long body. ±100 against the first candle's colour. */
export const cdlHarami = patternFunction(HARAMI);
/** Harami cross: a doji inside the previous long body. ±100 against the first candle's colour. */
export const cdlHaramiCross = patternFunction(HARAMI_CROSS);
/** Doji star: a doji gapping away from a long body. ±100 against the long candle's colour. */
export const cdlDojiStar = patternFunction(DOJI_STAR);
/** Homing pigeon: a short black body inside a long black body. Always 100. */
export const cdlHomingPigeon = patternFunction(HOMING_PIGEON);
/** Matching low: two black candles closing at (almost) the same price. Always 100. */
export const cdlMatchingLow = patternFunction(MATCHING_LOW);
/** Counterattack: two long opposite candles closing at the same price. ±100 by the second's colour. */
export const cdlCounterattack = patternFunction(COUNTERATTACK);
/** Kicking: opposite marubozu separated by a gap. ±100 by the second candle's colour. */
export const cdlKicking = patternFunction(KICKING);
/** Kicking, its direction taken from the longer of the two marubozu. ±100. */
export const cdlKickingByLength = patternFunction(KICKING_BY_LENGTH);
