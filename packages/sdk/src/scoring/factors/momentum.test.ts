import { describe, expect, it } from 'vitest';
import { rsi } from '../../indicators/momentum/rsi.js';
import { createRng } from '../../util/random.js';
import { randomWalk, seriesFromCloses } from '../testing/universe.js';
import type { StockSnapshot } from '../types.js';
import { createUniverseContext, type FactorColumns } from './factor.js';
import { rankedRsi, scoreMomentum } from './momentum.js';

function stock(symbol: string, closes: ArrayLike<number>): StockSnapshot {
  return { symbol, sector: 'S', bars: seriesFromCloses(symbol, closes) };
}

function score(snapshots: StockSnapshot[]): FactorColumns {
  return scoreMomentum(createUniverseContext(snapshots, 3));
}

const metric = (columns: FactorColumns, id: string) => columns.metrics.find((m) => m.spec.id === id)!;

describe('momentum factor', () => {
  it('ranks RSI up to 70, then lets overbought readings fall back twice as fast', () => {
    expect(rankedRsi(40)).toBe(40);
    expect(rankedRsi(70)).toBe(70);
    expect(rankedRsi(80)).toBe(50);
    expect(rankedRsi(90)).toBe(30);
    expect(rankedRsi(75)).toBeLessThan(rankedRsi(70));
    expect(rankedRsi(75)).toBe(rankedRsi(60));
    expect(rankedRsi(75)).toBeGreaterThan(rankedRsi(55));
  });

  it('orders stocks by the ranked RSI of their real RSI, so an overbought stock is not the strongest', () => {
    const rng = createRng(12);
    const snapshots = Array.from({ length: 30 }, (_, k) =>
      stock(`S${k}`, randomWalk(rng, 120, 0.004 * (k / 10 - 1), 0.01)),
    );
    const columns = score(snapshots);
    const column = metric(columns, 'rsi14');
    const readings = snapshots.map((s) => rsi(s.bars.close).at(-1) as number);
    expect(readings.some((r) => r > 75)).toBe(true);
    for (let a = 0; a < readings.length; a++) {
      expect(column.values[a]).toBeCloseTo(readings[a] as number, 10);
      for (let b = 0; b < readings.length; b++) {
        if (rankedRsi(readings[a] as number) > rankedRsi(readings[b] as number) + 1e-9) {
          expect(column.percentiles[a]).toBeGreaterThan(column.percentiles[b] as number);
        }
      }
      if ((readings[a] as number) > 70) expect(column.notes.get(a)).toMatch(/overbought/);
    }
  });

  it('compares the MACD histogram as a share of price, so the price level does not matter', () => {
    // Scaled by a power of two, so every floating-point step scales exactly.
    const rng = createRng(6);
    const base = randomWalk(rng, 150, 0.002, 0.01);
    const snapshots = [
      stock('CHEAP', base),
      stock(
        'DEAR',
        base.map((c) => c * 32),
      ),
      stock('OTHER', randomWalk(rng, 150, -0.002, 0.01)),
    ];
    const macd = metric(score(snapshots), 'macdHistogram');
    expect(macd.values[0]).toBeCloseTo(macd.values[1] as number, 12);
    expect(macd.percentiles[0]).toBe(macd.percentiles[1]);
  });

  it('rewards a price above its moving averages', () => {
    const up = Array.from({ length: 250 }, (_, i) => 50 + i * 0.2);
    const down = Array.from({ length: 250 }, (_, i) => 100 - i * 0.2);
    const columns = score([stock('UP', up), stock('DOWN', down)]);
    expect(metric(columns, 'priceVsSma200').values[0]).toBeGreaterThan(0);
    expect(metric(columns, 'priceVsSma200').values[1]).toBeLessThan(0);
    expect(columns.scores[0]).toBeGreaterThan(columns.scores[1] as number);
  });

  it('lowers confidence when the history is too short for the 200-day average', () => {
    const rng = createRng(1);
    const columns = score([
      stock('A', randomWalk(rng, 120, 0, 0.01)),
      stock('B', randomWalk(rng, 220, 0, 0.01)),
    ]);
    expect(metric(columns, 'priceVsSma200').percentiles[0]).toBeNaN();
    expect(columns.confidence[0]).toBeCloseTo(0.8, 12);
    expect(columns.confidence[1]).toBe(1);
  });
});
