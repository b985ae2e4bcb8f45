import { createRng, InvalidArgumentError } from '@da-ki/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backtestScores } from './backtest.js';
import { formatBacktestTable } from './format.js';
import type { PricePanel, ScorePanel } from './panels.js';
import { scorePanelFromRows } from './panels.js';

const DAY = 86_400_000;
const dates = Float64Array.from({ length: 12 }, (_, t) => t * DAY);
// A gains 1 % a day, B is flat, C loses 1 % a day
const prices: PricePanel = {
  dates,
  symbols: ['A', 'B', 'C'],
  close: [
    Float64Array.from(dates, (_, t) => 1.01 ** t),
    Float64Array.from(dates, () => 1),
    Float64Array.from(dates, (_, t) => 0.99 ** t),
  ],
};

describe('backtestScores on a hand-computed example', () => {
  const scores: ScorePanel = {
    dates: Float64Array.of(0),
    symbols: ['A', 'B', 'C'],
    scores: [Float64Array.of(3, 2, 1)],
  };
  const result = backtestScores(scores, prices, { horizon: 4, quantiles: 3, topK: 1 });

  it('buckets forward returns by score: highest bucket A, lowest C', () => {
    expect(result.quantiles.map((q) => q.meanReturn)).toEqual(
      [0.99 ** 4 - 1, 0, 1.01 ** 4 - 1].map((v) => expect.closeTo(v, 14)),
    );
    expect(result.spread).toBeCloseTo(1.01 ** 4 - 0.99 ** 4, 14);
    expect(result.quantiles.map((q) => q.count)).toEqual([1, 1, 1]);
  });

  it('holds the top name after paying 5 bp to buy it, against an equal-weight universe', () => {
    expect(result.portfolio.rebalances).toBe(1);
    expect(result.portfolio.days).toBe(4);
    expect(result.portfolio.totalReturn).toBeCloseTo(0.9995 * 1.01 ** 4 - 1, 14);
    expect(result.benchmark.totalReturn).toBeCloseTo((0.9995 * (1.01 ** 4 + 1 + 0.99 ** 4)) / 3 - 1, 14);
    expect(result.portfolio.turnover).toBeCloseTo(1, 14);
    expect(result.portfolio.costs).toBeCloseTo(0.0005, 14);
    // end-of-day equity after the first trade only rises
    expect(result.portfolio.maxDrawdown).toBe(0);
  });

  it('pays 15 bp to sell and 5 bp to buy when the ranking flips', () => {
    const flip: ScorePanel = {
      dates: Float64Array.of(0, 4 * DAY),
      symbols: ['A', 'B', 'C'],
      scores: [Float64Array.of(3, 2, 1), Float64Array.of(1, 2, 3)],
    };
    const r = backtestScores(flip, prices, { horizon: 4, quantiles: 3, topK: 1 });
    expect(r.portfolio.rebalances).toBe(2);
    expect(r.portfolio.totalReturn).toBeCloseTo(0.9995 * 1.01 ** 4 * (1 - 0.002) * 0.99 ** 4 - 1, 14);
    expect(r.rankIc).toBeNull(); // 3 symbols are below the default minCount of 5
    const withIc = backtestScores(flip, prices, { horizon: 4, quantiles: 3, topK: 1, minCount: 3 });
    expect(withIc.rankIc?.mean).toBeCloseTo(0, 14); // +1 on the first date, −1 on the second
    expect(Array.from(withIc.equity.portfolio).every((v) => v > 0)).toBe(true);
  });
});

describe('backtestScores properties', () => {
  it('with no costs, a top-k of the whole universe is the equal-weight universe', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), (seed) => {
        const rng = createRng(seed);
        const n = 40;
        const symbols = ['A', 'B', 'C', 'D'];
        const close = symbols.map(() => {
          let p = 10;
          return Float64Array.from({ length: n }, () => (p *= Math.exp(0.02 * rng.normal())));
        });
        const panel: PricePanel = { dates: Float64Array.from({ length: n }, (_, t) => t), symbols, close };
        const scoreDates = Float64Array.of(0, 10, 20);
        const scores: ScorePanel = {
          dates: scoreDates,
          symbols,
          scores: Array.from(scoreDates, () => Float64Array.from(symbols, () => rng.normal())),
        };
        const r = backtestScores(scores, panel, {
          horizon: 5,
          topK: 4,
          rebalanceEvery: 10,
          costs: { buy: 0, sell: 0 },
          quantiles: 2,
        });
        expect(r.portfolio.totalReturn).toBeCloseTo(r.benchmark.totalReturn, 12);
      }),
      { numRuns: 30 },
    );
  });

  it('an oracle score (the realised forward return) has rank IC 1 and beats the universe', () => {
    const rng = createRng(5);
    const n = 80;
    const symbols = Array.from({ length: 12 }, (_, k) => `S${k}`);
    const close = symbols.map(() => {
      let p = 50;
      return Float64Array.from({ length: n }, () => (p *= Math.exp(0.02 * rng.normal())));
    });
    const panel: PricePanel = { dates: Float64Array.from({ length: n }, (_, t) => t), symbols, close };
    const rows = { symbols: [] as string[], dates: [] as number[], scores: [] as number[] };
    for (const t of [0, 10, 20, 30, 40, 50]) {
      symbols.forEach((symbol, k) => {
        rows.symbols.push(symbol);
        rows.dates.push(t);
        rows.scores.push(
          ((close[k] as Float64Array)[t + 10] as number) / ((close[k] as Float64Array)[t] as number),
        );
      });
    }
    const r = backtestScores(scorePanelFromRows(rows), panel, { horizon: 10, topK: 3 });
    expect(r.rankIc?.mean).toBeCloseTo(1, 12);
    expect(r.spread).toBeGreaterThan(0);
    expect(r.portfolio.totalReturn).toBeGreaterThan(r.benchmark.totalReturn);
    const text = formatBacktestTable(r, 'oracle');
    expect(text).toMatch(/top 3 by oracle/);
    expect(text).toMatch(/equal-weight universe/);
    expect(text).toMatch(/Q5 \(highest\)/);
  });

  it('names a scored symbol without prices and a score date off the price calendar', () => {
    const scores: ScorePanel = { dates: Float64Array.of(0), symbols: ['Z'], scores: [Float64Array.of(1)] };
    expect(() => backtestScores(scores, prices)).toThrow(/scored symbol Z/);
    const offCalendar: ScorePanel = {
      dates: Float64Array.of(0.5),
      symbols: ['A'],
      scores: [Float64Array.of(1)],
    };
    expect(() => backtestScores(offCalendar, prices)).toThrow(InvalidArgumentError);
  });
});
