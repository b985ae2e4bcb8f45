import { describe, expect, it } from 'vitest';
import { seriesFromCloses } from '../testing/universe.js';
import type { StockSnapshot } from '../types.js';
import { createUniverseContext, type FactorColumns } from './factor.js';
import { scoreSector } from './sector.js';

/** 200 bars growing geometrically to `total` return, with a little wiggle. */
function stock(symbol: string, sector: string, total: number): StockSnapshot {
  const closes = Array.from(
    { length: 200 },
    (_, i) => 100 * (1 + total) ** (i / 199) * (1 + 0.001 * Math.sin(i + symbol.length)),
  );
  return { symbol, sector, bars: seriesFromCloses(symbol, closes) };
}

function score(snapshots: StockSnapshot[]): FactorColumns {
  return scoreSector(createUniverseContext(snapshots, 3));
}

const metric = (columns: FactorColumns, id: string) => columns.metrics.find((m) => m.spec.id === id)!;

describe('sector factor', () => {
  it('ranks sectors by the median return of their members', () => {
    const snapshots = [
      stock('T1', 'Tech', 0.5),
      stock('T2', 'Tech', 0.3),
      stock('T3', 'Tech', -0.1),
      stock('U1', 'Utilities', 0.05),
      stock('U2', 'Utilities', 0.0),
      stock('U3', 'Utilities', 0.6),
      stock('E1', 'Energy', -0.3),
      stock('E2', 'Energy', -0.2),
      stock('E3', 'Energy', 0.1),
    ];
    const strength = metric(score(snapshots), 'sectorReturn6m');
    expect([0, 1, 2].map((i) => strength.percentiles[i])).toEqual([100, 100, 100]);
    expect([3, 4, 5].map((i) => strength.percentiles[i])).toEqual([50, 50, 50]);
    expect([6, 7, 8].map((i) => strength.percentiles[i])).toEqual([0, 0, 0]);
    // The value shown is the sector's median 6-month return (T2's), the same for every member.
    expect(strength.values[0]).toBe(strength.values[2]);
  });

  it('ranks a stock within its sector by its return minus the sector median', () => {
    const snapshots = [
      stock('A', 'S', 0.5),
      stock('B', 'S', 0.2),
      stock('C', 'S', -0.1),
      stock('D', 'T', 0.1),
      stock('E', 'T', 0.0),
    ];
    const columns = score(snapshots);
    const relative = metric(columns, 'relativeReturn6m');
    const ctx = createUniverseContext(snapshots, 3);
    const r6 = ctx.prices.return6m;
    expect(relative.values[0]).toBeCloseTo((r6[0] as number) - (r6[1] as number), 12);
    expect(relative.percentiles[0]).toBe(100);
    expect(relative.percentiles[1]).toBe(50);
    expect(relative.percentiles[2]).toBe(0);
    expect(columns.scores[0]).toBeGreaterThan(columns.scores[2] as number);
  });

  it('treats sector strength as missing in a one-sector universe, and relative strength for a lone member', () => {
    const one = score([stock('A', 'S', 0.5), stock('B', 'S', 0.2)]);
    expect(metric(one, 'sectorReturn3m').percentiles[0]).toBeNaN();
    expect(metric(one, 'sectorReturn3m').notes.get(0)).toMatch(/only one sector/);
    expect(one.confidence[0]).toBeCloseTo(0.5, 12);
    const lone = score([stock('A', 'S', 0.5), stock('B', 'S', 0.2), stock('Z', 'Z', 0.1)]);
    expect(metric(lone, 'relativeReturn6m').percentiles[2]).toBeNaN();
    expect(metric(lone, 'relativeReturn6m').notes.get(2)).toMatch(/no other stock/);
  });
});
