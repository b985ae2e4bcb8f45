// Three- and four-candle reversals: three inside/outside, line strike, stars in the south, river, sandwich.
import { body, color, lowerShadow, upperShadow } from './candle-shape.js';
import { type CandlePatternDefinition, maxPeriod, patternFunction } from './pattern.js';

export const THREE_INSIDE: CandlePatternDefinition = {
  name: 'cdl3Inside',
  talib: 'CDL3INSIDE',
  title: 'Three Inside Up/Down',
  settings: ['bodyLong', 'bodyShort'],
  lookback: (s) => maxPeriod(s, 'bodyShort', 'bodyLong') + 2,
  at: (v, i) => {
    const { open: o, close: c } = v;
    if (
      !(Math.max(c[i - 1], o[i - 1]) < Math.max(c[i - 2], o[i - 2])) ||
      !(Math.min(c[i - 1], o[i - 1]) > Math.min(c[i - 2], o[i - 2])) ||
      !(body(v, i - 2) > v.avg.bodyLong[i - 2]) ||
      !(body(v, i - 1) <= v.avg.bodyShort[i - 1])
    ) {
      return 0;
    }
    const first = color(v, i - 2);
    // A harami, then a third candle closing beyond the first candle's open.
    const confirmed =
      (first === 1 && color(v, i) === -1 && c[i] < o[i - 2]) ||
      (first === -1 && color(v, i) === 1 && c[i] > o[i - 2]);
    return confirmed ? -first * 100 : 0;
  },
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = THREE_INSIDE.at(v, i, penetration);
  },
};

export const THREE_OUTSIDE: CandlePatternDefinition = {
  name: 'cdl3Outside',
  talib: 'CDL3OUTSIDE',
  title: 'Three Outside Up/Down',
  settings: [],
  lookback: () => 3,
  at: (v, i) => {
    const { open: o, close: c } = v;
    const second = color(v, i - 1);
    // An engulfing pattern, then a third candle closing further in its direction.
    const confirmed =
      (second === 1 &&
        color(v, i - 2) === -1 &&
        c[i - 1] > o[i - 2] &&
        o[i - 1] < c[i - 2] &&
        c[i] > c[i - 1]) ||
      (second === -1 &&
        color(v, i - 2) === 1 &&
        o[i - 1] > c[i - 2] &&
        c[i - 1] < o[i - 2] &&
        c[i] < c[i - 1]);
    return confirmed ? second * 100 : 0;
  },
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = THREE_OUTSIDE.at(v, i, penetration);
  },
};

export const THREE_LINE_STRIKE: CandlePatternDefinition = {
  name: 'cdl3LineStrike',
  talib: 'CDL3LINESTRIKE',
  title: 'Three-Line Strike',
  settings: ['near'],
  lookback: (s) => s.near.period + 3,
  at: (v, i) => {
    const { open: o, close: c } = v;
    const near = v.avg.near;
    const run = color(v, i - 1);
    if (
      color(v, i - 3) !== color(v, i - 2) ||
      color(v, i - 2) !== run ||
      color(v, i) !== -run ||
      // The 2nd and 3rd candles open within (or near) the previous body.
      !(o[i - 2] >= Math.min(o[i - 3], c[i - 3]) - near[i - 3]) ||
      !(o[i - 2] <= Math.max(o[i - 3], c[i - 3]) + near[i - 3]) ||
      !(o[i - 1] >= Math.min(o[i - 2], c[i - 2]) - near[i - 2]) ||
      !(o[i - 1] <= Math.max(o[i - 2], c[i - 2]) + near[i - 2])
    ) {
      return 0;
    }
    const struck =
      run === 1
        ? c[i - 1] > c[i - 2] && c[i - 2] > c[i - 3] && o[i] > c[i - 1] && c[i] < o[i - 3]
        : c[i - 1] < c[i - 2] && c[i - 2] < c[i - 3] && o[i] < c[i - 1] && c[i] > o[i - 3];
    return struck ? run * 100 : 0;
  },
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = THREE_LINE_STRIKE.at(v, i, penetration);
  },
};

export const THREE_STARS_IN_SOUTH: CandlePatternDefinition = {
  name: 'cdl3StarsInSouth',
  talib: 'CDL3STARSINSOUTH',
  title: 'Three Stars In The South',
  settings: ['shadowVeryShort', 'shadowLong', 'bodyLong', 'bodyShort'],
  lookback: (s) => maxPeriod(s, 'shadowVeryShort', 'shadowLong', 'bodyLong', 'bodyShort') + 2,
  at: (v, i) => {
    const { open: o, high: h, low: l, close: c } = v;
    const veryShort = v.avg.shadowVeryShort;
    return color(v, i - 2) === -1 &&
      color(v, i - 1) === -1 &&
      color(v, i) === -1 &&
      body(v, i - 2) > v.avg.bodyLong[i - 2] &&
      lowerShadow(v, i - 2) > v.avg.shadowLong[i - 2] &&
      body(v, i - 1) < body(v, i - 2) &&
      o[i - 1] > c[i - 2] &&
      o[i - 1] <= h[i - 2] &&
      l[i - 1] < c[i - 2] &&
      l[i - 1] >= l[i - 2] &&
      lowerShadow(v, i - 1) > veryShort[i - 1] &&
      body(v, i) < v.avg.bodyShort[i] &&
      lowerShadow(v, i) < veryShort[i] &&
      upperShadow(v, i) < veryShort[i] &&
      l[i] > l[i - 1] &&
      h[i] < h[i - 1]
      ? 100
      : 0;
  },
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = THREE_STARS_IN_SOUTH.at(v, i, penetration);
  },
};

export const UNIQUE_THREE_RIVER: CandlePatternDefinition = {
  name: 'cdlUnique3River',
  talib: 'CDLUNIQUE3RIVER',
  title: 'Unique 3 River',
  settings: ['bodyLong', 'bodyShort'],
  lookback: (s) => maxPeriod(s, 'bodyShort', 'bodyLong') + 2,
  at: (v, i) =>
    body(v, i - 2) > v.avg.bodyLong[i - 2] &&
    color(v, i - 2) === -1 &&
    color(v, i - 1) === -1 &&
    v.close[i - 1] > v.close[i - 2] &&
    v.open[i - 1] <= v.open[i - 2] &&
    v.low[i - 1] < v.low[i - 2] &&
    body(v, i) < v.avg.bodyShort[i] &&
    color(v, i) === 1 &&
    v.open[i] > v.low[i - 1]
      ? 100
      : 0,
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = UNIQUE_THREE_RIVER.at(v, i, penetration);
  },
};

export const STICK_SANDWICH: CandlePatternDefinition = {
  name: 'cdlStickSandwich',
  talib: 'CDLSTICKSANDWICH',
  title: 'Stick Sandwich',
  settings: ['equal'],
  lookback: (s) => s.equal.period + 2,
  at: (v, i) =>
    v.close[i] <= v.close[i - 2] + v.avg.equal[i - 2] &&
    v.close[i] >= v.close[i - 2] - v.avg.equal[i - 2] &&
    color(v, i - 2) === -1 &&
    color(v, i - 1) === 1 &&
    color(v, i) === -1 &&
    v.low[i - 1] > v.close[i - 2]
      ? 100
      : 0,
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = STICK_SANDWICH.at(v, i, penetration);
  },
};

/** Three inside up/down: a harami confirmed by a third candle. ±100 against the first candle's colour. */
export const cdl3Inside = patternFunction(THREE_INSIDE);
/** Three outside up/down: an engulfing pattern confirmed by a third candle. ±100 by the engulfing candle. */
export const cdl3Outside = patternFunction(THREE_OUTSIDE);
/** Three-line strike: three candles of one colour, then one of the other wiping them out. ±100 by the run. */
export const cdl3LineStrike = patternFunction(THREE_LINE_STRIKE);
/** Three stars in the south: three shrinking black candles, the last a small marubozu inside the second. 100. */
export const cdl3StarsInSouth = patternFunction(THREE_STARS_IN_SOUTH);
/** Unique three river: long black, a black hammer with a lower low, a small white candle. 100. */
export const cdlUnique3River = patternFunction(UNIQUE_THREE_RIVER);
/** Stick sandwich: black, white above it, black closing at the first close. 100. */
export const cdlStickSandwich = patternFunction(STICK_SANDWICH);
