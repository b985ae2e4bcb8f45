import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataValidationError } from '../data/errors.js';
import { validateBars } from '../data/validate-bars.js';
import { rsi } from '../indicators/momentum/rsi.js';
import { loadReferenceCloses } from '../indicators/testing/reference-data.js';
import { macd } from '../indicators/trend/macd.js';
import { sma } from '../indicators/trend/sma.js';
import { computePriceMetrics, type PriceMetrics } from './price-metrics.js';
import { seriesFromCloses } from './testing/universe.js';
import type { StockSnapshot } from './types.js';

function measure(closes: ArrayLike<number>): PriceMetrics {
  const snapshot: StockSnapshot = { symbol: 'T', sector: 'X', bars: seriesFromCloses('T', closes) };
  return computePriceMetrics([snapshot]);
}

const last = (values: Float64Array) => values[values.length - 1] as number;

function expectSame(actual: number, expected: number, label: string): void {
  if (Number.isNaN(expected)) expect(actual, label).toBeNaN();
  else
    expect(Math.abs(actual - expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
      1e-10 * Math.max(1, Math.abs(expected)),
    );
}

/** Independent reference for the risk window: plain arrays, brute-force drawdown. */
function referenceRisk(closes: number[]) {
  const window = closes.slice(Math.max(0, closes.length - 253));
  const returns = window.slice(1).map((c, k) => c / (window[k] as number) - 1);
  const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
  const variance = returns.reduce((a, r) => a + (r - mean) ** 2, 0) / (returns.length - 1);
  let drawdown = 0;
  for (let i = 0; i < window.length; i++) {
    for (let j = i + 1; j < window.length; j++)
      drawdown = Math.max(drawdown, 1 - (window[j] as number) / (window[i] as number));
  }
  const volatility = Math.sqrt(variance * 252);
  return { volatility, sharpe: (mean * 252) / volatility, drawdown };
}

function checkAgainstIndicators(closes: number[], label: string): void {
  const m = measure(closes);
  expectSame(m.rsi[0] as number, last(rsi(closes, 14)), `${label} rsi`);
  expectSame(m.macdHistogram[0] as number, last(macd(closes).histogram), `${label} macd histogram`);
  expectSame(m.sma20[0] as number, last(sma(closes, 20)), `${label} sma20`);
  expectSame(m.sma50[0] as number, last(sma(closes, 50)), `${label} sma50`);
  expectSame(m.sma200[0] as number, last(sma(closes, 200)), `${label} sma200`);
}

describe('computePriceMetrics', () => {
  it('equals the batch indicators rsi, macd and sma at the last bar of real series', () => {
    for (const [name, closes] of loadReferenceCloses()) {
      for (const length of [closes.length, 15, 34, 35, 60, 200, 253]) {
        checkAgainstIndicators(closes.slice(0, length), `${name}[0..${length})`);
      }
    }
  });

  it('equals the batch indicators on random series of any length', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 1, maxLength: 260 }),
        (closes) => {
          checkAgainstIndicators(closes, 'random');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives returns over 21, 63, 126 and 252 bars, missing when the history is shorter', () => {
    const closes = Array.from({ length: 200 }, (_, i) => 100 + i);
    const m = measure(closes);
    expect(m.return1m[0]).toBe(299 / 278 - 1);
    expect(m.return3m[0]).toBe(299 / 236 - 1);
    expect(m.return6m[0]).toBe(299 / 173 - 1);
    expect(m.return12m[0]).toBeNaN();
    expect(measure(closes.slice(0, 22)).return1m[0]).toBe(121 / 100 - 1);
    expect(measure(closes.slice(0, 21)).return1m[0]).toBeNaN();
  });

  it('measures volatility, Sharpe ratio and drawdown over the last 252 returns', () => {
    const dax = loadReferenceCloses().get('DAX') as number[];
    for (const closes of [dax, dax.slice(0, 100), dax.slice(500, 530)]) {
      const m = measure(closes);
      const reference = referenceRisk(closes);
      expectSame(m.volatility[0] as number, reference.volatility, 'volatility');
      expectSame(m.sharpe[0] as number, reference.sharpe, 'sharpe');
      expectSame(m.maxDrawdown[0] as number, reference.drawdown, 'drawdown');
      expect(m.riskReturns[0]).toBe(Math.min(252, closes.length - 1));
    }
  });

  it('leaves risk measures missing with fewer than 20 returns', () => {
    const m = measure([10, 11, 12, 11, 10, 12, 13, 14, 15, 16]);
    expect(m.volatility[0]).toBeNaN();
    expect(m.sharpe[0]).toBeNaN();
    expect(m.maxDrawdown[0]).toBeNaN();
  });

  it('keeps the Sharpe ratio finite for a perfectly smooth series', () => {
    const m = measure(Array.from({ length: 60 }, () => 100));
    expect(m.volatility[0]).toBe(0);
    expect(m.sharpe[0]).toBe(0);
    expect(m.rsi[0]).toBe(50);
  });

  it('handles one bar and no bars', () => {
    const one = measure([42]);
    expect(one.barCount[0]).toBe(1);
    expect(one.lastClose[0]).toBe(42);
    for (const column of [one.return1m, one.volatility, one.rsi, one.macdHistogram, one.sma20])
      expect(column[0]).toBeNaN();
    const none = measure([]);
    expect(none.barCount[0]).toBe(0);
    expect(none.lastClose[0]).toBeNaN();
  });

  it('rejects a non-positive or non-finite close, naming symbol and index', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = (() => {
        try {
          measure([10, 11, bad, 12]);
        } catch (e) {
          return e;
        }
      })() as DataValidationError;
      expect(error).toBeInstanceOf(DataValidationError);
      expect(error.symbol).toBe('T');
      expect(error.field).toBe('close');
      expect(error.index).toBe(2);
    }
  });

  it('rejects timestamps out of order, naming the index', () => {
    const bars = seriesFromCloses('T', [1, 2, 3], Float64Array.of(3, 2, 1));
    expect(() => computePriceMetrics([{ symbol: 'T', sector: 'X', bars }])).toThrow(/T\.timestamps\[1\]/);
  });

  it('checks a series that validateBars did not produce, even one spread from a validated series', () => {
    const { series } = validateBars(seriesFromCloses('T', [10, 11, 12, 13]));
    const close = series.close.slice();
    close[1] = -5;
    const forged = { ...series, close };
    expect(() => computePriceMetrics([{ symbol: 'T', sector: 'X', bars: forged }])).toThrow(/T\.close\[1\]/);
  });

  it('takes a validated series as it is, without checking its rows again', () => {
    const { series } = validateBars(seriesFromCloses('T', [10, 11, 12, 13]));
    // Written after validation, against the documented contract (treat it as immutable): the
    // engine trusts the brand, so the value reaches the metrics unchecked.
    series.close[3] = -13;
    const m = computePriceMetrics([{ symbol: 'T', sector: 'X', bars: series }]);
    expect(m.lastClose[0]).toBe(-13);
  });
});
