import { GICS_SECTORS } from '@da-ki/sdk';
import { describe, expect, it } from 'vitest';
import { toGicsSector } from './gics-sector.js';

describe('toGicsSector', () => {
  it('maps Yahoo Finance sector names', () => {
    expect(toGicsSector('Technology')).toBe('Information Technology');
    expect(toGicsSector('Healthcare')).toBe('Health Care');
    expect(toGicsSector('Financial Services')).toBe('Financials');
    expect(toGicsSector('Consumer Cyclical')).toBe('Consumer Discretionary');
    expect(toGicsSector('Consumer Defensive')).toBe('Consumer Staples');
    expect(toGicsSector('Basic Materials')).toBe('Materials');
    expect(toGicsSector('Communication Services')).toBe('Communication Services');
  });

  it('keeps GICS names as they are', () => {
    for (const sector of GICS_SECTORS) expect(toGicsSector(sector)).toBe(sector);
  });

  // Alpha Vantage OVERVIEW (SEC office + SIC industry) against the companies' actual GICS sectors.
  it.each([
    ['AAPL', 'TECHNOLOGY', 'ELECTRONIC COMPUTERS', 'Information Technology'],
    ['T', 'TECHNOLOGY', 'TELEPHONE COMMUNICATIONS (NO RADIOTELEPHONE)', 'Communication Services'],
    ['JNJ', 'LIFE SCIENCES', 'PHARMACEUTICAL PREPARATIONS', 'Health Care'],
    ['JPM', 'FINANCE', 'NATIONAL COMMERCIAL BANKS', 'Financials'],
    ['XOM', 'ENERGY & TRANSPORTATION', 'PETROLEUM REFINING', 'Energy'],
    ['UNP', 'ENERGY & TRANSPORTATION', 'RAILROADS, LINE-HAUL OPERATING', 'Industrials'],
    ['NEE', 'ENERGY & TRANSPORTATION', 'ELECTRIC SERVICES', 'Utilities'],
    ['KO', 'MANUFACTURING', 'BEVERAGES', 'Consumer Staples'],
    ['F', 'MANUFACTURING', 'MOTOR VEHICLES & PASSENGER CAR BODIES', 'Consumer Discretionary'],
    ['BA', 'MANUFACTURING', 'AIRCRAFT', 'Industrials'],
    ['DD', 'MANUFACTURING', 'CHEMICALS & ALLIED PRODUCTS', 'Materials'],
    ['WMT', 'TRADE & SERVICES', 'RETAIL-VARIETY STORES', 'Consumer Staples'],
    ['MCD', 'TRADE & SERVICES', 'RETAIL-EATING PLACES', 'Consumer Discretionary'],
    ['O', 'REAL ESTATE & CONSTRUCTION', 'REAL ESTATE INVESTMENT TRUSTS', 'Real Estate'],
    ['MSFT', 'TECHNOLOGY', 'SERVICES-PREPACKAGED SOFTWARE', 'Information Technology'],
  ])('%s: %s / %s → %s', (_symbol, sector, industry, gics) => {
    expect(toGicsSector(sector, industry)).toBe(gics);
  });

  it('falls back to the SEC office without an industry, and returns undefined for unknown names', () => {
    expect(toGicsSector('LIFE SCIENCES')).toBe('Health Care');
    expect(toGicsSector('Crypto Things')).toBeUndefined();
    expect(toGicsSector(undefined)).toBeUndefined();
  });
});
