import fc from 'fast-check';
import { RSI as ReferenceRSI } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { runReference } from '../testing/columns.js';
import { expectCloseTo } from '../testing/compare.js';
import { priceSeries, testIndicatorContract } from '../testing/contract.js';
import { loadReferenceCloses } from '../testing/reference-data.js';
import { RSI, rsi } from './rsi.js';

/**
 * trading-signals' RSI (Wilder smoothing seeded with the SMA, first value at index n). It needs
 * period ≥ 2 (its RSI(1) never yields) and says 100 where nothing moved (we say 50).
 */
function referenceRsi(closes: readonly number[], period: number): number[] {
  return runReference(new ReferenceRSI(period), closes);
}

/** Wilder's RSI straight from the textbook: RS = average gain / average loss, 100 − 100 / (1 + RS). */
function textbookRsi(closes: readonly number[], period: number): number[] {
  const out = closes.map(() => Number.NaN);
  const gains = closes.slice(1).map((c, i) => Math.max(c - (closes[i] as number), 0));
  const losses = closes.slice(1).map((c, i) => Math.max((closes[i] as number) - c, 0));
  if (gains.length < period) return out;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  let gain = mean(gains.slice(0, period));
  let loss = mean(losses.slice(0, period));
  for (let i = period; i <= gains.length; i++) {
    if (i > period) {
      gain = (gain * (period - 1) + (gains[i - 1] as number)) / period;
      loss = (loss * (period - 1) + (losses[i - 1] as number)) / period;
    }
    out[i] = loss === 0 ? (gain === 0 ? 50 : 100) : 100 - 100 / (1 + gain / loss);
  }
  return out;
}

/** True when some close differs from the first within the first `period` changes. */
function movedDuringSeed(closes: readonly number[], period: number): boolean {
  return closes.slice(1, period + 1).some((c) => c !== closes[0]);
}

describe('rsi', () => {
  it('reproduces the StockCharts RSI worked example (14 periods)', () => {
    // Closes of StockCharts ChartSchool's RSI example. By hand: the first 14 changes gain 3.34
    // and lose 1.40 in total, so the first RSI = 100 · 3.34 / (3.34 + 1.40) = 70.464…; the later
    // values (two decimals) are the full-precision Wilder RSI of this series as other libraries'
    // tests publish it.
    const closes = [
      44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.1, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28, 46.28,
      46.0, 46.03, 46.41, 46.22, 45.64, 46.21, 46.25, 45.71, 46.45, 45.78, 45.35, 44.03, 44.18, 44.22, 44.57,
      43.42, 42.66, 43.13,
    ];
    const published = [
      70.46, 66.25, 66.48, 69.35, 66.29, 57.92, 62.88, 63.21, 56.01, 62.34, 54.67, 50.39, 40.02, 41.49, 41.9,
      45.5, 37.32, 33.09, 37.79,
    ];
    const out = rsi(closes, 14);
    for (let i = 0; i < 14; i++) expect(out[i]).toBeNaN();
    expect(out[14]).toBeCloseTo((100 * 3.34) / 4.74, 10);
    published.forEach((value, k) => {
      expect(Math.abs((out[14 + k] as number) - value), `index ${14 + k}`).toBeLessThanOrEqual(0.005 + 1e-9);
    });
  });

  it('gives 100 when every change is a gain, 0 when every change is a loss, 50 when nothing moved', () => {
    expect(rsi([1, 2, 3, 4, 5, 6], 3).slice(3)).toEqual(new Float64Array([100, 100, 100]));
    expect(rsi([6, 5, 4, 3, 2, 1], 3).slice(3)).toEqual(new Float64Array([0, 0, 0]));
    expect(rsi([7, 7, 7, 7, 7], 3).slice(3)).toEqual(new Float64Array([50, 50]));
    // Once anything moved, the flat stretch decays towards the last direction, as Wilder's does.
    expect(rsi([7, 7, 7, 7, 8], 3)[4]).toBe(100);
  });

  it('needs period + 1 closes: shorter series are all NaN', () => {
    expect(Array.from(rsi([1, 2, 3], 3))).toEqual([Number.NaN, Number.NaN, Number.NaN]);
    expect(rsi([], 14).length).toBe(0);
  });

  it('matches trading-signals and the textbook formula on every real series to 1e-9', () => {
    for (const [name, closes] of loadReferenceCloses()) {
      for (const period of [1, 2, 7, 14, 30]) {
        const out = rsi(closes, period);
        expectCloseTo(out, textbookRsi(closes, period), 1e-9, `${name} rsi(${period}) vs textbook`);
        if (period >= 2) expectCloseTo(out, referenceRsi(closes, period), 1e-9, `${name} rsi(${period})`);
      }
    }
  });

  it('matches trading-signals and the textbook formula on random series to 1e-9 (property)', () => {
    fc.assert(
      fc.property(priceSeries(300), fc.integer({ min: 1, max: 40 }), (closes, period) => {
        fc.pre(closes.length > period);
        const out = rsi(closes, period);
        expectCloseTo(out, textbookRsi(closes, period), 1e-9, `rsi(${period}) vs textbook`);
        if (period >= 2 && movedDuringSeed(closes, period)) {
          expectCloseTo(out, referenceRsi(closes, period), 1e-9, `rsi(${period})`);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('forgets its seed within 1e-6 after the documented 240 bars (period 14) on real series', () => {
    // docs/indicators-momentum-volume.md: |ΔRSI| ≤ 50 · (1 − 1/n)^k, so k = 240 for n = 14 and 346 for 20.
    for (const [period, bars] of [
      [14, 240],
      [20, 346],
    ] as const) {
      for (const [name, closes] of loadReferenceCloses()) {
        const full = rsi(closes, period);
        for (const start of [1, 10, 100, 500]) {
          if (start + period + bars >= closes.length) continue;
          const late = rsi(closes.slice(start), period);
          for (let j = period + bars; j < late.length; j++) {
            const gap = Math.abs((late[j] as number) - (full[j + start] as number));
            if (gap >= 1e-6) expect.fail(`${name} rsi(${period}) started at ${start}: off by ${gap} at ${j}`);
          }
        }
      }
    }
  });

  it('refuses bad periods and non-finite values, naming them', () => {
    expect(() => rsi([1, 2, 3], 0)).toThrow(/`period`.*at least 1/);
    expect(() => rsi([1, 2, 3], 1.5)).toThrow(/`period`.*integer/);
    expect(() => rsi([1, Number.POSITIVE_INFINITY, 3], 2)).toThrow(/`values` at index 1/);
    expect(() => new RSI(0)).toThrow(/`period`/);
  });

  it('stays in [0, 100] with no NaN after warm-up (property)', () => {
    fc.assert(
      fc.property(priceSeries(200), fc.integer({ min: 1, max: 30 }), (closes, period) => {
        const out = rsi(closes, period);
        for (let i = period; i < closes.length; i++) {
          const v = out[i] as number;
          expect(v >= 0 && v <= 100, `rsi[${i}] = ${v}`).toBe(true);
        }
      }),
    );
  });
});

describe('RSI (streaming)', () => {
  testIndicatorContract<number, number>({
    create: () => new RSI(5),
    restore: (state) => RSI.fromJSON(state),
    batch: (inputs) => [rsi(inputs, 5)],
    batchInto: (inputs, [out]) => [rsi(inputs, 5, { out })],
    toVector: (value) => [value],
    inputs: priceSeries(),
    invalidInput: Number.NaN,
    firstStableIndex: 5,
  });

  it('defaults to 14 periods', () => {
    expect(new RSI().period).toBe(14);
  });

  it('batch refuses an out that shares memory with the input, naming both', () => {
    const x = new Float64Array(50).fill(1);
    expect(() => rsi(x, 5, { out: x })).toThrow(/`out`: .*`values`/);
    const buffer = new Float64Array(100).fill(1);
    expect(() => rsi(buffer.subarray(0, 50), 5, { out: buffer.subarray(49, 99) })).toThrow(
      /`out`: .*`values`/,
    );
  });
});
