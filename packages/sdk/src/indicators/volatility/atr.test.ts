import fc from 'fast-check';
import { ATR as ReferenceATR, TR as ReferenceTR, WSMA as ReferenceWSMA } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import type { BarInput } from '../streaming.js';
import { expectCloseTo } from '../testing/compare.js';
import { barSeries, testIndicatorContract } from '../testing/contract.js';
import { loadReferenceBarSeries } from '../testing/reference-data.js';
import { ATR, atr } from './atr.js';

type Bar = Required<Pick<BarInput, 'high' | 'low' | 'close'>>;

function columns(bars: readonly Bar[]) {
  return {
    high: bars.map((b) => b.high),
    low: bars.map((b) => b.low),
    close: bars.map((b) => b.close),
  };
}

/** TA-Lib's ATR from trading-signals parts: its TR from bar 1 on, smoothed by its Wilder average. */
function taLibAtrFromReferenceParts(bars: readonly Bar[], period: number): number[] {
  const trueRange = new ReferenceTR();
  const smoother = new ReferenceWSMA(period);
  return bars.map((bar, i) => {
    const range = trueRange.add(bar) as number;
    if (i === 0) return Number.NaN;
    const value = smoother.add(range);
    return value === null ? Number.NaN : value;
  });
}

/** trading-signals' own ATR: high − low as the first TR (as TradingView), first value at n − 1. */
function plainReferenceAtr(bars: readonly Bar[], period: number): number[] {
  const reference = new ReferenceATR(period);
  return bars.map((bar) => reference.add(bar) ?? Number.NaN);
}

const realBars = loadReferenceBarSeries();

describe('atr', () => {
  it('skips the first bar, seeds with the mean TR of bars 1..n, then smooths as Wilder', () => {
    // TR: bar 1 max(2, 2, 0) = 2; bar 2 max(2.5, 3, 0.5) = 3; bar 3 max(3.5, 0.5, 3) = 3.5;
    // bar 4 max(0.2, 0.5, 0.3) = 0.5. n = 2: (2 + 3)/2 = 2.5, (2.5 + 3.5)/2 = 3, (3 + 0.5)/2 = 1.75.
    const high = [10, 11, 13, 12.5, 10];
    const low = [8, 9, 10.5, 9, 9.8];
    const close = [9, 10, 12, 9.5, 9.9];
    expect(Array.from(atr(high, low, close, 2))).toEqual([Number.NaN, Number.NaN, 2.5, 3, 1.75]);
  });

  it("matches TA-Lib's convention built from trading-signals' TR and Wilder average", () => {
    for (const [name, bars] of realBars) {
      const { high, low, close } = columns(bars);
      for (const period of [1, 5, 14, 30]) {
        expectCloseTo(
          atr(high, low, close, period),
          taLibAtrFromReferenceParts(bars, period),
          1e-9,
          `${name} atr(${period})`,
        );
      }
    }
    fc.assert(
      fc.property(barSeries(150), fc.integer({ min: 1, max: 20 }), (bars, period) => {
        if (bars.length <= period) return;
        const { high, low, close } = columns(bars);
        expectCloseTo(
          atr(high, low, close, period),
          taLibAtrFromReferenceParts(bars, period),
          1e-9,
          'random',
        );
      }),
    );
  });

  it("matches trading-signals' ATR (high − low first TR) once the different seed has decayed below 1e-10", () => {
    const period = 14;
    const offset = period + Math.ceil(Math.log(1e-10) / Math.log(1 - 1 / period));
    let compared = 0;
    for (const [name, bars] of realBars) {
      if (bars.length <= offset + 100) continue;
      const { high, low, close } = columns(bars);
      expectCloseTo(atr(high, low, close, period), plainReferenceAtr(bars, period), 1e-9, name, {
        from: offset,
      });
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('forgets its seed by a factor 1e-6 after ceil(ln 1e-6 / ln(1 − 1/n)) = 187 bars for n = 14 (docs)', () => {
    // Against trading-signals' seed: from the same TRs on, the gap shrinks by (1 − 1/n) a bar.
    const period = 14;
    const bars = Math.ceil(Math.log(1e-6) / Math.log(1 - 1 / period));
    expect(bars).toBe(187);
    for (const [name, series] of realBars) {
      if (series.length <= period + bars) continue;
      const { high, low, close } = columns(series);
      const ours = atr(high, low, close, period);
      const otherSeed = plainReferenceAtr(series, period);
      const initialGap = Math.abs((ours[period] as number) - (otherSeed[period] as number));
      const gap = Math.abs((ours[period + bars] as number) - (otherSeed[period + bars] as number));
      expect(gap, name).toBeLessThanOrEqual(1e-6 * initialGap + 1e-12 * (ours[period + bars] as number));
      expect(initialGap, name).toBeGreaterThan(0);
    }
  });

  it('refuses mismatched lengths, high below low, non-finite values and bad periods, naming them', () => {
    expect(() => atr([2, 3], [1], [1.5, 2])).toThrow(/`low`: has length 1 but `high` has length 2/);
    expect(() => atr([2, 1], [1, 2], [1.5, 1.5])).toThrow(/`high` at index 1.*below `low`/);
    expect(() => atr([2, 3], [1, 2], [1.5, Number.NaN])).toThrow(/`close` at index 1/);
    expect(() => atr([2, 3], [1, 2], [1.5, 2.5], 0)).toThrow(/`period`.*at least 1/);
    expect(() => atr([2, 3], [1, 2], [1.5, 2.5], 1.5)).toThrow(/`period`.*integer/);
    expect(() => new ATR().update({ high: 1, low: 1, close: Number.NaN })).toThrow(/`bar.close`/);
  });

  it('is non-negative with no NaN from index n on valid bars (property)', () => {
    fc.assert(
      fc.property(barSeries(), fc.integer({ min: 1, max: 20 }), (bars, period) => {
        const { high, low, close } = columns(bars);
        const out = atr(high, low, close, period);
        for (let i = 0; i < bars.length; i++) {
          if (i < period) expect(out[i]).toBeNaN();
          else expect(out[i]).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});

describe('atr options.out', () => {
  it('refuses an `out` that shares memory with an input', () => {
    const buffer = new Float64Array(60).fill(1);
    const high = buffer.subarray(0, 20);
    const low = new Float64Array(20).fill(0.5);
    const close = new Float64Array(20).fill(0.75);
    expect(() => atr(high, low, close, 5, { out: high })).toThrow(/`out`: shares memory with `high`/);
    expect(() => atr(high, low, close, 5, { out: buffer.subarray(10, 30) })).toThrow(
      /`out`: shares memory with `high`/,
    );
    expect(() => atr(high, low, close, 5, { out: new Float64Array(19) })).toThrow(/Invalid argument `out/);
  });
});

describe('ATR (streaming)', () => {
  testIndicatorContract<BarInput, number>({
    create: () => new ATR(5),
    restore: (state) => ATR.fromJSON(state),
    batch: (bars) => {
      const { high, low, close } = columns(bars as Bar[]);
      return [atr(high, low, close, 5)];
    },
    batchInto: (bars, [out]) => {
      const { high, low, close } = columns(bars as Bar[]);
      return [atr(high, low, close, 5, { out })];
    },
    toVector: (value) => [value],
    inputs: barSeries(),
    invalidInput: { high: 1, low: 2, close: 1.5 },
    firstStableIndex: 5,
  });
});

describe("atr({ convention: 'tradingview' })", () => {
  it("equals trading-signals' ATR (high − low as the first true range) from index n − 1", () => {
    for (const [name, bars] of realBars) {
      const { high, low, close } = columns(bars);
      for (const period of [1, 5, 14]) {
        expectCloseTo(
          atr(high, low, close, period, { convention: 'tradingview' }),
          plainReferenceAtr(bars, period),
          1e-9,
          `${name} atr(${period})`,
        );
      }
    }
  });
});

describe("ATR (streaming, convention 'tradingview')", () => {
  testIndicatorContract<BarInput, number>({
    create: () => new ATR(3, { convention: 'tradingview' }),
    restore: (state) => ATR.fromJSON(state),
    batch: (bars) => {
      const { high, low, close } = columns(bars as Bar[]);
      return [atr(high, low, close, 3, { convention: 'tradingview' })];
    },
    batchInto: (bars, [out]) => {
      const { high, low, close } = columns(bars as Bar[]);
      return [atr(high, low, close, 3, { convention: 'tradingview', out })];
    },
    toVector: (value) => [value],
    inputs: barSeries(),
    invalidInput: { high: 1, low: 2, close: 1.5 },
    firstStableIndex: 2,
  });
});
