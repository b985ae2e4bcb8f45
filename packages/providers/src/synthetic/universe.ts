import { createRng, GICS_SECTORS, type GicsSector, InvalidArgumentError, type Rng } from '@da-ki/sdk';
import { SECTOR_PROFILES, sectorCounts } from './sector-profiles.js';

/** A made-up listed company of the synthetic universe. */
export interface SyntheticCompany {
  symbol: string;
  /** Full company name, e.g. `Velantra Therapeutics Inc.`. */
  name: string;
  /** The brand alone, as headlines use it, e.g. `Velantra`. */
  shortName: string;
  sector: GicsSector;
}

const PREFIXES = [
  'Vel',
  'Cor',
  'Tam',
  'Nor',
  'Quin',
  'Bral',
  'Dex',
  'Ely',
  'Fen',
  'Gal',
  'Hal',
  'Ist',
  'Jor',
  'Kal',
  'Lum',
  'Mir',
  'Nov',
  'Orv',
  'Pel',
  'Ryn',
  'Sol',
  'Tor',
  'Ulm',
  'Var',
  'Wex',
  'Xan',
  'Yor',
  'Zel',
  'Ash',
  'Bel',
  'Cal',
  'Dor',
  'Ev',
  'Fal',
  'Gry',
  'Hel',
  'Ix',
  'Kor',
  'Lor',
  'Mar',
  'Nex',
  'Ost',
  'Pra',
  'Quo',
  'Rav',
  'Sev',
  'Tal',
  'Ver',
  'Wyn',
  'Zan',
] as const;
const MIDDLES = ['', 'a', 'e', 'i', 'o', 'an', 'en', 'on', 'ar', 'er', 'or', 'is', 'ex', 'ia', 'ul'] as const;
const ENDINGS = [
  'tra',
  'vex',
  'dyn',
  'lix',
  'mont',
  'ora',
  'quist',
  'ris',
  'stone',
  'tek',
  'thos',
  'vane',
  'wick',
  'zen',
  'line',
  'dale',
  'ford',
  'gate',
  'mark',
  'point',
  'field',
  'ridge',
  'ton',
  'ium',
  'ara',
  'ova',
  'ent',
  'ic',
  'ix',
  'on',
] as const;
const LEGAL_FORMS = ['Inc.', 'Corp.', 'Holdings', 'Group', 'Co.', 'Ltd.'] as const;

/** Most brand names a universe can hold (prefix × middle × ending). */
export const MAX_UNIVERSE_SIZE = PREFIXES.length * MIDDLES.length * ENDINGS.length;

// Tickers of well-known real companies and ETFs, never handed out, so that synthetic data is not
// mistaken for a real listing.
const RESERVED_TICKERS = new Set(
  (
    'AAPL MSFT GOOG GOOGL AMZN META TSLA NVDA BRK JPM JNJ V MA PG UNH HD DIS BAC XOM CVX PFE KO PEP ' +
    'WMT MRK ABBV AVGO COST TMO CSCO ABT ACN MCD NKE ORCL CRM ADBE INTC AMD QCOM TXN IBM GE F GM T VZ ' +
    'NFLX PYPL SBUX BA CAT MMM HON UPS FDX LMT RTX GS MS C WFC AXP BLK SCHW USB PNC TFC COF SPY QQQ ' +
    'DIA IWM VTI VOO GLD SLV AMGN GILD BMY LLY MDT DHR ISRG CVS CI HUM ELV SYK BDX ZTS REGN VRTX BIIB ' +
    'MRNA NEE DUK SO D AEP EXC SRE XEL PLD AMT CCI EQIX SPG O PSA WELL DLR LIN APD SHW ECL NEM FCX DOW ' +
    'DD NUE COP EOG SLB OXY PSX MPC VLO KMI WMB HAL BKR LOW TGT TJX ROST BKNG MAR HLT CMG YUM LULU ' +
    'ADP INTU NOW SNOW UBER LYFT ABNB SHOP SQ PLTR CRWD PANW FTNT ZM DOCU TWLO NET DDOG MDB TEAM WDAY ' +
    'ADI MU AMAT LRCX KLAC NXPI MCHP ON ARM SMCI DELL HPQ HPE ANET CDNS SNPS CMCSA CHTR TMUS EA TTWO ' +
    'PARA WBD FOX NWS GIS K KHC MDLZ HSY CL KMB CLX MO PM STZ KDP MNST EL CAG SJM HRL TSN ADM BG DE ' +
    'UNP CSX NSC WM RSG ETN EMR ITW PH ROK GD NOC LHX TDG CARR OTIS JCI TT DAL UAL AAL LUV MET PRU AIG ' +
    'ALL TRV PGR CB MMC AON ICE CME SPGI MCO MSCI NDAQ ' +
    // Words no issuer would want as a ticker.
    'EVIL GAY SEX ASS DIE DEAD KILL NAZI KKK FUK FAG CUM HELL DAMN SHIT PISS POO WTF LOL BAD SAD'
  ).split(' '),
);

/**
 * Builds a deterministic universe of `count` made-up companies spread over the eleven GICS
 * sectors in S&P-like proportions: unique tickers of 2–5 letters derived from the brand, unique
 * brand names, sorted by ticker.
 */
export function generateUniverse(seed: number | string, count: number): SyntheticCompany[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_UNIVERSE_SIZE) {
    throw new InvalidArgumentError(
      'symbols',
      `must be an integer from 1 to ${MAX_UNIVERSE_SIZE}, got ${count}`,
    );
  }
  const rng = createRng(`${seed}|universe`);
  const usedBrands = new Set<string>();
  const usedTickers = new Set<string>(RESERVED_TICKERS);
  const companies: SyntheticCompany[] = [];
  const counts = sectorCounts(count);
  GICS_SECTORS.forEach((sector, sectorIndex) => {
    for (let k = 0; k < (counts[sectorIndex] as number); k++) {
      const brand = uniqueBrand(rng, usedBrands);
      const symbol = uniqueTicker(rng, brand, usedTickers);
      const industry = rng.pick(SECTOR_PROFILES[sector].nameSuffixes);
      const name =
        rng.next() < 0.6 ? `${brand} ${industry} ${rng.pick(LEGAL_FORMS)}` : `${brand} ${industry}`;
      companies.push({ symbol, name, shortName: brand, sector });
    }
  });
  return companies.sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
}

function uniqueBrand(rng: Rng, used: Set<string>): string {
  for (;;) {
    const brand = rng.pick(PREFIXES) + rng.pick(MIDDLES) + rng.pick(ENDINGS);
    if (!used.has(brand)) {
      used.add(brand);
      return brand;
    }
  }
}

/** Tickers as exchanges hand them out: mostly 3–4 letters taken from the name, a few of 2 or 5. */
function uniqueTicker(rng: Rng, brand: string, used: Set<string>): string {
  const letters = brand.toUpperCase().replace(/[^A-Z]/g, '');
  const consonants = letters[0] + letters.slice(1).replace(/[AEIOUY]/g, '');
  const roll = rng.next();
  const preferred = roll < 0.04 ? 2 : roll < 0.4 ? 3 : roll < 0.95 ? 4 : 5;
  const candidates: string[] = [];
  for (const length of [preferred, 3, 4, 5, 2]) {
    candidates.push(letters.slice(0, length), consonants.slice(0, length));
    // First letter plus letters picked from the rest keeps the ticker recognisable.
    for (let attempt = 0; attempt < 4; attempt++) {
      let ticker = letters[0] as string;
      while (ticker.length < length) ticker += letters[rng.int(1, letters.length - 1)];
      candidates.push(ticker);
    }
  }
  for (const ticker of candidates) {
    if (ticker.length >= 2 && ticker.length <= 5 && !used.has(ticker)) {
      used.add(ticker);
      return ticker;
    }
  }
  for (;;) {
    let ticker = letters[0] as string;
    const length = rng.int(3, 5);
    while (ticker.length < length) ticker += String.fromCharCode(65 + rng.int(0, 25));
    if (!used.has(ticker)) {
      used.add(ticker);
      return ticker;
    }
  }
}
