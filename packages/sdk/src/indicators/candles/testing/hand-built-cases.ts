// Test kit: hand-built candles that must (hit) and must not (miss) trigger each pattern.
// Every case is preceded by CONTEXT, twelve identical candles (body 1, range 2, shadows 0.5 each),
// so TA-Lib's default settings mean: long body > ~1, short body < ~1, doji body ≤ ~0.2,
// very short shadow < ~0.2, short shadow < ~0.5, near ~0.4, far ~1.2, equal ~0.1
// (the pattern's own candles shift these averages a little; the cases leave room for that).
// `miss` changes the hit in one respect, named in `why`.

/** A candle as [open, high, low, close]. */
export type Candle = readonly [number, number, number, number];

export interface PatternCase {
  pattern: string;
  hit: readonly Candle[];
  expected: number;
  miss: readonly Candle[];
  why: string;
}

export const CONTEXT: readonly Candle[] = Array.from({ length: 12 }, () => [100, 101.5, 99.5, 101] as const);

const LONG_WHITE: Candle = [100, 104.1, 99.9, 104];
const LONG_BLACK: Candle = [104, 104.1, 99.9, 100];
const PRIOR: Candle = [100, 101.5, 99.5, 101];

export const PATTERN_CASES: readonly PatternCase[] = [
  {
    pattern: 'cdlDoji',
    hit: [[100, 101, 99, 100.05]],
    expected: 100,
    miss: [[100, 101, 99, 100.5]],
    why: 'body 0.5 is no doji',
  },
  {
    pattern: 'cdlDragonflyDoji',
    hit: [[100, 100.05, 98, 100]],
    expected: 100,
    miss: [[100, 101, 98, 100]],
    why: 'upper shadow too long',
  },
  {
    pattern: 'cdlGravestoneDoji',
    hit: [[100, 102, 99.95, 100]],
    expected: 100,
    miss: [[100, 102, 99, 100]],
    why: 'lower shadow too long',
  },
  {
    pattern: 'cdlLongLeggedDoji',
    hit: [[100, 101, 99, 100.05]],
    expected: 100,
    miss: [[100, 100.05, 100, 100.05]],
    why: 'no shadow longer than the body',
  },
  {
    pattern: 'cdlRickshawMan',
    hit: [[100, 101, 99, 100.05]],
    expected: 100,
    miss: [[100, 103, 99.9, 100.05]],
    why: 'body far below the middle of the range',
  },
  {
    pattern: 'cdlTakuri',
    hit: [[100, 100.05, 97, 100]],
    expected: 100,
    miss: [[100, 101, 97, 100]],
    why: 'upper shadow',
  },
  {
    pattern: 'cdlSpinningTop',
    hit: [[100, 101.5, 98.5, 100.5]],
    expected: 100,
    miss: [[100, 100.6, 98.5, 100.5]],
    why: 'upper shadow shorter than the body',
  },
  {
    pattern: 'cdlHighWave',
    hit: [[100, 102, 98, 100.3]],
    expected: 100,
    miss: [[100, 100.5, 98, 100.3]],
    why: 'upper shadow not very long',
  },
  {
    pattern: 'cdlLongLine',
    hit: [[102, 102.1, 99.9, 100]],
    expected: -100,
    miss: [[102, 103, 99.9, 100]],
    why: 'upper shadow not short',
  },
  {
    pattern: 'cdlShortLine',
    hit: [[100, 100.6, 99.8, 100.5]],
    expected: 100,
    miss: [[100, 100.6, 99, 100.5]],
    why: 'lower shadow not short',
  },
  {
    pattern: 'cdlMarubozu',
    hit: [[102, 102.05, 99.95, 100]],
    expected: -100,
    miss: [[102, 102.05, 99.5, 100]],
    why: 'lower shadow',
  },
  {
    pattern: 'cdlClosingMarubozu',
    hit: [[100, 102.05, 99, 102]],
    expected: 100,
    miss: [[100, 103, 99, 102]],
    why: 'shadow at the closing end',
  },
  {
    pattern: 'cdlBeltHold',
    hit: [[100, 103, 99.95, 102]],
    expected: 100,
    miss: [[100, 103, 99, 102]],
    why: 'shadow at the opening end',
  },
  {
    pattern: 'cdlHammer',
    hit: [PRIOR, [99.6, 99.85, 97.5, 99.8]],
    expected: 100,
    miss: [PRIOR, [101.6, 101.85, 99.5, 101.8]],
    why: 'body not near the prior low',
  },
  {
    pattern: 'cdlHangingMan',
    hit: [PRIOR, [101.6, 101.85, 99.5, 101.8]],
    expected: -100,
    miss: [PRIOR, [99.6, 99.85, 97.5, 99.8]],
    why: 'body not near the prior high',
  },
  {
    pattern: 'cdlInvertedHammer',
    hit: [PRIOR, [99.6, 101.8, 99.55, 99.8]],
    expected: 100,
    miss: [PRIOR, [100.2, 102.4, 100.15, 100.4]],
    why: 'no gap below the prior body',
  },
  {
    pattern: 'cdlShootingStar',
    hit: [PRIOR, [101.2, 103.4, 101.15, 101.4]],
    expected: -100,
    miss: [PRIOR, [100.8, 103, 100.75, 101]],
    why: 'no gap above the prior body',
  },
  {
    pattern: 'cdlEngulfing',
    hit: [
      [101, 101.2, 99.8, 100],
      [99.8, 101.5, 99.7, 101.3],
    ],
    expected: 100,
    miss: [
      [101, 101.2, 99.8, 100],
      [99.8, 101.5, 99.7, 100.9],
    ],
    why: 'closes inside the prior body',
  },
  {
    pattern: 'cdlHarami',
    hit: [LONG_WHITE, [102.5, 102.8, 101.8, 102]],
    expected: -100,
    miss: [LONG_WHITE, [104.5, 105, 103, 104.2]],
    why: 'second body not inside the first',
  },
  {
    pattern: 'cdlHaramiCross',
    hit: [LONG_WHITE, [102, 102.5, 101.5, 102.05]],
    expected: -100,
    miss: [LONG_WHITE, [102, 102.8, 101.5, 102.6]],
    why: 'second candle is no doji',
  },
  {
    pattern: 'cdlDojiStar',
    hit: [LONG_WHITE, [104.5, 105, 104.2, 104.55]],
    expected: -100,
    miss: [LONG_WHITE, [103.9, 104.5, 103.5, 103.95]],
    why: 'doji does not gap up',
  },
  {
    pattern: 'cdlHomingPigeon',
    hit: [LONG_BLACK, [102.5, 102.7, 101.4, 101.5]],
    expected: 100,
    miss: [LONG_BLACK, [101.5, 102.7, 101.4, 102.5]],
    why: 'second candle white',
  },
  {
    pattern: 'cdlMatchingLow',
    hit: [
      [102, 102.2, 99.9, 100],
      [101, 101.1, 99.95, 100.02],
    ],
    expected: 100,
    miss: [
      [102, 102.2, 99.9, 100],
      [101, 101.1, 99.95, 100.3],
    ],
    why: 'closes not equal',
  },
  {
    pattern: 'cdlCounterattack',
    hit: [LONG_BLACK, [97, 100.1, 96.9, 100.03]],
    expected: 100,
    miss: [LONG_BLACK, [97, 100.6, 96.9, 100.5]],
    why: 'closes not equal',
  },
  {
    pattern: 'cdlKicking',
    hit: [
      [104, 104.05, 99.95, 100],
      [104.5, 108.55, 104.45, 108.5],
    ],
    expected: 100,
    miss: [
      [104, 104.05, 99.95, 100],
      [103.5, 107.55, 103.45, 107.5],
    ],
    why: 'no gap between the marubozu',
  },
  {
    pattern: 'cdlKickingByLength',
    hit: [
      [104, 104.05, 99.95, 100],
      [104.5, 107.55, 104.45, 107.5],
    ],
    expected: -100,
    miss: [
      [104, 104.05, 99.95, 100],
      [103.5, 107.55, 103.45, 107.5],
    ],
    why: 'no gap between the marubozu',
  },
  {
    pattern: 'cdlPiercing',
    hit: [LONG_BLACK, [99.5, 102.5, 99.4, 102.3]],
    expected: 100,
    miss: [LONG_BLACK, [99.5, 102, 99.4, 101.8]],
    why: 'closes below the middle of the black body',
  },
  {
    pattern: 'cdlDarkCloudCover',
    hit: [LONG_WHITE, [104.5, 104.6, 101.5, 101.7]],
    expected: -100,
    miss: [LONG_WHITE, [104.5, 104.6, 102.2, 102.3]],
    why: 'does not reach half-way into the white body',
  },
  {
    pattern: 'cdlOnNeck',
    hit: [LONG_BLACK, [99, 99.95, 98.9, 99.92]],
    expected: -100,
    miss: [LONG_BLACK, [99, 100.6, 98.9, 100.5]],
    why: 'closes above the prior low',
  },
  {
    pattern: 'cdlInNeck',
    hit: [LONG_BLACK, [99, 100.1, 98.9, 100.05]],
    expected: -100,
    miss: [LONG_BLACK, [99, 100, 98.9, 99.95]],
    why: 'closes below the prior close',
  },
  {
    pattern: 'cdlThrusting',
    hit: [LONG_BLACK, [99, 101.6, 98.9, 101.5]],
    expected: -100,
    miss: [LONG_BLACK, [99, 102.6, 98.9, 102.5]],
    why: 'closes above the middle of the black body',
  },
  {
    pattern: 'cdlSeparatingLines',
    hit: [
      [102, 102.1, 99.9, 100],
      [102.02, 104.6, 102, 104.5],
    ],
    expected: 100,
    miss: [
      [102, 102.1, 99.9, 100],
      [102.5, 104.6, 102.48, 104.5],
    ],
    why: 'opens not equal',
  },
  {
    pattern: 'cdlMorningStar',
    hit: [LONG_BLACK, [99.2, 99.5, 98.8, 99], [99.5, 103.1, 99.4, 103]],
    expected: 100,
    miss: [LONG_BLACK, [99.2, 99.5, 98.8, 99], [99.5, 101.1, 99.4, 101]],
    why: 'third candle does not reach 30 % into the first body',
  },
  {
    pattern: 'cdlEveningStar',
    hit: [LONG_WHITE, [104.8, 105.2, 104.5, 105], [104.5, 104.6, 101, 101.1]],
    expected: -100,
    miss: [LONG_WHITE, [104.8, 105.2, 104.5, 105], [104.5, 104.6, 102.9, 103]],
    why: 'third candle does not reach 30 % into the first body',
  },
  {
    pattern: 'cdlMorningDojiStar',
    hit: [LONG_BLACK, [99.2, 99.5, 98.8, 99.22], [99.5, 103.1, 99.4, 103]],
    expected: 100,
    miss: [LONG_BLACK, [99.5, 99.6, 98.8, 99], [99.5, 103.1, 99.4, 103]],
    why: 'middle candle is no doji',
  },
  {
    pattern: 'cdlEveningDojiStar',
    hit: [LONG_WHITE, [104.8, 105.2, 104.5, 104.82], [104.5, 104.6, 101, 101.1]],
    expected: -100,
    miss: [LONG_WHITE, [104.8, 105.4, 104.5, 105.3], [104.5, 104.6, 101, 101.1]],
    why: 'middle candle is no doji',
  },
  {
    pattern: 'cdlAbandonedBaby',
    hit: [LONG_BLACK, [99, 99.3, 98.8, 99.02], [99.6, 102.5, 99.5, 102.4]],
    expected: 100,
    miss: [LONG_BLACK, [99, 99.3, 98.8, 99.02], [99.6, 102.5, 99.2, 102.4]],
    why: 'third candle overlaps the doji',
  },
  {
    pattern: 'cdlTriStar',
    hit: [
      [100, 100.5, 99.5, 100.02],
      [101, 101.5, 100.5, 101.02],
      [100.5, 101, 100, 100.52],
    ],
    expected: -100,
    miss: [
      [100, 100.5, 99.5, 100.02],
      [101, 101.5, 100.5, 101.02],
      [100.5, 101.2, 100, 101],
    ],
    why: 'third candle is no doji',
  },
  {
    pattern: 'cdl2Crows',
    hit: [LONG_WHITE, [105.5, 105.8, 104.8, 105], [105.2, 105.3, 101.8, 102]],
    expected: -100,
    miss: [LONG_WHITE, [105.5, 105.8, 104.8, 105], [105.2, 105.3, 99.4, 99.5]],
    why: 'third candle closes below the first body',
  },
  {
    pattern: 'cdlUpsideGap2Crows',
    hit: [LONG_WHITE, [105.5, 105.7, 104.9, 105.1], [105.8, 105.9, 104.3, 104.5]],
    expected: -100,
    miss: [LONG_WHITE, [105.5, 105.7, 104.9, 105.1], [105.8, 105.9, 103.4, 103.5]],
    why: 'third candle closes inside the first body',
  },
  {
    pattern: 'cdl3BlackCrows',
    hit: [
      [100, 106.2, 99.9, 106],
      [105.8, 105.9, 104, 104.05],
      [104.8, 104.9, 102.45, 102.5],
      [103.5, 103.6, 100.95, 101],
    ],
    expected: -100,
    miss: [
      [100, 106.2, 99.9, 106],
      [105.8, 105.9, 104, 104.05],
      [104.8, 104.9, 102.45, 102.5],
      [102.3, 102.4, 100.95, 101],
    ],
    why: 'third crow opens below the second body',
  },
  {
    pattern: 'cdlIdentical3Crows',
    hit: [
      [106, 106.1, 103.97, 104],
      [104.02, 104.1, 101.97, 102],
      [102.01, 102.1, 99.97, 100],
    ],
    expected: -100,
    miss: [
      [106, 106.1, 103.97, 104],
      [104.02, 104.1, 101.97, 102],
      [102.5, 102.6, 99.97, 100],
    ],
    why: 'third crow does not open at the prior close',
  },
  {
    pattern: 'cdl3WhiteSoldiers',
    hit: [
      [100, 102.05, 99.9, 102],
      [101.5, 103.55, 101.4, 103.5],
      [103, 105.05, 102.9, 105],
    ],
    expected: 100,
    miss: [
      [100, 102.05, 99.9, 102],
      [101.5, 103.55, 101.4, 103.5],
      [104.5, 105.55, 104.4, 105.5],
    ],
    why: 'third soldier opens far above the prior close',
  },
  {
    pattern: 'cdlAdvanceBlock',
    hit: [
      [100, 104.2, 99.9, 104],
      [103.8, 106.5, 103.7, 106],
      [105.8, 107.5, 105.7, 106.9],
    ],
    expected: -100,
    miss: [
      [100, 104.2, 99.9, 104],
      [103.8, 108.05, 103.7, 108],
      [107.8, 112.25, 107.7, 112.2],
    ],
    why: 'bodies grow and shadows stay short: no weakening',
  },
  {
    pattern: 'cdlStalledPattern',
    hit: [
      [100, 104.05, 99.9, 104],
      [103.9, 108.05, 103.8, 108],
      [107.9, 108.6, 107.8, 108.3],
    ],
    expected: -100,
    miss: [
      [100, 104.05, 99.9, 104],
      [103.9, 108.05, 103.8, 108],
      [108.1, 111, 108, 110.5],
    ],
    why: 'third body is not short',
  },
  {
    pattern: 'cdl3Inside',
    hit: [LONG_BLACK, [101, 101.6, 100.8, 101.5], [101.5, 104.6, 101.4, 104.5]],
    expected: 100,
    miss: [LONG_BLACK, [101, 101.6, 100.8, 101.5], [101.5, 103.6, 101.4, 103.5]],
    why: 'third candle closes below the first open',
  },
  {
    pattern: 'cdl3Outside',
    hit: [
      [101, 101.2, 99.8, 100],
      [99.8, 101.5, 99.7, 101.3],
      [101.3, 102.2, 101.2, 102],
    ],
    expected: 100,
    miss: [
      [101, 101.2, 99.8, 100],
      [99.8, 101.5, 99.7, 101.3],
      [101.3, 101.5, 100.9, 101],
    ],
    why: 'third candle closes lower',
  },
  {
    pattern: 'cdl3LineStrike',
    hit: [
      [100, 101.1, 99.9, 101],
      [100.8, 102.1, 100.7, 102],
      [101.8, 103.1, 101.7, 103],
      [103.5, 103.6, 99.4, 99.5],
    ],
    expected: 100,
    miss: [
      [100, 101.1, 99.9, 101],
      [100.8, 102.1, 100.7, 102],
      [101.8, 103.1, 101.7, 103],
      [103.5, 103.6, 100.4, 100.5],
    ],
    why: 'strike closes above the first open',
  },
  {
    pattern: 'cdl3StarsInSouth',
    hit: [
      [102.5, 102.6, 97, 100],
      [101, 101.2, 98, 99],
      [99.5, 99.52, 98.98, 99],
    ],
    expected: 100,
    miss: [
      [102.5, 102.6, 97, 100],
      [101, 101.2, 98, 99],
      [99.5, 99.52, 97.9, 99],
    ],
    why: 'third candle has a lower shadow below the second low',
  },
  {
    pattern: 'cdlUnique3River',
    hit: [LONG_BLACK, [101, 101.1, 98, 100.5], [98.5, 99.1, 98.4, 99]],
    expected: 100,
    miss: [LONG_BLACK, [101, 101.1, 98, 100.5], [97.9, 98.5, 97.8, 98.4]],
    why: 'third candle opens below the second low',
  },
  {
    pattern: 'cdlStickSandwich',
    hit: [
      [102, 102.1, 99.9, 100],
      [100.5, 102.6, 100.4, 102.5],
      [103, 103.1, 99.95, 100.02],
    ],
    expected: 100,
    miss: [
      [102, 102.1, 99.9, 100],
      [100.5, 102.6, 100.4, 102.5],
      [103, 103.1, 100.4, 100.5],
    ],
    why: 'closes not equal',
  },
  {
    pattern: 'cdlTasukiGap',
    hit: [
      [100, 101.1, 99.9, 101],
      [101.5, 102.6, 101.4, 102.5],
      [102.2, 102.3, 101.15, 101.2],
    ],
    expected: 100,
    miss: [
      [100, 101.1, 99.9, 101],
      [101.5, 102.6, 101.4, 102.5],
      [102.2, 102.3, 100.7, 100.8],
    ],
    why: 'third candle closes the gap',
  },
  {
    pattern: 'cdlGapSideSideWhite',
    hit: [
      [100, 101.1, 99.9, 101],
      [102, 103.1, 101.9, 103],
      [102.02, 103.1, 101.95, 103.05],
    ],
    expected: 100,
    miss: [
      [100, 101.1, 99.9, 101],
      [102, 103.1, 101.9, 103],
      [102.5, 103.6, 102.4, 103.5],
    ],
    why: 'opens not equal',
  },
  {
    pattern: 'cdlXSideGap3Methods',
    hit: [
      [100, 101.1, 99.9, 101],
      [101.5, 102.6, 101.4, 102.5],
      [102, 102.1, 100.4, 100.5],
    ],
    expected: 100,
    miss: [
      [100, 101.1, 99.9, 101],
      [101.5, 102.6, 101.4, 102.5],
      [102, 102.1, 99.4, 99.5],
    ],
    why: 'third candle closes below the first body',
  },
  {
    pattern: 'cdlBreakaway',
    hit: [
      LONG_BLACK,
      [99.5, 99.6, 98.4, 98.5],
      [98.6, 98.7, 97.4, 97.5],
      [97.6, 97.65, 96.4, 96.5],
      [96.6, 99.8, 96.5, 99.7],
    ],
    expected: 100,
    miss: [
      LONG_BLACK,
      [99.5, 99.6, 98.4, 98.5],
      [98.6, 98.7, 97.4, 97.5],
      [97.6, 97.65, 96.4, 96.5],
      [96.6, 100.6, 96.5, 100.5],
    ],
    why: 'last candle closes above the gap',
  },
  {
    pattern: 'cdlConcealBabySwallow',
    hit: [
      [104, 104.02, 101.98, 102],
      [102.5, 102.52, 100.48, 100.5],
      [99.5, 100.8, 99, 99.2],
      [101, 101.2, 98, 98.5],
    ],
    expected: 100,
    miss: [
      [104, 104.02, 101.98, 102],
      [102.5, 102.52, 100.48, 100.5],
      [99.5, 100.8, 99, 99.2],
      [100.4, 100.5, 98, 98.5],
    ],
    why: 'last candle does not engulf the third high',
  },
  {
    pattern: 'cdlLadderBottom',
    hit: [
      [106, 106.1, 103.9, 104],
      [105, 105.1, 102.9, 103],
      [104, 104.1, 101.9, 102],
      [102.5, 103.5, 100.9, 101],
      [103, 104.5, 102.9, 104],
    ],
    expected: 100,
    miss: [
      [106, 106.1, 103.9, 104],
      [105, 105.1, 102.9, 103],
      [104, 104.1, 101.9, 102],
      [102.5, 103.5, 100.9, 101],
      [103, 103.3, 102.9, 103.2],
    ],
    why: 'last candle closes below the fourth high',
  },
  {
    pattern: 'cdlMatHold',
    hit: [
      LONG_WHITE,
      [105, 105.2, 104.5, 104.6],
      [104.5, 104.6, 103.7, 103.8],
      [103.9, 104, 103.2, 103.3],
      [103.6, 106.6, 103.5, 106.5],
    ],
    expected: 100,
    miss: [
      LONG_WHITE,
      [105, 105.2, 104.5, 104.6],
      [104.5, 104.6, 103.7, 103.8],
      [103.9, 104, 103.2, 103.3],
      [103.6, 105.1, 103.5, 105],
    ],
    why: 'last candle closes below the highest high of the reaction',
  },
  {
    pattern: 'cdlRiseFall3Methods',
    hit: [
      LONG_WHITE,
      [103.5, 103.6, 102.9, 103],
      [103, 103.1, 102.4, 102.5],
      [102.5, 102.6, 101.9, 102],
      [102.2, 105.6, 102.1, 105.5],
    ],
    expected: 100,
    miss: [
      LONG_WHITE,
      [103.5, 103.6, 102.9, 103],
      [103, 103.1, 102.4, 102.5],
      [102.5, 102.6, 101.9, 102],
      [102.2, 103.9, 102.1, 103.8],
    ],
    why: 'last candle closes below the first close',
  },
  {
    pattern: 'cdlHikkake',
    hit: [
      [100, 102, 98, 101],
      [100.5, 101.5, 99, 100],
      [99.5, 101, 98.5, 99],
      [99.5, 102.5, 99.4, 102],
    ],
    expected: 200,
    miss: [
      [100, 102, 98, 101],
      [100.5, 101.5, 99, 100],
      [99.5, 101, 98.5, 99],
      [99.5, 101.2, 99.4, 101],
    ],
    why: 'no close above the inside bar: unconfirmed',
  },
  {
    pattern: 'cdlHikkakeMod',
    hit: [
      [100, 103, 97, 101],
      [100, 102, 98, 98.2],
      [99, 101.5, 98.5, 100],
      [99.5, 101, 98, 98.5],
    ],
    expected: 100,
    miss: [
      [100, 103, 97, 101],
      [100, 102, 98, 99.5],
      [99, 101.5, 98.5, 100],
      [99.5, 101, 98, 98.5],
    ],
    why: 'second candle does not close near its low',
  },
];
