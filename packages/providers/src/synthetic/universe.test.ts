import { GICS_SECTORS, InvalidArgumentError, symbolInfoSchema } from '@da-ki/sdk';
import { describe, expect, it } from 'vitest';
import { sectorCounts } from './sector-profiles.js';
import { generateUniverse } from './universe.js';

describe('generateUniverse', () => {
  const universe = generateUniverse(42, 467);

  it('has 467 companies with unique 2–5 letter tickers and unique names, sorted by ticker', () => {
    expect(universe.length).toBe(467);
    const symbols = universe.map((company) => company.symbol);
    expect(new Set(symbols).size).toBe(467);
    expect(new Set(universe.map((company) => company.name)).size).toBe(467);
    for (const symbol of symbols) expect(symbol).toMatch(/^[A-Z]{2,5}$/);
    expect([...symbols].sort()).toEqual(symbols);
    for (const { symbol, name, sector } of universe) symbolInfoSchema.parse({ symbol, name, sector });
  });

  it('uses every GICS sector, in S&P-like proportions', () => {
    const bySector = new Map<string, number>();
    for (const { sector } of universe) bySector.set(sector, (bySector.get(sector) ?? 0) + 1);
    expect([...bySector.keys()].sort()).toEqual([...GICS_SECTORS].sort());
    // Industrials and IT are among the largest sectors of the S&P 500, Energy among the smallest.
    expect(bySector.get('Industrials')).toBeGreaterThan(2 * (bySector.get('Energy') as number));
    expect(bySector.get('Information Technology')).toBeGreaterThan(bySector.get('Utilities') as number);
  });

  it('avoids the tickers of well-known real companies', () => {
    const symbols = new Set(generateUniverse(7, 10_000).map((company) => company.symbol));
    expect(symbols.size).toBe(10_000);
    for (const real of ['AAPL', 'MSFT', 'GOOG', 'AMZN', 'NVDA', 'IBM', 'GE', 'F', 'T', 'JPM']) {
      expect(symbols.has(real)).toBe(false);
    }
  });

  it('differs between seeds and repeats for one seed', () => {
    expect(generateUniverse(42, 467)).toEqual(universe);
    expect(generateUniverse(43, 467).map((c) => c.symbol)).not.toEqual(universe.map((c) => c.symbol));
  });

  it('rejects sizes it cannot fill', () => {
    expect(() => generateUniverse(1, 0)).toThrow(InvalidArgumentError);
    expect(() => generateUniverse(1, 2.5)).toThrow(/symbols/);
  });
});

describe('sectorCounts', () => {
  it('splits any total exactly, with every sector present once there are 11 or more', () => {
    for (const total of [1, 5, 11, 12, 100, 467, 10_000]) {
      const counts = sectorCounts(total);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
      if (total >= 11) for (const count of counts) expect(count).toBeGreaterThanOrEqual(1);
    }
  });
});
