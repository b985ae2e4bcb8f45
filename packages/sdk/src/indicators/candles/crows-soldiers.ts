// Three-candle runs: crows (black) and soldiers (white), and the soldiers that tire (advance block, stalled).
import { body, bodyGapUp, color, lowerShadow, upperShadow } from './candle-shape.js';
import { type CandlePatternDefinition, maxPeriod, patternFunction } from './pattern.js';

export const TWO_CROWS: CandlePatternDefinition = {
  name: 'cdl2Crows',
  talib: 'CDL2CROWS',
  title: 'Two Crows',
  settings: ['bodyLong'],
  lookback: (s) => s.bodyLong.period + 2,
  at: (v, i) =>
    bodyGapUp(v, i - 1, i - 2) &&
    color(v, i - 2) === 1 &&
    body(v, i - 2) > v.avg.bodyLong[i - 2] &&
    color(v, i - 1) === -1 &&
    color(v, i) === -1 &&
    v.open[i] < v.open[i - 1] &&
    v.open[i] > v.close[i - 1] &&
    v.close[i] > v.open[i - 2] &&
    v.close[i] < v.close[i - 2]
      ? -100
      : 0,
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = TWO_CROWS.at(v, i, penetration);
  },
};

export const UPSIDE_GAP_TWO_CROWS: CandlePatternDefinition = {
  name: 'cdlUpsideGap2Crows',
  talib: 'CDLUPSIDEGAP2CROWS',
  title: 'Upside Gap Two Crows',
  settings: ['bodyLong', 'bodyShort'],
  lookback: (s) => maxPeriod(s, 'bodyShort', 'bodyLong') + 2,
  at: (v, i) =>
    bodyGapUp(v, i - 1, i - 2) &&
    color(v, i - 2) === 1 &&
    body(v, i - 2) > v.avg.bodyLong[i - 2] &&
    color(v, i - 1) === -1 &&
    body(v, i - 1) <= v.avg.bodyShort[i - 1] &&
    color(v, i) === -1 &&
    v.open[i] > v.open[i - 1] &&
    v.close[i] < v.close[i - 1] &&
    v.close[i] > v.close[i - 2]
      ? -100
      : 0,
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = UPSIDE_GAP_TWO_CROWS.at(v, i, penetration);
  },
};

export const THREE_BLACK_CROWS: CandlePatternDefinition = {
  name: 'cdl3BlackCrows',
  talib: 'CDL3BLACKCROWS',
  title: 'Three Black Crows',
  settings: ['shadowVeryShort'],
  lookback: (s) => s.shadowVeryShort.period + 3,
  at: (v, i) => {
    const veryShort = v.avg.shadowVeryShort;
    const { open: o, close: c } = v;
    return color(v, i - 3) === 1 &&
      color(v, i - 2) === -1 &&
      lowerShadow(v, i - 2) < veryShort[i - 2] &&
      color(v, i - 1) === -1 &&
      lowerShadow(v, i - 1) < veryShort[i - 1] &&
      color(v, i) === -1 &&
      lowerShadow(v, i) < veryShort[i] &&
      o[i - 1] < o[i - 2] &&
      o[i - 1] > c[i - 2] &&
      o[i] < o[i - 1] &&
      o[i] > c[i - 1] &&
      v.high[i - 3] > c[i - 2] &&
      c[i - 2] > c[i - 1] &&
      c[i - 1] > c[i]
      ? -100
      : 0;
  },
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = THREE_BLACK_CROWS.at(v, i, penetration);
  },
};

export const IDENTICAL_THREE_CROWS: CandlePatternDefinition = {
  name: 'cdlIdentical3Crows',
  talib: 'CDLIDENTICAL3CROWS',
  title: 'Identical Three Crows',
  settings: ['shadowVeryShort', 'equal'],
  lookback: (s) => maxPeriod(s, 'shadowVeryShort', 'equal') + 2,
  at: (v, i) => {
    const veryShort = v.avg.shadowVeryShort;
    const equal = v.avg.equal;
    const { open: o, close: c } = v;
    // Each crow opens at the previous close (rare: checked first).
    return o[i] <= c[i - 1] + equal[i - 1] &&
      o[i] >= c[i - 1] - equal[i - 1] &&
      color(v, i - 2) === -1 &&
      lowerShadow(v, i - 2) < veryShort[i - 2] &&
      color(v, i - 1) === -1 &&
      lowerShadow(v, i - 1) < veryShort[i - 1] &&
      color(v, i) === -1 &&
      lowerShadow(v, i) < veryShort[i] &&
      c[i - 2] > c[i - 1] &&
      c[i - 1] > c[i] &&
      o[i - 1] <= c[i - 2] + equal[i - 2] &&
      o[i - 1] >= c[i - 2] - equal[i - 2]
      ? -100
      : 0;
  },
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = IDENTICAL_THREE_CROWS.at(v, i, penetration);
  },
};

export const THREE_WHITE_SOLDIERS: CandlePatternDefinition = {
  name: 'cdl3WhiteSoldiers',
  talib: 'CDL3WHITESOLDIERS',
  title: 'Three Advancing White Soldiers',
  settings: ['shadowVeryShort', 'bodyShort', 'far', 'near'],
  lookback: (s) => maxPeriod(s, 'shadowVeryShort', 'bodyShort', 'far', 'near') + 2,
  at: (v, i) => {
    const veryShort = v.avg.shadowVeryShort;
    const near = v.avg.near;
    const far = v.avg.far;
    const { open: o, close: c } = v;
    return color(v, i - 2) === 1 &&
      upperShadow(v, i - 2) < veryShort[i - 2] &&
      color(v, i - 1) === 1 &&
      upperShadow(v, i - 1) < veryShort[i - 1] &&
      color(v, i) === 1 &&
      upperShadow(v, i) < veryShort[i] &&
      c[i] > c[i - 1] &&
      c[i - 1] > c[i - 2] &&
      o[i - 1] > o[i - 2] &&
      o[i - 1] <= c[i - 2] + near[i - 2] &&
      o[i] > o[i - 1] &&
      o[i] <= c[i - 1] + near[i - 1] &&
      body(v, i - 1) > body(v, i - 2) - far[i - 2] &&
      body(v, i) > body(v, i - 1) - far[i - 1] &&
      body(v, i) > v.avg.bodyShort[i]
      ? 100
      : 0;
  },
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = THREE_WHITE_SOLDIERS.at(v, i, penetration);
  },
};

export const ADVANCE_BLOCK: CandlePatternDefinition = {
  name: 'cdlAdvanceBlock',
  talib: 'CDLADVANCEBLOCK',
  title: 'Advance Block',
  settings: ['shadowLong', 'shadowShort', 'far', 'near', 'bodyLong'],
  lookback: (s) => maxPeriod(s, 'shadowLong', 'shadowShort', 'far', 'near', 'bodyLong') + 2,
  at: (v, i) => {
    const near = v.avg.near;
    const far = v.avg.far;
    const short = v.avg.shadowShort;
    const { open: o, close: c } = v;
    if (
      !(
        color(v, i - 2) === 1 &&
        color(v, i - 1) === 1 &&
        color(v, i) === 1 &&
        c[i] > c[i - 1] &&
        c[i - 1] > c[i - 2] &&
        o[i - 1] > o[i - 2] &&
        o[i - 1] <= c[i - 2] + near[i - 2] &&
        o[i] > o[i - 1] &&
        o[i] <= c[i - 1] + near[i - 1] &&
        body(v, i - 2) > v.avg.bodyLong[i - 2] &&
        upperShadow(v, i - 2) < short[i - 2]
      )
    ) {
      return 0;
    }
    const b2 = body(v, i - 2);
    const b1 = body(v, i - 1);
    const b0 = body(v, i);
    // Any sign of weakening: shrinking bodies, or long upper shadows on the later soldiers.
    const weakening =
      (b1 < b2 - far[i - 2] && b0 < b1 + near[i - 1]) ||
      b0 < b1 - far[i - 1] ||
      (b0 < b1 && b1 < b2 && (upperShadow(v, i) > short[i] || upperShadow(v, i - 1) > short[i - 1])) ||
      (b0 < b1 && upperShadow(v, i) > v.avg.shadowLong[i]);
    return weakening ? -100 : 0;
  },
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = ADVANCE_BLOCK.at(v, i, penetration);
  },
};

export const STALLED_PATTERN: CandlePatternDefinition = {
  name: 'cdlStalledPattern',
  talib: 'CDLSTALLEDPATTERN',
  title: 'Stalled Pattern',
  settings: ['bodyLong', 'bodyShort', 'shadowVeryShort', 'near'],
  lookback: (s) => maxPeriod(s, 'bodyLong', 'bodyShort', 'shadowVeryShort', 'near') + 2,
  at: (v, i) => {
    const near = v.avg.near;
    const { open: o, close: c } = v;
    // Third candle: a short body riding on the second's shoulder.
    return color(v, i - 2) === 1 &&
      color(v, i - 1) === 1 &&
      color(v, i) === 1 &&
      c[i] > c[i - 1] &&
      c[i - 1] > c[i - 2] &&
      body(v, i - 2) > v.avg.bodyLong[i - 2] &&
      body(v, i - 1) > v.avg.bodyLong[i - 1] &&
      upperShadow(v, i - 1) < v.avg.shadowVeryShort[i - 1] &&
      o[i - 1] > o[i - 2] &&
      o[i - 1] <= c[i - 2] + near[i - 2] &&
      body(v, i) < v.avg.bodyShort[i] &&
      o[i] >= c[i - 1] - body(v, i) - near[i - 1]
      ? -100
      : 0;
  },
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = STALLED_PATTERN.at(v, i, penetration);
  },
};

/** Two crows: long white, a black candle gapping up, a black candle closing into the white body. −100. */
export const cdl2Crows = patternFunction(TWO_CROWS);
/** Upside gap two crows: long white, then two black candles above it, the second engulfing the first. −100. */
export const cdlUpsideGap2Crows = patternFunction(UPSIDE_GAP_TWO_CROWS);
/** Three black crows: three declining black candles, each opening in the prior body. −100. */
export const cdl3BlackCrows = patternFunction(THREE_BLACK_CROWS);
/** Identical three crows: three declining black candles, each opening at the prior close. −100. */
export const cdlIdentical3Crows = patternFunction(IDENTICAL_THREE_CROWS);
/** Three white soldiers: three rising white candles with short upper shadows, bodies not shrinking. 100. */
export const cdl3WhiteSoldiers = patternFunction(THREE_WHITE_SOLDIERS);
/** Advance block: three rising white candles that weaken (shrinking bodies, long upper shadows). −100. */
export const cdlAdvanceBlock = patternFunction(ADVANCE_BLOCK);
/** Stalled pattern: two long white candles, then a short one opening near the second's close. −100. */
export const cdlStalledPattern = patternFunction(STALLED_PATTERN);
