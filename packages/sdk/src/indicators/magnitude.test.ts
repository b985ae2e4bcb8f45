import { describe, expect, it } from 'vitest';
import { IndicatorOverflowError } from './magnitude.js';
import { SMA, sma } from './trend/sma.js';
import { BollingerBands, bollingerBands } from './volatility/bollinger-bands.js';
import { RollingStd, rollingStd } from './volatility/rolling-std.js';
import { MFI, mfi } from './volume/mfi.js';
import { VWAP, vwap } from './volume/vwap.js';

const alternating = Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? -1e300 : 1e300));

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('extreme magnitudes (issue 13 part 5)', () => {
  it('sma averages values near Number.MAX_VALUE without overflow, batch and streaming', () => {
    expect(Array.from(sma([1.7e308, 1.7e308], 2))).toEqual([Number.NaN, 1.7e308]);
    expect(Array.from(sma([-1.7e308, -1.7e308, 1.7e308], 2))).toEqual([Number.NaN, -1.7e308, 0]);
    const live = new SMA(2);
    live.update(1.7e308);
    expect(live.update(1.7e308)).toBe(1.7e308);
  });

  it('sma of ordinary values keeps the bits of the unscaled running sum', () => {
    const values = Array.from({ length: 500 }, (_, i) => 100 + Math.sin(i) * 7.3 + i / 3);
    const out = sma(values, 7);
    let sum = 0;
    for (let i = 0; i < values.length; i++) {
      sum += values[i] as number;
      if (i >= 7) sum -= values[i - 7] as number;
      if (i >= 6) expect(out[i]).toBe(sum / 7);
    }
  });

  it('rollingStd and bollingerBands of ±1e300 throw an IndicatorOverflowError naming the input', () => {
    for (const run of [() => rollingStd(alternating, 5), () => bollingerBands(alternating, { period: 5 })]) {
      const error = catchError(run);
      expect(error).toBeInstanceOf(IndicatorOverflowError);
      expect(error).toBeInstanceOf(RangeError);
      expect((error as IndicatorOverflowError).argument).toBe('values');
      expect((error as IndicatorOverflowError).index).toBe(0);
      expect((error as Error).message).toMatch(/`values` at index 0 = -1e\+300/);
    }
    const live = new RollingStd(5);
    live.update(1);
    expect(() => live.update(1e300)).toThrow(IndicatorOverflowError);
    expect(live.count).toBe(1);
    const bands = new BollingerBands({ period: 5 });
    expect(() => bands.update(-1e300)).toThrow(/`value` at index 0/);
    expect(bands.count).toBe(0);
  });

  it('rollingStd and bollingerBands stay exact just below their limit', () => {
    const big = 1e140;
    const out = rollingStd([big, -big, big, -big], 2);
    expect(out[1]).toBeCloseTo(Math.SQRT2 * big, -126);
    const bands = bollingerBands([big, -big], { period: 2, stdDev: 1 });
    expect(bands.middle[1]).toBe(0);
    expect(bands.upper[1]).toBe(big);
  });

  it('mfi with prices near 1e300 gives the finite MFI of the scaled flows', () => {
    const typical = [1e300, 2e300, 1.5e300, 1.8e300];
    const volume = [1e8, 2e8, 3e8, 4e8];
    const out = mfi(typical, typical, typical, volume, 3);
    // Flows: +2e300·2e8, −1.5e300·3e8, +1.8e300·4e8 → 100 · 11.2 / (11.2 + 4.5).
    expect(out[3]).toBeCloseTo((100 * 11.2) / 15.7, 12);
    const live = new MFI(3);
    typical.forEach((p, i) => {
      live.update({ high: p, low: p, close: p, volume: volume[i] as number });
    });
    expect(live.value).toBe(out[3]);
  });

  it('vwap with prices near 1e300 is finite and exact; a sum beyond any double throws', () => {
    const price = [1e300, 3e300];
    const volume = [1e9, 3e9];
    const out = vwap(price, price, price, volume);
    expect(out[1]).toBeCloseTo(2.5e300, -286);
    const huge = [1.7e308, 1.7e308];
    // (h + l + c) / 3 of equal prices rounds to within one unit in the last place of the price.
    for (const value of vwap(huge, huge, huge, [1e6, 1e6]))
      expect(Math.abs(value / 1.7e308 - 1)).toBeLessThan(1e-15);
    const error = catchError(() => vwap(huge, huge, huge, [1e300, 1e300]));
    expect(error).toBeInstanceOf(IndicatorOverflowError);
    expect((error as Error).message).toMatch(/`volume` at index 0/);
    const live = new VWAP();
    live.update({ high: 1, low: 1, close: 1, volume: 1 });
    expect(() => live.update({ high: 1.7e308, low: 1.7e308, close: 1.7e308, volume: 1e300 })).toThrow(
      IndicatorOverflowError,
    );
    expect(live.count).toBe(1);
    expect(live.value).toBe(1);
  });
});
