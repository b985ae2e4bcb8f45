import { describe, expect, it } from 'vitest';
import { CANDLE_PATTERNS, detectCandlePatterns } from './registry.js';
import { msftCandles, type Ohlc, syntheticCandles, talibValues } from './testing/talib-reference.js';

// TA-Lib 0.4.0's C functions were run on these inputs; its outputs are committed beside the inputs
// (packages/sdk/test/reference/candles/README.md). Every pattern must give the same value at every index.
function expectSameAsTalib(candles: Ohlc, file: string, options: Parameters<typeof detectCandlePatterns>[4]) {
  const expected = talibValues(file, candles.close.length);
  expect(expected.size).toBe(61);
  const ours = detectCandlePatterns(candles.open, candles.high, candles.low, candles.close, options);
  for (const def of CANDLE_PATTERNS) {
    const reference = expected.get(def.talib);
    expect(reference, def.talib).toBeDefined();
    const actual = ours[def.name as `cdl${string}`] as Int32Array;
    const differences: string[] = [];
    reference?.forEach((value, i) => {
      if (actual[i] !== value) differences.push(`[${i}] ours ${actual[i]}, TA-Lib ${value}`);
    });
    expect(differences.slice(0, 5), `${def.name} vs ${def.talib}`).toEqual([]);
  }
}

describe('the 61 patterns against TA-Lib 0.4.0', () => {
  it('lists TA-Lib’s 61 CDL functions once each', () => {
    expect(CANDLE_PATTERNS).toHaveLength(61);
    expect(new Set(CANDLE_PATTERNS.map((def) => def.talib)).size).toBe(61);
    expect(new Set(CANDLE_PATTERNS.map((def) => def.name)).size).toBe(61);
  });

  it('equals TA-Lib on MSFT’s real daily candles', () => {
    expectSameAsTalib(msftCandles(), 'msft.talib.txt', {});
  });

  it('equals TA-Lib on 10 000 synthetic candles with default settings', () => {
    expectSameAsTalib(syntheticCandles(), 'synthetic.talib.txt', {});
  });

  it('equals TA-Lib with changed candle settings and penetration', () => {
    // The same changes were made in TA-Lib with TA_SetCandleSettings and optInPenetration = 0.1.
    expectSameAsTalib(syntheticCandles(), 'synthetic-custom.talib.txt', {
      penetration: 0.1,
      settings: {
        bodyDoji: { period: 5, factor: 0.2 },
        near: { period: 0, factor: 0.3 },
        bodyLong: { rangeType: 'highLow', period: 7, factor: 0.6 },
        shadowVeryShort: { rangeType: 'shadows', period: 3, factor: 0.2 },
        bodyShort: { period: 15, factor: 0.8 },
      },
    });
  });

  it('fires most patterns on the synthetic candles, so the comparison means something', () => {
    const candles = syntheticCandles();
    const found = detectCandlePatterns(candles.open, candles.high, candles.low, candles.close);
    const silent = Object.entries(found)
      .filter(([, values]) => values.every((v) => v === 0))
      .map(([name]) => name);
    // The rarest shapes (they need long exact set-ups) are covered by the hand-built cases.
    expect(silent.length).toBeLessThanOrEqual(5);
  });
});
