// Doji family: one candle whose body is at most a tenth of the average range (TA-Lib's BodyDoji).
import { body, highLowRange, lowerShadow, upperShadow } from './candle-shape.js';
import { type CandlePatternDefinition, maxPeriod, patternFunction } from './pattern.js';

export const DOJI: CandlePatternDefinition = {
  name: 'cdlDoji',
  talib: 'CDLDOJI',
  title: 'Doji',
  settings: ['bodyDoji'],
  lookback: (s) => s.bodyDoji.period,
  at: (v, i) => (body(v, i) <= v.avg.bodyDoji[i] ? 100 : 0),
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = DOJI.at(v, i, penetration);
  },
};

export const DRAGONFLY_DOJI: CandlePatternDefinition = {
  name: 'cdlDragonflyDoji',
  talib: 'CDLDRAGONFLYDOJI',
  title: 'Dragonfly Doji',
  settings: ['bodyDoji', 'shadowVeryShort'],
  lookback: (s) => maxPeriod(s, 'bodyDoji', 'shadowVeryShort'),
  at: (v, i) =>
    body(v, i) <= v.avg.bodyDoji[i] &&
    upperShadow(v, i) < v.avg.shadowVeryShort[i] &&
    lowerShadow(v, i) > v.avg.shadowVeryShort[i]
      ? 100
      : 0,
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = DRAGONFLY_DOJI.at(v, i, penetration);
  },
};

export const GRAVESTONE_DOJI: CandlePatternDefinition = {
  name: 'cdlGravestoneDoji',
  talib: 'CDLGRAVESTONEDOJI',
  title: 'Gravestone Doji',
  settings: ['bodyDoji', 'shadowVeryShort'],
  lookback: (s) => maxPeriod(s, 'bodyDoji', 'shadowVeryShort'),
  at: (v, i) =>
    body(v, i) <= v.avg.bodyDoji[i] &&
    lowerShadow(v, i) < v.avg.shadowVeryShort[i] &&
    upperShadow(v, i) > v.avg.shadowVeryShort[i]
      ? 100
      : 0,
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = GRAVESTONE_DOJI.at(v, i, penetration);
  },
};

export const LONG_LEGGED_DOJI: CandlePatternDefinition = {
  name: 'cdlLongLeggedDoji',
  talib: 'CDLLONGLEGGEDDOJI',
  title: 'Long Legged Doji',
  settings: ['bodyDoji', 'shadowLong'],
  lookback: (s) => maxPeriod(s, 'bodyDoji', 'shadowLong'),
  at: (v, i) =>
    body(v, i) <= v.avg.bodyDoji[i] &&
    (lowerShadow(v, i) > v.avg.shadowLong[i] || upperShadow(v, i) > v.avg.shadowLong[i])
      ? 100
      : 0,
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = LONG_LEGGED_DOJI.at(v, i, penetration);
  },
};

export const RICKSHAW_MAN: CandlePatternDefinition = {
  name: 'cdlRickshawMan',
  talib: 'CDLRICKSHAWMAN',
  title: 'Rickshaw Man',
  settings: ['bodyDoji', 'shadowLong', 'near'],
  lookback: (s) => maxPeriod(s, 'bodyDoji', 'shadowLong', 'near'),
  at: (v, i) => {
    if (
      !(body(v, i) <= v.avg.bodyDoji[i]) ||
      !(lowerShadow(v, i) > v.avg.shadowLong[i]) ||
      !(upperShadow(v, i) > v.avg.shadowLong[i])
    ) {
      return 0;
    }
    // The body sits near the middle of the range.
    const middle = v.low[i] + highLowRange(v, i) / 2;
    const near = v.avg.near[i];
    const bottom = Math.min(v.open[i], v.close[i]);
    const top = Math.max(v.open[i], v.close[i]);
    return bottom <= middle + near && top >= middle - near ? 100 : 0;
  },
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = RICKSHAW_MAN.at(v, i, penetration);
  },
};

export const TAKURI: CandlePatternDefinition = {
  name: 'cdlTakuri',
  talib: 'CDLTAKURI',
  title: 'Takuri (Dragonfly Doji with very long lower shadow)',
  settings: ['bodyDoji', 'shadowVeryShort', 'shadowVeryLong'],
  lookback: (s) => maxPeriod(s, 'bodyDoji', 'shadowVeryShort', 'shadowVeryLong'),
  at: (v, i) =>
    body(v, i) <= v.avg.bodyDoji[i] &&
    upperShadow(v, i) < v.avg.shadowVeryShort[i] &&
    lowerShadow(v, i) > v.avg.shadowVeryLong[i]
      ? 100
      : 0,
  scan(v, from, out, penetration) {
    for (let i = from; i < out.length; i++) out[i] = TAKURI.at(v, i, penetration);
  },
};

/** Doji: body ≤ 10 % of the average high–low range of the previous 10 candles. Always 100. */
export const cdlDoji = patternFunction(DOJI);
/** Dragonfly doji: a doji with a very short upper shadow and a longer lower one. Always 100. */
export const cdlDragonflyDoji = patternFunction(DRAGONFLY_DOJI);
/** Gravestone doji: a doji with a very short lower shadow and a longer upper one. Always 100. */
export const cdlGravestoneDoji = patternFunction(GRAVESTONE_DOJI);
/** Long-legged doji: a doji with one shadow longer than the body. Always 100. */
export const cdlLongLeggedDoji = patternFunction(LONG_LEGGED_DOJI);
/** Rickshaw man: a long-legged doji (both shadows long) whose body is near the middle of the range. Always 100. */
export const cdlRickshawMan = patternFunction(RICKSHAW_MAN);
/** Takuri: a doji with a very short upper shadow and a lower shadow over twice the body. Always 100. */
export const cdlTakuri = patternFunction(TAKURI);
