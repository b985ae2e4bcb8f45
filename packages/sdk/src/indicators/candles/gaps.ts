// Gap continuations: tasuki gap, side-by-side white lines, upside/downside gap three methods.
import { body, bodyGapDown, bodyGapUp, color } from './candle-shape.js';
import { type CandlePatternDefinition, maxPeriod, patternFunction } from './pattern.js';

export const TASUKI_GAP: CandlePatternDefinition = {
  name: 'cdlTasukiGap',
  talib: 'CDLTASUKIGAP',
  title: 'Tasuki Gap',
  settings: ['near'],
  lookback: (s) => s.near.period + 2,
  at: (v, i) => {
    const { open: o, close: c } = v;
    // The gap is rare: checked first.
    if (!bodyGapUp(v, i - 1, i - 2) && !bodyGapDown(v, i - 1, i - 2)) return 0;
    // Second and third bodies of about the same size.
    const similar = Math.abs(body(v, i - 1) - body(v, i)) < v.avg.near[i - 1];
    const up =
      bodyGapUp(v, i - 1, i - 2) &&
      color(v, i - 1) === 1 &&
      color(v, i) === -1 &&
      o[i] < c[i - 1] &&
      o[i] > o[i - 1] &&
      c[i] < o[i - 1] &&
      c[i] > Math.max(c[i - 2], o[i - 2]) &&
      similar;
    const down =
      bodyGapDown(v, i - 1, i - 2) &&
      color(v, i - 1) === -1 &&
      color(v, i) === 1 &&
      o[i] < o[i - 1] &&
      o[i] > c[i - 1] &&
      c[i] > o[i - 1] &&
      c[i] < Math.min(c[i - 2], o[i - 2]) &&
      similar;
    return up || down ? color(v, i - 1) * 100 : 0;
  },
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = TASUKI_GAP.at(v, i, penetration);
  },
};

export const GAP_SIDE_SIDE_WHITE: CandlePatternDefinition = {
  name: 'cdlGapSideSideWhite',
  talib: 'CDLGAPSIDESIDEWHITE',
  title: 'Up/Down-gap side-by-side white lines',
  settings: ['near', 'equal'],
  lookback: (s) => maxPeriod(s, 'near', 'equal') + 2,
  at: (v, i) => {
    const equal = v.avg.equal[i - 1];
    // Opens at the same price: rare, checked first.
    if (!(v.open[i] >= v.open[i - 1] - equal) || !(v.open[i] <= v.open[i - 1] + equal)) return 0;
    const gapUp = bodyGapUp(v, i - 1, i - 2) && bodyGapUp(v, i, i - 2);
    const gapDown = bodyGapDown(v, i - 1, i - 2) && bodyGapDown(v, i, i - 2);
    if (!gapUp && !gapDown) return 0;
    const near = v.avg.near[i - 1];
    // Two white candles of about the same size.
    return color(v, i - 1) === 1 &&
      color(v, i) === 1 &&
      body(v, i) >= body(v, i - 1) - near &&
      body(v, i) <= body(v, i - 1) + near
      ? gapUp
        ? 100
        : -100
      : 0;
  },
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = GAP_SIDE_SIDE_WHITE.at(v, i, penetration);
  },
};

export const X_SIDE_GAP_THREE_METHODS: CandlePatternDefinition = {
  name: 'cdlXSideGap3Methods',
  talib: 'CDLXSIDEGAP3METHODS',
  title: 'Upside/Downside Gap Three Methods',
  settings: [],
  lookback: () => 2,
  at: (v, i) => {
    const { open: o, close: c } = v;
    const first = color(v, i - 2);
    // The gap between the first two bodies is rare: checked first.
    if (!bodyGapUp(v, i - 1, i - 2) && !bodyGapDown(v, i - 1, i - 2)) return 0;
    // The third candle opens in the second body and closes in the first, filling the gap.
    return first === color(v, i - 1) &&
      color(v, i - 1) === -color(v, i) &&
      o[i] < Math.max(c[i - 1], o[i - 1]) &&
      o[i] > Math.min(c[i - 1], o[i - 1]) &&
      c[i] < Math.max(c[i - 2], o[i - 2]) &&
      c[i] > Math.min(c[i - 2], o[i - 2]) &&
      ((first === 1 && bodyGapUp(v, i - 1, i - 2)) || (first === -1 && bodyGapDown(v, i - 1, i - 2)))
      ? first * 100
      : 0;
  },
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = X_SIDE_GAP_THREE_METHODS.at(v, i, penetration);
  },
};

/** Tasuki gap: a gap, then a candle of the other colour partly closing it. ±100 by the gap's direction. */
export const cdlTasukiGap = patternFunction(TASUKI_GAP);
/** Side-by-side white lines after a gap: two similar white candles. 100 after a gap up, −100 after a gap down. */
export const cdlGapSideSideWhite = patternFunction(GAP_SIDE_SIDE_WHITE);
/** Upside/downside gap three methods: a gap filled by a candle of the other colour. ±100 by the gap's direction. */
export const cdlXSideGap3Methods = patternFunction(X_SIDE_GAP_THREE_METHODS);
