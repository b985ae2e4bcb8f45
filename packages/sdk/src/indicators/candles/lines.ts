// Two-candle line patterns: how far the second candle closes into the first (piercing … separating lines).
import { body, color, lowerShadow, upperShadow } from './candle-shape.js';
import { type CandlePatternDefinition, maxPeriod, patternFunction } from './pattern.js';

export const PIERCING: CandlePatternDefinition = {
  name: 'cdlPiercing',
  talib: 'CDLPIERCING',
  title: 'Piercing Pattern',
  settings: ['bodyLong'],
  lookback: (s) => s.bodyLong.period + 1,
  at: (v, i) =>
    v.open[i] < v.low[i - 1] &&
    color(v, i - 1) === -1 &&
    body(v, i - 1) > v.avg.bodyLong[i - 1] &&
    color(v, i) === 1 &&
    body(v, i) > v.avg.bodyLong[i] &&
    v.close[i] < v.open[i - 1] &&
    v.close[i] > v.close[i - 1] + body(v, i - 1) * 0.5
      ? 100
      : 0,
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = PIERCING.at(v, i, penetration);
  },
};

export const DARK_CLOUD_COVER: CandlePatternDefinition = {
  name: 'cdlDarkCloudCover',
  talib: 'CDLDARKCLOUDCOVER',
  title: 'Dark Cloud Cover',
  settings: ['bodyLong'],
  penetration: 0.5,
  lookback: (s) => s.bodyLong.period + 1,
  at: (v, i, penetration) =>
    v.open[i] > v.high[i - 1] &&
    color(v, i - 1) === 1 &&
    body(v, i - 1) > v.avg.bodyLong[i - 1] &&
    color(v, i) === -1 &&
    v.close[i] > v.open[i - 1] &&
    v.close[i] < v.close[i - 1] - body(v, i - 1) * penetration
      ? -100
      : 0,
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = DARK_CLOUD_COVER.at(v, i, penetration);
  },
};

export const ON_NECK: CandlePatternDefinition = {
  name: 'cdlOnNeck',
  talib: 'CDLONNECK',
  title: 'On-Neck Pattern',
  settings: ['bodyLong', 'equal'],
  lookback: (s) => maxPeriod(s, 'equal', 'bodyLong') + 1,
  at: (v, i) =>
    v.open[i] < v.low[i - 1] &&
    color(v, i - 1) === -1 &&
    body(v, i - 1) > v.avg.bodyLong[i - 1] &&
    color(v, i) === 1 &&
    v.close[i] <= v.low[i - 1] + v.avg.equal[i - 1] &&
    v.close[i] >= v.low[i - 1] - v.avg.equal[i - 1]
      ? -100
      : 0,
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = ON_NECK.at(v, i, penetration);
  },
};

export const IN_NECK: CandlePatternDefinition = {
  name: 'cdlInNeck',
  talib: 'CDLINNECK',
  title: 'In-Neck Pattern',
  settings: ['bodyLong', 'equal'],
  lookback: (s) => maxPeriod(s, 'equal', 'bodyLong') + 1,
  at: (v, i) =>
    v.open[i] < v.low[i - 1] &&
    color(v, i - 1) === -1 &&
    body(v, i - 1) > v.avg.bodyLong[i - 1] &&
    color(v, i) === 1 &&
    v.close[i] <= v.close[i - 1] + v.avg.equal[i - 1] &&
    v.close[i] >= v.close[i - 1]
      ? -100
      : 0,
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = IN_NECK.at(v, i, penetration);
  },
};

export const THRUSTING: CandlePatternDefinition = {
  name: 'cdlThrusting',
  talib: 'CDLTHRUSTING',
  title: 'Thrusting Pattern',
  settings: ['bodyLong', 'equal'],
  lookback: (s) => maxPeriod(s, 'equal', 'bodyLong') + 1,
  at: (v, i) =>
    v.open[i] < v.low[i - 1] &&
    color(v, i - 1) === -1 &&
    body(v, i - 1) > v.avg.bodyLong[i - 1] &&
    color(v, i) === 1 &&
    v.close[i] > v.close[i - 1] + v.avg.equal[i - 1] &&
    v.close[i] <= v.close[i - 1] + body(v, i - 1) * 0.5
      ? -100
      : 0,
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = THRUSTING.at(v, i, penetration);
  },
};

export const SEPARATING_LINES: CandlePatternDefinition = {
  name: 'cdlSeparatingLines',
  talib: 'CDLSEPARATINGLINES',
  title: 'Separating Lines',
  settings: ['bodyLong', 'shadowVeryShort', 'equal'],
  lookback: (s) => maxPeriod(s, 'shadowVeryShort', 'bodyLong', 'equal') + 1,
  at: (v, i) => {
    const second = color(v, i);
    if (
      !(v.open[i] <= v.open[i - 1] + v.avg.equal[i - 1]) ||
      !(v.open[i] >= v.open[i - 1] - v.avg.equal[i - 1]) ||
      color(v, i - 1) !== -second ||
      !(body(v, i) > v.avg.bodyLong[i])
    ) {
      return 0;
    }
    // The second candle is a belt hold: no shadow at its opening end.
    const openingShadow = second === 1 ? lowerShadow(v, i) : upperShadow(v, i);
    return openingShadow < v.avg.shadowVeryShort[i] ? second * 100 : 0;
  },
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = SEPARATING_LINES.at(v, i, penetration);
  },
};

/** Piercing: a long white candle opening below the prior low and closing above the prior body's middle. 100. */
export const cdlPiercing = patternFunction(PIERCING);
/** Dark cloud cover: a black candle opening above the prior high, closing deep into the prior white body. −100. */
export const cdlDarkCloudCover = patternFunction(DARK_CLOUD_COVER);
/** On-neck: a white candle opening lower and closing at the prior low. Always −100. */
export const cdlOnNeck = patternFunction(ON_NECK);
/** In-neck: a white candle opening lower and closing just into the prior black body. Always −100. */
export const cdlInNeck = patternFunction(IN_NECK);
/** Thrusting: a white candle closing into, but below the middle of, the prior black body. Always −100. */
export const cdlThrusting = patternFunction(THRUSTING);
/** Separating lines: opposite candles opening at the same price, the second a belt hold. ±100 by its colour. */
export const cdlSeparatingLines = patternFunction(SEPARATING_LINES);
