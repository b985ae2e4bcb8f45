import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/random.js';
import { randomWalk, seriesFromCloses } from '../testing/universe.js';
import type { StockSnapshot } from '../types.js';
import { createUniverseContext, type FactorColumns } from './factor.js';
import { scorePerformance } from './performance.js';

function stock(symbol: string, closes: ArrayLike<number>): StockSnapshot {
  return { symbol, sector: 'S', bars: seriesFromCloses(symbol, closes) };
}

function score(snapshots: StockSnapshot[]): FactorColumns {
  return scorePerformance(createUniverseContext(snapshots, 3));
}

const metric = (columns: FactorColumns, id: string) => columns.metrics.find((m) => m.spec.id === id)!;

/** A path from 100 to `end` over `length` bars with a V-shaped dip of `dip` at the middle. */
function path(length: number, end: number, dip: number): number[] {
  const mid = Math.floor(length / 2);
  return Array.from({ length }, (_, i) => {
    const trend = 100 * (end / 100) ** (i / (length - 1));
    const depth = 1 - dip * Math.max(0, 1 - Math.abs(i - mid) / 20);
    return trend * depth * (1 + 0.002 * Math.sin(i));
  });
}

describe('performance factor', () => {
  it('puts a stock that is ahead on every horizon, smooth and shallow first', () => {
    const rng = createRng(4);
    const others = Array.from({ length: 9 }, (_, k) => stock(`R${k}`, randomWalk(rng, 300, 0, 0.02)));
    const leader = stock(
      'LEAD',
      Array.from({ length: 300 }, (_, i) => 100 * 1.004 ** i * (1 + 0.001 * Math.sin(i))),
    );
    const columns = score([...others, leader]);
    expect(columns.scores[9]).toBe(Math.max(...columns.scores));
    expect(columns.scores[9]).toBeGreaterThan(95);
    expect(columns.confidence[9]).toBe(1);
  });

  it('penalises a deep drawdown between the same start and end', () => {
    const columns = score([
      stock('SMOOTH', path(300, 130, 0)),
      stock('DIP', path(300, 130, 0.4)),
      stock('FLAT', path(300, 100, 0)),
    ]);
    const drawdown = metric(columns, 'maxDrawdown');
    expect(drawdown.values[1]).toBeGreaterThan(0.35);
    expect(drawdown.percentiles[1]).toBe(0);
    expect(columns.scores[0]).toBeGreaterThan(columns.scores[1] as number);
  });

  it('prefers the same return earned with less volatility', () => {
    const rng = createRng(8);
    const calm = randomWalk(rng, 253, 0.001, 0.005);
    const noise = createRng(9);
    // Same start and end, far more day-to-day noise in between.
    const wild = Array.from(calm, (c, i) =>
      i === 0 || i === calm.length - 1 ? c : c * Math.exp(0.04 * noise.normal()),
    );
    const columns = score([stock('CALM', calm), stock('WILD', wild)]);
    expect(metric(columns, 'return12m').values[0]).toBeCloseTo(
      metric(columns, 'return12m').values[1] as number,
      12,
    );
    expect(metric(columns, 'sharpeRatio').percentiles[0]).toBe(100);
  });

  it('uses the horizons a short history has, with lower confidence', () => {
    const rng = createRng(2);
    const columns = score([
      stock('LONG', randomWalk(rng, 300, 0, 0.01)),
      stock('YOUNG', randomWalk(rng, 100, 0, 0.01)),
    ]);
    expect(metric(columns, 'return12m').percentiles[1]).toBeNaN();
    expect(metric(columns, 'return6m').percentiles[1]).toBeNaN();
    expect(metric(columns, 'return3m').percentiles[1]).not.toBeNaN();
    expect(columns.confidence[1]).toBeCloseTo(0.6, 12);
    expect(columns.confidence[0]).toBe(1);
  });

  it('is neutral with zero confidence for a one-bar history', () => {
    const columns = score([stock('ONE', [10]), stock('TWO', [10, 11])]);
    expect(columns.scores[0]).toBe(50);
    expect(columns.confidence[0]).toBe(0);
  });
});
