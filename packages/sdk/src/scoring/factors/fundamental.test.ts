import { describe, expect, it } from 'vitest';
import type { Fundamentals } from '../../data/schemas.js';
import { fundamentals, seriesFromCloses } from '../testing/universe.js';
import type { StockSnapshot } from '../types.js';
import { createUniverseContext, type FactorColumns } from './factor.js';
import { priceToBook, priceToEarnings, scoreFundamental } from './fundamental.js';

const closes = Array.from({ length: 30 }, (_, i) => 50 + i);

function stock(
  symbol: string,
  sector: string,
  fields?: Omit<Fundamentals, 'symbol' | 'source'>,
): StockSnapshot {
  const snapshot: StockSnapshot = { symbol, sector, bars: seriesFromCloses(symbol, closes) };
  if (fields) snapshot.fundamentals = fundamentals(symbol, fields);
  return snapshot;
}

function score(snapshots: StockSnapshot[], minSectorSize = 3): FactorColumns {
  return scoreFundamental(createUniverseContext(snapshots, minSectorSize));
}

function metric(columns: FactorColumns, id: string) {
  const found = columns.metrics.find((m) => m.spec.id === id);
  if (!found) throw new Error(`no metric ${id}`);
  return found;
}

describe('fundamental factor', () => {
  it('judges P/E against the sector: 15 is cheap where the median is 30 and dear where it is 8', () => {
    const growth = [20, 30, 30, 40, 50].map((pe, k) => stock(`G${k}`, 'Growth', { peRatio: pe }));
    const value = [4, 6, 8, 8, 12].map((pe, k) => stock(`V${k}`, 'Value', { peRatio: pe }));
    const snapshots = [
      ...growth,
      stock('GX', 'Growth', { peRatio: 15 }),
      ...value,
      stock('VX', 'Value', { peRatio: 15 }),
    ];
    const columns = score(snapshots);
    const pe = metric(columns, 'peRatio');
    const gx = snapshots.findIndex((s) => s.symbol === 'GX');
    const vx = snapshots.findIndex((s) => s.symbol === 'VX');
    expect(pe.percentiles[gx]).toBe(100);
    expect(pe.percentiles[vx]).toBe(0);
    const ctx = createUniverseContext(snapshots, 3);
    expect(pe.sectorMedians[ctx.sectors.groupOf[gx] as number]).toBe(30);
    expect(pe.sectorMedians[ctx.sectors.groupOf[vx] as number]).toBe(8);
    expect(columns.scores[gx]).toBeGreaterThan(columns.scores[vx] as number);
  });

  it('ranks negative earnings last on P/E, below the most expensive profitable stock, with a note', () => {
    const snapshots = [
      stock('A', 'S', { peRatio: 80 }),
      stock('B', 'S', { peRatio: 10 }),
      stock('C', 'S', { peRatio: 20 }),
      stock('LOSS', 'S', { marketCap: 1e9, earnings: -5e7 }),
      stock('NEG', 'S', { peRatio: -3 }),
    ];
    const pe = metric(score(snapshots), 'peRatio');
    expect(pe.values[3]).toBe(-20);
    const worstProfitable = pe.percentiles[0] as number;
    expect(pe.percentiles[3]).toBeLessThan(worstProfitable);
    expect(pe.percentiles[4]).toBe(pe.percentiles[3]);
    expect(pe.notes.get(3)).toMatch(/negative or zero earnings/);
    expect(pe.notes.get(0)).toBeUndefined();
    // The sector median P/E is over profitable members only.
    expect(pe.sectorMedians[0]).toBe(20);
  });

  it('ranks zero earnings last as well, without inventing a P/E', () => {
    const snapshots = [
      stock('A', 'S', { peRatio: 30 }),
      stock('B', 'S', { peRatio: 10 }),
      stock('Z', 'S', { marketCap: 1e9, earnings: 0 }),
    ];
    const pe = metric(score(snapshots), 'peRatio');
    expect(pe.values[2]).toBeNaN();
    expect(pe.percentiles[2]).toBe(0);
  });

  it('stays finite and neutral on P/E when every stock loses money', () => {
    const snapshots = ['A', 'B', 'C', 'D'].map((s, k) =>
      stock(s, 'S', { marketCap: 1e9, earnings: -1e6 * (k + 1), returnOnEquity: -0.1 * k }),
    );
    const columns = score(snapshots);
    const pe = metric(columns, 'peRatio');
    expect(Array.from(pe.percentiles)).toEqual([50, 50, 50, 50]);
    for (const s of columns.scores) expect(Number.isFinite(s)).toBe(true);
  });

  it('derives P/E from market cap / earnings and P/B from market cap / book value', () => {
    expect(priceToEarnings(fundamentals('X', { marketCap: 2e9, earnings: 1e8 }))).toBe(20);
    expect(priceToEarnings(fundamentals('X', { peRatio: 12, marketCap: 2e9, earnings: 1e8 }))).toBe(12);
    expect(priceToBook(fundamentals('X', { marketCap: 2e9, bookValue: 5e8 }))).toBe(4);
    expect(priceToBook(fundamentals('X', { pbRatio: 1.5 }))).toBe(1.5);
    expect(priceToEarnings(fundamentals('X', { marketCap: 2e9 }))).toBeNaN();
    expect(priceToEarnings(undefined)).toBeNaN();
  });

  it('rewards high return on equity and low debt, and ranks negative equity last', () => {
    const snapshots = [
      stock('HI', 'S', { returnOnEquity: 0.3, debtToEquity: 0.2 }),
      stock('MID', 'S', { returnOnEquity: 0.1, debtToEquity: 1 }),
      stock('LO', 'S', { returnOnEquity: -0.05, debtToEquity: 3 }),
      stock('NEGEQ', 'S', { returnOnEquity: 0.2, debtToEquity: -4 }),
    ];
    const columns = score(snapshots);
    const roe = metric(columns, 'returnOnEquity');
    const de = metric(columns, 'debtToEquity');
    expect(roe.percentiles[0]).toBe(100);
    expect(roe.percentiles[2]).toBe(0);
    expect(de.percentiles[0]).toBe(100);
    expect(de.percentiles[3]).toBe(0);
    expect(de.notes.get(3)).toMatch(/negative equity/);
    expect(columns.scores[0]).toBeGreaterThan(columns.scores[2] as number);
  });

  it('is neutral with zero confidence without fundamentals, and partial with some', () => {
    const snapshots = [
      stock('NONE', 'S'),
      stock('PE', 'S', { peRatio: 10 }),
      stock('ALL', 'S', { peRatio: 20, pbRatio: 2, returnOnEquity: 0.1, debtToEquity: 1 }),
      stock('ALL2', 'S', { peRatio: 30, pbRatio: 3, returnOnEquity: 0.2, debtToEquity: 0.5 }),
    ];
    const columns = score(snapshots, 2);
    expect(columns.scores[0]).toBe(50);
    expect(columns.confidence[0]).toBe(0);
    expect(columns.confidence[1]).toBeCloseTo(0.3, 12);
    expect(columns.confidence[2]).toBe(1);
  });

  it('ranks members of a too-small sector against the universe, and says so', () => {
    const snapshots = [
      stock('A', 'Big', { peRatio: 10 }),
      stock('B', 'Big', { peRatio: 20 }),
      stock('C', 'Big', { peRatio: 30 }),
      stock('LONE', 'Small', { peRatio: 25 }),
    ];
    const pe = metric(score(snapshots, 3), 'peRatio');
    // Universe: yields 1/10 > 1/20 > 1/25 > 1/30, so LONE is third of four.
    expect(pe.percentiles[3]).toBeCloseTo(100 / 3, 12);
    expect(pe.notes.get(3)).toMatch(/ranked against the universe/);
    expect(pe.percentiles[0]).toBe(100);
  });
  it('leaves P/E and P/B out with the currency reason when market cap and statements differ', () => {
    const baba = {
      marketCap: 341_542_830_080,
      earnings: 120_358_002_688,
      bookValue: 1_027_647_000_000,
      currency: 'USD',
      financialCurrency: 'CNY',
      currencyNote: 'no CNYUSD=X rate',
    };
    expect(priceToEarnings(fundamentals('BABA', baba))).toBeNaN();
    expect(priceToBook(fundamentals('BABA', baba))).toBeNaN();
    expect(priceToEarnings(fundamentals('BABA', { ...baba, peRatio: 20.92 }))).toBe(20.92);
    const snapshots = [
      stock('A', 'S', { peRatio: 10, pbRatio: 1 }),
      stock('B', 'S', { peRatio: 20, pbRatio: 2 }),
      stock('C', 'S', { peRatio: 30, pbRatio: 3 }),
      stock('BABA', 'S', baba),
    ];
    const columns = score(snapshots);
    const pe = metric(columns, 'peRatio');
    const pb = metric(columns, 'pbRatio');
    expect(pe.percentiles[3]).toBeNaN();
    expect(pb.percentiles[3]).toBeNaN();
    expect(pe.notes.get(3)).toBe(
      'P/E: market cap in USD, earnings and book value in CNY (no CNYUSD=X rate): ratio left out, never mixed',
    );
    expect(pb.notes.get(3)).toMatch(/^P\/B: market cap in USD, earnings and book value in CNY/);
  });
});
