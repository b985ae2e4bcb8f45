import type { GicsSector } from '@da-ki/sdk';

// Sector names used by Yahoo Finance (Morningstar's classification) and by Alpha Vantage before it
// switched to SEC office names, mapped onto GICS.
const SECTOR_NAMES: Record<string, GicsSector> = {
  technology: 'Information Technology',
  'information technology': 'Information Technology',
  healthcare: 'Health Care',
  'health care': 'Health Care',
  'financial services': 'Financials',
  financial: 'Financials',
  financials: 'Financials',
  'consumer cyclical': 'Consumer Discretionary',
  'consumer discretionary': 'Consumer Discretionary',
  'consumer defensive': 'Consumer Staples',
  'consumer staples': 'Consumer Staples',
  'basic materials': 'Materials',
  materials: 'Materials',
  'communication services': 'Communication Services',
  'telecommunication services': 'Communication Services',
  industrials: 'Industrials',
  'industrial goods': 'Industrials',
  energy: 'Energy',
  utilities: 'Utilities',
  'real estate': 'Real Estate',
};

// Alpha Vantage's OVERVIEW reports the SEC's filer-review offices as "Sector". They cut across
// GICS (TECHNOLOGY holds AT&T, MANUFACTURING holds Coca-Cola and Ford), so the SIC industry is
// consulted first and the office is only the last resort.
const SEC_OFFICES: Record<string, GicsSector> = {
  technology: 'Information Technology',
  'life sciences': 'Health Care',
  finance: 'Financials',
  'real estate & construction': 'Real Estate',
  'energy & transportation': 'Energy',
  manufacturing: 'Industrials',
  'trade & services': 'Consumer Discretionary',
  'industrial applications and services': 'Industrials',
};

// SIC industry descriptions (as Alpha Vantage prints them) to GICS, first match wins; order matters
// (REITs before trusts, grocery and drug retail before retail and drugs).
const INDUSTRY_RULES: readonly [RegExp, GicsSector][] = [
  [/REAL ESTATE|\bREIT/, 'Real Estate'],
  [/RETAIL-(GROCERY|DRUG|VARIETY)|GROCER|FOOD STORES|CONVENIENCE STORES/, 'Consumer Staples'],
  [
    /PHARMACEUTICAL|BIOLOGICAL|MEDIC|SURGICAL|HOSPITAL|HEALTH|DENTAL|IN VITRO|DIAGNOSTIC|OPHTHALMIC|DRUGS/,
    'Health Care',
  ],
  [
    /BANK|SAVINGS INST|INSURANCE|SECURITY BROKERS|SECURITY & COMMODITY|INVESTMENT ADVICE|CREDIT|FINANC|LOAN/,
    'Financials',
  ],
  [
    /ELECTRIC SERVICES|ELECTRIC & OTHER SERVICES|GAS DISTRIBUTION|WATER SUPPLY|COGENERATION|STEAM/,
    'Utilities',
  ],
  [/PETROLEUM|CRUDE|\bOIL\b|DRILLING|NATURAL GAS|COAL|PIPE ?LINES/, 'Energy'],
  [
    /TELEPHONE|TELEGRAPH|COMMUNICATIONS SERV|CABLE & OTHER PAY|RADIO & TV|TELEVISION BROADCAST|MOTION PICTURE|ADVERTISING|NEWSPAPER|PERIODICALS|BOOKS/,
    'Communication Services',
  ],
  [
    /SEMICONDUCTOR|COMPUTER|SOFTWARE|ELECTRONIC|DATA PROCESSING|PRINTED CIRCUIT|INFORMATION RETRIEVAL/,
    'Information Technology',
  ],
  [
    /FOOD|BEVERAGE|BOTTLED|TOBACCO|CIGAR|SOAP|PERFUME|COSMETIC|MEAT|DAIRY|CANDY|GRAIN|POULTRY|MALT/,
    'Consumer Staples',
  ],
  [
    /MOTOR VEHICLE|\bAUTO|HOTEL|EATING|RESTAURANT|APPAREL|FOOTWEAR|FURNITURE|TOYS|AMUSEMENT|RECREATION|OPERATIVE BUILDERS|RETAIL|CATALOG|JEWELRY|SPORTING/,
    'Consumer Discretionary',
  ],
  [
    /CHEMICAL|STEEL|METAL|MINING|ORES|GOLD|SILVER|COPPER|PAPER|GLASS|CEMENT|LUMBER|PLASTIC|FERTILIZER|CONTAINERS/,
    'Materials',
  ],
  [
    /AIRCRAFT|AEROSPACE|MISSILES|RAILROAD|TRUCKING|AIR TRANSPORT|AIR COURIER|MACHINERY|CONSTRUCTION|ENGINEERING|INDUSTRIAL|TRANSPORTATION|SHIP|WASTE|REFUSE|HELP SUPPLY|ENGINES|PUMPS/,
    'Industrials',
  ],
];

/**
 * Maps a provider's sector name (and, when given, its SIC industry description) onto one of the
 * eleven GICS sectors. Knows Yahoo's names ("Consumer Cyclical", "Financial Services"), the GICS
 * names themselves and Alpha Vantage's SEC office names ("LIFE SCIENCES", "TRADE & SERVICES").
 * Returns `undefined` when the name cannot be placed, rather than inventing a sector.
 */
export function toGicsSector(sector: string | undefined, industry?: string): GicsSector | undefined {
  const trimmed = sector?.trim() ?? '';
  const key = trimmed.toLowerCase();
  // Upper-case office names ("TECHNOLOGY") are Alpha Vantage's SEC offices; mixed case ("Technology") is Yahoo's.
  const isSecOffice = key in SEC_OFFICES && trimmed === trimmed.toUpperCase();
  if (!isSecOffice && key in SECTOR_NAMES) return SECTOR_NAMES[key];
  const upperIndustry = industry?.trim().toUpperCase();
  if (upperIndustry) {
    for (const [pattern, gics] of INDUSTRY_RULES) if (pattern.test(upperIndustry)) return gics;
  }
  return SEC_OFFICES[key] ?? SECTOR_NAMES[key];
}
