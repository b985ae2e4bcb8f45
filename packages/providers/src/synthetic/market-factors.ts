import { createRng, GICS_SECTORS, type GicsSector, type Rng } from '@da-ki/sdk';
import { simulateGarch } from './garch.js';
import { SECTOR_PROFILES } from './sector-profiles.js';

/** Market regime of a day: {@link BULL} or {@link BEAR}. */
export type Regime = 0 | 1;
/** The bull-market regime. */
export const BULL: Regime = 0;
/** The bear-market regime. */
export const BEAR: Regime = 1;

/** Daily log returns of the market and sector factors, shared by every stock of a universe. */
export interface MarketFactors {
  /** Regime of each day (0 bull, 1 bear). */
  regimes: Uint8Array;
  /** Market factor log return per day. */
  market: Float64Array;
  /** Conditional volatility of the market factor per day. */
  marketVolatility: Float64Array;
  /** Sector factor log return per day, by sector. */
  sectors: ReadonlyMap<GicsSector, Float64Array>;
  /** Conditional volatility of each sector factor per day. */
  sectorVolatility: ReadonlyMap<GicsSector, Float64Array>;
}

// Bull markets drift up on low volatility, bear markets down on about twice the volatility, as in
// the two-state Markov-switching models of Hamilton (1989) fitted to US equities.
const REGIME_DRIFT = [0.0007, -0.0012] as const;
const REGIME_VOLATILITY = [0.0085, 0.017] as const;
const SECTOR_BEAR_VOLATILITY_FACTOR = 1.4;
// Spell lengths in trading days: bull markets last longer than bear markets.
const BULL_SPELL = [120, 320] as const;
const BEAR_SPELL = [30, 100] as const;

/** Simulates the market and sector factors of `days` trading days, deterministically from `seed`. */
export function simulateMarketFactors(seed: number | string, days: number): MarketFactors {
  const regimes = simulateRegimes(createRng(`${seed}|regimes`), days);
  const marketPath = simulateGarch(createRng(`${seed}|market`), days, {
    alpha: 0.09,
    beta: 0.89,
    dof: 5,
    longRunVolatility: (t) => REGIME_VOLATILITY[regimes[t] as Regime],
  });
  const market = new Float64Array(days);
  for (let t = 0; t < days; t++)
    market[t] = REGIME_DRIFT[regimes[t] as Regime] + (marketPath.shocks[t] as number);

  const sectors = new Map<GicsSector, Float64Array>();
  const sectorVolatility = new Map<GicsSector, Float64Array>();
  for (const sector of GICS_SECTORS) {
    const rng = createRng(`${seed}|sector|${sector}`);
    // A persistent sector drift makes some sectors lead and others lag over the two years.
    const drift = 0.0003 * rng.normal();
    const baseVolatility = SECTOR_PROFILES[sector].factorVolatility;
    const path = simulateGarch(rng, days, {
      alpha: 0.07,
      beta: 0.9,
      dof: 6,
      longRunVolatility: (t) =>
        regimes[t] === BEAR ? baseVolatility * SECTOR_BEAR_VOLATILITY_FACTOR : baseVolatility,
    });
    const returns = new Float64Array(days);
    for (let t = 0; t < days; t++) returns[t] = drift + (path.shocks[t] as number);
    sectors.set(sector, returns);
    sectorVolatility.set(sector, path.volatility);
  }
  return { regimes, market, marketVolatility: marketPath.volatility, sectors, sectorVolatility };
}

/**
 * Alternating bull and bear spells with uniformly drawn lengths, entered at a random point of a
 * bull spell, so that any window of a year or more sees at least one regime change.
 */
function simulateRegimes(rng: Rng, days: number): Uint8Array {
  const regimes = new Uint8Array(days);
  let regime: Regime = BULL;
  let remaining = rng.int(1, BULL_SPELL[1]);
  for (let t = 0; t < days; t++) {
    if (remaining === 0) {
      regime = regime === BULL ? BEAR : BULL;
      const [min, max] = regime === BULL ? BULL_SPELL : BEAR_SPELL;
      remaining = rng.int(min, max);
    }
    regimes[t] = regime;
    remaining--;
  }
  return regimes;
}
